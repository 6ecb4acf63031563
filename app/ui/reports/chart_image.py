"""A report chart as an image for the window: the very drawing the PDF prints, rendered by QtPdf."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing

CHART_DPI = 110


def chart_image(drawing: Drawing, *, dpi: float = CHART_DPI) -> QImage:
    """Runs on the worker: the drawing as a one-page PDF, that page as an image on white."""
    data = QByteArray(renderPDF.drawToString(drawing))
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        points = document.pagePointSize(0)
        size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
        rendered = document.render(0, size)
    finally:
        document.close()
        buffer.close()
    image = QImage(rendered.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image
