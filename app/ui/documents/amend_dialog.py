"""Ubah (revisi): open a new draft revision of a signed or final meeting, after asking why."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.services.revisions import amend_meeting
from app.ui.widgets import ErrorLabel, plain_text_edit


class AmendDialog(QDialog):
    def __init__(self, parent: QWidget | None, store: Store, meeting_id: int, *, revision: int) -> None:
        super().__init__(parent)
        self.store = store
        self.meeting_id = meeting_id
        self.new_revision: int | None = None
        self.setWindowTitle(_("Amend the minutes"))
        self.setMinimumWidth(560)
        text = QLabel(
            _(
                "Revision {revision} stays as it was signed and can still be checked. A new revision {next} "
                "opens as a draft to correct; it needs to be signed again."
            ).format(revision=revision, next=revision + 1)
        )
        text.setWordWrap(True)
        self.reason = plain_text_edit(lines=3)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("For example: the name of the Polres representative was misspelled."))
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.amend_button = buttons.addButton(
            _("&Make revision {next}").format(next=revision + 1), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        reason_label = QLabel(_("&Reason for the amendment:"))
        reason_label.setBuddy(self.reason)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            with self.store.session() as session:
                self.new_revision = amend_meeting(session, self.meeting_id, self.reason.toPlainText()).revision
        except UserError as exc:
            self.error.show_error(str(exc))
            return
        super().accept()
