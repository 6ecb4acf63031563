"""Tindak lanjut: this meeting's action items, and the open ones carried from earlier meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import _, short_date
from app.models import ActionItem, ActionReview, Meeting
from app.models.enums import ActionStatus
from app.services.actions import add_action, delete_action, move_action, update_action, update_review
from app.ui.agency_choice import choose_agency, fill_agencies, offer_new_agency
from app.ui.editor.info_tab import enum_combo
from app.ui.editor.ordered_rows import OrderedRowsTab, Row, RowsModel
from app.ui.editor.pickers import fill_combo, free_text_combo
from app.ui.editor.undo import row_by_uuid
from app.ui.table_rows import RowFlash
from app.ui.widgets import DateField, ErrorLabel, FieldBinder, form_layout, plain_text_edit, with_error

FIELDS = ("description", "owner_agency", "owner_person", "due_date", "status")


def _date(value) -> str:
    return short_date(value) if value else ""


class ActionsTab(OrderedRowsTab):
    orm_model = ActionItem

    def __init__(self, editor: Any, index: int) -> None:
        self.add_text = _("&Add action item")
        self.empty_text = _("No action items yet. Press Add action item (or Insert) to record one.")
        super().__init__(editor, index, [_("No."), _("Description"), _("In charge"), _("Due"), _("Status")])

    def build_form(self, box: QWidget) -> None:
        self.description = plain_text_edit(lines=3)
        self.description.setObjectName("action_description")
        self.owner_agency = free_text_combo([])
        self.owner_agency.setObjectName("action_owner_agency")
        offer_new_agency(self.owner_agency, lambda: self.editor.store, self._agency_created)
        self.owner_person = free_text_combo([])
        # The calendar opens on the due date, else on the meeting's date (a deadline follows it).
        self.meeting_date: dt.date | None = None
        self.due_date = DateField(optional_text=_("no due date"), fallback=lambda: self.meeting_date)
        self.due_date.setObjectName("due_date")
        self.status = enum_combo(ActionStatus)
        left = form_layout()
        left.addRow(
            _("&Action:"), with_error(self.description, self._bind("description", self.description, _("Action")))
        )
        left.addRow(
            _("Responsible a&gency:"),
            with_error(self.owner_agency, self._bind("owner_agency", self.owner_agency, _("Responsible agency"))),
        )
        right = form_layout()
        right.addRow(
            _("Responsible &person:"),
            with_error(self.owner_person, self._bind("owner_person", self.owner_person, _("Responsible person"))),
        )
        right.addRow(_("D&ue date:"), with_error(self.due_date, self._bind("due_date", self.due_date, _("Due date"))))
        right.addRow(_("S&tatus:"), with_error(self.status, self._bind("status", self.status, _("Status"))))
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(box)
        layout.addLayout(grid)

    def extra_widget(self) -> QWidget:
        box = QGroupBox(_("Follow-up of earlier meetings"))
        self.reviews_model = RowsModel(
            [_("Description"), _("Agreed at"), _("In charge"), _("Status"), _("Progress note")]
        )
        self.reviews = QTableView()
        self.reviews.setModel(self.reviews_model)
        self.reviews_flash = RowFlash(self.reviews)
        self.reviews.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reviews.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reviews.verticalHeader().hide()
        self.reviews.setMinimumHeight(90)
        self.reviews.setMaximumHeight(150)
        self.reviews.setWordWrap(False)
        header = self.reviews.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.reviews.selectionModel().currentRowChanged.connect(self._review_changed)
        self.review_status = enum_combo(ActionStatus)
        self.review_note = plain_text_edit(lines=2)
        self.review_note.setMaximumHeight(self.review_note.minimumHeight() + 20)
        status_error, note_error = ErrorLabel(), ErrorLabel()

        def save_status(session: Session, uuid: str, value: Any) -> None:
            update_review(session, row_by_uuid(session, ActionReview, uuid).id, status=value)

        def save_note(session: Session, uuid: str, value: str) -> None:
            update_review(session, row_by_uuid(session, ActionReview, uuid).id, note=value)

        self.review_status_binder = FieldBinder(
            self.editor, self.review_status, save=save_status, error=status_error, tab=self.index, name=_("Status")
        )
        self.review_note_binder = FieldBinder(
            self.editor, self.review_note, save=save_note, error=note_error, tab=self.index, name=_("Progress note")
        )
        for binder in (self.review_status_binder, self.review_note_binder):
            binder.saved.connect(self._reload_reviews)
        self.no_reviews = QLabel(_("No open action items from earlier meetings."))
        self.no_reviews.setProperty("role", "hint")
        form = form_layout()
        form.addRow(_("Status &now:"), with_error(self.review_status, status_error))
        form.addRow(_("Progress n&ote:"), with_error(self.review_note, note_error))
        layout = QVBoxLayout(box)
        layout.addWidget(self.reviews)
        layout.addWidget(self.no_reviews)
        layout.addLayout(form)
        return box

    def _bind(self, field: str, widget: QWidget, label: str, **kw: Any) -> ErrorLabel:
        error = ErrorLabel()

        def save(session: Session, uuid: str, value: Any) -> None:
            action_id = row_by_uuid(session, ActionItem, uuid).id
            if field in ("owner_agency", "owner_person"):
                chosen, name = value
                update_action(session, action_id, **{f"{field}_id": chosen, f"{field}_name": name})
            else:
                update_action(session, action_id, **{field: value})

        binder = FieldBinder(self.editor, widget, save=save, error=error, tab=self.index, name=label, **kw)
        binder.saved.connect(self.reload_rows)
        setattr(self, f"{field}_binder", binder)
        return error

    def _agency_created(self, agency_id: int, _name: str) -> None:
        self.editor.reload(directory=True)
        choose_agency(self.owner_agency, agency_id)

    def rows_of(self, session: Session, meeting: Meeting) -> list[Row]:
        fill_agencies(self.owner_agency, [(a.name, a.id) for a in self.editor.agencies])
        fill_combo(self.owner_person, [(p.name, p.id) for p in self.editor.people])
        return [
            Row(
                uuid=a.uuid,
                id=a.id,
                cells=(
                    str(a.position),
                    a.description,
                    self.editor.short_agency(a.owner_agency_name),
                    _date(a.due_date),
                    a.status.label,
                ),
                values={
                    "description": a.description,
                    "owner_agency": (a.owner_agency_id, a.owner_agency_name),
                    "owner_person": (a.owner_person_id, a.owner_person_name),
                    "due_date": a.due_date,
                    "status": a.status,
                },
            )
            for a in meeting.action_items
        ]

    def show_row(self, row: Row | None) -> None:
        empty = {
            "description": "",
            "owner_agency": (None, ""),
            "owner_person": (None, ""),
            "due_date": None,
            "status": ActionStatus.OPEN,
        }
        values = row.values if row else empty
        for field in FIELDS:
            getattr(self, f"{field}_binder").show_value(row.uuid if row else None, values[field])

    # -- carried over ----------------------------------------------------------------------

    def extra_load(self, session: Session, meeting: Meeting) -> None:
        self.meeting_date = meeting.date
        rows = [
            Row(
                uuid=r.uuid,
                id=r.id,
                cells=(
                    r.description,
                    _date(r.origin_meeting_date),
                    self.editor.short_agency(r.owner_agency_name),
                    r.status.label,
                    r.note,
                ),
                values={"status": r.status, "note": r.note},
            )
            for r in meeting.action_reviews
        ]
        current = self.review_status_binder.target
        self.reviews_model.set_rows(rows)
        self.no_reviews.setVisible(not rows)
        position = max(self.reviews_model.index_of(current), 0)
        row = self.reviews_model.row_at(position)
        if row is not None:
            selection = self.reviews.selectionModel()
            blocked = selection.blockSignals(True)
            selection.setCurrentIndex(
                self.reviews_model.index(position, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(blocked)
        self._show_review(row)

    def _reload_reviews(self) -> None:
        with self.editor.store.session() as session:
            self.extra_load(session, session.get(Meeting, self.meeting_id))

    def _review_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_review(self.reviews_model.row_at(current.row()))

    def _show_review(self, row: Row | None) -> None:
        self.review_status.setEnabled(row is not None)
        self.review_note.setEnabled(row is not None)
        self.review_status_binder.show_value(
            row.uuid if row else None, row.values["status"] if row else ActionStatus.OPEN
        )
        self.review_note_binder.show_value(row.uuid if row else None, row.values["note"] if row else "")

    def select(self, target: Any) -> None:
        super().select(target)
        position = self.reviews_model.index_of(target) if isinstance(target, str) else -1
        if position >= 0:
            self.reviews.selectRow(position)

    def flash_row(self, target: Any) -> None:
        super().flash_row(target)
        self.reviews_flash.flash(self.reviews_model.index_of(target) if isinstance(target, str) else -1)

    # -- services --------------------------------------------------------------------------

    def create(self, session: Session, meeting_id: int) -> ActionItem:  # type: ignore[override]  # shadows QWidget.create (not virtual: Qt never calls it)
        return add_action(session, meeting_id, description=_("New action item"))

    def delete(self, session: Session, row_id: int) -> None:
        delete_action(session, row_id)

    def move(self, session: Session, row_id: int, position: int) -> None:  # type: ignore[override]  # shadows QWidget.move (not virtual: Qt never calls it)
        move_action(session, row_id, position)

    def first_field(self) -> QWidget:
        return self.description
