"""The app's icon, for the window, the dialogs and the taskbar (QApplication.setWindowIcon)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.assets import resource_path


def app_icon() -> QIcon:
    """The sheet-and-seal icon drawn by scripts/make_icon.py (PNG: Qt reads it without a plugin)."""
    return QIcon(str(resource_path("icons", "app.png")))
