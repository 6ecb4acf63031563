"""Tanda tangani: sign the minutes as the chair or the minute taker with a .p12, then see it verified."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
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
from app.i18n import _, current_language, long_date
from app.models.enums import MeetingStatus, SignerRole
from app.services.errors import UserError
from app.services.revisions import signed_register
from app.ui import remembered
from app.ui.desktop import open_file, open_folder
from app.ui.documents.meeting_facts import meeting_facts
from app.ui.documents.sign_job import SignRequest, SignResult, run_sign
from app.ui.job_progress import JobProgress
from app.ui.ops import SIGNING_MODULES, Job, run_op, warm_up
from app.ui.signing_form import SELF_ISSUED_NOTE
from app.ui.widgets import buddy_label, form_layout, path_row, today

if TYPE_CHECKING:
    from app.ui.verification_view import VerificationView

#: Between the writes of what the dialog remembers after signing (see `_signed`).
REMEMBER_SPACING_MS = 40


class SignDialog(QDialog):
    # These shadow QDialog.result() and QWidget.scroll() (not virtual: Qt never calls them from Python).
    result: SignResult | None  # type: ignore[assignment]
    scroll: QScrollArea  # type: ignore[assignment]

    def __init__(self, parent: QWidget | None, store: Store, meeting_id: int) -> None:
        super().__init__(parent)
        self.store = store
        with store.session() as session:
            self.facts = meeting_facts(session, meeting_id)
            entries = [e for e in signed_register(session, meeting_id) if e.revision == self.facts.revision]
        self.signed_roles = {e.role.value for e in entries}
        self.result: SignResult | None = None
        #: What to remember after a signature, written one by one (see `_signed`).
        self._to_remember: list = []
        self.ready = False  # pyHanko is loaded on the worker while the user fills in the form
        warm_up(
            SIGNING_MODULES + ("app.ui.verification_view",),
            on_ready=lambda _loaded: setattr(self, "ready", True),
        )
        self.setWindowTitle(_("Sign the minutes"))
        self.setMinimumWidth(700)
        self.roles = QButtonGroup(self)
        self.role_buttons: dict[str, QRadioButton] = {}
        for role, name in (("chair", self.facts.chair_name), ("secretary", self.facts.secretary_name)):
            text = f"{SignerRole(role).label} — {name or _('(not chosen)')}"
            if role in self.signed_roles:
                text += "  " + _("(has signed this revision)")
            button = QRadioButton(text)
            self.roles.addButton(button)
            self.role_buttons[role] = button
        first = "secretary" if "chair" in self.signed_roles and "secretary" not in self.signed_roles else "chair"
        self.role_buttons[first].setChecked(True)
        self.p12 = QLineEdit(str(remembered.certificate_path() or ""))
        self.p12.setObjectName("p12")
        self.p12.setPlaceholderText(_("the .p12 or .pfx file of the signer"))
        choose_p12 = QPushButton(_("C&hoose…"))
        choose_p12.clicked.connect(self.choose_certificate)
        self.create_certificate_button = QPushButton(_("Make a certificate (office or personal)…"))
        self.create_certificate_button.clicked.connect(self.make_certificate)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.start)
        self.on_behalf = QCheckBox(_("Sign on behalf of the person in this box (a.n.)"))
        self.on_behalf.setToolTip(
            _("The certificate is not that person's own (the office's, say): the stamp then says a.n. that person.")
        )
        self.on_behalf.setObjectName("on_behalf")
        self.fresh = QRadioButton(
            _("The minutes as recorded now (revision {revision}), made now").format(revision=self.facts.revision)
        )
        self.existing = QRadioButton(_("A PDF already signed by the other signer:"))
        self.source = QLineEdit()
        choose_source = QPushButton(_("Ch&oose…"))
        choose_source.clicked.connect(self.choose_source)
        last_signed = remembered.signed_file(self.facts.uuid, self.facts.revision)
        if self.signed_roles and last_signed is not None and last_signed.exists():
            self.source.setText(str(last_signed))
            self.existing.setChecked(True)
        else:
            self.fresh.setChecked(True)
        self.folder = QLineEdit(str(last_signed.parent if last_signed else remembered.export_folder()))
        choose_folder = QPushButton(_("Cho&ose…"))
        choose_folder.clicked.connect(self.choose_folder)
        self.progress = JobProgress()
        self.progress.cancel_button.hide()  # a signature is written and registered at once, or not at all
        self.error = QLabel()
        self.error.setObjectName("sign_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        # A VerificationView once there is a result (pyHanko loads then).
        self.verification: VerificationView | None = None
        self.result_box = QGroupBox(_("Result"))
        self.result_layout = QVBoxLayout(self.result_box)
        self.result_layout.addWidget(self.outcome)
        open_row = QHBoxLayout()
        self.open_file_button = QPushButton(_("Open the &file"))
        self.open_folder_button = QPushButton(_("Open the f&older"))
        # Shown with a result only.
        self.open_file_button.clicked.connect(lambda: open_file(cast(SignResult, self.result).path))
        self.open_folder_button.clicked.connect(lambda: open_folder(cast(SignResult, self.result).path))
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
        if self.facts.status is MeetingStatus.SIGNED and self.signed_roles >= {"chair", "secretary"}:
            self._show_error(
                _("Both signers have signed revision {revision}. To change the minutes, amend the meeting.").format(
                    revision=self.facts.revision
                )
            )

    def _layout(self, p12_row: QWidget, source_row: QWidget, folder_row: QWidget) -> None:
        heading = QLabel(self.facts.title)
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        who = QVBoxLayout()
        for button in self.role_buttons.values():
            who.addWidget(button)
        form = form_layout()
        form.addRow(_("Signer:"), who)
        certificate = QVBoxLayout()
        certificate.addWidget(p12_row)
        certificate.addWidget(self.create_certificate_button)
        form.addRow(buddy_label(_("&Certificate:"), self.p12), certificate)
        form.addRow(_("&Passphrase:"), self.passphrase)
        form.addRow("", self.on_behalf)
        which = QVBoxLayout()
        which.addWidget(self.fresh)
        which.addWidget(self.existing)
        which.addWidget(source_row)
        form.addRow(_("PDF to sign:"), which)
        form.addRow(buddy_label(_("Save in &folder:"), self.folder), folder_row)
        note = QLabel(_(SELF_ISSUED_NOTE) + " " + _("The passphrase is asked each time and never stored."))
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        # Everything but the buttons scrolls: with the result and its verification shown, the
        # dialog is taller than a 1366×768 laptop's screen.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading)
        # Minutes are signed after the meeting: a date still ahead is most often a typing slip.
        self.future_warning = QLabel()
        self.future_warning.setObjectName("future_warning")
        self.future_warning.setWordWrap(True)
        self.future_warning.setProperty("role", "error")
        if self.facts.date > today():
            self.future_warning.setText(
                _(
                    "This meeting is dated {date}, which has not come yet. Minutes are signed after the "
                    "meeting: check the date in the Information tab before signing."
                ).format(date=long_date(self.facts.date, lang=current_language()))
            )
        else:
            self.future_warning.hide()
        column.addWidget(self.future_warning)
        column.addLayout(form)
        column.addWidget(note)
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

    def role(self) -> str:
        return next(role for role, button in self.role_buttons.items() if button.isChecked())

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

    def make_certificate(self) -> None:
        from app.ui.documents.certificate_dialog import CertificateDialog

        dialog = CertificateDialog(self, self.store, folder=Path(self.folder.text() or remembered.export_folder()))
        if dialog.exec() and dialog.created is not None:
            self.p12.setText(str(dialog.created))
            self.passphrase.setFocus()

    # -- signing ---------------------------------------------------------------------------

    def request(self) -> SignRequest:
        p12 = Path(self.p12.text().strip())
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
        return SignRequest(
            self.facts.id, self.role(), p12, self.passphrase.text(), source, folder, self.on_behalf.isChecked()
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
        run_op(lambda: run_sign(store, request, job), on_success=self._signed, on_failure=self._failed)

    def _signed(self, result: SignResult) -> None:
        from app.ui.verification_view import VerificationView

        self.progress.finish()
        self.sign_button.setEnabled(True)
        self.result = result
        # Each remembered value syncs the settings file (tens of ms on a busy disk): spread over
        # the next moments, after the result is drawn, so the window never stalls on them at once.
        p12 = Path(self.p12.text().strip())
        self._to_remember += [
            lambda: remembered.set_certificate_path(p12),
            lambda: remembered.set_export_folder(result.path.parent),
            lambda: remembered.set_signed_file(self.facts.uuid, result.revision, result.path),
        ]
        for number in range(1, len(self._to_remember) + 1):
            QTimer.singleShot(REMEMBER_SPACING_MS * number, self, self._remember_one)
        role = self.role()
        self.on_behalf.setChecked(False)  # the next signer says so again if it applies to them
        self.signed_roles.add(role)
        self.role_buttons[role].setText(
            self.role_buttons[role].text().split("  ")[0] + "  " + _("(has signed this revision)")
        )
        lines = [
            _("Signed as {role}: {name}").format(role=SignerRole(role).label, name=result.path.name),
            _("Certificate: {name} ({kind}).").format(name=result.certificate_name, kind=result.certificate_kind),
        ]
        if result.recorded:
            lines.append(
                _("Recorded in the register (revision {revision}); the meeting is now locked as signed.").format(
                    revision=result.revision
                )
            )
        self.outcome.setText("\n".join(lines))
        if self.verification is None:
            self.verification = VerificationView()
            self.result_layout.insertWidget(1, self.verification, 1)
        self.verification.show_report(result.report, zone=result.zone)
        self.result_box.show()
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.outcome))  # the news, in sight
        other = "secretary" if role == "chair" else "chair"
        if other not in self.signed_roles:
            # The next signer signs this file, so both signatures end up in one PDF.
            self.role_buttons[other].setChecked(True)
            self.source.setText(str(result.path))
            self.existing.setChecked(True)

    def _remember_one(self) -> None:
        if self._to_remember:
            self._to_remember.pop(0)()

    def done(self, result: int) -> None:
        while self._to_remember:  # closed before every value was written: write the rest now
            self._remember_one()
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
