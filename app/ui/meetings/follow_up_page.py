"""Tindak lanjut: every open action item of every meeting, grouped by agency or by meeting.

Overdue items are marked; the status is changed in place (allowed even on signed minutes: an
action's status follows it after its meeting); filters by agency and due date.

Model/view, so that ten years of meetings show at once: the store is read in one query per
showing (`load_open_actions`); grouping rebuilds a QStandardItemModel from those rows in memory,
filtering is a proxy over it, and a status change saves the one item and updates (or removes)
its one row. The status drop-down is a delegate's editor, made only while a cell is edited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
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
#: The OpenAction of a row (column 0) or the key of a group (group rows).
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_COLUMN = 4
COLUMNS = 5


class DueFilter:
    ALL, OVERDUE, WEEK, UNTIL = "all", "overdue", "week", "until"


class FollowUpModel(QStandardItemModel):
    """Groups (top level) holding one row per open action; built from rows already read."""

    def __init__(self) -> None:
        super().__init__(0, COLUMNS)
        self.today = dt.date.today()
        self._rows: dict[int, QStandardItem] = {}  # action id -> its column-0 item

    def build(self, actions: list[OpenAction], *, by_agency: bool, today: dt.date, font: QFont) -> None:
        self.today = today
        self.beginResetModel()
        blocked = self.blockSignals(True)  # one reset for the view, not a signal per item
        try:
            self.removeRows(0, self.rowCount())
            self._rows.clear()
            groups: dict[str, list[OpenAction]] = {}
            for action in actions:
                key = (
                    (action.agency or _("(no agency)"))
                    if by_agency
                    else f"{short_date(action.meeting_date)} — {action.meeting_title}"
                )
                groups.setdefault(key, []).append(action)
            order = sorted(groups) if by_agency else list(groups)  # meetings come oldest first
            bold = QFont(font)
            bold.setBold(True)
            root = self.invisibleRootItem()
            for key in order:
                group = QStandardItem(key)
                group.setData(key, GROUP_ROLE)
                group.setFont(bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for action in groups[key]:
                    group.appendRow(self._row(action))
                root.appendRow([group] + [self._blank() for _column in range(COLUMNS - 1)])
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    @staticmethod
    def _blank() -> QStandardItem:
        item = QStandardItem()
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _row(self, action: OpenAction) -> list[QStandardItem]:
        late = action.overdue_days(self.today)
        due = short_date(action.due) if action.due else ""
        if late:
            due = _("{date} (overdue {days} days)").format(date=due, days=late)
        meeting = f"{short_date(action.meeting_date)} — {action.meeting_title}"
        cells = [
            QStandardItem(action.description),
            QStandardItem(action.agency_short),
            QStandardItem(short_date(action.meeting_date)),
            QStandardItem(due),
            QStandardItem(action.status.label),
        ]
        for item in cells:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        cells[0].setData(action.id, ID_ROLE)
        cells[0].setData(action, ACTION_ROLE)
        cells[0].setToolTip(action.description)
        cells[1].setToolTip(action.agency)
        cells[2].setToolTip(meeting)
        cells[STATUS_COLUMN].setData(action.status.value, ACTION_ROLE)
        cells[STATUS_COLUMN].setFlags(cells[STATUS_COLUMN].flags() | Qt.ItemFlag.ItemIsEditable)
        if late:
            for column in (0, 3):
                cells[column].setForeground(QBrush(QColor(OVERDUE)))
        self._rows[action.id] = cells[0]
        return cells

    def action_at(self, index: QModelIndex) -> OpenAction | None:
        if not index.isValid() or not index.parent().isValid():
            return None
        return self.index(index.row(), 0, index.parent()).data(ACTION_ROLE)

    def set_action(self, action: OpenAction) -> None:
        """The one row of this action shows it anew; it leaves the model once no longer open."""
        first = self._rows.get(action.id)
        if first is None:
            return
        group = first.parent()
        if not action.status.is_open:
            del self._rows[action.id]
            group.removeRow(first.row())
            if group.rowCount() == 0:
                self.removeRow(group.row())
            return
        first.setData(action, ACTION_ROLE)
        status = group.child(first.row(), STATUS_COLUMN)
        status.setData(action.status.value, ACTION_ROLE)
        status.setText(action.status.label)


class FollowUpFilter(QSortFilterProxyModel):
    """Agency and due date, applied in memory; a group shows while one of its rows does, and its
    heading counts the rows shown."""

    def __init__(self) -> None:
        super().__init__()
        self.agency: str | None = None
        self.due_before: dt.date | None = None
        self.setRecursiveFilteringEnabled(True)  # a group is shown when one of its rows is

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

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802 (Qt API)
        if not source_parent.isValid():
            return False  # groups: shown through their rows (recursive filtering)
        action = self.sourceModel().index(source_row, 0, source_parent).data(ACTION_ROLE)
        return action is not None and self.accepts(action)

    def shown(self, group: QModelIndex) -> list[OpenAction]:
        return [self.index(row, 0, group).data(ACTION_ROLE) for row in range(self.rowCount(group))]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 and not index.parent().isValid():
            key = super().data(index, GROUP_ROLE)
            members = self.shown(index)
            today = self.sourceModel().today
            late = sum(1 for a in members if a.overdue_days(today))
            if not late:
                return f"{key} ({len(members)})"
            return _("{group} ({count}, {late} overdue)").format(group=key, count=len(members), late=late)
        return super().data(index, role)


class StatusDelegate(QStyledItemDelegate):
    """Paints the status as a drop-down; makes a real QComboBox only while the cell is edited."""

    def __init__(self, page: FollowUpPage) -> None:
        super().__init__(page)
        self.page = page

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if not index.parent().isValid():
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else QApplication.style()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        combo = QStyleOptionComboBox()
        combo.rect = option.rect.adjusted(2, 1, -2, -1)
        combo.state = option.state | QStyle.StateFlag.State_Enabled
        combo.palette = option.palette
        combo.currentText = index.data()
        combo.frame = True
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, combo, painter, option.widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, combo, painter, option.widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):  # noqa: ANN201, N802 (Qt API)
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), option.fontMetrics.height() + 10))  # room for the drop-down frame
        return size

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        action = self.page.filter.data(self.page.filter.index(index.row(), 0, index.parent()), ACTION_ROLE)
        combo.setObjectName(f"status_{action.id}")
        for status in ActionStatus:
            combo.addItem(status.label, status.value)
        # Choosing saves at once, as the old always-visible drop-down did.
        combo.activated.connect(lambda _index, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802 (Qt API)
        editor.setCurrentIndex(editor.findData(index.data(ACTION_ROLE)))

    def setModelData(self, editor: QWidget, _model, index: QModelIndex) -> None:  # noqa: N802 (Qt API)
        action = self.page.filter.data(self.page.filter.index(index.row(), 0, index.parent()), ACTION_ROLE)
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
        self.until.setDate(self.today + dt.timedelta(days=30))
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
        self.model.setHorizontalHeaderLabels(
            [_("Action item"), _("Responsible agency"), _("Agreed at"), _("Due"), _("Status")]
        )
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
        # Groups come and go with the filter: each one shown spans the row and stays open.
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
    def actions(self) -> list[OpenAction]:
        """The actions shown now (after the filters), in the order shown."""
        return [a for g in range(self.filter.rowCount()) for a in self.filter.shown(self.filter.index(g, 0))]

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
        root = QModelIndex()
        for row in range(self.filter.rowCount()):
            self.tree.setFirstColumnSpanned(row, root, True)
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
        for g in range(self.filter.rowCount()):
            group = self.filter.index(g, 0)
            for row in range(self.filter.rowCount(group)):
                if self.filter.index(row, 0, group).data(ID_ROLE) == action_id:
                    return self.filter.index(row, column, group)
        return QModelIndex()

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
        if not index.isValid():
            return
        action = (
            self.filter.index(index.row(), 0, index.parent()).data(ACTION_ROLE) if index.parent().isValid() else None
        )
        if action is not None:
            self.open_meeting_requested.emit(action.meeting_id)
