"""Starts Qt: the application object, language and font, the store, and the main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import cast

from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME
from app.i18n import DEFAULT_LANGUAGE, _, current_language, set_language
from app.services.errors import UserError

#: Test hook (the kill -9 test): "MEETING_ID|TITLE TEXT|NUMBER TEXT" types into the open meeting.
TEST_TYPE_ENV = "TIMPORA_TEST_TYPE"


def demo_store_path() -> Path:
    """The demo store lives beside the user's own and never replaces it."""
    from app.db import demo_db_path

    return demo_db_path()


def make_qt_app() -> QApplication:
    """The one QApplication, in the chosen language, with our font and Indonesian button texts."""
    from app.ui import remembered
    from app.ui.look import apply_look
    from app.ui.qt_texts import IndonesianQtTexts

    if current_language() == DEFAULT_LANGUAGE and not os.environ.get("TIMPORA_LANG"):
        set_language(remembered.language())
    qt_app = cast(QApplication, QApplication.instance() or QApplication(sys.argv))
    qt_app.setApplicationName(APP_NAME)
    qt_app.setOrganizationName("NotulenTimpora")
    if not getattr(qt_app, "_timpora_ready", False):
        translator = IndonesianQtTexts(qt_app)
        qt_app.installTranslator(translator)
        apply_look(qt_app)
        qt_app._timpora_ready = True  # type: ignore[attr-defined]
    return qt_app


def open_window_store(*, db: str | None, demo: bool, create: bool = False):
    """The store the window works on; a missing one is created only with `create` (the user said so).

    Its pages are checked once the window has painted (MainWindow.page_check), not before."""
    from app.db import open_store

    store = open_store(demo_store_path() if demo else db, create=create or demo, begin_check=False)
    if demo:
        from app.services.demo import load_demo

        with store.session() as session:
            load_demo(session)
    return store


def run_window(*, db: str | None = None, demo: bool = False, open_file: str | None = None) -> int:
    from app.ui.system_libraries import missing_packages, uses_xcb, xcb_advice

    if uses_xcb() and (missing := missing_packages()):
        print(xcb_advice(missing), file=sys.stderr)  # instead of Qt's abort that names no package
        return 1
    qt_app = make_qt_app()
    from app.ui.missing_store import store_to_open

    # Asked before anything is written: the lock below makes the store's folder.
    wanted = store_to_open(db, demo=demo)
    if wanted is None:
        return 0
    db = wanted.db
    from app.db import window_key
    from app.ui.single_window import StoreWindowGuard, bring_forward, hand_over

    # One window per store: a second start (the icon again, a .timpora file double-clicked)
    # hands its wish to the window already open on this store, and leaves.
    guard = StoreWindowGuard(demo_store_path() if demo else window_key(db))
    if not guard.acquire():
        if hand_over(guard.store, open_file):
            return 0
        QMessageBox.warning(
            None,
            APP_NAME,
            _(
                "The data file {path} is open in another window of the app, which does not answer. "
                "Close that window (or end the app in the Task Manager), then start again."
            ).format(path=guard.store),
        )
        return 1
    from app.ui.app_icon import app_icon
    from app.ui.crash_guard import install_crash_guard
    from app.ui.main_window import MainWindow

    try:
        store = open_window_store(db=db, demo=demo, create=wanted.create)
    except UserError as exc:
        guard.release()
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1

    qt_app.setWindowIcon(app_icon())
    window = MainWindow(store)
    install_crash_guard(lambda: window)
    guard.requested.connect(lambda wanted: bring_forward(window, window.open_meeting_file, wanted))
    window.show()
    if os.environ.get(TEST_TYPE_ENV):
        _type_for_test(window, os.environ[TEST_TYPE_ENV])
    else:
        _first_screen(window, demo=demo, open_file=open_file)
    code = qt_app.exec()
    store.close()
    guard.release()
    return 1 if window.store_refused is not None else code


def keep_out_of_collections() -> None:
    """Leave what start-up made (modules, the window) out of the collector's later passes.

    They live as long as the app; without this, each full pass of Python's cyclic collector
    walks them all again, a 30 ms pause that lands on whatever allocates then (measured on the
    meeting list's 20,000 ids: 9 ms, or 40 with the pass).
    """
    gc.collect()
    gc.freeze()


def _first_screen(window, *, demo: bool, open_file: str | None) -> None:
    """The file the window was opened with, else the last meeting; a new office is set up first."""
    from PySide6.QtCore import QTimer

    def go() -> None:
        if not demo:
            window.first_start_if_needed()
        if open_file:
            window.open_meeting_file(Path(open_file))
        else:
            window.reopen_last()
        keep_out_of_collections()  # once the first screen is up, not before its first paint

    QTimer.singleShot(0, go)  # after the window is painted: the setup dialog opens over it


def _type_for_test(window, script: str) -> None:
    """Open a meeting and type as a person would, then say so on stdout (the test kills us)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    meeting_id, title, number = script.split("|", 2)

    def go() -> None:
        window.open_meeting(int(meeting_id))
        info = window.editor.info_tab
        info.title.setFocus()
        info.title.selectAll()
        QTest.keyClicks(info.title, title)
        # Leaving the field commits it at once. (PySide6 takes a character; its stubs list only keys.)
        QTest.keyClick(info.title, "\t")  # type: ignore[call-overload]
        info.number.setFocus()
        QTest.keyClicks(info.number, number)
        print("typed", flush=True)

    QTimer.singleShot(0, go)
