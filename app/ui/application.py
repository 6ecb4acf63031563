"""Starts Qt: the application object, the store, and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME
from app.i18n import _
from app.services.errors import UserError


def demo_store_path() -> Path:
    """The demo store lives beside the user's own and never replaces it."""
    from app.db import default_db_path

    return default_db_path().with_name("timpora-demo.sqlite")


def run_window(*, db: str | None = None, demo: bool = False) -> int:
    from app.db import open_store
    from app.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv)
    qt_app.setApplicationName(APP_NAME)
    qt_app.setOrganizationName("NotulenTimpora")
    try:
        store = open_store(demo_store_path() if demo else db)
        if demo:
            from app.services.demo import load_demo

            with store.session() as session:
                load_demo(session)
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = MainWindow(store)
    window.show()
    code = qt_app.exec()
    store.close()
    return code
