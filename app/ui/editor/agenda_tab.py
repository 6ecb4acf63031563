"""Acara: the agenda items in order, each with its time, presenter and the discussion under it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import AgendaItem, Meeting
from app.services.agenda import add_agenda_item, delete_agenda_item, move_agenda_item, update_agenda_item
from app.ui.editor.ordered_rows import OrderedRowsTab, Row
from app.ui.editor.pickers import fill_combo, free_text_combo
from app.ui.editor.undo import row_by_uuid
from app.ui.widgets import ErrorLabel, FieldBinder, form_layout, parse_time, plain_text_edit, show_time, with_error


class AgendaTab(OrderedRowsTab):
    orm_model = AgendaItem

    def __init__(self, editor: Any, index: int) -> None:
        self.add_text = _("&Add agenda item")
        self.empty_text = _("No agenda items yet. Press Add agenda item (or Insert) to start.")
        super().__init__(editor, index, [_("No."), _("Time"), _("Agenda item"), _("Presenter")])

    def stretch_column(self) -> int:
        return 2

    def build_form(self, box: QWidget) -> None:
        self.title = QLineEdit()
        self.title.setObjectName("agenda_title")
        self.time = QLineEdit()
        self.time.setPlaceholderText("09.30")
        self.time.setMaximumWidth(120)
        self.presenter = free_text_combo([])
        self.discussion = plain_text_edit(lines=10)
        self.discussion.setPlaceholderText(_("What was said under this item, and who said it."))
        form = form_layout()
        form.addRow(_("&Title:"), with_error(self.title, self._bind("title", self.title, _("Agenda title"))))
        form.addRow(
            _("Ti&me:"),
            with_error(self.time, self._bind("time", self.time, _("Time"), parse=parse_time, display=show_time)),
        )
        form.addRow(
            _("&Presenter:"), with_error(self.presenter, self._bind("presenter", self.presenter, _("Presenter")))
        )
        form.addRow(
            _("Disc&ussion:"), with_error(self.discussion, self._bind("discussion", self.discussion, _("Discussion")))
        )
        layout = QVBoxLayout(box)
        layout.addLayout(form)

    def _bind(self, field: str, widget: QWidget, label: str, **kw: Any) -> ErrorLabel:
        error = ErrorLabel()

        def save(session: Session, uuid: str, value: Any) -> None:
            item_id = row_by_uuid(session, AgendaItem, uuid).id
            if field == "presenter":
                person_id, name = value
                update_agenda_item(session, item_id, presenter_id=person_id, presenter_name=name)
            else:
                update_agenda_item(session, item_id, **{field: value})

        binder = FieldBinder(self.editor, widget, save=save, error=error, tab=self.index, name=label, **kw)
        binder.saved.connect(self.reload_rows)
        setattr(self, f"{field}_binder", binder)
        return error

    def rows_of(self, session: Session, meeting: Meeting) -> list[Row]:
        fill_combo(self.presenter, [(p.name, p.id) for p in self.editor.people])
        return [
            Row(
                uuid=a.uuid,
                id=a.id,
                cells=(str(a.position), show_time(a.time), a.title, a.presenter_name),
                values={
                    "title": a.title,
                    "time": a.time,
                    "presenter": (a.presenter_id, a.presenter_name),
                    "discussion": a.discussion,
                },
            )
            for a in meeting.agenda_items
        ]

    def show_row(self, row: Row | None) -> None:
        values = row.values if row else {"title": "", "time": None, "presenter": (None, ""), "discussion": ""}
        target = row.uuid if row else None
        for field in ("title", "time", "presenter", "discussion"):
            getattr(self, f"{field}_binder").show_value(target, values[field])

    def create(self, session: Session, meeting_id: int) -> AgendaItem:  # type: ignore[override]  # shadows QWidget.create (not virtual: Qt never calls it)
        return add_agenda_item(session, meeting_id, title=_("New agenda item"))

    def delete(self, session: Session, row_id: int) -> None:
        delete_agenda_item(session, row_id)

    def move(self, session: Session, row_id: int, position: int) -> None:  # type: ignore[override]  # shadows QWidget.move (not virtual: Qt never calls it)
        move_agenda_item(session, row_id, position)

    def first_field(self) -> QWidget:
        return self.title
