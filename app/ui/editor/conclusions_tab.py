"""Kesimpulan: the numbered conclusions of the meeting, in order."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Conclusion, Meeting
from app.services.conclusions import add_conclusion, delete_conclusion, move_conclusion, update_conclusion
from app.ui.editor.ordered_rows import OrderedRowsTab, Row
from app.ui.editor.undo import row_by_uuid
from app.ui.widgets import ErrorLabel, FieldBinder, form_layout, plain_text_edit, with_error


class ConclusionsTab(OrderedRowsTab):
    orm_model = Conclusion

    def __init__(self, editor: Any, index: int) -> None:
        self.add_text = _("&Add conclusion")
        self.empty_text = _("No conclusions yet. Press Add conclusion (or Insert) to write one.")
        super().__init__(editor, index, [_("No."), _("Conclusion")])

    def build_form(self, box: QWidget) -> None:
        self.text = plain_text_edit(lines=6)
        self.text.setObjectName("conclusion_text")
        self.error = ErrorLabel()

        def save(session: Session, uuid: str, value: str) -> None:
            update_conclusion(session, row_by_uuid(session, Conclusion, uuid).id, value)

        self.text_binder = FieldBinder(
            self.editor, self.text, save=save, error=self.error, tab=self.index, name=_("Conclusion")
        )
        self.text_binder.saved.connect(self.reload_rows)
        form = form_layout()
        form.addRow(_("Conclu&sion:"), with_error(self.text, self.error))
        QVBoxLayout(box).addLayout(form)

    def rows_of(self, session: Session, meeting: Meeting) -> list[Row]:
        return [
            Row(uuid=c.uuid, id=c.id, cells=(str(c.position), c.text), values={"text": c.text})
            for c in meeting.conclusions
        ]

    def show_row(self, row: Row | None) -> None:
        self.text_binder.show_value(row.uuid if row else None, row.values["text"] if row else "")

    def create(self, session: Session, meeting_id: int) -> Conclusion:  # type: ignore[override]  # shadows QWidget.create (not virtual: Qt never calls it)
        return add_conclusion(session, meeting_id, _("New conclusion"))

    def delete(self, session: Session, row_id: int) -> None:
        delete_conclusion(session, row_id)

    def move(self, session: Session, row_id: int, position: int) -> None:  # type: ignore[override]  # shadows QWidget.move (not virtual: Qt never calls it)
        move_conclusion(session, row_id, position)

    def first_field(self) -> QWidget:
        return self.text
