"""Printing a finished PDF: each page rendered (QtPdf) and painted on the printer, on the worker.

Qt cannot hand a PDF to a printer as it is, so pages go as images at up to 300 dpi: sharp for
text on office printers, and a bounded amount of memory per page. QPainter may paint on a
QPrinter outside the GUI thread, and the worker opens its own QPdfDocument.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from app.i18n import _
from app.models.enums import Paper
from app.services.errors import UserError
from app.ui.ops import Cancelled, Job
from app.ui.pdf_pages import on_white, open_document

MAX_PRINT_DPI = 300
#: Rows of a page image painted per call. PySide holds the interpreter during a C++ call, and
#: painting a whole 300 dpi page on a printer takes 150 ms: in bands, the window keeps answering.
BAND_ROWS = 256


def page_size(paper: Paper) -> QPageSize:
    if Paper(paper) is Paper.A4:
        return QPageSize(QPageSize.PageSizeId.A4)
    # F4 (folio) as Indonesian offices buy it; Qt's own "Folio" is 210 x 330 mm.
    return QPageSize(
        QSizeF(215, 330), QPageSize.Unit.Millimeter, name="F4", matchPolicy=QPageSize.SizeMatchPolicy.ExactMatch
    )


def paint_in_bands(painter: QPainter, document: QPdfDocument, page: int, dpi: float, target: QRectF, job: Job) -> None:
    """Render a page at `dpi` and paint it scaled into `target` (keeping its shape), a band of
    rows at a time: each call into Qt is short, and QtPdf's lock (one page renders at a time,
    the preview's too) is never held long. Each band reaches one row into the next, so no
    hairline can open between them."""
    points = document.pagePointSize(page)
    width, height = max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72))
    scale = min(target.width() / width, target.height() / height)
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(QSize(width, height))
    for top in range(0, height, BAND_ROWS):
        job.check()
        rows = min(BAND_ROWS + 1, height - top)
        options.setScaledClipRect(QRect(0, top, width, rows))
        band = on_white(document.render(page, QSize(width, rows), options))
        painter.drawImage(QRectF(target.x(), target.y() + top * scale, width * scale, rows * scale), band)


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
                    job.report(
                        100 * (copy * pages + page) // max(1, rounds * pages),
                        _("Printing page {page} of {pages}…").format(page=page + 1, pages=pages),
                    )
                    if sent:
                        printer.newPage()
                    paint_in_bands(
                        painter, document, page, dpi, QRectF(printer.paperRect(QPrinter.Unit.DevicePixel)), job
                    )
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
