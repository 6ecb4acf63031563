"""Tindak lanjut: every open action item of every meeting, grouped by agency or by meeting.

Overdue items are marked; the status is changed in place (allowed even on signed minutes: an
action's status follows it after its meeting); filters by agency and due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _, short_date
from app.models.enums import ActionStatus
from app.services.actions import open_actions, update_action
from app.services.errors import UserError
from app.ui.widgets import date_edit

OVERDUE = "#b03a2e"
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class OpenAction:
    id: int
    description: str
    agency: str
    person: str
    due: dt.date | None
    status: ActionStatus
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    #: What a narrow column shows ("Polres Lubuklinggau"); the full name heads its group.
    agency_short: str = ""

    def overdue_days(self, today: dt.date) -> int:
        return (today - self.due).days if self.due is not None and self.due < today else 0


def load_open_actions(session, *, agency: str | None = None, due_before: dt.date | None = None) -> list[OpenAction]:
    from sqlalchemy import select

    from app.models import Agency

    short = {
        name: short_name for name, short_name in session.execute(select(Agency.name, Agency.short_name)) if short_name
    }
    return [
        OpenAction(
            a.id,
            a.description,
            a.owner_agency_name,
            a.owner_person_name,
            a.due_date,
            a.status,
            a.meeting.id,
            a.meeting.title,
            a.meeting.date,
            short.get(a.owner_agency_name, a.owner_agency_name),
        )
        for a in open_actions(session, agency_name=agency, due_before=due_before)
    ]


class DueFilter:
    ALL, OVERDUE, WEEK, UNTIL = "all", "overdue", "week", "until"


class FollowUpPage(QWidget):
    back_requested = Signal()
    open_meeting_requested = Signal(int)
    message = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.today = dt.date.today()  # tests set their own day
        self.actions: list[OpenAction] = []
        back = QToolButton()
        back.setText(_("← Meeting list"))
        back.clicked.connect(self.back_requested)
        heading = QLabel(_("Open follow-ups of all meetings"))
        heading.setProperty("role", "heading")
        self.group_by = QComboBox()
        self.group_by.addItem(_("Group by agency"), "agency")
        self.group_by.addItem(_("Group by meeting"), "meeting")
        self.agency = QComboBox()
        self.agency.setObjectName("agency_filter")
        self.agency.setMinimumContentsLength(24)
        self.agency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.due = QComboBox()
        self.due.addItem(_("Any due date"), DueFilter.ALL)
        self.due.addItem(_("Overdue"), DueFilter.OVERDUE)
        self.due.addItem(_("Due within 7 days or overdue"), DueFilter.WEEK)
        self.due.addItem(_("Due on or before…"), DueFilter.UNTIL)
        self.until = date_edit()
        self.until.setDate(self.today + dt.timedelta(days=30))
        self.until.hide()
        for signal in (
            self.group_by.currentIndexChanged,
            self.agency.currentIndexChanged,
            self.due.currentIndexChanged,
            self.until.dateChanged,
        ):
            signal.connect(self.refresh)
        self.tree = QTreeWidget()
        self.tree.setObjectName("follow_ups")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([_("Action item"), _("Responsible agency"), _("Agreed at"), _("Due"), _("Status")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)  # a long action wraps in its column rather than running off
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 190), (2, 110), (3, 190), (4, 150)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(self._activated)
        self.count = QLabel()
        self.count.setProperty("role", "hint")
        self.next_meeting_button = QPushButton(_("For the &next meeting…"))
        self.open_button = QPushButton(_("&Open its meeting"))
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentItem(), 0))
        top = QHBoxLayout()
        top.addWidget(back)
        top.addWidget(heading, 1)
        filters = QHBoxLayout()
        filters.addWidget(self.group_by)
        filters.addWidget(QLabel(_("Agency:")))
        filters.addWidget(self.agency, 1)
        filters.addWidget(QLabel(_("Due:")))
        filters.addWidget(self.due)
        filters.addWidget(self.until)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.next_meeting_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)

    # -- reading ---------------------------------------------------------------------------

    def _due_before(self) -> dt.date | None:
        choice = self.due.currentData()
        self.until.setVisible(choice == DueFilter.UNTIL)
        if choice == DueFilter.OVERDUE:
            return self.today
        if choice == DueFilter.WEEK:
            return self.today + dt.timedelta(days=8)
        if choice == DueFilter.UNTIL:
            return self.until.date().toPython() + dt.timedelta(days=1)
        return None

    def refresh(self, *_args: object) -> None:
        with self.store.session() as session:
            everything = load_open_actions(session)
            agency = self.agency.currentData()
            self.actions = load_open_actions(session, agency=agency, due_before=self._due_before())
        self._fill_agencies(sorted({a.agency for a in everything if a.agency}))
        self._fill_tree()
        overdue = sum(1 for a in self.actions if a.overdue_days(self.today))
        self.count.setText(_("{count} open, {overdue} overdue").format(count=len(self.actions), overdue=overdue))

    def _fill_agencies(self, names: list[str]) -> None:
        chosen = self.agency.currentData()
        blocked = self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem(_("All agencies"), None)
        for name in names:
            self.agency.addItem(name, name)
        self.agency.setCurrentIndex(max(self.agency.findData(chosen), 0) if chosen else 0)
        self.agency.blockSignals(blocked)

    def _fill_tree(self) -> None:
        self.tree.clear()
        by_agency = self.group_by.currentData() == "agency"
        groups: dict[str, list[OpenAction]] = {}
        for action in self.actions:
            key = (
                (action.agency or _("(no agency)"))
                if by_agency
                else f"{short_date(action.meeting_date)} — {action.meeting_title}"
            )
            groups.setdefault(key, []).append(action)
        order = sorted(groups) if by_agency else list(groups)  # meetings come oldest first
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for key in order:
            members = groups[key]
            late = sum(1 for a in members if a.overdue_days(self.today))
            label = (
                f"{key} ({len(members)})"
                if not late
                else _("{group} ({count}, {late} overdue)").format(group=key, count=len(members), late=late)
            )
            group = QTreeWidgetItem(self.tree, [label])
            group.setFirstColumnSpanned(True)
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for action in members:
                self._add_row(group, action)
            group.setExpanded(True)
        # The grouping already says it: no column repeats it on every row.
        self.tree.setColumnHidden(1, by_agency)
        self.tree.setColumnHidden(2, not by_agency)

    def _add_row(self, group: QTreeWidgetItem, action: OpenAction) -> None:
        late = action.overdue_days(self.today)
        due = short_date(action.due) if action.due else ""
        if late:
            due = _("{date} (overdue {days} days)").format(date=due, days=late)
        item = QTreeWidgetItem(
            group, [action.description, action.agency_short, short_date(action.meeting_date), due, ""]
        )
        item.setData(0, ID_ROLE, action.id)
        item.setToolTip(0, action.description)
        item.setToolTip(1, action.agency)
        item.setToolTip(2, f"{short_date(action.meeting_date)} — {action.meeting_title}")
        if late:
            for column in (0, 3):
                item.setForeground(column, QBrush(QColor(OVERDUE)))
        combo = QComboBox()
        combo.setObjectName(f"status_{action.id}")
        for status in ActionStatus:
            combo.addItem(status.label, status.value)
        combo.setCurrentIndex(combo.findData(action.status.value))
        combo.activated.connect(lambda _index, c=combo, a=action: self.set_status(a.id, ActionStatus(c.currentData())))
        self.tree.setItemWidget(item, 4, combo)

    # -- changing --------------------------------------------------------------------------

    def status_combo(self, action_id: int) -> QComboBox | None:
        """The status drop-down of a shown action item (None if it is not in the list)."""
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount()):
                if group.child(c).data(0, ID_ROLE) == action_id:
                    return self.tree.itemWidget(group.child(c), 4)
        return None

    def set_status(self, action_id: int, status: ActionStatus) -> None:
        """Save at once; a done or cancelled item leaves the open list."""
        try:
            with self.store.session() as session:
                description = update_action(session, action_id, status=status).description
        except UserError as exc:
            self.message.emit(str(exc))
            return
        self.message.emit(_("“{action}” is now: {status}.").format(action=description[:60], status=status.label))
        # Rebuilt after the drop-down that asked has finished its signal: the rebuild deletes it.
        QTimer.singleShot(0, self, self.refresh)

    def _activated(self, item: QTreeWidgetItem | None, _column: int) -> None:
        action_id = item.data(0, ID_ROLE) if item is not None else None
        action = next((a for a in self.actions if a.id == action_id), None)
        if action is not None:
            self.open_meeting_requested.emit(action.meeting_id)
