"""Backups of the store in a `Cadangan` folder beside it: taken, rotated, checked, restored.

Copies are made with SQLite's online backup API (app.db.checked_copy, which also copies the store
before an upgrade), so a backup taken while the window is open is consistent, and each copy is
checked with `PRAGMA integrity_check` before it gets its name. A restore first keeps the current
store aside (in the same folder), then copies the backup into the store through SQLite, so a
window holding the store waits for the lock instead of reading half a file.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.db import (
    StoreError,
    _head_in_files,
    check_backup,
    checked_copy,
    connect_file,
    copy_store,
    describe_fault,
    no_store,
)
from app.i18n import _

FOLDER_NAME = "Cadangan"
KEEP_LATEST = 10
KEEP_DAYS = 30
KEEP_MONTHS = 12
AUTOMATIC_EVERY = dt.timedelta(hours=1)

_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?P<aside>-sebelum-pulih)?\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    size: int
    #: The store as it was just before a restore replaced it (never rotated away automatically).
    kept_aside: bool = False

    @property
    def name(self) -> str:
        return self.path.name


def backup_folder(store: Path) -> Path:
    return Path(store).parent / FOLDER_NAME


def _free_name(folder: Path, stem: str, when: dt.datetime, *, aside: bool = False) -> Path:
    suffix = "-sebelum-pulih" if aside else ""
    stamp = when.strftime(_STAMP)
    target = folder / f"{stem}-{stamp}{suffix}.sqlite"
    counter = 1
    while target.exists():
        target = folder / f"{stem}-{stamp}-{counter}{suffix}.sqlite"
        counter += 1
    return target


def create_backup(store: Path, *, now: dt.datetime | None = None, rotate: bool = True, aside: bool = False) -> Path:
    """A checked copy of the store in Cadangan; older copies rotated away. The copy's path."""
    store = Path(store)
    if not store.is_file():
        raise no_store(store)
    now = now or dt.datetime.now()
    folder = backup_folder(store)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _("The backup folder {folder} cannot be made: {error}").format(folder=folder, error=exc.strerror or exc)
        ) from exc
    target = _free_name(folder, store.stem, now, aside=aside)
    checked_copy(store, target)
    if rotate:
        rotate_backups(store, now=now)
    return target


def export_store(store: Path, target: Path) -> Path:
    """The whole store (every meeting, person, agency, signature register entry, revision and the
    office's profile) as one checked file, for another laptop: `backup restore FILE` reads it."""
    store, target = Path(store), Path(target)
    if not store.is_file():
        raise no_store(store)
    if target.exists() and target.resolve() == store.resolve():
        raise StoreError(_("Choose another file than the data file itself."))
    if not target.parent.is_dir():
        raise StoreError(_("The folder {folder} does not exist.").format(folder=target.parent))
    checked_copy(store, target)
    return target


def list_backups(store: Path) -> list[Backup]:
    """The store's backups, newest first."""
    store = Path(store)
    folder = backup_folder(store)
    found = []
    for path in folder.glob(f"{store.stem}-*.sqlite") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if not match or match["stem"] != store.stem:
            continue
        taken = dt.datetime.strptime(match["stamp"], _STAMP)
        # A second copy in the same second is named "-1", "-2" ...: it is the newer one.
        found.append((taken, int(match["n"] or 0), Backup(path, taken, path.stat().st_size, bool(match["aside"]))))
    return [backup for *_order, backup in sorted(found, key=lambda f: f[:2], reverse=True)]


