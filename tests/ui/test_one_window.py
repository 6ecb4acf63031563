"""One window per store: a second start hands over to the first; a killed first leaves a lock
that the next start takes over."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.db import open_store
from app.services.exchange import export_meeting
from app.services.meetings import create_meeting, list_meetings
from app.ui.single_window import StoreWindowGuard, hand_over, lock_path

ROOT = Path(__file__).resolve().parents[2]
HAND_OVER = (
    "import sys; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
    "from app.ui.single_window import hand_over; app = QCoreApplication([]); "
    "sys.exit(0 if hand_over(Path(sys.argv[1]), sys.argv[2], timeout_s=10) else 3)"
)


def _meeting_file(tmp_path: Path) -> Path:
    """A .timpora file of a meeting the test's store does not have."""
    other = open_store(tmp_path / "lain.sqlite")
    try:
        with other.session() as s:
            meeting = create_meeting(s, title="Rapat dari kantor lain", date=dt.date(2025, 2, 13))
            s.flush()
            export_meeting(s, meeting.id, tmp_path / "rapat-lain.timpora")
    finally:
        other.close()
    return tmp_path / "rapat-lain.timpora"


def _titles(path: Path) -> list[str]:
    store = open_store(path)
    try:
        with store.session() as s:
            return sorted(m.title for m in list_meetings(s))
    finally:
        store.close()


def test_a_second_guard_on_the_same_store_hands_over_in_process(qt_app, qtbot, tmp_path):
    store = tmp_path / "timpora.sqlite"
    first = StoreWindowGuard(store)
    assert first.acquire()
    try:
        assert not StoreWindowGuard(store).acquire()  # the same store, even by another path spelling
        assert not StoreWindowGuard(tmp_path / "." / "timpora.sqlite").acquire()
        assert StoreWindowGuard(tmp_path / "lain.sqlite").acquire()  # another store is free
        received: list[str] = []
        first.requested.connect(received.append)
        wanted = tmp_path / "rapat.timpora"
        # The second start is another process (a thread here would block in QLocalSocket).
        second = subprocess.Popen(
            [sys.executable, "-c", HAND_OVER, str(store), str(wanted)],
            cwd=ROOT,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
        assert second.returncode == 0 and received == [str(wanted.resolve())]
    finally:
        first.release()
    assert not hand_over(store, None, timeout_s=0.5)  # nobody holds it any more: nothing answers


def test_garbage_on_the_socket_only_brings_the_window_forward(qt_app, qtbot, tmp_path):
    from PySide6.QtNetwork import QLocalSocket

    from app.ui.single_window import server_name

    store = tmp_path / "timpora.sqlite"
    guard = StoreWindowGuard(store)
    assert guard.acquire()
    try:
        received: list[str] = []
        guard.requested.connect(received.append)
        socket = QLocalSocket()
        socket.connectToServer(server_name(store))
        assert socket.waitForConnected(2000)
        socket.write(b'{"open": ["../../etc/passwd"]\n')  # not a message this app sends
        socket.flush()
        qtbot.waitUntil(lambda: received == [""], timeout=3000)
        socket.abort()
    finally:
        guard.release()


def _start(args: list[str], tmp_path: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TIMPORA_SETTINGS=str(tmp_path / "s.ini"))
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
def test_a_second_start_hands_its_file_to_the_first_window_and_a_killed_one_is_taken_over(demo_store, tmp_path, qt_app):
    path = demo_store.path
    demo_store.close()
    meeting_file = _meeting_file(tmp_path)
    before = _titles(path)
    first = _start(["--db", str(path)], tmp_path)
    try:
        assert _wait(lambda: lock_path(path).exists(), 30), "the first window never took the store"
        second = _start(["--db", str(path), "gui", "--open", str(meeting_file)], tmp_path)
        second_code = second.wait(timeout=60)
        assert second_code == 0, second.stderr.read()
        assert first.poll() is None  # the first window is still there
        # The first window imported the file handed to it.
        assert _wait(lambda: "Rapat dari kantor lain" in _titles(path), 30)
        assert _titles(path) == sorted([*before, "Rapat dari kantor lain"])
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    assert lock_path(path).exists()  # a killed window leaves its lock behind ...
    guard = StoreWindowGuard(path)
    assert guard.acquire()  # ... which the next start takes over, its process being gone
    guard.release()
