"""Informasi: the meeting's own fields — number, title, kind, date and times, place, chair, notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Meeting
from app.models.enums import Classification, MeetingKind, TeamLevel, TimeZoneName
from app.services.meetings import update_meeting
from app.ui.widgets import (
    DateField,
    ErrorLabel,
    FieldBinder,
    elide_combo,
    form_layout,
    parse_time,
    plain_text_edit,
    show_time,
    with_error,
)


def enum_combo(enum_cls: Any) -> QComboBox:
    combo = QComboBox()
    for member in enum_cls:
        combo.addItem(getattr(member, "label", str(member.value)), member)
    return combo


class InfoTab(QWidget):
    def __init__(self, editor: Any, index: int) -> None:
        super().__init__()
        self.editor = editor
        self.index = index
        self.binders: dict[str, FieldBinder] = {}
        self.number = QLineEdit()
        self.title = QLineEdit()
        self.kind = enum_combo(MeetingKind)
        self.level = enum_combo(TeamLevel)
        self.area = QLineEdit()
        self.classification = enum_combo(Classification)
        self.date = DateField()
        self.date.setObjectName("meeting_date")
        self.start_time = QLineEdit()
        self.end_time = QLineEdit()
        self.end_time.setPlaceholderText(_("empty: until finished"))
        self.start_time.setPlaceholderText("09.00")
        for edit in (self.start_time, self.end_time):
            edit.setMaximumWidth(170)
        self.time_zone = enum_combo(TimeZoneName)
        self.venue = QLineEdit()
        self.city = QLineEdit()
        self.chair = elide_combo(QComboBox())  # long names end in "…", whole in the tooltip
        self.secretary = elide_combo(QComboBox())
        self.opening_notes = plain_text_edit(lines=5)
        self.closing_notes = plain_text_edit(lines=3)
        for widget, name in ((self.title, "title"), (self.number, "number"), (self.venue, "venue")):
            widget.setObjectName(name)
        self._bind_all()
        self._layout()

    def _bind(self, field: str, widget: QWidget, label: str, **kw: Any) -> ErrorLabel:
        error = ErrorLabel()

        def save(session: Session, meeting_id: int, value: Any) -> None:
            update_meeting(session, meeting_id, **{field: value})

        binder = FieldBinder(self.editor, widget, save=save, error=error, tab=self.index, name=label, **kw)
        self.binders[field] = binder
        if field in ("title", "date", "venue", "city"):
            binder.saved.connect(self.editor.refresh_heading)
        return error

    def _bind_all(self) -> None:
        self.errors = {
            "number": self._bind("number", self.number, _("Meeting number")),
            "title": self._bind("title", self.title, _("Title")),
            "kind": self._bind("kind", self.kind, _("Kind of meeting")),
            "level": self._bind("level", self.level, _("Team level")),
            "area": self._bind("area", self.area, _("Area")),
            "classification": self._bind("classification", self.classification, _("Classification")),
            "date": self._bind("date", self.date, _("Date")),
            "start_time": self._bind(
                "start_time",
                self.start_time,
                _("Start time"),
                parse=lambda raw: parse_time(raw, required=True, label=_("Start time")),
                display=show_time,
            ),
            "end_time": self._bind("end_time", self.end_time, _("End time"), parse=parse_time, display=show_time),
            "time_zone": self._bind("time_zone", self.time_zone, _("Time zone")),
            "venue": self._bind("venue", self.venue, _("Venue")),
            "city": self._bind("city", self.city, _("City")),
            "chair_id": self._bind("chair_id", self.chair, _("Meeting chair")),
            "secretary_id": self._bind("secretary_id", self.secretary, _("Minute taker")),
            "opening_notes": self._bind("opening_notes", self.opening_notes, _("Opening")),
            "closing_notes": self._bind("closing_notes", self.closing_notes, _("Closing")),
        }

    def _layout(self) -> None:
        left = form_layout()
        left.addRow(_("&Title:"), with_error(self.title, self.errors["title"]))
        left.addRow(_("&Number:"), with_error(self.number, self.errors["number"]))
        left.addRow(_("&Kind:"), with_error(self.kind, self.errors["kind"]))
        left.addRow(_("Team &level:"), with_error(self.level, self.errors["level"]))
        left.addRow(_("A&rea:"), with_error(self.area, self.errors["area"]))
        left.addRow(_("Cla&ssification:"), with_error(self.classification, self.errors["classification"]))
        left.addRow(_("C&hair:"), with_error(self.chair, self.errors["chair_id"]))
        left.addRow(_("&Minute taker:"), with_error(self.secretary, self.errors["secretary_id"]))
        right = form_layout()
        right.addRow(_("&Date:"), with_error(self.date, self.errors["date"]))
        times = QWidget()
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start_time)
        row.addWidget(QLabel(_("until")))
        row.addWidget(self.end_time)
        row.addWidget(self.time_zone)
        row.addStretch(1)
        time_errors = QWidget()
        errors = QVBoxLayout(time_errors)
        errors.setContentsMargins(0, 0, 0, 0)
        errors.addWidget(times)
        for key in ("start_time", "end_time", "time_zone"):
            errors.addWidget(self.errors[key])
        right.addRow(_("&Time:"), time_errors)
        right.addRow(_("&Venue:"), with_error(self.venue, self.errors["venue"]))
        right.addRow(_("Cit&y:"), with_error(self.city, self.errors["city"]))
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setHorizontalSpacing(24)
        notes = QGroupBox(_("Opening and closing"))
        notes_form = form_layout()
        notes_form.addRow(_("&Opening:"), with_error(self.opening_notes, self.errors["opening_notes"]))
        notes_form.addRow(_("Clo&sing:"), with_error(self.closing_notes, self.errors["closing_notes"]))
        notes.setLayout(notes_form)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(grid)
        column.addWidget(notes)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setTabOrder(self.title, self.number)

    def _fill_people(self, combo: QComboBox) -> None:
        blocked = combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("(not chosen)"), None)
        for person in self.editor.people:
            combo.addItem(person.label, person.id)
        combo.blockSignals(blocked)

    def load(self, session: Session, meeting: Meeting) -> None:
        self._fill_people(self.chair)
        self._fill_people(self.secretary)
        for field, binder in self.binders.items():
            binder.show_value(meeting.id, getattr(meeting, field))

    def select(self, target: Any) -> None:
        """Nothing to select: the tab shows one meeting."""
