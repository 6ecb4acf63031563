"""Rows as a table shows them, and their model: the editor's ordered parts and the directory's lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractAnimation,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

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


class RowFlash(QObject):
    """A row changed by a key (a status by Ctrl+Shift+I, a move by Alt+Up, an undo) glows amber
    for a moment and fades, so the eye finds where the change happened; the glow is painted over
    the selection, since the changed row is usually the selected one."""

    DURATION_MS = 900
    COLOUR = QColor(255, 190, 0)
    #: strongest alpha of the glow (0-255): the row's text stays readable under it
    STRONGEST = 150

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.row = -1
        self.strength = 0.0
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(1.0)
        self.animation.setEndValue(0.0)
        self.animation.setDuration(self.DURATION_MS)
        self.animation.valueChanged.connect(self._fade)
        self.animation.finished.connect(self._done)
        table.setItemDelegate(_FlashingDelegate(self, table))

    def flash(self, row: int) -> None:
        if row < 0:
            return
        self.row = row
        self.animation.stop()
        self.strength = 1.0
        self.animation.start()
        self.table.viewport().update()

    def is_flashing(self, row: int) -> bool:
        return row == self.row and self.animation.state() == QAbstractAnimation.State.Running

    def _fade(self, value: float) -> None:
        self.strength = float(value)
        self.table.viewport().update()

    def _done(self) -> None:
        self.row, self.strength = -1, 0.0
        self.table.viewport().update()


class _FlashingDelegate(QStyledItemDelegate):
    """Paints a flashing row's background (or its selection colour) mixed with amber, under
    its text, so the text stays as readable as ever."""

    def __init__(self, flash: RowFlash, parent: QObject) -> None:
        super().__init__(parent)
        self.flasher = flash

    def initStyleOption(  # noqa: N802 (Qt API)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.row() != self.flasher.row or self.flasher.strength <= 0:
            return
        share = RowFlash.STRONGEST / 255 * self.flasher.strength
        palette = option.palette
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(
                group, QPalette.ColorRole.Highlight, _mix(palette.color(group, QPalette.ColorRole.Highlight), share)
            )
        option.palette = palette
        option.backgroundBrush = QBrush(_mix(palette.color(QPalette.ColorRole.Base), share))


def _mix(colour: QColor, share: float) -> QColor:
    """`colour` with `share` (0-1) of the flash's amber in it."""
    amber = RowFlash.COLOUR
    return QColor(
        round(colour.red() * (1 - share) + amber.red() * share),
        round(colour.green() * (1 - share) + amber.green() * share),
        round(colour.blue() * (1 - share) + amber.blue() * share),
    )
