"""Notices when something else writes the store under the window (a CLI import, a restore).

The window shows what it read; if another program changes the file, a later autosave or undo
would write the old values back. SQLite's `PRAGMA data_version`, read on a connection of its
own, changes whenever any other connection commits. This process's own commits (through the
store's engine, on any thread) are noted as they happen, so only changes made elsewhere are
reported. A change made elsewhere in the same couple of seconds as one of ours is seen at the
next one made elsewhere, not at once: the watch is for a store left open while other tools
work on it, which is when stale views do harm.
"""

from __future__ import annotations

import contextlib
import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import event

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
        event.listen(store.engine, "before_cursor_execute", self._own_statement)
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        self._open()

    def start(self) -> None:
        """Look every couple of seconds from now on (the window calls this once it is shown)."""
        if self._connection is not None and not self._timer.isActive():
            self._timer.start()

    def _own_statement(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        # Reads change nothing; anything else this process runs is its own write.
        if statement.lstrip()[:6].upper() not in ("SELECT", "PRAGMA"):
            self._own = True  # a plain assignment: safe from the worker thread too

    def _open(self) -> None:
        if self.store.is_server:
            return  # PRAGMA data_version is SQLite's; a server store is not watched (yet)
        try:
            self._connection = sqlite3.connect(read_only_uri(self.store.path), uri=True)
            self._seen = self._version()
        except sqlite3.Error:
            self._connection = None  # no watch rather than no window

    def _version(self) -> int | None:
        if self._connection is None:
            return None
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def check(self) -> bool:
        """True (and `changed_elsewhere` emitted) if another program wrote since the last look."""
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

    def watching(self) -> bool:
        return self._timer.isActive()

    def stop(self) -> None:
        self._timer.stop()
        if event.contains(self.store.engine, "before_cursor_execute", self._own_statement):
            event.remove(self.store.engine, "before_cursor_execute", self._own_statement)
        if self._connection is not None:
            self._connection.close()
            self._connection = None
