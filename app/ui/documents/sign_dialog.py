"""Tanda tangani: sign the minutes as the chair or the minute taker with a .p12, then see it verified."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QRadioButton, QVBoxLayout, QWidget

from app.db import Store
from app.i18n import _, current_language, long_date
from app.models.enums import MeetingStatus, SignerRole
from app.services.revisions import signed_register
from app.ui import remembered
from app.ui.documents.meeting_facts import meeting_facts
from app.ui.documents.sign_job import SignRequest, SignResult, run_sign
from app.ui.ops import Job
from app.ui.signing_form import SELF_ISSUED_NOTE, SigningDialog
from app.ui.widgets import today

#: Between the writes of what the dialog remembers after signing (see `signed`).
REMEMBER_SPACING_MS = 40


class SignDialog(SigningDialog):
    result: SignResult | None

    def __init__(self, parent: QWidget | None, store: Store, meeting_id: int) -> None:
        with store.session() as session:
            facts = meeting_facts(session, meeting_id)
            entries = [e for e in signed_register(session, meeting_id) if e.revision == facts.revision]
        super().__init__(
            parent,
            store,
            title=_("Sign the minutes"),
            warm=(),
            fresh_text=_("The minutes as recorded now (revision {revision}), made now").format(revision=facts.revision),
            existing_text=_("A PDF already signed by the other signer:"),
        )
        self.facts = facts
        self.signed_roles = {e.role.value for e in entries}
        #: What to remember after a signature, written one by one (see `signed`).
        self._to_remember: list = []
        self.roles = QButtonGroup(self)
        self.role_buttons: dict[str, QRadioButton] = {}
        for role, name in (("chair", facts.chair_name), ("secretary", facts.secretary_name)):
            text = f"{SignerRole(role).label} — {name or _('(not chosen)')}"
            if role in self.signed_roles:
                text += "  " + _("(has signed this revision)")
            button = QRadioButton(text)
            self.roles.addButton(button)
            self.role_buttons[role] = button
        first = "secretary" if "chair" in self.signed_roles and "secretary" not in self.signed_roles else "chair"
        self.role_buttons[first].setChecked(True)
        self.create_certificate_button = QPushButton(_("Make a certificate (office or personal)…"))
        self.create_certificate_button.clicked.connect(self.make_certificate)
        last_signed = remembered.signed_file(facts.uuid, facts.revision)
        if self.signed_roles and last_signed is not None and last_signed.exists():
            self.source.setText(str(last_signed))
            self.existing.setChecked(True)
        else:
            self.fresh.setChecked(True)
        if last_signed:
            self.folder.setText(str(last_signed.parent))
        self._layout()
        if facts.status is MeetingStatus.SIGNED and self.signed_roles >= {"chair", "secretary"}:
            self._show_error(
                _("Both signers have signed revision {revision}. To change the minutes, amend the meeting.").format(
                    revision=facts.revision
                )
            )

    def _layout(self) -> None:
        who = QVBoxLayout()
        for button in self.role_buttons.values():
            who.addWidget(button)
        certificate = QVBoxLayout()
        certificate.addWidget(self.p12_row)
        certificate.addWidget(self.create_certificate_button)
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
        note = _(SELF_ISSUED_NOTE) + " " + _("The passphrase is asked each time and never stored.")
        self.assemble(self.facts.title, [self.future_warning], self.signing_form(who, certificate), note)

    # -- choosing --------------------------------------------------------------------------

    def role(self) -> str:
        return next(role for role, button in self.role_buttons.items() if button.isChecked())

    def make_certificate(self) -> None:
        from app.ui.documents.certificate_dialog import CertificateDialog

        dialog = CertificateDialog(self, self.store, folder=Path(self.folder.text() or remembered.export_folder()))
        if dialog.exec() and dialog.created is not None:
            self.p12.setText(str(dialog.created))
            self.passphrase.setFocus()

    # -- signing ---------------------------------------------------------------------------

    def request(self) -> SignRequest:
        p12, passphrase, folder, source = self.form_values()
        return SignRequest(self.facts.id, self.role(), p12, passphrase, source, folder, self.on_behalf.isChecked())

    def signing_work(self, request: SignRequest, job: Job) -> Callable[[], SignResult]:
        store = self.store
        return lambda: run_sign(store, request, job)

    def signed(self, result: SignResult) -> None:
        self.sign_button.setEnabled(True)
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
        self.show_result(lines, result.report, result.zone)
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
