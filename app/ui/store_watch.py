"""Notices when something else writes the store under the window (a CLI import, a restore).

The window shows what it read; if another program changes the file, a later autosave or undo
would write the old values back. SQLite's `PRAGMA data_version`, read on a connection of its
own, changes whenever any other connection commits. This process's own commits (through the
store's engine, on any thread) are noted as they happen, so only changes made elsewhere are
reported. A change made elsewhere in the same couple of seconds as one of ours is seen at the
next one made elsewhere, not at once: the watch is for a store left open while other tools
work on it, which is when stale views do harm.

A server store has no data_version: every write through a store's session sends a NOTIFY with
its commit (app/db_server.py, announce_changes), naming the engine that wrote it. The watch
LISTENs on a connection of its own and, at each look, collects what arrived; its own store's
announcements are not news.
"""

from __future__ import annotations

import contextlib
import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Connection, event, text
from sqlalchemy.exc import SQLAlchemyError

from app.db import Store, read_only_uri

POLL_MS = 2000


class StoreWatch(QObject):
    changed_elsewhere = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, *, poll_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.store = store
        self._own = False
        self._connection: sqlite3.Connection | None = None
        self._seen: int | None = None
        self._listener: Connection | None = None  # a server store's LISTEN connection
        self._heard = False
        event.listen(store.engine, "before_cursor_execute", self._own_statement)
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        self._open()

    def start(self) -> None:
        """Look every couple of seconds from now on (the window calls this once it is shown)."""
        if (self._connection is not None or self._listener is not None) and not self._timer.isActive():
            self._timer.start()

    def _own_statement(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        # Reads change nothing; anything else this process runs is its own write.
        if statement.lstrip()[:6].upper() not in ("SELECT", "PRAGMA"):
            self._own = True  # a plain assignment: safe from the worker thread too

    def _open(self) -> None:
        if self.store.is_server:
            self._listen()
            return
        try:
            self._connection = sqlite3.connect(read_only_uri(self.store.path), uri=True)
            self._seen = self._version()
        except sqlite3.Error:
            self._connection = None  # no watch rather than no window

    def _listen(self) -> None:
        from app.db_server import CHANGES_CHANNEL, change_token

        own = change_token(self.store.engine)

        def heard(notice: object) -> None:
            if getattr(notice, "payload", None) != own:
                self._heard = True

        try:
            listener = self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        except SQLAlchemyError:
            return  # no watch rather than no window
        try:
            driver = listener.connection.driver_connection
            listener.detach()  # its own for good: closing it ends the LISTEN, no pool keeps it
            listener.exec_driver_sql(f"LISTEN {CHANGES_CHANNEL}")
            driver.add_notify_handler(heard)  # type: ignore[union-attr]
        except SQLAlchemyError:
            with contextlib.suppress(SQLAlchemyError):
                listener.close()
            return
        self._listener = listener

    def _check_server(self) -> bool:
        assert self._listener is not None
        try:
            self._listener.execute(text("SELECT 1"))  # the notices that arrived meanwhile are handed over
        except SQLAlchemyError:
            self._drop_listener()  # the connection dropped: no watch rather than a fault every look
            return False
        heard, self._heard = self._heard, False
        if heard:
            self.changed_elsewhere.emit()
        return heard

    def _drop_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._listener.close()
            self._listener = None

    def _version(self) -> int | None:
        if self._connection is None:
            return None
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def check(self) -> bool:
        """True (and `changed_elsewhere` emitted) if another program wrote since the last look."""
        if self._listener is not None:
            return self._check_server()
        if self._connection is None:
            return False
        try:
            version = self._version()
        except sqlite3.Error:
            return False
        if version == self._seen:
            return False  # (an own write not yet committed stays noted for the next look)
        self._seen = version
        own, self._own = self._own, False
        if own:
            return False
        self.changed_elsewhere.emit()
        return True

    def acknowledge(self) -> None:
        """The window itself replaced the store (a restore): what is there now is not news."""
        with contextlib.suppress(sqlite3.Error):
            self._seen = self._version()
        self._own = False
        if self._listener is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._listener.execute(text("SELECT 1"))
        self._heard = False

    def watching(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()
        if event.contains(self.store.engine, "before_cursor_execute", self._own_statement):
            event.remove(self.store.engine, "before_cursor_execute", self._own_statement)
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._drop_listener()
