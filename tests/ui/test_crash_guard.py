"""An unexpected error in the window: the dialog says so, the log has it, the data is intact."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QPushButton

from app.services.errors import NotFoundError
from app.services.meetings import create_meeting, get_meeting, update_meeting
from app.ui.crash_dialog import CrashDialog
from app.ui.crash_guard import CRASH_TEST_ENV, EXIT_AFTER_CRASH, install_crash_guard

pytestmark = pytest.mark.qt_no_exception_capture  # the guard is the hook under test

TITLE = "Rapat Koordinasi Tim PORA"


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("TIMPORA_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot):
    main = QMainWindow()
    main.setCentralWidget(QPushButton("Rapat"))
    qtbot.addWidget(main)
    main.show()
    return main


@pytest.fixture
def guard(window, log_dir, monkeypatch):
    monkeypatch.setenv(CRASH_TEST_ENV, "1")
    installed = install_crash_guard(lambda: window)
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()


@pytest.fixture
def meeting_id(store):
    with store.session() as session:
        return create_meeting(session, title=TITLE, date=dt.date(2024, 11, 21)).id


def _dialog(qtbot, guard) -> CrashDialog:
    qtbot.waitUntil(lambda: guard.dialog is not None and guard.dialog.isVisible(), timeout=3000)
    return guard.dialog


def _title(store, meeting_id) -> str:
    with store.session() as session:
        return get_meeting(session, meeting_id).title


def test_a_forced_error_shows_the_dialog_writes_the_log_and_keeps_the_meeting(
    qtbot, window, guard, store, meeting_id, log_dir
):
    window.findChild(QAction, "forceCrashAction").trigger()  # the hidden test action

    dialog = _dialog(qtbot, guard)
    log_file = log_dir / "timpora.log"
    assert "ForcedCrash: forced by the test hook" in log_file.read_text(encoding="utf-8")
    assert str(log_file) in dialog.findChild(QLabel, "crashLogPath").text()
    assert dialog.parent() is window and "Data Anda aman" in _texts(dialog)
    assert _title(store, meeting_id) == TITLE

    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and window.isVisible()


def test_an_edit_that_fails_half_way_is_undone_and_the_app_keeps_running(qtbot, window, guard, store, meeting_id):
    def half_edit() -> None:
        with store.session() as session:
            update_meeting(session, meeting_id, title="Judul setengah jadi")
            raise RuntimeError("bug after the first change")

    button = window.centralWidget()
    button.clicked.connect(half_edit)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = _dialog(qtbot, guard)
    assert "bug after the first change" in _texts(dialog)
    assert _title(store, meeting_id) == TITLE
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    # Still alive: the next edit goes through.
    button.clicked.disconnect(half_edit)
    with store.session() as session:
        update_meeting(session, meeting_id, title="Rapat Evaluasi")
    assert _title(store, meeting_id) == "Rapat Evaluasi"


def test_an_error_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, guard, log_dir):
    worker = threading.Thread(target=lambda: 1 / 0, name="export-worker")
    worker.start()
    worker.join()

    dialog = _dialog(qtbot, guard)
    assert dialog.thread() is QApplication.instance().thread()
    assert "ZeroDivisionError" in (log_dir / "timpora.log").read_text(encoding="utf-8")


def test_quit_closes_the_window_and_ends_the_event_loop(qtbot, window, guard):
    exits = []
    guard.exit_app = exits.append  # the real one would end the QApplication all tests share
    window.findChild(QAction, "forceCrashAction").trigger()
    dialog = _dialog(qtbot, guard)
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and exits == [EXIT_AFTER_CRASH]


def test_a_user_error_nobody_caught_is_shown_as_its_message_not_as_a_crash(qtbot, window, guard, monkeypatch):
    shown = []
    monkeypatch.setattr("app.ui.crash_guard.QMessageBox.warning", lambda parent, title, text: shown.append(text))
    guard.handle(NotFoundError, NotFoundError("Tidak ada rapat 7."), None)
    qtbot.waitUntil(lambda: shown == ["Tidak ada rapat 7."], timeout=3000)
    assert guard.dialog is None


def test_one_dialog_at_a_time(qtbot, window, guard, log_dir):
    action = window.findChild(QAction, "forceCrashAction")
    action.trigger()
    first = _dialog(qtbot, guard)
    action.trigger()
    qtbot.wait(50)
    assert guard.dialog is first and guard.count == 2


def _texts(dialog: CrashDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_a_dialog_that_cannot_open_is_logged_once_not_looped(qtbot, window, guard, log_dir, monkeypatch):
    def broken_dialog(**kwargs):
        raise RuntimeError("no dialog today")

    monkeypatch.setattr("app.ui.crash_guard.CrashDialog", broken_dialog)
    window.findChild(QAction, "forceCrashAction").trigger()
    qtbot.wait(100)
    text = (log_dir / "timpora.log").read_text(encoding="utf-8")
    assert text.count("the error dialog itself failed") == 1 and guard.count == 1
