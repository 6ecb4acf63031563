"""Rows as a table shows them, and their model: the editor's ordered parts and the directory's lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

ROW_MIME = "application/x-timpora-row"


@dataclass(frozen=True)
class Row:
    """A row as the table shows it: identity, the cells, and the values the form needs."""

    uuid: str
    id: int
    cells: tuple[str, ...]
    values: dict


class RowsModel(QAbstractTableModel):
    """Rows of one ordered part; a drop asks for a move instead of moving anything itself."""

    move_requested = Signal(str, int)  # uuid, new 1-based position

    def __init__(self, headers: list[str]) -> None:
        super().__init__()
        self._headers = headers
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, index: int) -> Row | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def index_of(self, uuid: str | None) -> int:
        return next((i for i, row in enumerate(self._rows) if row.uuid == uuid), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._rows[index.row()].cells[index.column()]
            # One line in the table; the form shows the whole text.
            return text if role == Qt.ItemDataRole.ToolTipRole else text.replace("\n", " ")[:300]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ROW_MIME, QByteArray(self._rows[rows[0]].uuid.encode("ascii")))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:  # noqa: N802
        if action != Qt.DropAction.MoveAction or not data.hasFormat(ROW_MIME):
            return False
        uuid = bytes(data.data(ROW_MIME).data()).decode("ascii")
        source = self.index_of(uuid)
        if source < 0:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        new_position = target if target > source else target + 1  # dropping below itself shifts by one
        new_position = max(1, min(new_position, len(self._rows)))
        if new_position != source + 1:
            # Moved by the store, then shown again; the view must not move anything itself.
            QTimer.singleShot(0, lambda: self.move_requested.emit(uuid, new_position))
        return False
