"""New meeting: blank, or the follow-up of an earlier one (its invitees and open action items).

The earlier meeting is picked among the newest few (FOLLOW_CHOICES) or found by typing words of
it, through the list's search: ten years of meetings are never all read into the drop-down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from app.db import Store
from app.i18n import _, short_date
from app.services.errors import UserError, ValidationError
from app.services.meetings import MeetingSummary, create_follow_up, create_meeting, follow_up_choices
from app.ui import widgets
from app.ui.typed_dates import same_weekday_next_month
from app.ui.widgets import (
    DateField,
    ErrorLabel,
    elide_combo,
    form_layout,
    keep_off_wheel,
    parse_time,
    with_error,
)


class NewMeetingDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        store: Store,
        *,
        follow: int | None = None,
        today_is: Callable[[], dt.date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New meeting"))
        # Looked up at each call: tests replace app.ui.widgets.today after this module is imported.
        self.today_is = today_is or (lambda: widgets.today())
        self.store = store
        self.earlier_dates: dict[int, dt.date] = {}
        self.title = QLineEdit()
        self.title.setObjectName("new_title")
        self.date = DateField(today_is=self.today_is, fallback=self._suggested_date)
        self.date.setObjectName("new_date")
        self.date.set_value(self.today_is())
        self.date_typed = False  # once the secretary chose a date, the follow-up choice leaves it
        self.date.edited.connect(lambda: setattr(self, "date_typed", True))
        self.start = QLineEdit("09.00")
        self.follows = QComboBox()
        self.follows.setObjectName("follows")
        keep_off_wheel(self.follows)
        elide_combo(self.follows)
        self.follows_search = QLineEdit()
        self.follows_search.setObjectName("follows_search")
        self.follows_search.setPlaceholderText(_("Find an earlier meeting…"))
        self.follows_search.setClearButtonEnabled(True)
        # Typing is searched once it pauses: one read, not one per letter.
        self._search_pause = QTimer(self, singleShot=True, interval=200)
        self._search_pause.timeout.connect(self.find_earlier)
        self.follows_search.textChanged.connect(lambda _text: self._search_pause.start())
        self.errors = {key: ErrorLabel() for key in ("title", "date", "start_time", "other")}
        self._fill_follows(self._read_choices("", follow) or [], follow)
        self.follows.currentIndexChanged.connect(self._follows_changed)
        if follow is not None:
            self._follows_changed()
        # A refusal stays only as long as its cause: typing in the field takes it away.
        self.title.textEdited.connect(lambda _text: self.errors["title"].show_error(None))
        self.date.edited.connect(lambda: self.errors["date"].show_error(None))
        self.start.textEdited.connect(lambda _text: self.errors["start_time"].show_error(None))
        form = form_layout()
        form.addRow(_("&Title:"), with_error(self.title, self.errors["title"]))
        form.addRow(_("&Date:"), with_error(self.date, self.errors["date"]))
        form.addRow(_("&Start time:"), with_error(self.start, self.errors["start_time"]))
        follows_row = QHBoxLayout()
        follows_row.addWidget(self.follows, 3)
        follows_row.addWidget(self.follows_search, 2)
        follows_label = QLabel(_("&Follow-up of:"))
        follows_label.setBuddy(self.follows)  # a row of two fields has no buddy of its own
        form.addRow(follows_label, follows_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors["other"])
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())
        # Set by the caller: a function running a unit of work.
        self.create_in: Callable[[Callable[[Session], int]], int] | None = None
        self.meeting_id: int | None = None

    def _read_choices(self, words: str, chosen: int | None) -> list[MeetingSummary] | None:
        try:
            with self.store.session() as session:
                return follow_up_choices(session, words, chosen=chosen)
        except UserError as exc:  # the store is gone meanwhile: said beside the buttons
            self.errors["other"].show_error(str(exc))
            return None

    def _fill_follows(self, earlier: list[MeetingSummary], chosen: int | None) -> None:
        blocked = self.follows.blockSignals(True)
        self.follows.clear()
        self.follows.addItem(_("(blank meeting)"), None)
        for summary in earlier:
            self.follows.addItem(f"{short_date(summary.date)} — {summary.title}", summary.id)
            self.earlier_dates[summary.id] = summary.date
        self.follows.setCurrentIndex(max(self.follows.findData(chosen), 0) if chosen is not None else 0)
        self.follows.blockSignals(blocked)

    def find_earlier(self) -> None:
        """Offer the newest meetings containing the words typed (the newest of all when none),
        keeping the meeting already chosen."""
        self._search_pause.stop()
        chosen = self.follows.currentData()
        found = self._read_choices(self.follows_search.text(), chosen)
        if found is not None:
            self._fill_follows(found, chosen)

    def _suggested_date(self) -> dt.date | None:
        """A follow-up's default: its meeting's weekday in the next month, not before today."""
        earlier = self.earlier_dates.get(self.follows.currentData())
        if earlier is None:
            return None
        return same_weekday_next_month(earlier, today=self.today_is())

    def _follows_changed(self) -> None:
        if self.date_typed:
            return
        self.date.set_value(self._suggested_date() or self.today_is())

    # Shadows QWidget.create (not virtual: Qt never calls it from C++).
    def create(self, session: Session) -> int:  # type: ignore[override]
        start = parse_time(self.start.text(), required=True, label=_("Start time"))
        date = self.date.value()
        if date is None:
            raise ValidationError(_("The meeting date is required."), field="date")
        earlier = self.follows.currentData()
        if earlier is None:
            return create_meeting(session, title=self.title.text(), date=date, start_time=start).id
        return create_follow_up(session, earlier, title=self.title.text(), date=date, start_time=start).id

    def accept(self) -> None:
        for label in self.errors.values():
            label.show_error(None)
        assert self.create_in is not None  # set by the caller
        try:
            self.meeting_id = self.create_in(self.create)
        except ValidationError as exc:
            self.errors.get(exc.field or "other", self.errors["other"]).show_error(str(exc))
            return
        except UserError as exc:
            self.errors["other"].show_error(str(exc))
            return
        super().accept()
