"""The meeting editor: one tab per part of the meeting, every edit saved, undo across tabs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db import Store
from app.i18n import _, long_date
from app.models import Meeting
from app.models.enums import MeetingStatus
from app.services.claims import ClaimLostError
from app.services.directory import AgencyChoice, PersonChoice, load_directory
from app.services.errors import UserError
from app.services.meetings import get_meeting

if TYPE_CHECKING:
    from app.ui.editor.actions_tab import ActionsTab
    from app.ui.editor.agenda_tab import AgendaTab
    from app.ui.editor.attendance_tab import AttendanceTab
    from app.ui.editor.conclusions_tab import ConclusionsTab
    from app.ui.editor.documentation_tab import DocumentationTab
    from app.ui.editor.findings_tab import FindingsTab
    from app.ui.editor.info_tab import InfoTab


def lock_reason(meeting: Meeting) -> str:
    """One sentence on why the meeting is read-only (empty for a draft)."""
    if meeting.status is MeetingStatus.FINAL:
        return _(
            "This meeting is final: it waits for signatures and can be read but not changed. "
            "Reopen it as a draft to change it."
        )
    if meeting.status is not MeetingStatus.SIGNED:
        return ""
    signers = [
        f"{d.signer_role.label} ({d.signer_name})" for d in meeting.signed_documents if d.revision == meeting.revision
    ]
    return _(
        "Revision {revision} of these minutes is signed by {signers}; it can be read but not changed. "
        "To correct it, amend it: that makes a new revision."
    ).format(revision=meeting.revision, signers=", ".join(dict.fromkeys(signers)) or "—")


class MeetingEditor(QWidget):
    """Shows one meeting; the tabs call back here to save, push undo commands and report."""

    status_changed = Signal(str)
    content_changed = Signal()
    message = Signal(str)
    #: The locked banner's buttons: the window's document actions answer them.
    amend_requested = Signal()
    reopen_requested = Signal()
    preview_requested = Signal()
    #: On a server store the meeting's claim was lost (services/claims.py): the edit that found it
    #: out was not written and stays in its field; the window offers to retry or copy it.
    claim_lost = Signal(str)

    # The tabs, set by build_step one per event-loop turn.
    info_tab: InfoTab
    agenda_tab: AgendaTab
    attendance_tab: AttendanceTab
    findings_tab: FindingsTab
    actions_tab: ActionsTab
    conclusions_tab: ConclusionsTab
    documentation_tab: DocumentationTab

    def __init__(self, store: Store, undo_stack: QUndoStack) -> None:
        super().__init__()
        self.store = store
        self.undo_stack = undo_stack
        self.meeting_id: int | None = None
        self.meeting_uuid: str | None = None
        self.people: list[PersonChoice] = []
        self.agencies: list[AgencyChoice] = []
        self._binders: list[Any] = []
        self._replaying = False
        #: Raises ClaimLostError when this window no longer holds the meeting on a server store;
        #: called before every write, so no edit goes over another laptop's (set by the window).
        self.claim_guard: Callable[[], None] | None = None
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.subheading = QLabel()
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        self.locked_banner = self._locked_banner()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(300)
        self._changed_timer.timeout.connect(self.content_changed)
        self._build_tabs()
        from app.ui.widgets import UndoBar

        self.undo_bar = UndoBar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.locked_banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.undo_bar)
        self.tabs.currentChanged.connect(lambda _index: self.flush_all())

    def _locked_banner(self) -> QFrame:
        """Why the meeting cannot be changed, and what to do instead."""
        banner = QFrame()
        banner.setObjectName("locked_banner")
        banner.setStyleSheet(
            "QFrame#locked_banner { background: #fdf3e1; border: 1px solid #e3c27a; border-radius: 4px; }"
        )
        self.locked_text = QLabel()
        self.locked_text.setObjectName("locked_text")
        self.locked_text.setWordWrap(True)
        self.locked_text.setTextFormat(Qt.TextFormat.PlainText)
        self.amend_button = QPushButton(_("&Amend (new revision)…"))
        self.reopen_button = QPushButton(_("&Reopen as draft"))
        read_button = QPushButton(_("Read the minutes"))
        self.amend_button.clicked.connect(self.amend_requested)
        self.reopen_button.clicked.connect(self.reopen_requested)
        read_button.clicked.connect(self.preview_requested)
        row = QHBoxLayout(banner)
        row.addWidget(self._lock_label())
        row.addWidget(self.locked_text, 1)
        for button in (read_button, self.reopen_button, self.amend_button):
            row.addWidget(button)
        banner.hide()
        return banner

    @staticmethod
    def _lock_label() -> QLabel:
        from app.ui.look import lock_icon

        label = QLabel()
        label.setPixmap(lock_icon().pixmap(22, 22))
        return label

    def _build_tabs(self) -> None:
        """Tabs are built one per event-loop turn (see build_step) so the window never freezes."""
        self._pending_tabs = [
            ("info_tab", "app.ui.editor.info_tab", "InfoTab", _("&Information")),
            ("agenda_tab", "app.ui.editor.agenda_tab", "AgendaTab", _("&Agenda")),
            ("attendance_tab", "app.ui.editor.attendance_tab", "AttendanceTab", _("&Attendees")),
            ("findings_tab", "app.ui.editor.findings_tab", "FindingsTab", _("&Findings")),
            ("actions_tab", "app.ui.editor.actions_tab", "ActionsTab", _("Follow-&up")),
            ("conclusions_tab", "app.ui.editor.conclusions_tab", "ConclusionsTab", _("&Conclusions")),
            ("documentation_tab", "app.ui.editor.documentation_tab", "DocumentationTab", _("&Documentation")),
        ]

    def build_step(self) -> bool:
        """Build the next tab; False once all are built."""
        import importlib

        if not self._pending_tabs:
            return False
        attribute, module, name, title = self._pending_tabs.pop(0)
        tab = getattr(importlib.import_module(module), name)(self, self.tabs.count())
        setattr(self, attribute, tab)
        self.tabs.addTab(tab, title)
        return bool(self._pending_tabs)

    def ensure_built(self) -> None:
        while self.build_step():
            pass

    def short_agency(self, name: str) -> str:
        """The short name tables show ("Polres Lubuklinggau") for a full agency name."""
        for agency in self.agencies:
            if agency.name == name and agency.short_name:
                return agency.short_name
        return name

    def all_tabs(self) -> list[Any]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    # -- opening and showing ---------------------------------------------------------------

    def open_meeting(self, meeting_id: int) -> None:
        self.ensure_built()
        self.flush_all()
        self.undo_stack.clear()
        self.meeting_id = meeting_id
        self.reload(directory=True)
        self.tabs.setCurrentIndex(0)
        self.mark_saved()

    def close_meeting(self) -> None:
        self.undo_bar.hide()
        self.flush_all()
        self.undo_stack.clear()
        self.meeting_id = None

    def reload(self, *, directory: bool = False) -> None:
        """Show the stored meeting again in every tab (after undo, redo, add or delete)."""
        if self.meeting_id is None:
            return
        with self.store.session() as session:
            if directory or not self.people:
                self.people, self.agencies = load_directory(session)
            meeting = session.scalar(
                select(Meeting)
                .where(Meeting.id == self.meeting_id)
                .options(selectinload(Meeting.attendances), selectinload(Meeting.agenda_items))
            ) or get_meeting(session, self.meeting_id)
            self.meeting_uuid = meeting.uuid
            self._show_heading(meeting)
            for tab in self.all_tabs():
                tab.load(session, meeting)

    def _show_heading(self, meeting: Meeting) -> None:
        self.heading.setText(meeting.title)
        self.subheading.setText(f"{long_date(meeting.date)} · {meeting.venue or meeting.city} · {meeting.status.label}")
        locked = meeting.status is not MeetingStatus.DRAFT
        self.locked_text.setText(lock_reason(meeting))
        self.amend_button.setVisible(meeting.status is MeetingStatus.SIGNED)  # a final one is reopened instead
        self.reopen_button.setVisible(meeting.status is MeetingStatus.FINAL)
        self.locked_banner.setVisible(locked)
        for tab in self.all_tabs():
            tab.setEnabled(not locked)

    def refresh_heading(self) -> None:
        with self.store.session() as session:
            self._show_heading(get_meeting(session, cast(int, self.meeting_id)))

    # -- saving ----------------------------------------------------------------------------

    def register_binder(self, binder: Any) -> None:
        self._binders.append(binder)

    def flush_all(self) -> bool:
        """Save every field with typing pending; False if one was refused."""
        results = [binder.flush() for binder in self._binders]
        return all(results)

    def refused_fields(self) -> list[Any]:
        """Binders whose field shows a value that was refused (typed, marked, not stored)."""
        return [binder for binder in self._binders if binder.error.text()]

    def write(self, work: Callable[[Session], Any]) -> Any:
        """One small unit of work on the GUI thread (a field or a row: milliseconds)."""
        if self.claim_guard is not None:
            try:
                self.claim_guard()
            except ClaimLostError as exc:
                self.claim_lost.emit(str(exc))
                raise
        with self.store.session() as session:
            result = work(session)
        self._changed_timer.start()
        self.mark_saved()
        return result

    def try_write(self, work: Callable[[Session], Any]) -> bool:
        try:
            self.write(work)
        except UserError as exc:
            self.notify(str(exc))
            return False
        return True

    def push(self, command: QUndoCommand) -> None:
        try:
            self.undo_stack.push(command)
        except UserError as exc:
            self.notify(str(exc))

    def push_field_edit(self, binder: Any, target: Any, old: Any, new: Any) -> None:
        from app.ui.editor.undo import FieldEdit

        self.undo_stack.push(FieldEdit(self, binder, target, old, new))

    def replay(self, tab: int, target: Any, work: Callable[[], None]) -> None:
        """Run an undo or redo: save pending typing, change the store, show the result there."""
        self.flush_all()
        try:
            work()
        except UserError as exc:
            self.notify(str(exc))
        self.reload()
        self.tabs.setCurrentIndex(tab)
        shown = self.all_tabs()[tab]
        shown.select(target)
        if hasattr(shown, "flash_row"):
            shown.flash_row(target)  # a change made by a key shows where the eye is

    def save_now(self) -> bool:
        """Ctrl+S: everything typed is committed now, and the status bar says so."""
        ok = self.flush_all()
        if ok:
            self.status_changed.emit(_("Saved"))
            self.notify(_("Everything is saved."))
        return ok

    # -- status ----------------------------------------------------------------------------

    def mark_pending(self) -> None:
        self.status_changed.emit(_("Saving…"))

    def mark_saved(self) -> None:
        self.status_changed.emit(_("Saved"))

    def mark_refused(self, message: str) -> None:
        self.status_changed.emit(_("Not saved: {reason}").format(reason=message))

    def notify(self, text: str) -> None:
        self.message.emit(text)

    def offer_undo(self, text: str) -> None:
        """A row removed: say so under the tabs, with "Urungkan" right there (and in the status bar)."""
        self.undo_bar.offer(text, self.undo_stack, before_undo=self.flush_all)
        self.notify(text)
