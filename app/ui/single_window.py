"""One window per store: a second start hands over to the first and leaves.

Two windows on one store each keep their own copy of what they show, and the stale one's
autosave writes old values back over the other's. So the first start takes a lock file beside
the store (QLockFile) and listens on a local socket named after the store; a later start that
finds the lock taken sends the running window what it was asked to do ("come to the front",
"open this .timpora file") and exits. A lock left by a killed process is stale (its process is
gone) and is taken over at once; a living one never goes stale, however old.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

#: How long a second start tries to reach the first (which may itself still be starting).
HANDOVER_TIMEOUT_S = 8.0
REPLY_OK = b"ok\n"


def _canonical(store: Path) -> Path:
    return Path(os.path.normcase(os.path.abspath(store)))


def server_name(store: Path) -> str:
    """A socket name of this user and this store: other users and other stores have their own."""
    digest = hashlib.sha256(f"{getpass.getuser()}|{_canonical(store)}".encode()).hexdigest()[:20]
    return f"notulen-timpora-{digest}"


def lock_path(store: Path) -> Path:
    store = _canonical(store)
    return store.with_name(store.name + ".lock")


class StoreWindowGuard(QObject):
    """The lock on one store and the socket a second start talks to."""

    #: A second start asked for the window: the file it was given (absolute), or "" for none.
    requested = Signal(str)

    def __init__(self, store: Path) -> None:
        super().__init__()
        self.store = _canonical(store)
        self.lock = QLockFile(str(lock_path(self.store)))
        # 0: never stale by age (a window stays open for days); stale only when its process is gone.
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this process now holds the store (a dead holder's lock is taken over)."""
        self.store.parent.mkdir(parents=True, exist_ok=True)
        # tryLock itself removes a lock whose process is gone (removeStaleLockFile would remove
        # a living one too, so it is never called).
        if not self.lock.tryLock(0):
            return False
        self._listen()
        return True

    def _listen(self) -> None:
        name = server_name(self.store)
        QLocalServer.removeServer(name)  # a socket file left by a killed holder
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._answer)
        self.server.listen(name)

    def _answer(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._ready)
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _ready(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        """One line of JSON, {"open": path}; answered "ok", then the connection is closed."""
        if not socket.canReadLine():
            return
        try:
            message = json.loads(bytes(socket.readLine().data()).decode("utf-8"))
            wanted = message.get("open") if isinstance(message, dict) else ""
            wanted = wanted if isinstance(wanted, str) else ""
        except (ValueError, UnicodeDecodeError):
            wanted = ""  # a garbled message still brings the window forward, nothing more
        socket.readyRead.disconnect(self._ready)
        socket.write(REPLY_OK)
        socket.flush()
        socket.disconnectFromServer()
        self.requested.emit(wanted)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()


def hand_over(store: Path, open_file: str | None, *, timeout_s: float = HANDOVER_TIMEOUT_S) -> bool:
    """Ask the window holding `store` to come forward (and open `open_file`); True once it said so."""
    message = json.dumps({"open": str(Path(open_file).resolve()) if open_file else ""}).encode("utf-8") + b"\n"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        socket = QLocalSocket()
        socket.connectToServer(server_name(store))
        if socket.waitForConnected(500):
            socket.write(message)
            while socket.bytesToWrite() and socket.waitForBytesWritten(1000):
                pass
            while not socket.canReadLine() and socket.waitForReadyRead(3000):
                pass
            if socket.canReadLine() and bytes(socket.readLine().data()) == REPLY_OK:
                socket.disconnectFromServer()
                return True
        socket.abort()
        time.sleep(0.2)  # the first window may still be starting: its socket comes a moment later
    return False


def bring_forward(window: QWidget, open_file: Callable[[Path], None], wanted: str) -> None:
    """Show the window in front; open the file handed over (after any dialog that is up)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window)
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.raise_()
        modal.activateWindow()
    if not wanted:
        return

    def open_when_free() -> None:
        if QApplication.activeModalWidget() is not None:
            QTimer.singleShot(500, open_when_free)  # a dialog is open: the file waits for it
            return
        open_file(Path(wanted))

    open_when_free()
