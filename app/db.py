"""The store: one SQLite file, its connection pragmas, sessions, and migrations on open."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.assets import package_path
from app.i18n import _
from app.services.errors import UserError

if TYPE_CHECKING:  # alembic is imported only when a migration may be needed (start-up time)
    from alembic.config import Config

DB_ENV = "TIMPORA_DB"
BUSY_TIMEOUT_MS = 5000


class StoreError(UserError):
    """The store cannot be opened as it is."""


def default_db_path() -> Path:
    """%LOCALAPPDATA%\\NotulenTimpora\\timpora.sqlite on Windows; the XDG data folder elsewhere."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("NotulenTimpora", appauthor=False)) / "timpora.sqlite"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then TIMPORA_DB, then the per-user data folder."""
    if explicit:
        return Path(explicit)
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    return default_db_path()


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # WAL must be set outside a transaction (inside one SQLite silently keeps "delete"); the
    # driver opens none before the first DML statement, so this is the right moment.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(package_path("migrations")))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def read_only_uri(path: Path) -> str:
    """A read-only SQLite URI; as_uri() escapes the spaces, '%' and '#' of Windows user folders."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def stored_revision(path: Path) -> str | None:
    """The schema revision written in the file, read without changing a byte of it."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise StoreError(_("The data file {path} cannot be opened: {error}").format(path=path, error=exc)) from exc
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchall()
        if not rows:
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables:
                raise StoreError(_("The file {path} is not a Notulen Timpora data file.").format(path=path))
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise StoreError(_("The file {path} is not a Notulen Timpora data file.").format(path=path)) from exc
    finally:
        conn.close()


def backup_file(path: Path, *, label: str) -> Path:
    """Copy the store aside with SQLite's online backup (consistent even with a WAL beside it)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{counter}{path.suffix}")
        counter += 1
    src = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


@dataclass
class Store:
    """An open store: the engine and a session factory over one file."""

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    backup_path: Path | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits if the block ends normally, rolls back otherwise."""
        session = self.session_factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_store(path: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """Open (creating or upgrading) the store; a store of a newer app version is refused untouched."""
    db_path = resolve_db_path(path)
    if db_path.is_dir():
        raise StoreError(_("{path} is a folder, not a data file.").format(path=db_path))
    if not db_path.exists() and not create:
        raise StoreError(_("There is no data file at {path}.").format(path=db_path))
    current = stored_revision(db_path)
    if current is not None and current == _head_in_files():
        # The usual start: the file is up to date, so alembic (a tenth of a second to import)
        # is not needed at all.
        engine = make_engine(db_path)
        return Store(path=db_path, engine=engine, session_factory=_session_factory(engine))
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:  # alembic raises a family of ResolutionError/CommandError
            raise StoreError(
                _(
                    "The data file {path} was written by a newer version of Notulen Timpora; update the app to open it."
                ).format(path=db_path)
            ) from exc
    db_path.parent.mkdir(parents=True, exist_ok=True)
    backup_path = None
    if current is not None and current != head:
        backup_path = backup_file(db_path, label=f"before-{head}")
    engine = make_engine(db_path)
    if current != head:
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    factory = _session_factory(engine)
    return Store(path=db_path, engine=engine, session_factory=factory, backup_path=backup_path)


def _session_factory(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    if engine.dialect.name == "sqlite":
        from app.services.search_index import keep_search_current

        # The search rows of the meetings a session changed are rebuilt once, as it commits.
        keep_search_current(factory)
    return factory


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]([^'\"]*)['\"]", re.MULTILINE)


def _head_in_files() -> str | None:
    """The one revision no migration file builds on, read from the files; None if unclear."""
    revisions, parents = set(), set()
    for path in package_path("migrations", "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            if found.get("down_revision"):
                parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def existing_store(db: str | os.PathLike[str] | None) -> Iterator[Store | None]:
    """The store if its file exists (an explicit path must exist), else None: for commands that
    consult a store when there is one and must never create it (signing, verifying)."""
    path = resolve_db_path(db)
    if not path.exists():
        if db:
            raise UserError(_("There is no store at {path}.").format(path=path))
        yield None
        return
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()
