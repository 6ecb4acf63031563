"""Main window: the meeting list and the meeting editor, menus and shortcuts, remembered state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.db import Store
from app.i18n import _
from app.services.errors import UserError
from app.services.meetings import get_meeting, latest_meeting_id
from app.ui import remembered
from app.ui.documents.document_actions import DocumentActions
from app.ui.meetings.list_page import ListPage
from app.ui.ops import run_dialog
from app.ui.widgets import fit_to_screen

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from app.services.claims import MeetingClaim
    from app.services.records import MeetingBundle
    from app.ui.editor.meeting_editor import MeetingEditor
    from app.ui.folder_exchange import FolderExchange
    from app.ui.meetings.follow_up_page import FollowUpPage
    from app.ui.reports.report_page import ReportPage


class DeleteMeeting(QUndoCommand):
    """Deleting a meeting keeps all of it in memory, so Ctrl+Z brings it back whole."""

    def __init__(self, window: MainWindow, meeting_id: int, title: str) -> None:
        super().__init__(_("Delete meeting"))
        self.window, self.meeting_id, self.title = window, meeting_id, title
        self.bundle: MeetingBundle | None = None

    def redo(self) -> None:
        from app.services.restore import delete_meeting_undoably

        with self.window.store.session() as session:
            self.bundle = delete_meeting_undoably(session, self.meeting_id)
        self.window.list_page.refresh()
        self.window.show_message(
            _("Meeting deleted: {title}. Ctrl+Z brings it back.").format(title=self.title), undo=True
        )

    def undo(self) -> None:
        from app.services.restore import restore_meeting

        assert self.bundle is not None  # undone only after it was done
        with self.window.store.session() as session:
            self.meeting_id = restore_meeting(session, self.bundle).id
        self.window.list_page.refresh()
        self.window.list_page.select(self.meeting_id)
        self.window.show_message(_("Meeting restored: {title}.").format(title=self.title))


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(f"{APP_NAME} — {store.path.name}")
        self.undo_group = QUndoGroup(self)
        self.list_stack = QUndoStack(self.undo_group)
        self.editor_stack = QUndoStack(self.undo_group)
        self.list_page = ListPage(store)
        self.list_page.open_requested.connect(self.open_meeting)
        self.list_page.new_button.clicked.connect(self.new_meeting)
        self.list_page.duplicate_button.clicked.connect(self.duplicate_meeting)
        self.list_page.delete_button.clicked.connect(self.delete_meeting)
        self.list_page.follow_ups_button.clicked.connect(self.show_follow_ups)
        self.documents = DocumentActions(self)
        from app.ui.store_watch import StoreWatch

        self.store_watch = StoreWatch(store, self)
        self.store_watch.changed_elsewhere.connect(self.store_changed_elsewhere)
        from app.ui.backups_view import AutoBackup

        self.auto_backup = AutoBackup(store.path, self.backup_failed, self)
        self._backup_warned = False
        from app.ui.store_check_watch import PageCheckWatch

        # The store is read at once; its pages are checked after the first paint (and its first
        # write waits for that): a damaged store is said, and the window closes, when it answers.
        self.page_check = PageCheckWatch(store, self)
        self.page_check.answered.connect(self._store_checked)
        self.store_refused: BaseException | None = None
        self.follow_up_page: FollowUpPage | None = None  # built when first shown
        self.report_page: ReportPage | None = None  # built when first shown
        self.editor: MeetingEditor | None = None  # built on first open: starting stays quick
        # On a server store: the meeting held for this window (services/claims.py).
        self.claim: MeetingClaim | None = None
        self.claim_box: QMessageBox | None = None  # the question after a lost claim, while it is up
        self.folders: FolderExchange | None = None  # built on first use
        self.editor_page = QWidget()
        self.editor_layout = QVBoxLayout(self.editor_page)
        self.editor_layout.setContentsMargins(0, 0, 0, 0)
        back = QToolButton()
        back.setText(_("← Meeting list"))
        back.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        back.clicked.connect(self.show_list)
        self.back_button = back
        top = QHBoxLayout()
        top.addWidget(back)
        top.addStretch(1)
        top.addWidget(self.documents.toolbar())
        self.editor_layout.addLayout(top)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.editor_page)
        self.setCentralWidget(self.pages)
        self.save_state = QLabel(_("Saved"))
        self.save_state.setProperty("role", "hint")
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.save_state)
        self._build_menus()
        self.undo_group.setActiveStack(self.list_stack)
        geometry = remembered.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self, 1180, 760)
        self.list_page.refresh()
        QTimer.singleShot(400, self, self._prepare_editor)  # after the first paint, while the user reads the list

    def _prepare_editor(self) -> None:
        """Import the editor's modules on the worker, then build its tabs a turn at a time."""
        from app.ui.ops import run_op

        def warm_up() -> None:
            import importlib

            for name in (
                "editor.info_tab",
                "editor.agenda_tab",
                "editor.attendance_tab",
                "editor.findings_tab",
                "editor.actions_tab",
                "editor.conclusions_tab",
                "editor.documentation_tab",
                "editor.undo",
                "meetings.new_meeting_dialog",
            ):
                importlib.import_module(f"app.ui.{name}")

        def warmed(_result: object) -> None:
            from app.ui.ops import settle_heap

            settle_heap()
            self._build_editor_step()

        run_op(warm_up, on_success=warmed)

    def _build_editor_step(self) -> None:
        from shiboken6 import isValid

        if not isValid(self) or not self.isVisible():
            return  # closed meanwhile: the editor is built when a meeting is opened
        if self._ensure_editor().build_step():
            QTimer.singleShot(0, self, self._build_editor_step)

    # -- menus -----------------------------------------------------------------------------

    def _action(self, text: str, slot, *keys) -> QAction:
        action = QAction(text, self)
        shortcuts: list[QKeySequence] = []
        for key in keys:
            for sequence in (
                QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
            ):
                if sequence not in shortcuts:  # the same keys twice make Qt call them ambiguous
                    shortcuts.append(sequence)
        if shortcuts:
            action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        meeting = bar.addMenu(_("&Meeting"))
        self.new_action = self._action(_("&New meeting…"), self.new_meeting, QKeySequence.StandardKey.New)
        meeting.addAction(self.new_action)
        meeting.addAction(self._action(_("New &follow-up meeting…"), self.new_follow_up, "Ctrl+Shift+N"))
        meeting.addAction(self._action(_("D&uplicate"), self.duplicate_meeting, "Ctrl+D"))
        meeting.addAction(self._action(_("&Delete…"), self.delete_meeting, "Ctrl+Del"))
        meeting.addSeparator()
        meeting.addAction(self._action(_("Meeting &list"), self.show_list, "Alt+Left", "Ctrl+L"))
        meeting.addAction(
            self._action(_("&Open a meeting file…"), self.choose_meeting_file, QKeySequence.StandardKey.Open)
        )
        self.import_folder_action = self._action(_("&Import a folder of meeting files…"), self.import_meeting_folder)
        meeting.addAction(self.import_folder_action)
        self.export_folder_action = self._action(_("E&xport all meetings to a folder…"), self.export_meeting_folder)
        meeting.addAction(self.export_folder_action)
        meeting.addSeparator()
        meeting.addAction(self._action(_("&Quit"), self.quit_asking, QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.documents.build_menu(bar)
        edit = bar.addMenu(_("&Edit"))
        self.undo_action = self._action(_("&Undo"), self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(_("&Redo"), self.redo, QKeySequence.StandardKey.Redo, "Ctrl+Y")
        # Both stay enabled: typing still pending becomes undoable only once Ctrl+Z saves it.
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        edit.addAction(self._action(_("&Save now"), self.save_now, QKeySequence.StandardKey.Save))
        edit.addAction(self._action(_("&Search meetings"), self.focus_search, QKeySequence.StandardKey.Find))
        view = bar.addMenu(_("&View"))
        view.addAction(self._action(_("&Next tab"), lambda: self.step_tab(+1), "Ctrl+Tab", "Ctrl+PgDown"))
        view.addAction(self._action(_("&Previous tab"), lambda: self.step_tab(-1), "Ctrl+Shift+Tab", "Ctrl+PgUp"))
        view.addSeparator()
        view.addAction(self._action(_("Open &follow-ups of all meetings"), self.show_follow_ups, "Ctrl+T"))
        view.addAction(self._action(_("Timpora &report…"), self.show_reports, "Ctrl+R"))
        tools = bar.addMenu(_("&Tools"))
        tools.addAction(self._action(_("&Directory…"), self.open_directory, "Ctrl+Shift+D"))
        tools.addAction(self._action(_("&Import people…"), self.import_people))
        tools.addAction(self._action(_("&Settings…"), self.open_settings))
        tools.addSeparator()
        self.restore_action = self._action(_("Restore from &backup…"), self.restore_from_backup)
        tools.addAction(self.restore_action)
        self.export_all_action = self._action(_("&Export all data…"), self.export_all)
        tools.addAction(self.export_all_action)
        for file_only in (self.restore_action, self.export_all_action):
            file_only.setEnabled(not self.store.is_server)  # the server's backups are pg_dump's

    # -- pages -----------------------------------------------------------------------------

    def _ensure_editor(self) -> MeetingEditor:
        if self.editor is None:
            from app.ui.editor.meeting_editor import MeetingEditor

            self.editor = MeetingEditor(self.store, self.editor_stack)
            self.editor.status_changed.connect(self.save_state.setText)
            self.editor.message.connect(self.show_message)
            self.editor.content_changed.connect(self._editor_changed)
            self.editor.amend_requested.connect(self.documents.amend)
            self.editor.reopen_requested.connect(self.documents.reopen)
            self.editor.preview_requested.connect(self.documents.preview)
            if self.store.is_server:
                self.editor.claim_guard = self._ensure_claim
                self.editor.claim_lost.connect(self._claim_lost)
            self.editor_layout.addWidget(self.editor, 1)
        return self.editor

    def open_meeting(self, meeting_id: int) -> None:
        editor = self._ensure_editor()
        try:
            self._claim(meeting_id)  # on a shared server: one secretary per meeting
            editor.open_meeting(meeting_id)
        except UserError as exc:
            self.show_message(str(exc))
            return
        self.pages.setCurrentWidget(self.editor_page)
        self.undo_group.setActiveStack(self.editor_stack)
        remembered.save_last_meeting(self.store.location, editor.meeting_uuid)
        editor.info_tab.title.setFocus()

    def _claim(self, meeting_id: int) -> None:
        """Hold the meeting on a server store (a MeetingHeldError names who has it instead)."""
        if not self.store.is_server or (self.claim is not None and self.claim.meeting_id == meeting_id):
            return
        from app.services.claims import claim_meeting

        claimed = claim_meeting(self.store, meeting_id)
        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.flush_all()  # the meeting held so far is written before it is let go
        self._release_claim()
        self.claim = claimed

    def _ensure_claim(self) -> None:
        """Before the editor writes on a server store: the meeting is still held by this window."""
        from app.services.claims import ClaimLostError

        if self.claim is None:
            raise ClaimLostError()
        self.claim.ensure_held()

    @contextmanager
    def holding(self, meeting_id: int) -> Iterator[None]:
        """A document action that changes a meeting (finalize, sign, amend) holds it on a server
        store, as the editor does: the meeting open here is checked (held again if its connection
        dropped), one chosen in the list is held for the action's length; a MeetingHeldError
        names the laptop that has it, before anything is changed."""
        from app.services.claims import ClaimLostError, claim_meeting

        if not self.store.is_server:
            yield
            return
        if self.claim is not None and self.claim.meeting_id == meeting_id:
            try:
                self.claim.ensure_held()
            except ClaimLostError:
                self._release_claim()
                self.claim = claim_meeting(self.store, meeting_id)
            yield
            return
        claim = claim_meeting(self.store, meeting_id)
        try:
            yield
        finally:
            claim.release()

    def _claim_lost(self, reason: str) -> None:
        """An edit was not written because the meeting's claim is gone: one question, the typed
        text kept in its field, to retry (claim the meeting again, then save) or copy."""
        if self.claim_box is not None:
            return  # one question at a time, however many fields found it out
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Not saved"),
            _(
                "{reason}\n\nWhat you typed is still in the form. Try again to hold the meeting and save it, "
                "or copy the text to keep it."
            ).format(reason=reason),
            parent=self,
        )
        retry = box.addButton(_("&Try again"), QMessageBox.ButtonRole.AcceptRole)
        copy = box.addButton(_("&Copy the text"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        self.claim_box = box

        def answered() -> None:
            self.claim_box = None
            if box.clickedButton() is retry:
                self._retry_claim()
            elif box.clickedButton() is copy:
                self._copy_unsaved()
            box.deleteLater()

        box.finished.connect(answered)
        box.open()

    def _retry_claim(self) -> None:
        from app.services.claims import claim_meeting

        if self.editor is None or self.editor.meeting_id is None:
            return
        self._release_claim()  # a dead connection: closing it is all that is left
        try:
            self.claim = claim_meeting(self.store, self.editor.meeting_id)
        except UserError as exc:  # taken meanwhile by another laptop, or the server still away
            self._claim_lost(str(exc))  # asked again with that reason: copying is still offered
            return
        for binder in self.editor.refused_fields():
            binder.pending = True
            binder.flush()
        if self.editor.refused_fields():
            return  # refused again (for another reason, shown at the field): kept as typed
        # While the meeting was not held here another laptop may have held and changed it: what
        # is shown is read again, and no undo may write back values read before.
        self.editor_stack.clear()
        try:
            self.editor.reload(directory=True)
        except UserError as exc:  # the meeting itself is gone
            self.show_message(str(exc))
            return
        self.show_message(_("Saved"))

    def _copy_unsaved(self) -> None:
        if self.editor is None:
            return
        lines = [f"{binder.name}: {binder.typed_text()}" for binder in self.editor.refused_fields()]
        if not lines:
            return  # a row's change (no typed text) was what could not be written
        QApplication.clipboard().setText("\n".join(lines))
        self.show_message(_("The text that was not saved is on the clipboard."))

    def _release_claim(self) -> None:
        if self.claim is not None:
            self.claim.release()
            self.claim = None

    def show_list(self) -> None:
        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.flush_all()
            self._release_claim()  # back at the list: the others may edit it
            current = self.editor.meeting_id
            self.list_page.refresh()
            self.list_page.select(current)
        self.pages.setCurrentWidget(self.list_page)
        self.undo_group.setActiveStack(self.list_stack)
        self.list_page.table.setFocus()

    def show_follow_ups(self) -> None:
        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        if self.follow_up_page is None:
            from app.ui.meetings.follow_up_page import FollowUpPage

            self.follow_up_page = FollowUpPage(self.store)
            self.follow_up_page.back_requested.connect(self.show_list)
            self.follow_up_page.open_meeting_requested.connect(self.open_meeting)
            self.follow_up_page.message.connect(self.show_message)
            self.follow_up_page.next_meeting_button.clicked.connect(self.show_next_meeting_list)
            self.pages.addWidget(self.follow_up_page)
        self.follow_up_page.refresh()
        self.pages.setCurrentWidget(self.follow_up_page)
        self.undo_group.setActiveStack(self.list_stack)
        self.follow_up_page.tree.setFocus()

    def show_reports(self) -> None:
        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        if self.report_page is None:
            from app.ui.reports.report_page import ReportPage

            self.report_page = ReportPage(self.store)
            self.report_page.back_requested.connect(self.show_list)
            self.report_page.message.connect(self.show_message)
            self.pages.addWidget(self.report_page)
        self.pages.setCurrentWidget(self.report_page)
        self.undo_group.setActiveStack(self.list_stack)
        self.report_page.kind.setFocus()

    def show_next_meeting_list(self) -> None:
        from app.ui.meetings.follow_up_page import load_open_actions
        from app.ui.meetings.next_meeting_dialog import NextMeetingDialog

        with self.store.session() as session:
            actions = load_open_actions(session)
        assert self.follow_up_page is not None  # its button asks
        dialog = NextMeetingDialog(self, actions, today=self.follow_up_page.today)
        if run_dialog(dialog) and dialog.follow_up_requested:
            with self.store.session() as session:
                latest = latest_meeting_id(session)
            self.new_meeting(follow=latest)

    def in_editor(self) -> bool:
        return self.pages.currentWidget() is self.editor_page and self.editor is not None

    def _editor_changed(self) -> None:
        self._list_stale = True

    def reopen_last(self) -> None:
        uuid = remembered.last_meeting(self.store.location)
        if not uuid:
            return
        with self.store.session() as session:
            try:
                meeting_id = get_meeting(session, uuid).id
            except UserError:
                return
        self.open_meeting(meeting_id)

    # -- commands --------------------------------------------------------------------------

    def undo(self) -> None:
        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        self.undo_group.undo()
        self.undo_button.hide()

    def redo(self) -> None:
        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        self.undo_group.redo()

    def save_now(self) -> None:
        if self.in_editor():
            assert self.editor is not None
            self.editor.save_now()
        else:
            self.show_message(_("Everything is saved."))

    def focus_search(self) -> None:
        if self.in_editor():
            self.show_list()
        self.list_page.focus_search()

    def step_tab(self, delta: int) -> None:
        if self.in_editor():
            assert self.editor is not None
            tabs = self.editor.tabs
            tabs.setCurrentIndex((tabs.currentIndex() + delta) % tabs.count())

    def _write(self, work: Callable[[Session], Any]) -> Any:
        with self.store.session() as session:
            return work(session)

    def new_meeting(self, *, follow: int | None = None) -> None:
        from app.ui.meetings.new_meeting_dialog import NewMeetingDialog

        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        dialog = NewMeetingDialog(self, self.store, follow=follow)  # it reads the newest few, and finds others
        dialog.create_in = self._write
        if dialog.exec() and dialog.meeting_id is not None:
            self.list_page.refresh()
            self.open_meeting(dialog.meeting_id)
            self.show_message(_("Meeting created."))

    def new_follow_up(self) -> None:
        current = (
            self.editor.meeting_id if self.editor is not None and self.in_editor() else self.list_page.current_id()
        )
        self.new_meeting(follow=current)

    def _chosen_meeting(self) -> int | None:
        if self.in_editor():
            assert self.editor is not None
            return self.editor.meeting_id
        return self.list_page.current_id()

    def duplicate_meeting(self) -> None:
        from app.services.duplicate import duplicate_meeting

        meeting_id = self._chosen_meeting()
        if meeting_id is None:
            return
        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        try:
            copy_id = self._write(lambda s: duplicate_meeting(s, meeting_id).id)
        except UserError as exc:
            self.show_message(str(exc))
            return
        self.list_page.refresh()
        self.open_meeting(copy_id)
        self.show_message(_("Meeting duplicated; you are editing the copy."))

    def delete_meeting(self) -> None:
        meeting_id = self._chosen_meeting()
        if meeting_id is None:
            return
        with self.store.session() as session:
            try:
                title = get_meeting(session, meeting_id).title
            except UserError as exc:  # deleted meanwhile, in another window
                self.show_message(str(exc))
                return
        answer = QMessageBox.question(
            self,
            _("Delete meeting"),
            _(
                "Delete the meeting “{title}” with everything recorded in it?\nYou can take this back with Ctrl+Z."
            ).format(title=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.in_editor():
            assert self.editor is not None
            self.editor.close_meeting()
            self.show_list()
        try:
            self.list_stack.push(DeleteMeeting(self, meeting_id, title))
        except UserError as exc:
            self.show_message(str(exc))

    def open_directory(self) -> None:
        from app.ui.directory.directory_dialog import DirectoryDialog

        DirectoryDialog(self, self.store).exec()
        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.reload(directory=True)

    def import_people(self) -> None:
        from app.ui.directory.person_import_dialog import PersonImportDialog

        PersonImportDialog(self, self.store).exec()
        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.reload(directory=True)

    def open_settings(self) -> None:
        from app.ui.settings.settings_dialog import SettingsDialog

        run_dialog(SettingsDialog(self, self.store))

    def first_start_if_needed(self) -> bool:
        """An empty office profile on the first start: the short guided setup (True if shown)."""
        from app.services.office import get_office, is_configured

        with self.store.session() as session:
            if is_configured(get_office(session)):
                return False
        from app.ui.settings.first_start_dialog import FirstStartDialog

        run_dialog(FirstStartDialog(self, self.store))
        return True

    # -- backups ---------------------------------------------------------------------------

    def backup_failed(self, text: str) -> None:
        """An automatic copy failed: said once in a box (it matters), then in the status bar."""
        self.show_message(text)
        if not self._backup_warned and self.isVisible():
            self._backup_warned = True
            QMessageBox.warning(self, _("Backup"), text)

    def restore_from_backup(self) -> None:
        """Choose a backup, confirm, and put it in the store's place (the store kept aside first)."""
        from app.ui.backups_view import RestoreDialog, backup_rows, describe
        from app.ui.ops import wait_for_ops

        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        wait_for_ops()  # an automatic copy in progress finishes first
        dialog = RestoreDialog(self, self.store.path, backup_rows(self.store.path))
        if not run_dialog(dialog) or (row := dialog.chosen()) is None:
            return
        answer = QMessageBox.question(
            self,
            _("Restore from backup"),
            _(
                "Put {backup} in place of the data file?\n\nWhat was recorded after it is replaced. "
                "The data file as it is now is first kept in the Cadangan folder, so nothing is lost."
            ).format(backup=describe(row)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._restore(str(row.backup.path))

    def export_all(self, target: Path | None = None) -> None:
        """The whole store as one file for another laptop (restored there from "another file")."""
        import datetime as dt

        from PySide6.QtWidgets import QFileDialog

        from app.ui.backups_view import export_file_name, export_whole_store
        from app.ui.ops import run_op

        if target is None:
            folder = remembered.export_folder()
            path, _chosen = QFileDialog.getSaveFileName(
                self,
                _("Export all data"),
                str(folder / export_file_name(dt.date.today())),
                _("Notulen Timpora data files (*.sqlite)"),
            )
            if not path:
                return
            target = Path(path)
        if self.in_editor():
            assert self.editor is not None
            self.editor.flush_all()
        self.show_message(_("Exporting all data to {name}…").format(name=target.name))
        store_path = self.store.path
        run_op(
            lambda: export_whole_store(store_path, target),
            on_success=lambda done: self.show_message(
                _(
                    "All data exported to {path}. On the other laptop: Tools › Restore from backup › From another file."
                ).format(path=done)
            ),
            on_failure=self._export_all_failed,
        )

    def _export_all_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.show_message(str(exc))
        QMessageBox.warning(self, _("Export all data"), str(exc))

    def _restore(self, which: str) -> None:
        from PySide6.QtWidgets import QApplication

        from app.backups import restore_backup
        from app.db import open_store
        from app.ui.backups_view import BACKUP_FAILURES
        from app.ui.ops import wait_for_ops

        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.flush_all()
            self.editor.close_meeting()
        self.show_list()
        wait_for_ops()
        # No connection of ours stays open on the file while it is replaced.
        self.store.engine.dispose()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup, aside = restore_backup(self.store.path, which)
            restored = open_store(self.store.path, create=False)  # upgraded if it is older
            try:
                restored.wait_checked()  # and its pages checked, before the window reads it again
            finally:
                restored.close()
        except BACKUP_FAILURES as exc:
            failure: BaseException | None = exc
        else:
            failure = None
        finally:
            self.store.engine.dispose()
            self.store_watch.acknowledge()
            QApplication.restoreOverrideCursor()
        if failure is not None:
            self.list_page.refresh()
            QMessageBox.warning(self, _("Restore from backup"), str(failure))
            return
        # What the window remembered belongs to the replaced file: read everything again.
        self.list_stack.clear()
        self.editor_stack.clear()
        self.list_page.refresh()
        if self.follow_up_page is not None:
            self.follow_up_page.refresh()
        text = _("Restored the backup of {time}.").format(time=f"{backup.taken_at:%d-%m-%Y %H:%M:%S}")
        if aside is not None:
            text += " " + _("The data file as it was is kept in {aside}.").format(aside=aside.name)
        self.show_message(text)

    # -- meeting files ---------------------------------------------------------------------

    def choose_meeting_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Open a meeting file"), str(remembered.export_folder()), _("Meeting files (*.timpora *.json)")
        )
        if path:
            self.open_meeting_file(Path(path))

    def open_meeting_file(self, path: Path) -> None:
        """Import a .timpora file on the worker (or find its meeting here), then show the meeting."""
        from app.ui.file_opener import open_meeting_file
        from app.ui.ops import run_op

        store = self.store
        self.show_message(_("Opening {name}…").format(name=path.name))
        run_op(
            lambda: open_meeting_file(store, path),
            on_success=self._meeting_file_opened,
            on_failure=lambda exc: self._meeting_file_refused(path, exc),
        )

    def _meeting_file_opened(self, opened) -> None:
        from app.ui.file_opener import opened_message

        self.list_page.refresh()
        self.open_meeting(opened.meeting_id)
        self.show_message(opened_message(opened))

    def _meeting_file_refused(self, path: Path, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.show_message(str(exc))
        QMessageBox.warning(
            self, _("Open a meeting file"), _("{name} cannot be opened.\n\n{reason}").format(name=path.name, reason=exc)
        )

    def _folder_exchange(self) -> FolderExchange:
        if self.folders is None:
            from app.ui.folder_exchange import FolderExchange

            self.folders = FolderExchange(self, self.store, before=self._save_typing, say=self.show_message)
            self.folders.imported.connect(self._folder_imported)
        return self.folders

    def _save_typing(self) -> None:
        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.flush_all()

    def import_meeting_folder(self, folder: Path | None = None) -> None:
        """Every .timpora/.json file of a folder, on the worker; a summary says what became of each."""
        self._folder_exchange().import_folder(folder)

    def export_meeting_folder(self, folder: Path | None = None) -> None:
        """Every meeting as a .timpora file and the directory, into a folder, for another laptop."""
        self._folder_exchange().export_all(folder)

    def _folder_imported(self) -> None:
        self.list_page.refresh()
        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.reload(directory=True)

    def store_changed_elsewhere(self) -> None:
        """Another program wrote the store: read everything shown again, so that no autosave
        or undo writes back values read before (the undo history of the meeting is dropped)."""
        from PySide6.QtWidgets import QApplication

        if not self.isVisible() or not self.store_watch.watching():
            return  # a window never shown (the self-test's) or closed meanwhile: its store may be gone
        if QApplication.activeModalWidget() is not None:
            QTimer.singleShot(1000, self, self.store_changed_elsewhere)  # after the dialog
            return
        self.list_page.refresh()
        if self.follow_up_page is not None and self.pages.currentWidget() is self.follow_up_page:
            self.follow_up_page.refresh()
        if self.store.is_server:
            # Another laptop saved: the meeting open here is held by this window (claims.py), so
            # no one else changed it; the list is read again, quietly, the undo history kept.
            return
        if self.editor is not None and self.editor.meeting_id is not None:
            self.editor.flush_all()
            self.editor_stack.clear()
            try:
                self.editor.reload(directory=True)
            except UserError:  # the meeting itself is gone
                self.editor.close_meeting()
                self.show_list()
        self.show_message(_("The data file was changed by another program; what you see has been read again."))

    # -- status ----------------------------------------------------------------------------

    def show_message(self, text: str, *, undo: bool = False) -> None:
        self.statusBar().showMessage(text, 8000)
        self.undo_button.setVisible(undo)
        if undo:
            QTimer.singleShot(8000, self.undo_button.hide)

    def quit_asking(self) -> None:
        """Ctrl+Q: close, unless a field holds a refused value the user wants to go back to."""
        if self.may_close():
            self._asked = True
            self.close()

    def may_close(self) -> bool:
        """True unless a field shows a value that was not saved and the user goes back to it."""
        if self.editor is None or self.editor.meeting_id is None:
            return True
        self.editor.flush_all()
        refused = self.editor.refused_fields()
        if not refused:
            return True
        first = refused[0]
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Not saved"),
            _("“{field}” is not saved: {reason}\n\nIf you close now, it keeps its last saved value.").format(
                field=first.name, reason=first.error.text()
            ),
            parent=self,
        )
        back = box.addButton(_("&Go back to the field"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(_("&Close anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(back)
        box.exec()
        if box.clickedButton() is back:
            self.editor.tabs.setCurrentIndex(first.tab)
            QTimer.singleShot(0, first.widget.setFocus)  # once the question has given the focus back
            return False
        return True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.store_watch.start()  # only a window that is seen can go stale
        self.page_check.begin_after_paint(self)

    def _store_checked(self, error: BaseException | None) -> None:
        """The store's page check answered: backups begin (a damaged store is not copied), or the
        window says the store is damaged, as an open of it always has, and closes unwritten."""
        if error is None:
            if not self.store.is_server and self.isVisible():  # a server keeps its own backups
                self.auto_backup.start()  # nor is a window never seen (the self-test's) backed up
            return
        if not isinstance(error, UserError):
            raise error  # a bug in the check, not a damaged store: shown as one
        if self.store_refused is None:  # (not said already by a close before the answer)
            self.store_refused = error
            QMessageBox.critical(self, APP_NAME, str(error))
        self.close()

    def _settle_store_check(self) -> None:
        """Closed before the store's check answered: wait for it, so that the copy on close is
        made of a store that passed, and a damaged one is still said."""
        if self.store_refused is not None or self.auto_backup.active() or not self.isVisible():
            return
        error = self.page_check.settle()
        if error is None:
            self._store_checked(None)  # backups begin: the copy on close below
        elif self.store_refused is None:
            self.store_refused = error
            QMessageBox.critical(self, APP_NAME, str(error))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        # The window's close button asks as Ctrl+Q does; a close from code (tests, shutdown) does not.
        if event.spontaneous() and not getattr(self, "_asked", False) and not self.may_close():
            event.ignore()
            return
        self.store_watch.stop()
        if self.editor is not None:
            self.editor.flush_all()
        from app.ui.ops import wait_for_ops

        wait_for_ops()
        self._settle_store_check()
        if self.auto_backup.active():
            self.auto_backup.stop()
            self.auto_backup.take_now()  # on every close: the worker is idle, nothing else writes
        self._release_claim()
        remembered.save_geometry(self.saveGeometry())
        super().closeEvent(event)
