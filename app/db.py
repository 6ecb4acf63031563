"""The store: one SQLite file (or a PostgreSQL database, app/db_server.py), its connection
pragmas, sessions, and migrations on open."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.assets import package_path
from app.i18n import _
from app.store_check import PageCheck, guard_writes
from app.store_errors import NoStoreError, StoreError

if TYPE_CHECKING:  # alembic is imported only when a migration may be needed (start-up time)
    from alembic.config import Config
    from sqlalchemy.engine import URL

DB_ENV = "TIMPORA_DB"
BUSY_TIMEOUT_MS = 5000


def _seconds() -> str:
    return f"{BUSY_TIMEOUT_MS // 1000}"


def is_store_fault(error: BaseException) -> bool:
    """A fault of the file or the disk (locked, read-only, full, damaged, I/O), not of the code."""
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", "") or ""
    return name.startswith(_FAULT_CODES)


_FAULT_CODES = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_READONLY",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_CORRUPT",
    "SQLITE_NOTADB",
    "SQLITE_CANTOPEN",
    "SQLITE_PROTOCOL",
    "SQLITE_NOLFS",
)


def describe_fault(error: BaseException, path: Path) -> StoreError:
    """The one true sentence for what SQLite (or the system) says went wrong with the store."""
    orig = getattr(error, "orig", None) or error
    name = getattr(orig, "sqlite_errorname", "") or ""
    text = str(orig).lower()
    folder = Path(path).parent
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return StoreError(
            _(
                "The data file {path} is in use by another program and stayed locked for more than {seconds} s; "
                "nothing was changed. Close the other Notulen Timpora window or wait for its work to end, "
                "then try again."
            ).format(path=path, seconds=_seconds())
        )
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return read_only_store(path)
    if name in ("SQLITE_FULL", "SQLITE_IOERR_WRITE", "SQLITE_IOERR_FSYNC", "SQLITE_IOERR_TRUNCATE") or (
        "disk is full" in text
    ):
        return StoreError(
            _(
                "The data file {path} could not be written: the disk is full or the file may grow no larger. "
                "Nothing was saved; free some space and try again."
            ).format(path=path)
        )
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return damaged_store(path)
    if name == "SQLITE_NOTADB" or "not a database" in text:
        return StoreError(_("The file {path} is not a Notulen Timpora data file.").format(path=path))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError(
            _(
                "The data file {path} cannot be opened: the folder {folder} may be read-only, gone, "
                "or on a disconnected drive."
            ).format(path=path, folder=folder)
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in text:
        return StoreError(
            _(
                "The data file {path} could not be read or written (a disk or network error); "
                "nothing was saved. Check the drive and try again."
            ).format(path=path)
        )
    return StoreError(_("The data file {path} cannot be used: {error}").format(path=path, error=orig))


def read_only_store(path: Path) -> StoreError:
    return StoreError(
        _(
            "The data file {path} is read-only, so nothing can be saved in it. Remove the read-only mark "
            "in its properties, or copy it to a folder you can write to and open it there."
        ).format(path=path)
    )


def read_only_folder(path: Path) -> StoreError:
    return StoreError(
        _(
            "The folder {folder} is read-only; the data file {path} needs to write its journal beside it. "
            "Move the file to a folder you can write to, or ask for write permission."
        ).format(folder=Path(path).parent, path=path)
    )


def damaged_store(path: Path) -> StoreError:
    return StoreError(
        _(
            "The data file {path} is damaged; nothing will be written into it. Restore the latest backup "
            "(timpora backup restore) or copy the file aside and ask for help."
        ).format(path=path)
    )


def no_store(path: Path) -> NoStoreError:
    return NoStoreError(
        _("There is no data file at {path}; create one with `timpora init` or check the --db path.").format(path=path)
    )


def default_db_path() -> Path:
    """%LOCALAPPDATA%\\NotulenTimpora\\timpora.sqlite on Windows; the XDG data folder elsewhere."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("NotulenTimpora", appauthor=False)) / "timpora.sqlite"


