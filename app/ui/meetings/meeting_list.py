"""The meeting list: a table model over MeetingSummary rows, filtered in memory as one types."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import _, short_date
from app.models.enums import MeetingKind, MeetingStatus
from app.services.meetings import MeetingSummary


class MeetingListModel(QAbstractTableModel):
    """Rows of MeetingSummary: date, title, kind, status, present of invited (as in addressbook)."""

    def __init__(self) -> None:
        super().__init__()
        self._all: list[MeetingSummary] = []
        self._rows: list[MeetingSummary] = []
        self._headers = [_("Date"), _("Title"), _("Kind"), _("Status"), _("Present")]
        self._ids: set[int] | None = None
        self._year: int | None = None
        self._status: MeetingStatus | None = None
        self._kind: MeetingKind | None = None
        self._cells: list[tuple[str, ...]] | None = None

    def set_all(self, rows: list[MeetingSummary]) -> None:
        self._all = rows
        self._apply()

    def set_filter(
        self,
        *,
        ids: set[int] | None = None,
        year: int | None = None,
        status: MeetingStatus | None = None,
        kind: MeetingKind | None = None,
    ) -> None:
        self._ids, self._year, self._status, self._kind = ids, year, status, kind
        self._apply()

    def _apply(self) -> None:
        rows = self._all
        if self._ids is not None:
            rows = [r for r in rows if r.id in self._ids]
        if self._year is not None:
            rows = [r for r in rows if r.date.year == self._year]
        if self._status is not None:
            rows = [r for r in rows if r.status is self._status]
        if self._kind is not None:
            rows = [r for r in rows if r.kind is self._kind]
        self.beginResetModel()
        self._rows = rows
        self._cells = [self._display(r) for r in rows] if len(rows) < 200 else None
        self.endResetModel()

    @staticmethod
    def _display(row: MeetingSummary) -> tuple[str, ...]:
        status = row.status.label
        if row.revision > 1:
            status = _("{status}, rev. {revision}").format(status=status, revision=row.revision)
        return (short_date(row.date), row.title, row.kind.label, status, f"{row.present}/{row.invited}")

    def years(self) -> list[int]:
        return sorted({r.date.year for r in self._all}, reverse=True)

    def row_at(self, row: int) -> MeetingSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, meeting_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == meeting_id), -1)

    def shown(self) -> list[MeetingSummary]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # Formatted when shown: a view asks only for the rows on screen.
            cells = self._cells[index.row()] if self._cells is not None else self._display(row)
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return row.title
        if index.column() == 3 and row.status is not MeetingStatus.DRAFT:
            # Signed and final meetings are locked: a padlock, and why when the pointer rests on it.
            if role == Qt.ItemDataRole.DecorationRole:
                from app.ui.look import lock_icon

                return lock_icon()
            if role == Qt.ItemDataRole.ToolTipRole:
                return (
                    _("Locked: the minutes are signed. Amend the meeting to change it.")
                    if row.status is MeetingStatus.SIGNED
                    else _("Locked: the meeting is final. Reopen it as a draft to change it.")
                )
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
