"""Printing a finished PDF: each page rendered (QtPdf) and painted on the printer, on the worker.

Qt cannot hand a PDF to a printer as it is, so pages go as images at up to 300 dpi: sharp for
text on office printers, and a bounded amount of memory per page. QPainter may paint on a
QPrinter outside the GUI thread, and the worker opens its own QPdfDocument.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from app.i18n import _
from app.models.enums import Paper
from app.services.errors import UserError
from app.ui.ops import Cancelled, Job

MAX_PRINT_DPI = 300


def page_size(paper: Paper) -> QPageSize:
    if Paper(paper) is Paper.A4:
        return QPageSize(QPageSize.PageSizeId.A4)
    # F4 (folio) as Indonesian offices buy it; Qt's own "Folio" is 210 x 330 mm.
    return QPageSize(QSizeF(215, 330), QPageSize.Unit.Millimeter, name="F4",
                     matchPolicy=QPageSize.SizeMatchPolicy.ExactMatch)


def open_document(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise UserError(_("The PDF {name} cannot be opened.").format(name=path.name))
    return document


def page_image(document: QPdfDocument, page: int, *, dpi: float) -> QImage:
    """One page as an image with a white background (paper is white; a transparent PNG is not)."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    image = document.render(page, size)
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        return flat
    return image


def prepare_printer(printer: QPrinter, *, paper: Paper, copies: int, name: str) -> None:
    printer.setPageSize(page_size(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF has its own margins
    printer.setCopyCount(max(1, copies))
    printer.setDocName(name)


def print_pdf(path: Path, printer: QPrinter, job: Job) -> int:
    """On the worker: print every page of `path`, as many copies as the printer was given.

    Returns the number of sheets sent. A printer that cannot make copies itself (a PDF printer,
    some drivers) gets the document as often as asked."""
    document = open_document(path)
    try:
        pages = document.pageCount()
        copies = printer.copyCount()
        rounds = 1 if printer.supportsMultipleCopies() else copies
        dpi = min(MAX_PRINT_DPI, printer.resolution())
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(_("The printer cannot be used. Is it switched on and connected?"))
        sent = 0
        try:
            for copy in range(rounds):
                for page in range(pages):
                    job.report(100 * (copy * pages + page) // max(1, rounds * pages),
                               _("Printing page {page} of {pages}…").format(page=page + 1, pages=pages))
                    if sent:
                        printer.newPage()
                    image = page_image(document, page, dpi=dpi)
                    target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                    scale = min(target.width() / image.width(), target.height() / image.height())
                    width, height = image.width() * scale, image.height() * scale
                    painter.drawImage(QRectF(target.x(), target.y(), width, height), image)
                    sent += 1
        except Cancelled:
            printer.abort()  # nothing half-printed reaches the queue
            raise
        finally:
            painter.end()
        job.report(100, _("Sent to the printer."))
        return sent
    finally:
        document.close()
