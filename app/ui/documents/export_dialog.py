"""Ekspor: the minutes or the blank daftar hadir as PDF, or the meeting as .timpora, in the background."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _
from app.models.enums import AttendanceAppendix, Paper
from app.services.errors import UserError
from app.services.office import missing_letterhead_warning
from app.ui import remembered
from app.ui.desktop import open_file, open_folder
from app.ui.documents.export_job import (
    ExportKind,
    ExportOutcome,
    ExportRequest,
    check_target,
    complete_export,
    run_export,
    suggested_name,
)
from app.ui.documents.meeting_facts import MeetingFacts, meeting_facts
from app.ui.job_progress import JobProgress
from app.ui.ops import EXPORT_MODULES, Cancelled, Job, run_op, warm_up
from app.ui.widgets import buddy_label, chosen_paper, elide_combo, form_layout, paper_combo


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        meeting_id: int,
        *,
        kind: ExportKind = ExportKind.MINUTES,
        paper: Paper | None = None,
        include_attendance: bool = True,
    ) -> None:
        super().__init__(parent)
        self.store = store
        with store.session() as session:
            self.facts: MeetingFacts = meeting_facts(session, meeting_id)
        self.setWindowTitle(_("Export"))
        self.setMinimumWidth(620)
        self.result_path: Path | None = None
        self.ready = False  # reportlab is loaded on the worker while the user chooses
        warm_up(EXPORT_MODULES, on_ready=lambda _loaded: setattr(self, "ready", True))
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[ExportKind, QRadioButton] = {}
        for value, text in (
            (ExportKind.MINUTES, _("&Minutes (PDF)")),
            (ExportKind.SHEET, _("&Blank attendance sheet to print before the meeting (PDF)")),
            (ExportKind.PACKAGE, _("The meeting as a .&timpora file, for another laptop")),
        ):
            button = QRadioButton(text)
            self.kinds.addButton(button)
            self.kind_buttons[value] = button
            button.toggled.connect(self._kind_changed)
        self.paper = paper_combo(paper or self.facts.paper)
        self.attendance = QCheckBox(_("With the attendance list as an appendix"))
        self.attendance.setChecked(include_attendance)
        # Lampiran I as the office prints it, or the other form for this one export
        self.appendix_form = elide_combo(QComboBox())
        self.appendix_form.setObjectName("appendix_form")
        for form in AttendanceAppendix:
            self.appendix_form.addItem(form.label, form.value)
        self.appendix_form.setCurrentIndex(max(self.appendix_form.findData(self.facts.attendance_appendix), 0))
        self.attendance.toggled.connect(lambda _on: self._appendix_enabled())
        self.target = QLineEdit()
        self.target.setObjectName("export_target")
        browse = QPushButton(_("C&hoose…"))
        browse.clicked.connect(self.choose_target)
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(browse)
        self.progress = JobProgress()
        # Said before the export starts: an official document without a kop is not printed silently.
        self.no_letterhead = QLabel(missing_letterhead_warning())
        self.no_letterhead.setObjectName("no_letterhead")
        self.no_letterhead.setProperty("role", "error")
        self.no_letterhead.setWordWrap(True)
        self.no_letterhead.hide()
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.open_file_button = QPushButton(_("Open the &file"))
        self.open_folder_button = QPushButton(_("Open the f&older"))
        # Shown once there is a result.
        self.open_file_button.clicked.connect(lambda: open_file(cast(Path, self.result_path)))
        self.open_folder_button.clicked.connect(lambda: open_folder(cast(Path, self.result_path)))
        self.done_box = QWidget()
        done_row = QHBoxLayout(self.done_box)
        done_row.setContentsMargins(0, 0, 0, 0)
        done_row.addWidget(self.done_text, 1)
        done_row.addWidget(self.open_file_button)
        done_row.addWidget(self.open_folder_button)
        self.done_box.hide()
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(_("&Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self._layout(where)
        self.kind_buttons[kind].setChecked(True)
        self._kind_changed()

    def _layout(self, where: QHBoxLayout) -> None:
        heading = QLabel(self.facts.title)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        form = form_layout()
        kinds = QVBoxLayout()
        for button in self.kind_buttons.values():
            kinds.addWidget(button)
        form.addRow(_("Document:"), kinds)
        form.addRow(_("&Paper:"), self.paper)
        form.addRow("", self.attendance)
        form.addRow(_("Appendix I:"), self.appendix_form)
        form.addRow(buddy_label(_("&Save as:"), self.target), where)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.no_letterhead)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.done_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def kind(self) -> ExportKind:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def set_kind(self, kind: ExportKind) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _kind_changed(self, *_args: object) -> None:
        if not any(b.isChecked() for b in self.kind_buttons.values()):
            return
        kind = self.kind()
        self.paper.setEnabled(kind is not ExportKind.PACKAGE)
        self.attendance.setEnabled(kind is ExportKind.MINUTES)
        self._appendix_enabled()
        self.no_letterhead.setVisible(kind is not ExportKind.PACKAGE and not self.facts.has_letterhead)
        current = Path(self.target.text()) if self.target.text().strip() else None
        folder = current.parent if current is not None else remembered.export_folder()
        name = suggested_name(title=self.facts.title, date=self.facts.date, revision=self.facts.revision, kind=kind)
        self.target.setText(str(folder / name))

    def _appendix_enabled(self) -> None:
        minutes = any(b.isChecked() for b in self.kind_buttons.values()) and self.kind() is ExportKind.MINUTES
        self.appendix_form.setEnabled(minutes and self.attendance.isChecked())

    def choose_target(self) -> None:
        kind = self.kind()
        pattern = _("PDF files (*.pdf)") if kind.suffix == ".pdf" else _("Meeting files (*.timpora)")
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save as"), self.target.text(), pattern)
        if path:
            self.target.setText(path)

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Check the target, then export on the worker; the dialog keeps answering meanwhile."""
        if self.progress.running():
            return
        kind = self.kind()
        self.error.hide()
        self.done_box.hide()
        try:
            target = check_target(Path(self.target.text().strip() or "."), kind)
        except UserError as exc:
            self._show_error(str(exc))
            return
        if (
            target.exists()
            and QMessageBox.question(
                self,
                _("Export"),
                _("{name} already exists. Replace it?").format(name=target.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        self.target.setText(str(target))
        request = ExportRequest(
            kind,
            self.facts.id,
            target,
            paper=chosen_paper(self.paper),
            include_attendance=self.attendance.isChecked(),
            attendance_appendix=self.appendix_form.currentData(),
        )
        job = Job(self)
        self.progress.start(job, _("Exporting…"))
        self.export_button.setEnabled(False)
        store = self.store
        run_op(
            lambda: run_export(store, request, job),
            on_success=lambda outcome: self._finished(outcome, job),
            on_failure=lambda exc: self._failed(exc, job),
        )

    def cancel(self) -> None:
        self.progress.cancel()

    def _finished(self, outcome: ExportOutcome, job: Job) -> None:
        try:
            path = complete_export(outcome, job)
        except (Cancelled, UserError) as exc:
            self._failed(exc, job)
            return
        self.progress.finish()
        self.export_button.setEnabled(True)
        self.result_path = path
        remembered.set_export_folder(path.parent)
        text = _("Saved: {name}").format(name=path.name)
        if outcome.pages:
            text += " " + _("({pages} pages)").format(pages=outcome.pages)
        if outcome.without_letterhead:
            text += "\n" + _("Printed without a kop surat.")
        if outcome.missing_characters:
            text += "\n" + _("Some characters cannot be printed and show as empty boxes: {chars}").format(
                chars=" ".join(outcome.missing_characters)
            )
        self.done_text.setText(text)
        self.done_box.show()

    def _failed(self, exc: BaseException, job: Job) -> None:
        self.progress.finish()
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self._show_error(_("The export was cancelled; no file was written."))
        elif isinstance(exc, UserError):
            self._show_error(str(exc))
        else:
            raise exc

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if self.progress.running():
            self.progress.cancel()  # the file is discarded when the worker hands it back
        super().reject()
