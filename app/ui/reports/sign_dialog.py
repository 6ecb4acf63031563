"""Tanda tangani laporan: the head of office signs the period's Timpora report with a .p12, then sees it verified.

As the minutes are signed from the window (the same certificate field, passphrase asked each
time, folder, result with its verification), but the head of office is the only signer, and
nothing is registered or locked: a report belongs to no meeting.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _, plain_date
from app.services.errors import UserError
from app.ui import remembered
from app.ui.desktop import open_file, open_folder
from app.ui.job_progress import JobProgress
from app.ui.ops import SIGNING_MODULES, Job, run_op, warm_up
from app.ui.reports.sign_job import ReportSignRequest, ReportSignResult, run_report_sign
from app.ui.signing_form import SELF_ISSUED_NOTE
from app.ui.widgets import buddy_label, form_layout, path_row, today

if TYPE_CHECKING:
    from app.ui.verification_view import VerificationView


class ReportSignDialog(QDialog):
    # These shadow QDialog.result() and QWidget.scroll() (not virtual: Qt never calls them from Python).
    result: ReportSignResult | None  # type: ignore[assignment]
    scroll: QScrollArea  # type: ignore[assignment]

    def __init__(self, parent: QWidget | None, store: Store, start: dt.date, end: dt.date) -> None:
        super().__init__(parent)
        from app.documents.report_exports import head_of_office

        self.store = store
        self.start_date, self.end_date = start, end
        with store.session() as session:
            self.head = head_of_office(session)
        self.result: ReportSignResult | None = None
        #: (certificate, folder) to remember once the dialog closes, after a signature
        self._remember: tuple[Path, Path] | None = None
        self.ready = False  # pyHanko is loaded on the worker while the user fills in the form
        warm_up(
            SIGNING_MODULES + ("app.signing.report", "app.documents.report_exports", "app.ui.verification_view"),
            on_ready=lambda _loaded: setattr(self, "ready", True),
        )
        self.setWindowTitle(_("Sign the report"))
        self.setMinimumWidth(700)
        self.signer = QLabel(f"{_('Head of office')} — {self.head.name or _('(not chosen)')}")
        self.signer.setObjectName("report_signer")
        self.p12 = QLineEdit(str(remembered.certificate_path() or ""))
        self.p12.setObjectName("p12")
        self.p12.setPlaceholderText(_("the .p12 or .pfx file of the signer"))
        choose_p12 = QPushButton(_("C&hoose…"))
        choose_p12.clicked.connect(self.choose_certificate)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.start)
        self.on_behalf = QCheckBox(_("Sign on behalf of the person in this box (a.n.)"))
        self.on_behalf.setToolTip(
            _("The certificate is not that person's own (the office's, say): the stamp then says a.n. that person.")
        )
        self.on_behalf.setObjectName("on_behalf")
        self.fresh = QRadioButton(_("The report of this period, made now"))
        self.existing = QRadioButton(_("A report PDF already made:"))
        self.fresh.setChecked(True)
        self.source = QLineEdit()
        choose_source = QPushButton(_("Ch&oose…"))
        choose_source.clicked.connect(self.choose_source)
        self.folder = QLineEdit(str(remembered.export_folder()))
        choose_folder = QPushButton(_("Cho&ose…"))
        choose_folder.clicked.connect(self.choose_folder)
        self.progress = JobProgress()
        self.progress.cancel_button.hide()  # a signature is written at once, or not at all
        self.error = QLabel()
        self.error.setObjectName("sign_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.outcome = QLabel()
        self.outcome.setObjectName("sign_outcome")
        self.outcome.setWordWrap(True)
        self.verification: VerificationView | None = None  # made with the first result (pyHanko loads then)
        self.result_box = QGroupBox(_("Result"))
        self.result_layout = QVBoxLayout(self.result_box)
        self.result_layout.addWidget(self.outcome)
        open_row = QHBoxLayout()
        self.open_file_button = QPushButton(_("Open the &file"))
        self.open_folder_button = QPushButton(_("Open the f&older"))
        self.open_file_button.clicked.connect(lambda: open_file(cast(ReportSignResult, self.result).path))
        self.open_folder_button.clicked.connect(lambda: open_folder(cast(ReportSignResult, self.result).path))
        open_row.addStretch(1)
        open_row.addWidget(self.open_file_button)
        open_row.addWidget(self.open_folder_button)
        self.result_layout.addLayout(open_row)
        self.result_box.hide()
        self.buttons = QDialogButtonBox()
        self.sign_button = self.buttons.addButton(_("&Sign"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.sign_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self._layout(
            path_row(self.p12, choose_p12), path_row(self.source, choose_source), path_row(self.folder, choose_folder)
        )

    def _layout(self, p12_row: QWidget, source_row: QWidget, folder_row: QWidget) -> None:
        heading = QLabel(
            _("Timpora activity report of the period {start} to {end}").format(
                start=plain_date(self.start_date), end=plain_date(self.end_date)
            )
        )
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        form = form_layout()
        form.addRow(_("Signer:"), self.signer)
        form.addRow(buddy_label(_("&Certificate:"), self.p12), p12_row)
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow("", self.on_behalf)
        which = QVBoxLayout()
        which.addWidget(self.fresh)
        which.addWidget(self.existing)
        which.addWidget(source_row)
        form.addRow(_("PDF to sign:"), which)
        form.addRow(buddy_label(_("Save in &folder:"), self.folder), folder_row)
        note = QLabel(
            " ".join(
                (
                    _("A report belongs to no meeting: its signature is not added to a register and locks no meeting."),
                    _(SELF_ISSUED_NOTE),
                    _("The passphrase is asked each time and never stored."),
                )
            )
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading)
        column.addLayout(form)
        column.addWidget(note)
        column.addWidget(self.progress)
        column.addWidget(self.error)
        column.addWidget(self.result_box, 1)
        # Everything but the buttons scrolls: with the result shown the dialog outgrows a laptop's screen.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    # -- choosing --------------------------------------------------------------------------

    def choose_certificate(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Signing certificate"), self.p12.text(), _("Certificates (*.p12 *.pfx)")
        )
        if path:
            self.p12.setText(path)

    def choose_source(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("PDF to sign"), self.source.text() or self.folder.text(), _("PDF files (*.pdf)")
        )
        if path:
            self.source.setText(path)
            self.existing.setChecked(True)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Save in folder"), self.folder.text())
        if path:
            self.folder.setText(path)

    # -- signing ---------------------------------------------------------------------------

    def request(self) -> ReportSignRequest:
        if not self.p12.text().strip():
            raise UserError(_("Choose the certificate file (.p12 or .pfx) to sign with."))
        if not self.passphrase.text():
            raise UserError(_("Type the passphrase of the certificate."))
        folder = Path(self.folder.text().strip() or ".")
        if not folder.is_dir():
            raise UserError(_("The folder {folder} does not exist.").format(folder=folder))
        source = None
        if self.existing.isChecked():
            if not self.source.text().strip():
                raise UserError(_("Choose the PDF to sign."))
            source = Path(self.source.text().strip())
        return ReportSignRequest(
            start=self.start_date,
            end=self.end_date,
            p12=Path(self.p12.text().strip()),
            passphrase=self.passphrase.text(),
            source=source,
            folder=folder,
            issued=today(),
            on_behalf=self.on_behalf.isChecked(),
        )

    def start(self) -> None:
        if self.progress.running():
            return
        self.error.hide()
        try:
            request = self.request()
        except UserError as exc:
            self._show_error(str(exc))
            return
        self.passphrase.clear()  # used once; typed again for the next signature
        job = Job(self)
        self.progress.start(job, _("Signing…"))
        self.sign_button.setEnabled(False)
        store = self.store
        run_op(lambda: run_report_sign(store, request, job), on_success=self._signed, on_failure=self._failed)

    def _signed(self, result: ReportSignResult) -> None:
        from app.ui.verification_view import VerificationView

        self.progress.finish()
        self.result = result
        # One signature per report: signing again would sign the signed copy's box a second time.
        self.sign_button.setEnabled(False)
        # Written as the dialog closes: each remembered value syncs the settings file (tens of ms
        # on a busy disk), a stall nobody sees then, rather than while the result is drawn.
        self._remember = (Path(self.p12.text().strip()), result.path.parent)
        lines = [
            _("Report signed by the head of office (period {start} to {end}): {path}").format(
                start=plain_date(result.start), end=plain_date(result.end), path=result.path.name
            ),
            _("Certificate: {name} ({kind}).").format(name=result.certificate_name, kind=result.certificate_kind),
            _("A report belongs to no meeting, so the signature was not added to a register."),
        ]
        if result.timestamp_missing:
            lines.append(
                _("No timestamp: {reason}; the signing time is this computer's clock.").format(
                    reason=result.timestamp_missing
                )
            )
        self.outcome.setText("\n".join(lines))
        if self.verification is None:
            self.verification = VerificationView()
            self.result_layout.insertWidget(1, self.verification, 1)
        self.verification.show_report(result.report, zone=result.zone)
        self.result_box.show()
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.outcome))  # the news, in sight

    def done(self, result: int) -> None:
        if self._remember is not None:
            certificate, folder = self._remember
            self._remember = None
            remembered.set_certificate_path(certificate)
            remembered.set_export_folder(folder)
        super().done(result)

    def _failed(self, exc: BaseException) -> None:
        self.progress.finish()
        self.sign_button.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc
        self._show_error(str(exc))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