def demo_db_path() -> Path:
    """The demo store lives beside the user's own and never replaces it."""
    return default_db_path().with_name("timpora-demo.sqlite")


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then TIMPORA_DB, then the per-user data folder."""
    if explicit:
        return Path(explicit)
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    return default_db_path()


def _connection_setup(check: PageCheck | None) -> Callable[[sqlite3.Connection, object], None]:
    def on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # WAL must be set outside a transaction (inside one SQLite silently keeps "delete"); the
        # driver opens none before the first DML statement, so this is the right moment.
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            if check is not None:
                check.wait()  # switching writes the file's header: not into a damaged store
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    return on_connect


def make_engine(path: Path, check: PageCheck | None = None) -> Engine:
    """The engine over the file; with `check` (still under way), nothing is written before it passed."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _connection_setup(check))
    if check is not None:
        guard_writes(engine, check)
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


def window_key(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The path the one-window lock is taken on: the store's file, or for a server store a
    stand-in in the data folder named after its URL (one window per server database too)."""
    import hashlib

    from app.db_server import safe_url, server_url

    url = server_url(explicit if explicit else os.environ.get(DB_ENV))
    if url is None:
        return resolve_db_path(explicit)
    digest = hashlib.sha256(safe_url(url).encode("utf-8")).hexdigest()[:16]
    return default_db_path().with_name(f"server-{digest}")


def _check_writable(path: Path) -> None:
    """A read-only file or folder is said to be one before SQLite fails half-way through."""
    if path.exists() and not os.access(path, os.W_OK):
        raise read_only_store(path)
    if not os.access(path.parent, os.W_OK):
        raise read_only_folder(path)


def stored_revision(path: Path) -> str | None:
    """The schema revision written in the file, read without changing a byte of it (cheap: the
    schema and one row; the pages are checked apart, by check_pages).

    The connection is a writable one that writes nothing: closing it, SQLite removes the -wal and
    -shm files it made (a read-only connection leaves them behind).
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with _file_connection(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchall()
        if not rows:
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables:
                raise StoreError(_("The file {path} is not a Notulen Timpora data file.").format(path=path))
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None


def check_pages(path: Path) -> None:
    """Read every page of the file (`PRAGMA quick_check`); a damaged store raises StoreError."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with _file_connection(path) as conn:
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise damaged_store(path)


@contextmanager
def _file_connection(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to the file that writes nothing; SQLite's faults become StoreErrors."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise describe_fault(exc, path) from exc
    try:
        yield conn
    except sqlite3.Error as exc:
        raise describe_fault(exc, path) from exc
    finally:
        conn.close()


def integrity_problems(path: Path, *, limit: int = 20) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with the store (empty when it is whole)."""
    path = Path(path)
    if not path.is_file():
        raise no_store(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise describe_fault(exc, path) from exc
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        if not getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            raise describe_fault(exc, path) from exc
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


# --- copies of a store file: backups (app/backups.py), the copy before an upgrade -----------------


def connect_file(path: Path, *, write: bool) -> sqlite3.Connection:
    """A connection that never creates the file; a writable one even to read, because closing it
    lets SQLite remove the -wal and -shm it made (a read-only one leaves them)."""
    mode = "rw" if write or os.access(path, os.W_OK) else "ro"
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def copy_store(source: Path, target: Path) -> None:
    """`source` into `target` with the online backup API (target created or overwritten)."""
    src = connect_file(source, write=False)
    try:
        dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def check_backup(path: Path) -> str | None:
    """None when the copy is whole (`integrity_check`) and a Notulen Timpora store; else why not."""
    try:
        conn = connect_file(path, write=False)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)]:
                return _("the copy is damaged")
            has_version = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()[0]
            if not has_version:
                return _("the copy is not a Notulen Timpora data file")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return None


def checked_copy(store: Path, target: Path) -> None:
    """The store copied to `target` through a hidden partial file, named only once checked: a
    copy cut off half way leaves no file under `target`'s name. The one way a store is copied."""
    partial = target.with_name(f".{target.name}.part")
    try:
        copy_store(store, partial)
        problem = check_backup(partial)
        if problem:
            raise StoreError(
                _("The backup of {path} failed its check ({problem}); the store itself may be damaged.").format(
                    path=store, problem=problem
                )
            )
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise describe_fault(exc, store) from exc
    except OSError as exc:
        raise StoreError(
            _("The backup {path} cannot be written: {error}").format(path=target, error=exc.strerror or exc)
        ) from exc
    finally:
        for leftover in (partial, Path(f"{partial}-journal"), Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)


def backup_file(path: Path, *, label: str) -> Path:
    """Copy the store aside before an upgrade, as every backup is copied (`checked_copy`)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{counter}{path.suffix}")
        counter += 1
    checked_copy(path, target)
    return target


@dataclass
class Store:
    """An open store: the engine and a session factory over one file or one server database.

    `path` is the SQLite file; for a server store it is a stand-in made of the URL (its `.name`
    the database's name) and `url` is the URL without any password. SQLite-only parts (backups,
    the store watch, integrity checks) look at `is_server` first.
    """

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    backup_path: Path | None = None
    url: str | None = None
    #: The file's page check, still under way or answered (app/store_check.py); None on a server.
    page_check: PageCheck | None = None

    @property
    def is_server(self) -> bool:
        return self.engine.dialect.name != "sqlite"

    @property
    def location(self) -> str:
        """What to show the user: the file's path or the server URL (never with a password)."""
        return self.url if self.url is not None else str(self.path)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits if the block ends normally, rolls back otherwise.

        A fault of the store (locked, read-only, disk full, damaged) becomes a StoreError naming
        the file; an IntegrityError is left to the caller, who may try again, and any other
        database error (a bug) stays what it is.
        """
        session = self.session_factory()
        try:
            yield session
            session.commit()
        except (OperationalError, DatabaseError) as exc:
            _quiet_rollback(session)
            if self.is_server:
                from app.db_server import describe_server_fault, is_server_fault

                if isinstance(exc, IntegrityError) or not is_server_fault(exc):
                    raise
                raise describe_server_fault(exc, self.location) from exc
            if isinstance(exc, IntegrityError) or not is_store_fault(exc):
                raise  # a race the caller may retry, or a bug that must show as one
            raise describe_fault(exc, self.path) from exc
        except BaseException:
            _quiet_rollback(session)
            raise
        finally:
            session.close()

    def wait_checked(self) -> None:
        """Wait for the file's page check (begun at open); a damaged store raises StoreError."""
        if self.page_check is not None:
            self.page_check.wait()

    def close(self) -> None:
        self.engine.dispose()


def _quiet_rollback(session: Session) -> None:
    """Roll back; a store that cannot even do that has already said why."""
    with suppress(OperationalError, DatabaseError):
        session.rollback()


def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    create: bool = True,
    upgrade_server: bool = False,
    begin_check: bool = True,
) -> Store:
    """Open (creating or upgrading) the store; a store of a newer app version is refused untouched.

    The file is checked first: a folder, a missing file (unless `create`), a read-only file or
    folder, a file that is not a store and a damaged store are each refused with their own message.
    A SQLAlchemy URL (`postgresql+psycopg://user@host/db`) opens a server store instead
    (app/db_server.py); its schema is upgraded only with `upgrade_server` (`timpora init`), since
    other laptops with the older app share it.

    A file already at the app's schema is opened at once, for reading: its pages are checked in
    a thread (begun here, or by the caller with `store.page_check.start()` when `begin_check` is
    false: the window begins it after its first paint), and its first write waits for that
    check's answer (app/store_check.py). A file to create or upgrade is checked before.
    """
    from app.db_server import server_url

    url = server_url(path if path else os.environ.get(DB_ENV))
    if url is not None:
        return open_server_store(url, create=create, upgrade=upgrade_server)
    db_path = resolve_db_path(path)
    if db_path.is_dir():
        raise StoreError(_("{path} is a folder, not a data file.").format(path=db_path))
    if not db_path.exists() and not create:
        raise no_store(db_path)
    if db_path.exists():
        _check_writable(db_path)
    current = stored_revision(db_path)
    if current is not None and current == _head_in_files():
        # The usual start: the file is up to date, so alembic (a tenth of a second to import)
        # is not needed at all.
        check = PageCheck(db_path, check_pages)
        engine = make_engine(db_path, check)
        if begin_check:
            check.start()
        return Store(path=db_path, engine=engine, session_factory=_session_factory(engine), page_check=check)
    check_pages(db_path)  # before a migration writes into it
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
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _("The folder {folder} cannot be created: {error}").format(folder=db_path.parent, error=exc.strerror or exc)
        ) from exc
    _check_writable(db_path)
    backup_path = None
    if current is not None and current != head:
        backup_path = backup_file(db_path, label=f"before-{head}")
    engine = make_engine(db_path)
    if current != head:
        try:
            with engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except (OperationalError, DatabaseError) as exc:
            engine.dispose()
            raise describe_fault(exc, db_path) from exc
    factory = _session_factory(engine)
    return Store(path=db_path, engine=engine, session_factory=factory, backup_path=backup_path)


