"""What the window's two signing dialogs (the minutes', the report's) share: the certificate, its
passphrase, "a.n.", which PDF is signed, the folder, the progress, and the result with its
verification. Each dialog adds who signs, what it says of its document and what it remembers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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
from app.i18n import N_, _
from app.services.errors import UserError
from app.ui import remembered
from app.ui.desktop import open_file, open_folder
from app.ui.job_progress import JobProgress
from app.ui.ops import SIGNING_MODULES, Job, run_op, warm_up
from app.ui.widgets import buddy_label, form_layout, path_row

if TYPE_CHECKING:
    from app.signing.verification import VerificationReport
    from app.ui.verification_view import VerificationView

SELF_ISSUED_NOTE = N_(
    "A certificate the office made itself proves the file was not changed after signing (integrity). "
    "It is not a certified electronic signature (TTE) under PP 71/2019: only a certificate from BSrE "
    "(BSSN) gives that."
)


class SigningDialog(QDialog):
    """The form and the result; a subclass builds its request and the work that signs it."""

    # These shadow QDialog.result() and QWidget.scroll() (not virtual: Qt never calls them from Python).
    result: Any  # the subclass's result, once signed
    scroll: QScrollArea  # type: ignore[assignment]

    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        *,
        title: str,
        warm: tuple[str, ...],
        fresh_text: str,
        existing_text: str,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.result = None
        self.ready = False  # pyHanko is loaded on the worker while the user fills in the form
        warm_up(
            SIGNING_MODULES + warm + ("app.ui.verification_view",), on_ready=lambda _l: setattr(self, "ready", True)
        )
        self.setWindowTitle(title)
        self.setMinimumWidth(700)
        self.p12 = QLineEdit(str(remembered.certificate_path() or ""))
        self.p12.setObjectName("p12")
        self.p12.setPlaceholderText(_("the .p12 or .pfx file of the signer"))
        choose_p12 = QPushButton(_("C&hoose…"))
        choose_p12.clicked.connect(self.choose_certificate)
        self.p12_row = path_row(self.p12, choose_p12)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.start)
        self.on_behalf = QCheckBox(_("Sign on behalf of the person in this box (a.n.)"))
        self.on_behalf.setToolTip(
            _("The certificate is not that person's own (the office's, say): the stamp then says a.n. that person.")
        )
        self.on_behalf.setObjectName("on_behalf")
        self.fresh = QRadioButton(fresh_text)
        self.existing = QRadioButton(existing_text)
        self.source = QLineEdit()
        choose_source = QPushButton(_("Ch&oose…"))
        choose_source.clicked.connect(self.choose_source)
        self.source_row = path_row(self.source, choose_source)
        self.folder = QLineEdit(str(remembered.export_folder()))
        choose_folder = QPushButton(_("Cho&ose…"))
        choose_folder.clicked.connect(self.choose_folder)
        self.folder_row = path_row(self.folder, choose_folder)
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
        self.open_file_button.clicked.connect(lambda: open_file(self.result.path))  # shown with a result only
        self.open_folder_button.clicked.connect(lambda: open_folder(self.result.path))
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

    # -- layout ----------------------------------------------------------------------------

    def signing_form(
        self, signer: QWidget | QHBoxLayout | QVBoxLayout, certificate: QWidget | QVBoxLayout
    ) -> QFormLayout:
        """The form's rows: who signs, the certificate, its passphrase, "a.n.", which PDF, where."""
        form = form_layout()
        form.addRow(_("Signer:"), signer)
        form.addRow(buddy_label(_("&Certificate:"), self.p12), certificate)
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow("", self.on_behalf)
        which = QVBoxLayout()
        which.addWidget(self.fresh)
        which.addWidget(self.existing)
        which.addWidget(self.source_row)
        form.addRow(_("PDF to sign:"), which)
        form.addRow(buddy_label(_("Save in &folder:"), self.folder), self.folder_row)
        return form

    def assemble(self, heading: str, above_form: list[QWidget], form: QFormLayout, note: str) -> None:
        """The heading, what stands above the form, the form, the note, then progress, error and
        result; everything but the buttons scrolls: with the result and its verification shown,
        the dialog is taller than a 1366×768 laptop's screen."""
        title = QLabel(heading)
        title.setProperty("role", "heading")
        title.setWordWrap(True)
        hint = QLabel(note)
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(title)
        for widget in above_form:
            column.addWidget(widget)
        column.addLayout(form)
        column.addWidget(hint)
        column.addWidget(self.progress)
        column.addWidget(self.error)
        column.addWidget(self.result_box, 1)
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

    def form_values(self) -> tuple[Path, str, Path, Path | None]:
        """The certificate, its passphrase, the folder, and the PDF to sign (None: made now); a
        field left empty or a folder that does not exist is refused."""
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
        return Path(self.p12.text().strip()), self.passphrase.text(), folder, source

    def request(self) -> Any:
        """What the form asks for (a UserError names what is missing)."""
        raise NotImplementedError

    def signing_work(self, request: Any, job: Job) -> Callable[[], Any]:
        """The work the worker runs for `request`."""
        raise NotImplementedError

    def signed(self, result: Any) -> None:
        """The result arrived (on the GUI thread)."""
        raise NotImplementedError

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
        run_op(self.signing_work(request, job), on_success=self._signed, on_failure=self._failed)

    def _signed(self, result: Any) -> None:
        self.progress.finish()
        self.result = result
        self.signed(result)

    def show_result(self, lines: list[str], report: VerificationReport, zone: str) -> None:
        """The outcome's lines and the signed file's verification, scrolled into sight."""
        from app.ui.verification_view import VerificationView

        self.outcome.setText("\n".join(lines))
        if self.verification is None:
            self.verification = VerificationView()
            self.result_layout.insertWidget(1, self.verification, 1)
        self.verification.show_report(report, zone=zone)
        self.result_box.show()
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.outcome))  # the news, in sight

    def _failed(self, exc: BaseException) -> None:
        self.progress.finish()
        self.sign_button.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc
        self._show_error(str(exc))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
