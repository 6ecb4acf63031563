"""Main window: the list of meetings in the store."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableView

from app import APP_NAME
from app.db import Store
from app.i18n import _, short_date
from app.services.meetings import MeetingSummary, list_meetings


class MeetingListModel(QAbstractTableModel):
    """Rows of MeetingSummary: date, title, kind, status, present of invited."""

    def __init__(self, rows: list[MeetingSummary] | None = None) -> None:
        super().__init__()
        self._rows = rows or []
        self._headers = [_("Date"), _("Title"), _("Kind"), _("Status"), _("Present")]

    def set_rows(self, rows: list[MeetingSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> MeetingSummary:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                short_date(row.date),
                row.title,
                row.kind.label,
                row.status.label,
                f"{row.present}/{row.invited}",
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return row.title
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(f"{APP_NAME} — {store.path.name}")
        self.model = MeetingListModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setCentralWidget(self.table)
        self.resize(1100, 650)
        self.refresh()

    def refresh(self) -> None:
        with self.store.session() as session:
            rows = list_meetings(session)
        self.model.set_rows(rows)
        self.statusBar().showMessage(_("{count} meetings").format(count=len(rows)))