def meetings_in(path: Path) -> int | None:
    """How many meetings a backup holds (for choosing one); None if it cannot be read."""
    try:
        conn = connect_file(path, write=False)
        try:
            return conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def backups_to_keep(times: list[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """The last 10; the newest of each day for 30 days; the newest of each month for a year."""
    newest_first = sorted(times, reverse=True)
    keep = set(newest_first[:KEEP_LATEST])
    days: set[dt.date] = set()
    months: set[tuple[int, int]] = set()
    for when in newest_first:
        if now - when <= dt.timedelta(days=KEEP_DAYS) and when.date() not in days:
            days.add(when.date())
            keep.add(when)
        month = (when.year, when.month)
        if now - when <= dt.timedelta(days=366) and month not in months:
            months.add(month)
            keep.add(when)
    return keep


def rotate_backups(store: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic copies the rotation no longer keeps; the deleted paths."""
    now = now or dt.datetime.now()
    rotating = [b for b in list_backups(store) if not b.kept_aside]
    keep = backups_to_keep([b.taken_at for b in rotating], now)
    removed = []
    kept_times: set[dt.datetime] = set()
    for backup in rotating:  # newest first: of two copies in one second, the newer one stays
        if backup.taken_at in keep and backup.taken_at not in kept_times:
            kept_times.add(backup.taken_at)
            continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def backup_if_due(store: Path, *, now: dt.datetime | None = None) -> Path | None:
    """For the window: a backup when the newest is older than an hour (or there is none)."""
    now = now or dt.datetime.now()
    latest = next((b for b in list_backups(store) if not b.kept_aside), None)
    if latest is not None and now - latest.taken_at < AUTOMATIC_EVERY:
        return None
    return create_backup(store, now=now)


def find_backup(store: Path, which: str | None) -> Backup:
    """A backup by its file name or its number in `backup list` (1 = newest); newest if None."""
    backups = list_backups(store)
    if which is not None and not which.isdigit() and not any(b.name == which or b.path == Path(which) for b in backups):
        outside = Path(which)
        if outside.is_file():
            # A whole-store export (`backup export`), from this laptop or another one.
            stat = outside.stat()
            return Backup(outside, dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0), stat.st_size)
    if not backups:
        raise StoreError(
            _("There are no backups of {path} in {folder}.").format(path=store, folder=backup_folder(store))
        )
    if which is None or which == "latest":
        return next((b for b in backups if not b.kept_aside), backups[0])
    if which.isdigit() and 1 <= int(which) <= len(backups):
        return backups[int(which) - 1]
    for backup in backups:
        if backup.name == which or backup.path == Path(which):
            return backup
    raise StoreError(_("There is no backup {name}; `timpora backup list` shows them.").format(name=which))


def restore_backup(
    store: Path, which: str | None = None, *, now: dt.datetime | None = None
) -> tuple[Backup, Path | None]:
    """Put a backup in the store's place; the current store is kept aside first. (backup, aside)."""
    store = Path(store)
    backup = find_backup(store, which)
    problem = check_backup(backup.path)
    if problem:
        raise StoreError(
            _("The backup {name} cannot be restored: {problem}.").format(name=backup.name, problem=problem)
        )
    revision = _revision_of(backup.path)
    if revision is not None and revision != _head_in_files() and _newer_than_app(revision):
        raise StoreError(
            _("The backup {name} was written by a newer version of Notulen Timpora; update the app first.").format(
                name=backup.name
            )
        )
    problem = _schema_problem(backup.path, revision)
    if problem:
        raise StoreError(
            _("The backup {name} cannot be restored: {problem}.").format(name=backup.name, problem=problem)
        )
    if not store.parent.is_dir():
        raise no_store(store)
    aside = None
    if store.exists():
        aside = _keep_aside(store, now or dt.datetime.now())
    try:
        copy_store(backup.path, store)
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise describe_fault(exc, store) from exc
        # The store is too damaged for SQLite to write into: the file is replaced whole. Its
        # old -wal and -shm belong to the damaged file and go with it.
        _replace_file(backup.path, store)
    return backup, aside


def _keep_aside(store: Path, now: dt.datetime) -> Path:
    """The current store, copied into Cadangan before anything replaces it."""
    folder = backup_folder(store)
    folder.mkdir(exist_ok=True)
    target = _free_name(folder, store.stem, now, aside=True)
    try:
        copy_store(store, target)
    except sqlite3.DatabaseError:
        # A damaged store cannot be read page by page: its bytes (and its WAL) are kept as they are.
        shutil.copyfile(store, target)
        wal = Path(f"{store}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{target}-wal"))
    return target


def _replace_file(source: Path, store: Path) -> None:
    partial = store.with_name(f".{store.name}.restore.part")
    shutil.copyfile(source, partial)
    for extra in (Path(f"{store}-wal"), Path(f"{store}-shm"), Path(f"{store}-journal")):
        extra.unlink(missing_ok=True)
    os.replace(partial, store)


def _revision_of(path: Path) -> str | None:
    conn = connect_file(path, write=False)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def _newer_than_app(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    from app.db import alembic_config

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception:  # alembic's ResolutionError family: a revision this app does not know
        return True
    return False


def _schema_of(path: Path) -> set[tuple[str, str, str]]:
    conn = connect_file(path, write=False)
    try:
        rows = conn.execute(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        ).fetchall()
    finally:
        conn.close()
    return {(kind, name, " ".join(sql.split())) for kind, name, sql in rows}


@functools.cache
def _reference_schema(revision: str) -> frozenset[tuple[str, str, str]]:
    """What this app's migrations make at `revision`, in a throw-away store."""
    import tempfile

    from alembic import command

    from app.db import alembic_config, make_engine

    with tempfile.TemporaryDirectory(prefix="timpora-schema-") as folder:
        engine = make_engine(Path(folder) / "reference.sqlite")
        try:
            with engine.begin() as conn:
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        finally:
            engine.dispose()
        return frozenset(_schema_of(Path(folder) / "reference.sqlite"))


def _schema_problem(path: Path, revision: str | None) -> str | None:
    """None when the file holds exactly the tables, indexes, triggers and views this app makes
    at its revision. A file from elsewhere is restored whole into the store; one with a trigger
    or view of its own making would run inside the app ever after, so it is refused."""
    if revision is None:
        return _("the copy is not a Notulen Timpora data file")
    expected = _reference_schema(revision)
    found = _schema_of(path)
    if found == expected:
        return None
    strange = sorted({name for _kind, name, _sql in found ^ expected})
    return _("its tables are not those Notulen Timpora makes ({names})").format(names=", ".join(strange[:5]))