def _newer_schema(where: str) -> StoreError:
    return StoreError(
        _("The database on {url} was set up by a newer version of Notulen Timpora; update the app to open it.").format(
            url=where
        )
    )


def open_server_store(url: URL, *, create: bool, upgrade: bool) -> Store:
    """Connect, check the schema against the app's migrations, create or upgrade it if allowed.

    An empty database is set up when `create` (`timpora init`, the window's first start). An older
    schema is upgraded only with `upgrade` (`timpora init`): other laptops still running the older
    app share the server, so a start never upgrades it behind their back. The upgrade runs in one
    transaction (PostgreSQL's DDL is transactional), holding an advisory lock so two laptops never
    run it together; an interrupted one leaves the older schema whole.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from app.db_server import UPGRADE_LOCK, describe_server_fault, make_server_engine, safe_url

    where = safe_url(url)
    engine = make_server_engine(url)
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    try:
        with engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current is not None:
                try:
                    script.get_revision(current)
                except Exception as exc:  # alembic's ResolutionError/CommandError family
                    raise _newer_schema(where) from exc
            if current is None:
                others = conn.execute(
                    text("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
                ).scalar()
                if others:
                    raise StoreError(
                        _("The database on {url} holds other tables; it is not a Notulen Timpora store.").format(
                            url=where
                        )
                    )
                if not create:
                    raise StoreError(
                        _("The database on {url} is empty; set it up with `timpora init --db {url}`.").format(url=where)
                    )
            elif current != head and not upgrade:
                raise StoreError(
                    _(
                        "The database on {url} was set up by an older version of Notulen Timpora (revision {revision}). "
                        "Ask whoever looks after the server to upgrade it with `timpora init --db {url}` "
                        "once every laptop has the new version."
                    ).format(url=where, revision=current)
                )
            if current != head:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
                # Another laptop may have upgraded while this one waited for the lock.
                current = MigrationContext.configure(conn).get_current_revision()
                if current != head:
                    cfg = alembic_config()
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
    except StoreError:
        engine.dispose()
        raise
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise describe_server_fault(exc, where) from exc
    return Store(
        path=Path(url.database or "postgresql"),
        engine=engine,
        session_factory=_session_factory(engine),
        url=where,
    )


def _session_factory(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(engine, expire_on_commit=False)
    if engine.dialect.name in ("sqlite", "postgresql"):
        from app.services.search_index import keep_search_current

        # The search rows of the meetings a session changed are rebuilt once, as it commits.
        keep_search_current(factory)
    if engine.dialect.name == "postgresql":
        from app.db_server import announce_changes

        announce_changes(factory, engine)  # other laptops' windows see the change (store_watch.py)
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
    from app.db_server import server_url

    if server_url(db if db else os.environ.get(DB_ENV)) is not None:
        server = open_store(db, create=False)
        try:
            yield server
        finally:
            server.close()
        return
    path = resolve_db_path(db)
    if not path.exists():
        if db:
            raise no_store(path)
        yield None
        return
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()
