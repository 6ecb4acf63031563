"""Pratinjau dan cetak: the minutes or the blank daftar hadir page by page, zoom, print with copies."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.ui.documents.export_dialog import ExportDialog
from app.ui.documents.export_job import ExportKind, ExportRequest, complete_export, run_export
from app.ui.documents.meeting_facts import copies_for_attendees, meeting_facts
from app.ui.documents.printing import prepare_printer, print_pdf
from app.ui.job_progress import JobProgress
from app.ui.ops import Cancelled, Job, run_op
from app.ui.widgets import chosen_paper, fit_to_screen, keep_off_wheel, paper_combo

ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)


class PreviewDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, store: Store, meeting_id: int, *, kind: ExportKind = ExportKind.MINUTES
    ) -> None:
        super().__init__(parent)
        self.store = store
        with store.session() as session:
            self.facts = meeting_facts(session, meeting_id)
        self.setWindowTitle(_("Preview and print — {title}").format(title=self.facts.title))
        fit_to_screen(self, 980, 860)
        self._folder = Path(tempfile.mkdtemp(prefix="timpora-preview-"))
        self._renders = 0
        self._pending = False
        self._closed = False
        self.pdf_path: Path | None = None
        self.document = QPdfDocument(self)
        self.kind = QComboBox()
        self.kind.addItem(_("Minutes"), ExportKind.MINUTES)
        self.kind.addItem(_("Blank attendance sheet"), ExportKind.SHEET)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.paper = paper_combo(self.facts.paper)
        self.attendance = QCheckBox(_("With attendance appendix"))
        self.attendance.setChecked(True)
        for signal in (self.kind.currentIndexChanged, self.paper.currentIndexChanged, self.attendance.toggled):
            signal.connect(self.render_preview)
        self.view = QPdfView()
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())
        self.waiting = QLabel(_("Preparing the preview…"))
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setProperty("role", "hint")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.waiting)
        self.stack.addWidget(self.view)
        self.page_label = QLabel()
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = JobProgress()
        self.copies = QSpinBox()
        self.copies.setRange(1, 500)
        self.copies.setObjectName("copies")
        self.every_attendee = QPushButton(_("One for every &attendee"))
        self.every_attendee.clicked.connect(self.fill_attendee_copies)
        self.copies_hint = QLabel()
        self.copies_hint.setProperty("role", "hint")
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.export_button = QPushButton(_("&Export…"))
        self.export_button.clicked.connect(self.export_document)
        self.close_button = QPushButton(_("&Close"))
        self.close_button.clicked.connect(self.reject)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self._layout()
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom_step(+1))
        QShortcut(QKeySequence("Ctrl+="), self, lambda: self.zoom_step(+1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom_step(-1))
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        # Page keys turn pages wherever the focus is: on the document list they used to choose
        # another document; the lists answer neither keys nor the wheel unless clicked.
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.turn_page(+1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.turn_page(-1))
        for combo in (self.kind, self.paper):
            keep_off_wheel(combo)
        self.view.setFocus()
        self._show_zoom()
        self.render_preview()

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Document:")))
        top.addWidget(self.kind)
        top.addWidget(QLabel(_("Paper:")))
        top.addWidget(self.paper)
        top.addWidget(self.attendance)
        top.addStretch(1)
        top.addWidget(self._tool("−", _("Zoom out (Ctrl+-)"), lambda: self.zoom_step(-1)))
        top.addWidget(self.zoom_label)
        top.addWidget(self._tool("+", _("Zoom in (Ctrl++)"), lambda: self.zoom_step(+1)))
        top.addWidget(self._tool(_("Page width"), _("Fit the page width to the window"), self.fit_width))
        top.addWidget(self._tool(_("Whole page"), _("Show a whole page"), self.fit_page))
        top.addSpacing(12)
        top.addWidget(self.page_label)
        bottom = QHBoxLayout()
        copies_label = QLabel(_("Co&pies:"))
        copies_label.setBuddy(self.copies)
        bottom.addWidget(copies_label)
        bottom.addWidget(self.copies)
        bottom.addWidget(self.every_attendee)
        bottom.addWidget(self.copies_hint, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

    # -- the document ----------------------------------------------------------------------

    def current_kind(self) -> ExportKind:
        return ExportKind(self.kind.currentData())  # Qt hands a StrEnum back as its str

    def render_preview(self, *_args: object) -> None:
        """Render the chosen document on the worker; the newest request wins."""
        self.attendance.setEnabled(self.current_kind() is ExportKind.MINUTES)
        if self.progress.running():
            self._pending = True  # rendered again as soon as this one is back
            return
        self._renders += 1
        target = self._folder / f"pratinjau-{self._renders}.pdf"
        request = ExportRequest(
            self.current_kind(),
            self.facts.id,
            target,
            paper=chosen_paper(self.paper),
            include_attendance=self.attendance.isChecked(),
        )
        job = Job(self)
        self.progress.start(job, _("Preparing the preview…"))
        self.progress.cancel_button.hide()
        self.print_button.setEnabled(False)
        store = self.store
        run_op(
            lambda: run_export(store, request, job),
            on_success=lambda outcome: self._rendered(outcome, job),
            on_failure=self._render_failed,
        )

    def _rendered(self, outcome, job: Job) -> None:
        if self._closed:
            outcome.partial.unlink(missing_ok=True)
            return
        try:
            path = complete_export(outcome, job)
        except (UserError, Cancelled) as exc:
            self._render_failed(exc)
            return
        self.progress.finish()
        if self._pending:
            self._pending = False
            self.render_preview()
            return
        previous = self.pdf_path
        self.document.load(str(path))
        self.pdf_path = path
        if previous is not None:
            previous.unlink(missing_ok=True)
        self.stack.setCurrentWidget(self.view)
        self.print_button.setEnabled(True)
        self._show_page()
        self._show_zoom()

    def _render_failed(self, exc: BaseException) -> None:
        if self._closed:
            return
        self.progress.finish()
        if not isinstance(exc, (UserError, Cancelled)):
            raise exc
        self.waiting.setText(str(exc))
        self.stack.setCurrentWidget(self.waiting)

    def page_count(self) -> int:
        return self.document.pageCount()

    def _show_page(self) -> None:
        pages = self.page_count()
        if pages:
            current = self.view.pageNavigator().currentPage() + 1
            self.page_label.setText(_("Page {page} of {pages}").format(page=current, pages=pages))

    def turn_page(self, delta: int) -> None:
        pages = self.page_count()
        if not pages:
            return
        navigator = self.view.pageNavigator()
        page = max(0, min(pages - 1, navigator.currentPage() + delta))
        navigator.jump(page, QPointF(0, 0), navigator.currentZoom())
        self._show_page()

    # -- zoom ------------------------------------------------------------------------------

    def zoom_step(self, direction: int) -> None:
        factor = self.zoom_factor()
        steps = [z for z in ZOOM_STEPS if (z > factor + 0.01 if direction > 0 else z < factor - 0.01)]
        if steps:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(steps[0] if direction > 0 else steps[-1])
        self._show_zoom()

    def zoom_factor(self) -> float:
        """The zoom shown: set by the user, or what a fit mode makes of the page (1.0 = real size)."""
        mode = self.view.zoomMode()
        if mode is QPdfView.ZoomMode.Custom or not self.page_count():
            return self.view.zoomFactor()
        points = self.document.pagePointSize(0)
        margin = 2 * self.view.documentMargins().left()
        across = (self.view.viewport().width() - margin) / (points.width() * self.logicalDpiX() / 72)
        if mode is QPdfView.ZoomMode.FitToWidth:
            return max(0.1, across)
        down = (self.view.viewport().height() - margin) / (points.height() * self.logicalDpiY() / 72)
        return max(0.1, min(across, down))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom_factor() * 100)}%")

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._show_zoom()

    # -- copies and printing ---------------------------------------------------------------

    def fill_attendee_copies(self) -> None:
        count = copies_for_attendees(self.facts)
        self.copies.setValue(count)
        people = self.facts.attended + self.facts.signers_not_listed
        self.copies_hint.setText(_("{people} who attended + 1 for the archive").format(people=people))

    def print_document(self) -> None:
        if self.pdf_path is None or self.progress.running():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, paper=chosen_paper(self.paper), copies=self.copies.value(), name=self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Send the shown document to a chosen printer, on the worker."""
        path = self.pdf_path
        assert path is not None  # printing is offered once the PDF is made
        job = Job(self)
        self.progress.start(job, _("Printing…"))
        self.print_button.setEnabled(False)
        run_op(
            lambda: print_pdf(path, printer, job),
            on_success=lambda sheets: self._printed(sheets, printer),
            on_failure=self._print_failed,
        )

    def _printed(self, sheets: int, printer: QPrinter) -> None:
        self.progress.finish()
        self.print_button.setEnabled(True)
        self._say(
            _("Sent to the printer: {sheets} pages ({copies} copies).").format(
                sheets=sheets, copies=printer.copyCount()
            )
        )

    def _print_failed(self, exc: BaseException) -> None:
        self.progress.finish()
        self.print_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self._say(_("Printing was cancelled."))
        elif isinstance(exc, UserError):
            self._say(str(exc))
        else:
            raise exc

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def export_document(self) -> None:
        ExportDialog(
            self,
            self.store,
            self.facts.id,
            kind=self.current_kind(),
            paper=chosen_paper(self.paper),
            include_attendance=self.attendance.isChecked(),
        ).exec()

    def done(self, result: int) -> None:
        self._closed = True
        if self.progress.running():
            self.progress.cancel()
        self.document.close()
        super().done(result)
        shutil.rmtree(self._folder, ignore_errors=True)
