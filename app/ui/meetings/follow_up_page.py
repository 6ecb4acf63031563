"""Tindak lanjut: every open action item of every meeting, grouped by agency or by meeting.

Overdue items are marked; the status is changed in place (allowed even on signed minutes: an
action's status follows it after its meeting); filters by agency and due date.

Model/view, so that ten years of meetings show at once: the store is read in one query per
showing (`load_open_actions`); grouping rebuilds a Python tree model from those rows in memory,
filtering is a proxy over it, and a status change saves the one item and updates (or removes)
its one row. The status drop-down is a delegate's editor, made only while a cell is edited.

Nothing is called on Qt per row or per group: PySide6 6.12 (with Python 3.11) drops a reference
to None on every call of a method returning nothing, so thousands of them abort Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _, short_date
from app.models.enums import ActionStatus
from app.services.actions import OpenAction, load_open_actions, update_action
from app.services.errors import UserError
from app.ui.widgets import date_edit

__all__ = ["DueFilter", "FollowUpPage", "OpenAction", "load_open_actions"]

OVERDUE = "#b03a2e"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The OpenAction of a row (its status value in the status column).
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2
#: The key of a group's heading (the heading itself shows its counts too).
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_COLUMN = 4
COLUMNS = 5


class DueFilter:
    ALL, OVERDUE, WEEK, UNTIL = "all", "overdue", "week", "until"


@dataclass
class Group:
    """A heading of the view and the actions under it; `serial` never changes while it lives,
    so its rows' indexes stay right when an earlier group goes."""

    serial: int
    key: str
    actions: list[OpenAction] = field(default_factory=list)


