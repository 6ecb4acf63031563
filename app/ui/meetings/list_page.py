"""The first page: search, filters and the meeting list, with buttons for what one does to a meeting."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Store
from app.i18n import _
from app.models.enums import MeetingKind, MeetingStatus
from app.services.errors import UserError
from app.services.meetings import MeetingSummary, meeting_ids, meeting_summaries, meeting_years
from app.ui.meetings.meeting_list import MeetingListModel

_log = logging.getLogger(__name__)


class ListPage(QWidget):
    open_requested = Signal(int)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.model = MeetingListModel(self._read_summaries)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search titles, agenda, discussion, findings, actions, attendees… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self._focus_table)
        self.year = QComboBox()
        self.status = QComboBox()
        self.kind = QComboBox()
        self.status.addItem(_("All statuses"), None)
        for member in MeetingStatus:
            self.status.addItem(member.label, member)
        self.kind.addItem(_("All kinds"), None)
        for kind in MeetingKind:
            self.kind.addItem(kind.label, kind)
        for combo in (self.year, self.status, self.kind):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.table = QTableView()
        self.table.setObjectName("meetings")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(40)  # size columns from the first rows, not all 2,000
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.count = QLabel()
        self.count.setProperty("role", "hint")
        self.new_button = QPushButton(_("&New meeting…"))
        self.open_button = QPushButton(_("&Open"))
        self.duplicate_button = QPushButton(_("D&uplicate"))
        self.delete_button = QPushButton(_("&Delete…"))
        self.follow_ups_button = QPushButton(_("Open &follow-ups…"))
        self.follow_ups_button.setToolTip(_("Every open action item of every meeting (Ctrl+T)"))
        self.open_button.clicked.connect(lambda: self._open_row(self.table.currentIndex().row()))
        self._layout()

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.year)
        filters.addWidget(self.status)
        filters.addWidget(self.kind)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        buttons.addWidget(self.follow_ups_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        """Read the list again (after a change); the search and filters stay as they are."""
        current = self.current_id()
        with self.store.session() as session:
            years = meeting_years(session)
        self._fill_years(years)
        self._show(reread=True)
        self.select(current)

    def _read_summaries(self, ids: Sequence[int]) -> list[MeetingSummary] | None:
        """A page of the list, read while the view paints. A fault of the store (a drive gone)
        leaves these rows blank and is logged, not raised into the paint; they are read again
        when next painted, and the window's own reads (refresh, the store watch) say it."""
        try:
            with self.store.session() as session:
                return meeting_summaries(session, ids)
        except UserError:
            _log.warning("the meeting list could not read a page of %d meetings", len(ids), exc_info=True)
            return None

    def _fill_years(self, years: list[int]) -> None:
        chosen = self.year.currentData()
        blocked = self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("All years"), None)
        for year in years:
            self.year.addItem(str(year), year)
        index = self.year.findData(chosen) if chosen is not None else 0
        self.year.setCurrentIndex(max(index, 0))
        self.year.blockSignals(blocked)

    def apply_filter(self, *_args: object) -> None:
        """The ids of the meetings to show, in one query; the view then reads the rows it paints.
        When the search or a filter matches the same meetings as shown, nothing is read again."""
        self._show(reread=False)

    def _show(self, *, reread: bool) -> None:
        with self.store.session() as session:
            ids = meeting_ids(
                session,
                search=self.search.text(),
                year=self.year.currentData(),
                status=self.status.currentData(),
                kind=self.kind.currentData(),
            )
        if reread:
            self.model.set_ids(ids)
        elif not self.model.narrow_to(ids):
            return
        shown = self.model.rowCount()
        self.count.setText(_("{count} meetings").format(count=shown))
        if shown and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def current_id(self) -> int | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row else None

    def select(self, meeting_id: int | None) -> None:
        row = self.model.row_of(meeting_id) if meeting_id is not None else -1
        if row >= 0:
            self.table.selectRow(row)

    def _open_row(self, row: int) -> None:
        summary = self.model.row_at(row)
        if summary is not None:
            self.open_requested.emit(summary.id)

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(max(self.table.currentIndex().row(), 0))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
