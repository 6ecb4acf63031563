"""The Document menu and the editor's document buttons: preview and print, export, sign, check,
finalize, reopen, amend, history, publish to the shared store. Each opens its own dialog (imported when first used)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QMenuBar, QPushButton, QWidget

from app.i18n import _
from app.models.enums import MeetingStatus
from app.services.errors import UserError
from app.services.meetings import get_meeting
from app.ui.ops import run_dialog

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class DocumentActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store

    # -- building --------------------------------------------------------------------------

    def build_menu(self, bar: QMenuBar) -> None:
        w = self.window
        menu = bar.addMenu(_("D&ocument"))
        self.preview_action = w._action(_("&Preview and print…"), self.preview, "Ctrl+P")
        self.export_action = w._action(_("&Export…"), self.export, "Ctrl+E")
        menu.addAction(self.preview_action)
        menu.addAction(self.export_action)
        menu.addAction(w._action(_("Blank &attendance sheet…"), lambda: self.export(kind="sheet")))
        menu.addAction(w._action(_("Export as .&timpora…"), lambda: self.export(kind="package")))
        menu.addSeparator()
        self.sign_action = w._action(_("&Sign…"), self.sign, "Ctrl+Shift+S")
        menu.addAction(self.sign_action)
        menu.addAction(w._action(_("Make a &certificate (office or personal)…"), self.make_certificate))
        menu.addAction(w._action(_("C&heck a signed PDF…"), self.verify, "Ctrl+Shift+V"))
        menu.addSeparator()
        menu.addAction(w._action(_("Mark as &final"), self.finalize))
        menu.addAction(w._action(_("&Reopen as draft"), self.reopen))
        menu.addAction(w._action(_("A&mend (new revision)…"), self.amend))
        menu.addAction(w._action(_("&Revisions and signed files…"), self.history, "Ctrl+H"))
        menu.addSeparator()
        self.publish_action = w._action(_("P&ublish to the shared store…"), self.publish)
        menu.addAction(self.publish_action)

    def toolbar(self) -> QWidget:
        """The buttons above the editor's tabs."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("preview", _("Preview and print"), self.preview),
            ("export", _("Export…"), self.export),
            ("sign", _("Sign…"), self.sign),
            ("history", _("History"), self.history),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}_button")
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            row.addWidget(button)
            self.buttons[key] = button
        return box

    # -- helpers ---------------------------------------------------------------------------

    def meeting_id(self) -> int | None:
        """The meeting open in the editor, else the one chosen in the list; None says why."""
        w = self.window
        if w.in_editor():
            assert w.editor is not None
            w.editor.flush_all()
        meeting_id = w._chosen_meeting()
        if meeting_id is None:
            w.show_message(_("Choose a meeting first."))
        return meeting_id

    def changed(self, meeting_id: int) -> None:
        """Show what a document action did to the meeting (status, revision) everywhere."""
        w = self.window
        w.list_page.refresh()
        if w.editor is not None and w.editor.meeting_id == meeting_id:
            w.editor.reload()

    # -- actions ---------------------------------------------------------------------------

    def preview(self) -> None:
        from app.ui.documents.preview_dialog import PreviewDialog

        meeting_id = self.meeting_id()
        if meeting_id is not None:
            run_dialog(PreviewDialog(self.window, self.store, meeting_id))

    def export(self, *, kind: str = "minutes") -> None:
        from app.ui.documents.export_dialog import ExportDialog
        from app.ui.documents.export_job import ExportKind

        meeting_id = self.meeting_id()
        if meeting_id is not None:
            run_dialog(ExportDialog(self.window, self.store, meeting_id, kind=ExportKind(kind)))

    def sign(self) -> None:
        from app.ui.documents.sign_dialog import SignDialog

        meeting_id = self.meeting_id()
        if meeting_id is not None:
            try:
                with self.window.holding(meeting_id):  # signing locks it: not while another laptop edits it
                    run_dialog(SignDialog(self.window, self.store, meeting_id))
            except UserError as exc:
                self.window.show_message(str(exc))
                return
            self.changed(meeting_id)
            self.window.auto_backup.take_after_milestone()  # signed minutes: worth a copy at once

    def make_certificate(self) -> None:
        from app.ui import remembered
        from app.ui.documents.certificate_dialog import CertificateDialog

        run_dialog(CertificateDialog(self.window, self.store, folder=remembered.export_folder()))

    def verify(self) -> None:
        from app.ui.documents.verify_dialog import VerifyDialog

        run_dialog(VerifyDialog(self.window, self.store))

    def publish(self) -> None:
        from app.ui.documents.publish_dialog import PublishDialog

        if self.window.in_editor():
            assert self.window.editor is not None
            self.window.editor.flush_all()
        run_dialog(PublishDialog(self.window, self.store))

    def history(self) -> None:
        from app.ui.documents.history_dialog import HistoryDialog

        meeting_id = self.meeting_id()
        if meeting_id is not None:
            run_dialog(HistoryDialog(self.window, self.store, meeting_id))

    def _status_change(self, work, done: str) -> bool:
        meeting_id = self.meeting_id()
        if meeting_id is None:
            return False
        try:
            with self.window.holding(meeting_id), self.store.session() as session:
                work(session, meeting_id)
        except UserError as exc:
            self.window.show_message(str(exc))
            return False
        self.changed(meeting_id)
        self.window.show_message(done)
        return True

    def finalize(self) -> None:
        from app.services.revisions import finalize_meeting

        if self._status_change(finalize_meeting, _("The meeting is final: it can be signed, and no longer changed.")):
            self.window.auto_backup.take_after_milestone()

    def reopen(self) -> None:
        from app.services.revisions import reopen_meeting

        self._status_change(reopen_meeting, _("The meeting is a draft again and can be changed."))

    def amend(self) -> None:
        from app.ui.documents.amend_dialog import AmendDialog

        meeting_id = self.meeting_id()
        if meeting_id is None:
            return
        with self.store.session() as session:
            meeting = get_meeting(session, meeting_id)
            status, revision = meeting.status, meeting.revision
        if status is MeetingStatus.DRAFT:
            self.window.show_message(_("This meeting is still a draft; change it directly, no amendment is needed."))
            return
        dialog = AmendDialog(self.window, self.store, meeting_id, revision=revision)
        try:
            with self.window.holding(meeting_id):
                amended = run_dialog(dialog)
        except UserError as exc:
            self.window.show_message(str(exc))
            return
        if amended and dialog.new_revision is not None:
            self.changed(meeting_id)
            self.window.show_message(_("Revision {revision} is open for changes.").format(revision=dialog.new_revision))