class FollowUpModel(QAbstractItemModel):
    """Groups (top level) holding one row per open action, over rows already read.

    A Python tree model rather than a QStandardItemModel: nothing is made per row (items, data
    calls), so ten thousand rows cost no more than the ones painted.
    """

    def __init__(self) -> None:
        super().__init__()
        self.today = dt.date.today()
        self.groups: list[Group] = []
        self._row_of_group: dict[int, int] = {}  # serial -> row
        self._headers = [_("Action item"), _("In charge"), _("Agreed at"), _("Due"), _("Status")]
        self._bold = QFont()
        self._late = QBrush(QColor(OVERDUE))

    # -- building and changing ---------------------------------------------------------------

    def build(self, actions: list[OpenAction], *, by_agency: bool, today: dt.date, font: QFont) -> None:
        groups: dict[str, list[OpenAction]] = {}
        for action in actions:
            key = (
                (action.agency or _("(no agency)"))
                if by_agency
                else f"{short_date(action.meeting_date)} — {action.meeting_title}"
            )
            groups.setdefault(key, []).append(action)
        order = sorted(groups) if by_agency else list(groups)  # meetings come oldest first
        self.beginResetModel()
        self.today = today
        self._bold = QFont(font)
        self._bold.setBold(True)
        self.groups = [Group(serial, key, groups[key]) for serial, key in enumerate(order, start=1)]
        self._row_of_group = {g.serial: row for row, g in enumerate(self.groups)}
        self.endResetModel()

    def locate(self, action_id: int) -> tuple[int, int] | None:
        """(group row, row) of an action, None if it is not in the model."""
        for g, group in enumerate(self.groups):
            for r, action in enumerate(group.actions):
                if action.id == action_id:
                    return g, r
        return None

    def set_action(self, action: OpenAction) -> None:
        """The one row of this action shows it anew; it leaves the model once no longer open."""
        place = self.locate(action.id)
        if place is None:
            return
        g, r = place
        group = self.groups[g]
        parent = self.index(g, 0)
        if action.status.is_open:
            group.actions[r] = action
            self.dataChanged.emit(self.index(r, 0, parent), self.index(r, COLUMNS - 1, parent))
        elif len(group.actions) > 1:
            self.beginRemoveRows(parent, r, r)
            del group.actions[r]
            self.endRemoveRows()
        else:
            self.beginRemoveRows(QModelIndex(), g, g)
            del self.groups[g]
            self._row_of_group = {x.serial: row for row, x in enumerate(self.groups)}
            self.endRemoveRows()
        if action.status.is_open or len(group.actions):
            self.dataChanged.emit(parent, parent)  # the heading's counts

    # -- what the view asks --------------------------------------------------------------------

    def group_at(self, index: QModelIndex | QPersistentModelIndex) -> Group | None:
        if not index.isValid():
            return None
        serial = index.internalId()
        row = self._row_of_group.get(serial) if serial else index.row()
        return self.groups[row] if row is not None and row < len(self.groups) else None

    def action_at(self, index: QModelIndex | QPersistentModelIndex) -> OpenAction | None:
        if not index.isValid() or not index.internalId():
            return None
        group = self.group_at(index)
        return group.actions[index.row()] if group is not None and index.row() < len(group.actions) else None

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not parent.isValid():
            return self.createIndex(row, column, 0) if 0 <= row < len(self.groups) else QModelIndex()
        if parent.internalId():  # an action has no children
            return QModelIndex()
        group = self.groups[parent.row()]
        return self.createIndex(row, column, group.serial) if 0 <= row < len(group.actions) else QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        serial = index.internalId() if index.isValid() else 0
        if not serial or serial not in self._row_of_group:
            return QModelIndex()
        return self.createIndex(self._row_of_group[serial], 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() or parent.column() != 0:
            return 0
        return len(self.groups[parent.row()].actions) if parent.row() < len(self.groups) else 0

    def columnCount(self, _parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or not index.internalId():
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == STATUS_COLUMN else flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        if not index.internalId():  # a group's heading
            group = self.group_at(index)
            if group is None or index.column() != 0:
                return None
            if role == Qt.ItemDataRole.DisplayRole or role == GROUP_ROLE:
                return group.key
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        action = self.action_at(index)
        if action is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(action, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return action.description
            if column == 1:
                return action.agency
            if column == 2:
                return f"{short_date(action.meeting_date)} — {action.meeting_title}"
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._late if column in (0, 3) and action.overdue_days(self.today) else None
        if role == ID_ROLE:
            return action.id
        if role == ACTION_ROLE:
            return action.status.value if column == STATUS_COLUMN else action
        return None

    def _text(self, action: OpenAction, column: int) -> str:
        if column == 0:
            return action.description
        if column == 1:
            return action.agency_short
        if column == 2:
            return short_date(action.meeting_date)
        if column == 3:
            if action.due is None:
                return ""
            late = action.overdue_days(self.today)
            due = short_date(action.due)
            return _("{date} (overdue {days} days)").format(date=due, days=late) if late else due
        return f"{action.status.label} ▾"  # a drop-down opens on it


class FollowUpFilter(QSortFilterProxyModel):
    """Agency and due date, applied in memory; a group shows while one of its rows does, and its
    heading counts the rows shown."""

    def __init__(self) -> None:
        super().__init__()
        self.agency: str | None = None
        self.due_before: dt.date | None = None

    def source(self) -> FollowUpModel:
        return self.sourceModel()  # type: ignore[return-value]

    def set_criteria(self, agency: str | None, due_before: dt.date | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self.agency, self.due_before = agency, due_before
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.agency, self.due_before = agency, due_before
            self.invalidateFilter()

    def accepts(self, action: OpenAction) -> bool:
        if self.agency and action.agency != self.agency:
            return False
        return self.due_before is None or (action.due is not None and action.due < self.due_before)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 (Qt API)
        model = self.source()
        if not source_parent.isValid():  # a group: shown while one of its rows is
            return source_row < len(model.groups) and any(map(self.accepts, model.groups[source_row].actions))
        group = model.group_at(source_parent)
        return group is not None and source_row < len(group.actions) and self.accepts(group.actions[source_row])

    def shown(self) -> list[OpenAction]:
        """The actions shown, in the order shown."""
        return [a for group in self.source().groups for a in group.actions if self.accepts(a)]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 and not index.parent().isValid():
            model = self.source()
            group = model.group_at(self.mapToSource(index))
            if group is None:
                return None
            members = [a for a in group.actions if self.accepts(a)]
            late = sum(1 for a in members if a.overdue_days(model.today))
            if not late:
                return f"{group.key} ({len(members)})"
            return _("{group} ({count}, {late} overdue)").format(group=group.key, count=len(members), late=late)
        # Straight to the Python model: QSortFilterProxyModel.data() hands an empty answer back
        # to Python as a None it holds no reference to (PySide6 6.12), once per cell and role.
        return self.source().data(self.mapToSource(index), role)


class StatusDelegate(QStyledItemDelegate):
    """Makes a real QComboBox only while a status cell is edited (the cell shows "label ▾").

    Nothing painted by hand: every QPainter/QStyle call from Python costs PySide6 6.12 a
    reference to None, on every row at every repaint."""

    def __init__(self, page: FollowUpPage) -> None:
        super().__init__(page)
        self.page = page

    def createEditor(  # noqa: N802
        self, parent: QWidget, _option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        action = self.page.action_at(index)
        assert action is not None  # only an action's status cell is editable (see flags)
        combo.setObjectName(f"status_{action.id}")
        for status in ActionStatus:
            combo.addItem(status.label, status.value)
        # Choosing saves at once, as the old always-visible drop-down did.
        combo.activated.connect(lambda _index, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802 (Qt API)
        action = self.page.action_at(index)
        assert isinstance(editor, QComboBox)  # made by createEditor
        if action is not None:
            editor.setCurrentIndex(editor.findData(action.status.value))

    def setModelData(self, editor: QWidget, _model, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802 (Qt API)
        action = self.page.action_at(index)
        assert isinstance(editor, QComboBox)  # made by createEditor
        status = ActionStatus(editor.currentData())
        if action is not None and status is not action.status:
            self.page.set_status(action.id, status)


class FollowUpPage(QWidget):
    back_requested = Signal()
    open_meeting_requested = Signal(int)
    message = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.today = dt.date.today()  # tests set their own day
        #: Every open action as last read; filters and grouping work on this list.
        self.all_actions: list[OpenAction] = []
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
        self.until.setDate(self.today + dt.timedelta(days=30))  # type: ignore[arg-type]  # PySide6 converts a date; its stubs want a QDate
        self.until.hide()
        self.group_by.currentIndexChanged.connect(self._regroup)
        for signal in (self.agency.currentIndexChanged, self.due.currentIndexChanged, self.until.dateChanged):
            signal.connect(self._refilter)
        self.model = FollowUpModel()
        self.filter = FollowUpFilter()
        self.filter.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("follow_ups")
        self.tree.setModel(self.filter)
        self.delegate = StatusDelegate(self)
        self.tree.setItemDelegateForColumn(STATUS_COLUMN, self.delegate)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)  # a long action wraps in its column rather than running off
        self.tree.setUniformRowHeights(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 190), (2, 110), (3, 190), (4, 175)):
            self.tree.setColumnWidth(column, width)
        self.tree.activated.connect(self._activated)
        # Groups come and go with the filter: each one shown stays open.
        self.filter.layoutChanged.connect(self._show_groups)
        self.filter.modelReset.connect(self._show_groups)
        self.filter.rowsInserted.connect(self._show_groups)
        self.count = QLabel()
        self.count.setProperty("role", "hint")
        self.next_meeting_button = QPushButton(_("For the &next meeting…"))
        self.open_button = QPushButton(_("&Open its meeting"))
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentIndex()))
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

    @property
    def actions(self) -> list[OpenAction]:  # type: ignore[override]  # shadows QWidget.actions() (not virtual; Qt never calls it from Python)
        """The actions shown now (after the filters), in the order shown."""
        return self.filter.shown()

    def action_at(self, index: QModelIndex | QPersistentModelIndex) -> OpenAction | None:
        """The action of a row of the view (None for a group's heading)."""
        return self.model.action_at(self.filter.mapToSource(index)) if index.isValid() else None

    def _due_before(self) -> dt.date | None:
        choice = self.due.currentData()
        self.until.setVisible(choice == DueFilter.UNTIL)
        if choice == DueFilter.OVERDUE:
            return self.today
        if choice == DueFilter.WEEK:
            return self.today + dt.timedelta(days=8)
        if choice == DueFilter.UNTIL:
            return cast(dt.date, self.until.date().toPython()) + dt.timedelta(days=1)
        return None

    def refresh(self, *_args: object) -> None:
        """Read the store again (one query) and show it; on showing the page."""
        with self.store.session() as session:
            self.all_actions = load_open_actions(session)
        self._fill_agencies()
        self._regroup()

    def _regroup(self, *_args: object) -> None:
        by_agency = self.group_by.currentData() == "agency"
        self.filter.set_criteria(self.agency.currentData(), self._due_before())
        self.model.build(self.all_actions, by_agency=by_agency, today=self.today, font=self.tree.font())
        # The grouping already says it: no column repeats it on every row.
        self.tree.setColumnHidden(1, by_agency)
        self.tree.setColumnHidden(2, not by_agency)
        self._show_count()

    def _refilter(self, *_args: object) -> None:
        self.filter.set_criteria(self.agency.currentData(), self._due_before())
        self._show_groups()
        self._show_count()

    def _show_groups(self, *_args: object) -> None:
        # One call for all groups: nothing per row or per group (see FollowUpModel).
        self.tree.expandAll()

    def _show_count(self) -> None:
        shown = self.actions
        overdue = sum(1 for a in shown if a.overdue_days(self.today))
        self.count.setText(_("{count} open, {overdue} overdue").format(count=len(shown), overdue=overdue))

    def _fill_agencies(self) -> None:
        names = sorted({a.agency for a in self.all_actions if a.agency})
        chosen = self.agency.currentData()
        blocked = self.agency.blockSignals(True)
        self.agency.clear()
        self.agency.addItem(_("All agencies"), None)
        for name in names:
            self.agency.addItem(name, name)
        self.agency.setCurrentIndex(max(self.agency.findData(chosen), 0) if chosen else 0)
        self.agency.blockSignals(blocked)

    # -- changing --------------------------------------------------------------------------

    def index_of(self, action_id: int, column: int = 0) -> QModelIndex:
        """Where a shown action item is in the view (invalid if it is not shown)."""
        place = self.model.locate(action_id)
        if place is None:
            return QModelIndex()
        group, row = place
        return self.filter.mapFromSource(self.model.index(row, column, self.model.index(group, 0)))

    def status_combo(self, action_id: int) -> QComboBox | None:
        """Open the status drop-down of a shown action item (None if it is not in the list)."""
        index = self.index_of(action_id, STATUS_COLUMN)
        if not index.isValid():
            return None
        self.tree.setCurrentIndex(index)
        self.tree.edit(index)
        editor = self.tree.indexWidget(index)
        return editor if isinstance(editor, QComboBox) else None

    def set_status(self, action_id: int, status: ActionStatus) -> None:
        """Save at once; the one row shows the new status, or leaves the list when done or cancelled."""
        try:
            with self.store.session() as session:
                description = update_action(session, action_id, status=status).description
        except UserError as exc:
            self.message.emit(str(exc))
            return
        self.message.emit(_("“{action}” is now: {status}.").format(action=description[:60], status=status.label))
        position = next((i for i, a in enumerate(self.all_actions) if a.id == action_id), None)
        if position is None:
            return
        changed = dataclasses.replace(self.all_actions[position], status=status)
        if status.is_open:
            self.all_actions[position] = changed
        else:
            del self.all_actions[position]
        # After the editor that asked has closed: removing its row deletes the editor.
        QTimer.singleShot(0, self, lambda: self._show_change(changed))

    def _show_change(self, action: OpenAction) -> None:
        self.model.set_action(action)
        if not action.status.is_open and action.agency and all(a.agency != action.agency for a in self.all_actions):
            self._fill_agencies()  # its agency has nothing open any more
            self._refilter()
        self._show_count()

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        action = self.action_at(index)
        if action is not None:
            self.open_meeting_requested.emit(action.meeting_id)
