"""The window's look: the shipped UI font, Indonesian dates in Qt widgets, and a calm style."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from app.assets import resource_path
from app.i18n import current_language

UI_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
UI_FONT_FAMILY = "Noto Sans"
UI_FONT_POINTS = 10

#: Marks a field whose value was refused; `invalid` is set by the form beside it.
STYLE_SHEET = """
*[invalid="true"] { border: 1px solid #c0392b; background: #fff5f4; }
QLabel[role="error"] { color: #b03a2e; }
QLabel[role="hint"] { color: #666; }
QLabel[role="heading"] { font-size: 13pt; font-weight: bold; }
"""


def register_fonts() -> str:
    """Load the shipped TTFs so a bare Windows renders as here; returns the family in use."""
    family = None
    for name in UI_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    return family or UI_FONT_FAMILY


def apply_look(app: QApplication) -> None:
    family = register_fonts()
    app.setFont(QFont(family, UI_FONT_POINTS))
    app.setStyle("Fusion")  # the same on every Windows version and offscreen
    app.setStyleSheet(STYLE_SHEET)
    if current_language() == "id":
        # Calendar popups and date edits speak Indonesian (month and day names).
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


_lock: QIcon | None = None


def lock_icon() -> QIcon:
    """A small padlock, drawn here (no icon font or theme is needed on a bare Windows)."""
    global _lock
    if _lock is None:
        size = 64
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor("#8a6d1d")
        painter.setPen(QPen(colour, 7))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(17, 6, 30, 34), 0, 180 * 16)  # the shackle
        painter.drawLine(17, 23, 17, 30)
        painter.drawLine(47, 23, 47, 30)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(9, 28, 46, 32), 6, 6)  # the body
        painter.setBrush(QColor("#fdf3e1"))
        painter.drawEllipse(QRectF(28, 37, 8, 8))  # the keyhole
        painter.drawRect(QRectF(30.5, 42, 3, 9))
        painter.end()
        _lock = QIcon(pixmap)
    return _lock
