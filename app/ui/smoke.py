"""The self-test's look at Qt: the window and the error dialog draw, with the app's icon.

A frozen build that lost a Qt plugin or a resource starts, then fails here, not on a laptop.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, qVersion
from PySide6.QtWidgets import QApplication

from app.db import Store
from app.logs import current_log_path
from app.ui.app_icon import app_icon

SHOTS_ENV = "TIMPORA_SELFTEST_SHOTS"


def draw_window(store: Store) -> str:
    """Build the main window over `store` and the crash dialog, draw both off screen."""
    from app.ui.crash_dialog import CrashDialog
    from app.ui.main_window import MainWindow

    qt_app = cast(QApplication, QApplication.instance() or QApplication(["timpora-selftest"]))
    icon = app_icon()
    if icon.isNull():
        raise AssertionError("the app icon did not load")
    window = MainWindow(store)
    dialog = CrashDialog(summary="RuntimeError: self-test", details="Traceback: self-test", log_path=current_log_path())
    # Where to save what was drawn, to look at it (CI uploads it from the Windows runner).
    shots = os.environ.get(SHOTS_ENV)
    try:
        for name, widget in (("window", window), ("crash-dialog", dialog)):
            picture = widget.grab()
            if picture.isNull() or picture.width() < 100:
                raise AssertionError(f"{type(widget).__name__} did not draw")
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                picture.save(str(Path(shots) / f"{name}.png"))
    finally:
        # Closed and deleted now, not at a next turn of an event loop that never comes: the
        # window's connections to the store must be gone before its folder is removed (Windows
        # refuses to delete an open file).
        window.close()
        dialog.deleteLater()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return f"Qt {qVersion()}, platform {qt_app.platformName()}"
