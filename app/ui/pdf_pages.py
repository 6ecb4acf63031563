"""A finished PDF's pages as images (QtPdf): for the preview, printing and the kop surat preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from app.i18n import _
from app.services.errors import UserError


def open_document(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise UserError(_("The PDF {name} cannot be opened.").format(name=path.name))
    return document


def page_image(document: QPdfDocument, page: int, *, dpi: float, flatten: bool = True) -> QImage:
    """One page as an image; flattened on white (paper is white, a transparent image is not)."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    image = document.render(page, size)
    return on_white(image) if flatten else image


def on_white(image: QImage) -> QImage:
    if not image.hasAlphaChannel():
        return image
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat
