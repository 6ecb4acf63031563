"""Peserta: invitees and attendance — invite from the directory, mark who came, count by agency."""

from __future__ import annotations

from collections import Counter
from functools import partial
from typing import Any, cast

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Attendance, Meeting
from app.models.enums import AttachmentKind, AttendanceStatus
from app.services.attendance import invite_person, remove_attendance, update_attendance
from app.services.directory import create_person
from app.services.errors import UserError
from app.services.validation import format_id_number
from app.ui.agency_choice import choose_agency, fill_agencies, offer_new_agency
from app.ui.editor.info_tab import enum_combo
from app.ui.editor.pickers import PersonFinder
from app.ui.editor.undo import RowLife, StoreCommand, row_by_uuid
from app.ui.ops import run_op
from app.ui.table_rows import Row, RowFlash, RowsModel
from app.ui.widgets import (
    ErrorLabel,
    FieldBinder,
    SearchingTable,
    elide_combo,
    form_layout,
    widget_shortcut,
    with_error,
)

#: Status keys while the list has the focus: the secretary marks people as they arrive. They need
#: Ctrl+Shift, so a name typed into the list (to find a row) never changes anybody's status.
STATUS_KEYS = {
    "Ctrl+Shift+H": AttendanceStatus.PRESENT,
    "Ctrl+Shift+I": AttendanceStatus.EXCUSED,
    "Ctrl+Shift+T": AttendanceStatus.ABSENT,
    "Ctrl+Shift+B": AttendanceStatus.INVITED,  # belum dikonfirmasi
    "Ctrl+Shift+U": AttendanceStatus.INVITED,  # the first key of it (undangan), kept for the hands that know it
}
REPRESENTED_KEY = "Ctrl+Shift+W"


class AttendanceTab(QWidget):
    def __init__(self, editor: Any, index: int) -> None:
        super().__init__()
        self.editor = editor
        self.index = index
        self.meeting_id: int | None = None
        self.current_uuid: str | None = None
        self.finder = PersonFinder()
        self.finder.setObjectName("attendee_finder")
        self.finder.setPlaceholderText(_("Type part of a name, agency or NIP to invite…"))
        self.finder.picked.connect(self.invite)
        self.new_person_button = QPushButton(_("&New person…"))
        self.new_person_button.setCheckable(True)
        self.all_present_button = QPushButton(_("All &present"))
        self.all_present_button.clicked.connect(self.mark_all_present)
        self.remove_button = QPushButton(_("&Remove from list"))
        self.remove_button.clicked.connect(self.remove_current)
        # Lampiran I as the paper sheet signed at the meeting (services/scanned_sheet.py)
        self.scan_button = QPushButton(_("Attach the &scan of the signed attendance list…"))
        self.scan_button.setObjectName("attach_signed_sheet")
        self.scan_button.clicked.connect(self.choose_signed_sheet)
        self.scan_label = QLabel()
        self.scan_label.setObjectName("signed_sheet_label")
        self.scan_label.setWordWrap(True)
        self.model = RowsModel([_("No."), _("Name"), _("NIP/NRP"), _("Agency"), _("Status"), _("Deputy")])
        self.table = self._make_table()
        self.flash = RowFlash(self.table)
        self.new_person = self._new_person_panel()
        self.new_person_button.toggled.connect(self._toggle_new_person)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.by_agency = QTableView()
        self.by_agency_model = RowsModel(
            [_("Agency"), _("Present"), _("Represented"), _("Excused"), _("Absent"), _("Not confirmed")]
        )
        self.by_agency.setModel(self.by_agency_model)
        self.by_agency.verticalHeader().hide()
        self.by_agency.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.by_agency.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.by_agency.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.form = self._status_form()
        self._layout()

    # -- building --------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = SearchingTable(search_column=1)  # letters typed find a person by name
        table.setObjectName("attendance_table")
        table.searched.connect(self._searched)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        for key, status in STATUS_KEYS.items():
            widget_shortcut(
                QKeySequence(key),
                table,
                partial(self.set_status_quick, status),
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        widget_shortcut(
            QKeySequence(REPRESENTED_KEY), table, self._represented_by_key, context=Qt.ShortcutContext.WidgetShortcut
        )
        widget_shortcut(
            QKeySequence(QKeySequence.StandardKey.Delete),
            table,
            self.remove_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        return table

    def _new_person_panel(self) -> QGroupBox:
        box = QGroupBox(_("New person (added to the directory and invited)"))
        self.new_name = QLineEdit()
        self.new_number = QLineEdit()
        self.new_rank = QLineEdit()
        self.new_position = QLineEdit()
        self.new_agency = elide_combo(QComboBox())
        self.new_agency.setObjectName("new_person_agency")
        offer_new_agency(self.new_agency, lambda: self.editor.store, self._agency_created)
        self.new_error = ErrorLabel()
        add = QPushButton(_("Add and &invite"))
        add.clicked.connect(self.add_new_person)
        for edit in (self.new_name, self.new_number, self.new_rank, self.new_position):
            edit.returnPressed.connect(self.add_new_person)
        form = QFormLayout(box)
        form.addRow(_("Na&me:"), self.new_name)
        form.addRow(_("NIP/NRP:"), self.new_number)
        form.addRow(_("Rank/grade:"), self.new_rank)
        form.addRow(_("Position:"), self.new_position)
        form.addRow(_("Agency:"), self.new_agency)
        form.addRow("", self.new_error)
        form.addRow("", add)
        box.hide()
        return box

    def _status_form(self) -> QGroupBox:
        box = QGroupBox(_("Selected attendee"))
        self.status = enum_combo(AttendanceStatus)
        self.status.setObjectName("attendance_status")
        self.deputy_name = QLineEdit()
        self.deputy_name.setObjectName("deputy_name")
        self.deputy_position = QLineEdit()
        self.note = QLineEdit()
        form = form_layout()
        self.status_binder = self._bind("status", self.status, _("Status"))
        self.deputy_binder = self._bind("deputy_name", self.deputy_name, _("Deputy's name"))
        self.deputy_position_binder = self._bind("deputy_position", self.deputy_position, _("Deputy's position"))
        self.note_binder = self._bind("note", self.note, _("Note"))
        self.deputy_binder.saved.connect(self.status_binder.retry)
        form.addRow(_("&Status:"), with_error(self.status, self.status_binder.error))
        form.addRow(_("&Deputy:"), with_error(self.deputy_name, self.deputy_binder.error))
        form.addRow(_("Deputy's p&osition:"), with_error(self.deputy_position, self.deputy_position_binder.error))
        form.addRow(_("N&ote:"), with_error(self.note, self.note_binder.error))
        hint = QLabel(
            _(
                "Type a name in the list to find it. Ctrl+Shift and a letter sets the status: H present (hadir), "
                "W represented (diwakili), I excused (izin), T absent (tidak hadir), B not confirmed (belum dikonfirmasi)."
            )
        )
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.remove_button)
        layout.addStretch(1)
        return box

    def _bind(self, field: str, widget: QWidget, label: str) -> FieldBinder:
        def save(session: Session, uuid: str, value: Any) -> None:
            row_id = row_by_uuid(session, Attendance, uuid).id
            changes = {field: value}
            if field == "status" and value is AttendanceStatus.REPRESENTED:
                changes["deputy_name"] = self.deputy_name.text()
            update_attendance(session, row_id, **changes)

        binder = FieldBinder(self.editor, widget, save=save, error=ErrorLabel(), tab=self.index, name=label)
        binder.saved.connect(self.reload_rows)
        return binder

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.finder, 1)
        top.addWidget(self.new_person_button)
        top.addWidget(self.all_present_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.new_person)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        scan = QHBoxLayout()
        scan.addWidget(self.scan_label, 1)
        scan.addWidget(self.scan_button)
        left_layout.addLayout(scan)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form)
        counts = QGroupBox(_("By agency"))
        QVBoxLayout(counts).addWidget(self.by_agency)
        right_layout.addWidget(counts, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

    # -- showing ---------------------------------------------------------------------------

    def load(self, session: Session, meeting: Meeting) -> None:
        if meeting.id != self.meeting_id:
            self.current_uuid = None
        self.meeting_id = meeting.id
        self.finder.set_people(self.editor.people)
        fill_agencies(self.new_agency, [(_("(none)"), None)] + [(a.name, a.id) for a in self.editor.agencies])
        self._set_rows(self._rows_of(meeting))
        self._show_signed_sheet(meeting)

    def _show_signed_sheet(self, meeting: Meeting) -> None:
        sheet = next((a for a in meeting.attachments if a.kind is AttachmentKind.SIGNED_SHEET), None)
        if sheet is None:
            self.scan_label.setText(_("No scan of the signed attendance list is attached."))
        else:
            self.scan_label.setText(_("Signed attendance list (scan): {name}").format(name=sheet.filename))

    def choose_signed_sheet(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Attach the scan of the signed attendance list"),
            "",
            _("Scans (*.pdf *.jpg *.jpeg *.png);;All files (*)"),
        )
        if path:
            self.attach_signed_sheet(path)

    def attach_signed_sheet(self, path: str) -> None:
        """Checking a scan draws every page once: done on the worker, shown when ready."""
        from app.services.scanned_sheet import attach_signed_sheet_file

        if self.meeting_id is None:
            return
        self.editor.flush_all()
        meeting_id, store = self.meeting_id, self.editor.store

        def work() -> str:
            with store.session() as session:
                return attach_signed_sheet_file(session, meeting_id, path).filename

        def done(name: str) -> None:
            self.editor.reload()
            self.editor.notify(_("Signed attendance list (scan): {name}").format(name=name))

        run_op(work, on_success=done, on_failure=lambda exc: self.editor.notify(str(exc)))

    def reload_rows(self) -> None:
        with self.editor.store.session() as session:
            rows = self._rows_of(session.get(Meeting, self.meeting_id))
        self._set_rows(rows, show_form=False)

    def _rows_of(self, meeting: Meeting) -> list[Row]:
        return [
            Row(
                uuid=r.uuid,
                id=r.id,
                cells=(
                    str(r.position),
                    r.name,
                    format_id_number(r.id_number),
                    self.editor.short_agency(r.agency_name),
                    r.status.label,
                    r.deputy_name,
                ),
                values={
                    "status": r.status,
                    "deputy_name": r.deputy_name,
                    "deputy_position": r.deputy_position,
                    "note": r.note,
                    "agency": r.agency_name,
                    "agency_order": r.agency_order,
                },
            )
            for r in meeting.attendances
        ]

    def _set_rows(self, rows: list[Row], *, show_form: bool = True) -> None:
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        self.model.set_rows(rows)
        position = self.model.index_of(self.current_uuid)
        if position < 0 and rows:
            position = 0
        if position >= 0:
            selection.setCurrentIndex(
                self.model.index(position, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        selection.blockSignals(blocked)
        row = self.model.row_at(position)
        self.current_uuid = row.uuid if row else None
        self.form.setEnabled(row is not None)
        self._show_counts(rows)
        if show_form:
            self._show_row(row)

    def _show_row(self, row: Row | None) -> None:
        target = row.uuid if row else None
        values = (
            row.values
            if row
            else {"status": AttendanceStatus.INVITED, "deputy_name": "", "deputy_position": "", "note": ""}
        )
        self.status_binder.show_value(target, values["status"])
        self.deputy_binder.show_value(target, values["deputy_name"])
        self.deputy_position_binder.show_value(target, values["deputy_position"])
        self.note_binder.show_value(target, values["note"])

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        self.current_uuid = row.uuid if row else None
        self.form.setEnabled(row is not None)
        self._show_row(row)

    def _show_counts(self, rows: list[Row]) -> None:
        totals = Counter(row.values["status"] for row in rows)
        parts = [f"{status.label} {totals.get(status, 0)}" for status in AttendanceStatus]
        self.summary.setText(_("{invited} invited: {counts}").format(invited=len(rows), counts=" · ".join(parts)))
        order = (
            AttendanceStatus.PRESENT,
            AttendanceStatus.REPRESENTED,
            AttendanceStatus.EXCUSED,
            AttendanceStatus.ABSENT,
            AttendanceStatus.INVITED,
        )
        agencies: dict[str, Counter] = {}
        for row in sorted(rows, key=lambda r: (r.values["agency_order"], r.values["agency"])):
            name = self.editor.short_agency(row.values["agency"]) if row.values["agency"] else _("(no agency)")
            agencies.setdefault(name, Counter())[row.values["status"]] += 1
        self.by_agency_model.set_rows(
            [
                Row(uuid=name, id=0, cells=(name, *(str(counts.get(s, 0)) for s in order)), values={})
                for name, counts in agencies.items()
            ]
        )

    def select(self, target: Any) -> None:
        position = self.model.index_of(target) if isinstance(target, str) else -1
        if position >= 0:
            self.table.selectRow(position)

    def flash_row(self, target: Any) -> None:
        """The row a key (or an undo) just changed glows for a moment."""
        self.flash.flash(self.model.index_of(target) if isinstance(target, str) else -1)

    # -- changing --------------------------------------------------------------------------

    def _push_new_row(self, create: Any, text: str, *, on_error: Any = None) -> bool:
        """Run `create(session) -> Attendance` once, then make it undoable as an added row."""
        life: RowLife | None = None

        def work(session: Session) -> None:
            nonlocal life
            row = create(session)
            life = RowLife(Attendance, row.uuid, remove_attendance)
            life.remember(session)

        try:
            self.editor.write(work)
        except UserError as exc:
            (on_error or self.editor.notify)(str(exc))
            return False
        assert life is not None
        self.current_uuid = life.uuid
        self.editor.push(
            StoreCommand(
                self.editor, text, do=life.restore, undo=life.delete, tab=self.index, target=life.uuid, done=True
            )
        )
        self.editor.reload()
        return True

    def invite(self, person_id: int) -> None:
        self.editor.flush_all()
        if self._push_new_row(lambda s: invite_person(s, cast(int, self.meeting_id), person_id), _("Invite")):
            self.finder.setFocus()

    def add_new_person(self) -> None:
        """A new person: into the directory, and onto this list as invited ("Tambah dan undang"
        says so; whether they came is marked like everyone else's)."""
        self.editor.flush_all()

        def create(session: Session) -> Attendance:
            person = create_person(
                session,
                name=self.new_name.text(),
                id_number=self.new_number.text(),
                rank=self.new_rank.text(),
                position=self.new_position.text(),
                agency_id=self.new_agency.currentData(),
            )
            return invite_person(session, cast(int, self.meeting_id), person.id)

        if not self._push_new_row(create, _("Add new person"), on_error=self.new_error.show_error):
            return
        for edit in (self.new_name, self.new_number, self.new_rank, self.new_position):
            edit.clear()
        self.new_error.show_error(None)
        self.editor.reload(directory=True)
        self.new_name.setFocus()

    def _agency_created(self, agency_id: int, _name: str) -> None:
        self.editor.reload(directory=True)
        choose_agency(self.new_agency, agency_id)

    def _toggle_new_person(self, shown: bool) -> None:
        self.new_person.setVisible(shown)
        if shown:
            self.new_name.setFocus()

    def set_status_quick(self, status: AttendanceStatus) -> None:
        row = self.model.row_at(self.model.index_of(self.current_uuid))
        if row is None or row.values["status"] is status:
            return
        self.editor.flush_all()
        uuid, old = row.uuid, row.values["status"]

        def set_to(value: AttendanceStatus):
            return lambda s: update_attendance(s, row_by_uuid(s, Attendance, uuid).id, status=value)

        self.editor.push(
            StoreCommand(self.editor, _("Attendance"), do=set_to(status), undo=set_to(old), tab=self.index, target=uuid)
        )
        self.editor.notify(
            _("{name}: {old} → {new} (Ctrl+Z takes it back)").format(name=row.cells[1], old=old.label, new=status.label)
        )
        self.table.setFocus()

    def _searched(self, text: str, found: bool) -> None:
        if found:
            self.editor.notify(_("Found in the list: “{text}”.").format(text=text))
        else:
            self.editor.notify(_("Nobody in the list matches “{text}”.").format(text=text))

    def _represented_by_key(self) -> None:
        if self.current_uuid is None:
            return
        self.editor.notify(_("Represented: type the deputy's name."))
        self.deputy_name.setFocus()
        self.status.setCurrentIndex(self.status.findData(AttendanceStatus.REPRESENTED))

    def mark_all_present(self) -> None:
        if self.meeting_id is None:
            return
        self.editor.flush_all()
        before = {row.uuid: row.values["status"] for row in self.model.rows()}
        changing = {u for u, s in before.items() if s in (AttendanceStatus.INVITED, AttendanceStatus.ABSENT)}
        if not changing:
            return

        def do(session: Session) -> None:
            for uuid in changing:
                update_attendance(session, row_by_uuid(session, Attendance, uuid).id, status=AttendanceStatus.PRESENT)

        def undo(session: Session) -> None:
            for uuid in changing:
                update_attendance(session, row_by_uuid(session, Attendance, uuid).id, status=before[uuid])

        self.editor.push(
            StoreCommand(self.editor, _("All present"), do=do, undo=undo, tab=self.index, target=self.current_uuid)
        )
        self.editor.notify(_("{count} attendees marked present.").format(count=len(changing)))

    def remove_current(self) -> None:
        row = self.model.row_at(self.model.index_of(self.current_uuid))
        if row is None:
            return
        self.editor.flush_all()
        life = RowLife(Attendance, row.uuid, remove_attendance)
        self.editor.push(
            StoreCommand(
                self.editor, _("Remove attendee"), do=life.delete, undo=life.restore, tab=self.index, target=life.uuid
            )
        )
        self.editor.offer_undo(_("Attendee removed: {name}").format(name=row.cells[1]))
