"""A store on a PostgreSQL server, shared by an office's laptops (issue 19).

`--db` or TIMPORA_DB may be a SQLAlchemy URL (`postgresql+psycopg://user@host/db`, or
`postgresql+psycopg:///db?host=/socket/dir` for a local socket) instead of a file path. The URL
never carries a password: libpq reads it from the user's `.pgpass` (`%APPDATA%\\postgresql\\
pgpass.conf` on Windows) or a service file (`postgresql+psycopg:///?service=kantor`), so nothing
the app writes or shows holds one. What SQLite needs (pragmas, the copy before an upgrade,
quick_check, read-only URIs) stays in app/db.py; PostgreSQL has its own means for each
(transactional DDL, the server's own durability and backups).
"""

from __future__ import annotations

import getpass
import os
import socket
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import _
from app.store_errors import StoreError

#: How long a start waits for a server that does not answer (a laptop off the office network).
CONNECT_TIMEOUT_S = 10
#: One transaction-level advisory lock key: two laptops upgrading one server take turns.
UPGRADE_LOCK = 0x7470_0019


def server_url(value: str | os.PathLike[str] | None) -> URL | None:
    """The URL `value` names, or None when it is a file path (the SQLite store)."""
    if value is None or isinstance(value, Path):
        return None
    raw = os.fspath(value)
    if "://" not in raw:
        return None  # C:\\Users\\..., /home/..., timpora.sqlite

    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(_("{url} is not a valid database address.").format(url=raw)) from exc
    if url.get_backend_name() != "postgresql":
        raise StoreError(
            _("Only PostgreSQL servers can hold a shared store; {url} names another kind of database.").format(
                url=safe_url(url)
            )
        )
    if url.password is not None:
        raise StoreError(
            _(
                "The address {url} contains a password; a password is never written into the settings or the "
                "command line. Remove it from the address and put it in your .pgpass file (pgpass.conf on "
                "Windows) or a PostgreSQL service file."
            ).format(url=safe_url(url))
        )
    if url.drivername != "postgresql+psycopg":
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver the app ships
    return url


def safe_url(url: URL) -> str:
    """The URL as shown to the user and kept in logs and settings: never a password."""
    # set() would keep the password (None means "unchanged" there). Unquoted: the socket folder
    # reads as a path (host=/var/run/postgresql), and make_url reads it back the same.
    return unquote(url._replace(password=None).render_as_string(hide_password=False))


def holder_name() -> str:
    """Who this connection is, as the other secretaries see it when it holds a meeting."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        user = "?"
    return f"{user}@{socket.gethostname()}"[:63]  # application_name holds 63 bytes


def make_server_engine(url: URL) -> Engine:
    # pool_pre_ping: a laptop that slept or changed network gets a fresh connection instead of
    # the fault of a dead one on its next save.
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": f"Notulen Timpora {holder_name()}"},
    )


def _sqlstate(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    return getattr(orig, "sqlstate", None) or ""


#: SQLSTATE classes of a fault of the server or the connection, not of the code: connection
#: (08), resources (53), operator intervention (57, e.g. the server shutting down), system (58),
#: lock not available (55P03), serialization and deadlock (40), read-only transaction (25006).
_FAULT_CLASSES = ("08", "53", "57", "58", "40")


def is_server_fault(error: BaseException) -> bool:
    state = _sqlstate(error)
    if not state:
        return isinstance(error, OperationalError)  # no SQLSTATE: the connection itself failed
    return state.startswith(_FAULT_CLASSES) or state in ("55P03", "25006")


def describe_server_fault(error: BaseException, where: str) -> StoreError:
    """One sentence in the user's language for what the server (or the way to it) says."""

    orig = getattr(error, "orig", None) or error
    state = _sqlstate(error)
    message = str(orig).lower()
    if state in ("28P01", "28000") or "password authentication failed" in message or "no password supplied" in message:
        return StoreError(
            _(
                "The server {url} refused the user name or password. Check the password in your .pgpass file "
                "(pgpass.conf on Windows) or ask whoever looks after the server."
            ).format(url=where)
        )
    if state == "3D000" or ("database" in message and "does not exist" in message):
        return StoreError(
            _("The server {url} has no such database; ask whoever looks after the server to create it.").format(
                url=where
            )
        )
    if state == "42501":
        return StoreError(
            _("The server {url} does not allow this user to read or change the minutes.").format(url=where)
        )
    if state.startswith("40") or state == "55P03":
        return StoreError(
            _(
                "The server {url} was busy with the same records for another user; nothing was changed. "
                "Try again in a moment."
            ).format(url=where)
        )
    if state == "25006" or state.startswith("53"):
        return StoreError(
            _("The server {url} cannot store anything now (read-only or out of space); nothing was saved.").format(
                url=where
            )
        )
    if not state or state.startswith(("08", "57")):
        return StoreError(
            _(
                "The server {url} cannot be reached (no network, or the server is not running); nothing was saved. "
                "The laptop's own data file keeps working: start the app without --db to use it."
            ).format(url=where)
        )
    return StoreError(_("The server {url} cannot be used: {error}").format(url=where, error=orig))


# --- telling the other laptops that something changed -----------------------------------------
#: The NOTIFY channel every write to a server store is announced on (per database, as NOTIFY is).
CHANGES_CHANNEL = "timpora_changes"


def change_token(engine: Engine) -> str:
    """Who announced a change: this process's engine, so that a window ignores its own writes."""
    return f"{os.getpid()}:{id(engine)}"


def announce_changes(factory: sessionmaker[Session], engine: Engine) -> None:
    """Every session of `factory` that flushes sends one NOTIFY with its commit (NOTIFY is
    transactional: a rollback sends nothing, and the same one sent twice in a transaction arrives
    once). Open windows elsewhere listen (app/ui/store_watch.py) and read their list again."""
    token = change_token(engine)

    def announce(session: Session, _context: object) -> None:
        session.execute(text("SELECT pg_notify(:channel, :token)"), {"channel": CHANGES_CHANNEL, "token": token})

    event.listen(factory, "after_flush", announce)
