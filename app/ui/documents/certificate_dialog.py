"""Sertifikat: a guided dialog that makes a self-issued certificate, and says what it is not.

For the office, or for one person of the directory (their name, NIP and jabatan in the
subject, the same service as `timpora certificate create --person`): a personal certificate
signs only that person's box.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
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
from app.services.directory import CertificateHolder, certificate_holders
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

PERSONAL_EXPLANATION = N_(
    "<p><b>What a personal certificate is.</b> The app makes a key and a certificate issued to "
    "<b>{name}</b> by themselves: their name, NIP and jabatan in it, the office as organisation, "
    "saved in one .p12 file protected by a passphrase <b>only they know</b>. It signs only their "
    "box in the minutes and proves that nothing was changed afterwards: <b>integrity</b>.</p>"
    "<p><b>What it is not.</b> It is <b>not</b> a certified electronic signature (TTE) under "
    "PP 71/2019. Only a certificate issued by BSrE (under BSSN) gives a signature that legal "
    "standing.</p>"
    "<p>Let {name} type the passphrase, and give the file to them alone. "
    "The passphrase cannot be recovered if it is lost.</p>"
)


def _file_stem(name: str) -> str:
    """'Antonius Frizky, S.C.P.' -> 'antonius-frizky' (degrees dropped, safe on every file system)."""
    core = name.split(",")[0]
    return re.sub(r"[^a-z0-9]+", "-", core.casefold()).strip("-")[:40] or "pribadi"


class CertificateDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, store: Store, *, folder: Path, person: CertificateHolder | None = None
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(640)
        self.created: Path | None = None
        self.ready = False
        self.folder = Path(folder)
        warm_up(("app.signing.certificates",), on_ready=lambda _loaded: setattr(self, "ready", True))
        with store.session() as session:
            office_name = get_office(session).office_name
            self.people = certificate_holders(session)
        self.explanation = explanation = QLabel()
        explanation.setObjectName("explanation")
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.RichText)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addWidget(explanation)
        # Whose certificate: the office's, or one person's of the directory (those with a NIP).
        self.holder = QComboBox()
        self.holder.setObjectName("holder")
        # Long names and jabatan must not widen the dialog past a small screen.
        self.holder.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.holder.setMinimumContentsLength(30)
        self.holder.addItem(_("The office (office certificate)"), None)
        for index, someone in enumerate(self.people):
            label = (
                _("{name} — NIP {nip}").format(name=someone.name, nip=someone.id_number)
                if someone.id_number
                else _("{name} (no NIP in the directory)").format(name=someone.name)
            )
            self.holder.addItem(label, index)
        self.subject = QLabel()
        self.subject.setObjectName("subject")
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.office = QLineEdit(" ".join(office_name.split())[:64])
        self.office.setObjectName("office_name")
        self.office.setMaxLength(64)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.target = QLineEdit(str(self.folder / "sertifikat-kantor.p12"))
        browse = QPushButton(_("C&hoose…"))
        browse.clicked.connect(self.choose_target)
        form = form_layout()
        form.addRow(_("Certificate &for:"), self.holder)
        form.addRow("", self.subject)
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
        self.holder.currentIndexChanged.connect(self._holder_changed)
        chosen = next(
            (i for i, p in enumerate(self.people) if person is not None and p.id_number == person.id_number), None
        )
        if chosen is not None:
            self.holder.setCurrentIndex(chosen + 1)
        self._holder_changed()

    def person(self) -> CertificateHolder | None:
        """The person of the directory the certificate is for, or None for the office."""
        index = self.holder.currentData()
        return None if index is None else self.people[index]

    def _holder_changed(self) -> None:
        person = self.person()
        if person is None:
            self.setWindowTitle(_("Make an office certificate"))
            self.explanation.setText(_(EXPLANATION))
            self.subject.setText(_("Issued to the office named below."))
            stem = "sertifikat-kantor"
        else:
            self.setWindowTitle(_("Make a personal certificate"))
            self.explanation.setText(_(PERSONAL_EXPLANATION).format(name=person.name))
            self.subject.setText(
                _("In the certificate: {name}, NIP {nip}, {position}").format(
                    name=person.name, nip=person.id_number or "—", position=person.position or "—"
                )
            )
            stem = f"sertifikat-{_file_stem(person.name)}"
        current = Path(self.target.text().strip())
        if current.name.startswith("sertifikat-") and current.suffix.lower() == ".p12":
            # Still the suggested name: follow the holder. A name the user chose stays.
            self.target.setText(str(current.with_name(f"{stem}.p12")))
        if self.isVisible():
            # The other explanation is longer or shorter: the dialog takes the height it needs
            # at its present width, so no line is cut off.
            self._fit()

    def _fit(self) -> None:
        layout = self.layout()
        assert layout is not None  # set in __init__
        layout.activate()
        self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

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
        person = self.person()
        job = Job(self)
        self.progress.start(job, _("Making the certificate…"))
        self.create_button.setEnabled(False)
        self.holder.setEnabled(False)
        self.message.hide()
        run_op(
            lambda: create_certificate(office, passphrase, target, job, person=person),
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
        self.holder.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc
        self._say(str(exc), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "error" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
        self._fit()  # the message takes room of its own, not the explanation's

    def _close(self) -> None:
        if self.created is not None:
            self.accept()
        else:
            self.reject()
