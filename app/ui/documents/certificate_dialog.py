"""Sertifikat kantor: a guided dialog that makes a self-issued office certificate, and says what it is not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import N_, _, plain_date
from app.services.errors import UserError
from app.services.office import get_office
from app.ui import remembered
from app.ui.documents.sign_job import create_certificate
from app.ui.job_progress import JobProgress
from app.ui.ops import Job, run_op, warm_up
from app.ui.widgets import buddy_label, form_layout, path_row

EXPLANATION = N_(
    "<p><b>What an office certificate is.</b> The app makes a key and a certificate issued by the "
    "office to itself, saved in one .p12 file protected by a passphrase. Minutes signed with it "
    "show who signed and prove that nothing was changed afterwards: <b>integrity</b>.</p>"
    "<p><b>What it is not.</b> It is <b>not</b> a certified electronic signature (TTE) under "
    "PP 71/2019. Only a certificate issued by BSrE (under BSSN) gives a signature that legal "
    "standing; ask your office's TTE administrator for one, then choose its .p12 file to sign.</p>"
    "<p>Keep the file and its passphrase safe like the office stamp: whoever has both can sign. "
    "The passphrase cannot be recovered if it is lost.</p>"
)


class CertificateDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store, *, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Make an office certificate"))
        self.setMinimumWidth(640)
        self.created: Path | None = None
        self.ready = False
        warm_up(("app.signing.certificates",), on_ready=lambda _loaded: setattr(self, "ready", True))
        with store.session() as session:
            office_name = get_office(session).office_name
        explanation = QLabel(_(EXPLANATION))
        explanation.setObjectName("explanation")
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.RichText)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addWidget(explanation)
        self.office = QLineEdit(" ".join(office_name.split())[:64])
        self.office.setObjectName("office_name")
        self.office.setMaxLength(64)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.target = QLineEdit(str(folder / "sertifikat-kantor.p12"))
        browse = QPushButton(_("C&hoose…"))
        browse.clicked.connect(self.choose_target)
        form = form_layout()
        form.addRow(_("&Office name:"), self.office)
        form.addRow(_("&Passphrase (at least 8 characters):"), self.passphrase)
        form.addRow(_("Passphrase &again:"), self.again)
        form.addRow(buddy_label(_("&Save as:"), self.target), path_row(self.target, browse))
        self.progress = JobProgress()
        self.progress.cancel_button.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(_("&Make the certificate"), QDialogButtonBox.ButtonRole.ActionRole)
        self.create_button.clicked.connect(self.start)
        self.done_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.done_button.clicked.connect(self._close)
        layout = QVBoxLayout(self)
        layout.addWidget(frame)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def choose_target(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Save the certificate as"), self.target.text(), _("Certificates (*.p12 *.pfx)")
        )
        if path:
            self.target.setText(path)

    def start(self) -> None:
        if self.progress.running():
            return
        if self.passphrase.text() != self.again.text():
            self._say(_("The two passphrases are not the same."), error=True)
            return
        office, passphrase, target = self.office.text(), self.passphrase.text(), Path(self.target.text().strip())
        job = Job(self)
        self.progress.start(job, _("Making the certificate…"))
        self.create_button.setEnabled(False)
        self.message.hide()
        run_op(
            lambda: create_certificate(office, passphrase, target, job),
            on_success=lambda info: self._created(info, target),
            on_failure=self._failed,
        )

    def _created(self, info, target: Path) -> None:
        self.progress.finish()
        self.passphrase.clear()
        self.again.clear()
        self.created = target
        remembered.set_certificate_path(target)  # its path only; the passphrase stays with the user
        self._say(
            _("Made: {name}, valid until {date}. It is now chosen for signing.").format(
                name=target.name, date=plain_date(info.not_after.date())
            )
        )
        self.done_button.setText(_("&Use it"))
        self.done_button.setIcon(QIcon())  # the Close button's icon would contradict "Gunakan"

    def _failed(self, exc: BaseException) -> None:
        self.progress.finish()
        self.create_button.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc
        self._say(str(exc), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "error" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def _close(self) -> None:
        if self.created is not None:
            self.accept()
        else:
            self.reject()
