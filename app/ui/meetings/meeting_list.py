"""The meeting list: a table model over the ids of the meetings shown, reading the summaries of
the rows on screen only, a page at a time.

With ten years of meetings (20,000) reading every summary took most of the window's start-up;
the ids, newest first, are one integer per meeting, and a view asks `data()` only for the rows
it paints, so only their pages are read (one query each).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import _, short_date
from app.models.enums import MeetingStatus
from app.services.meetings import MeetingSummary

#: Summaries read at a time: a few screens' worth, so scrolling reads now and then.
PAGE = 200
#: The roles data() answers; any other is None at once.
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole,
    }
)


class MeetingListModel(QAbstractTableModel):
    """Rows of MeetingSummary: date, title, kind, status, present of invited (as in addressbook).

    `read` turns a page of ids into their summaries (the list page reads them from the store), or
    None when the store cannot be read just then.
    """

    def __init__(self, read: Callable[[Sequence[int]], list[MeetingSummary] | None]) -> None:
        super().__init__()
        self._read = read
        self._ids: list[int] = []
        self._pages: dict[int, list[MeetingSummary | None]] = {}
        self._cells: dict[int, tuple[str, ...]] = {}
        self._headers = [_("Date"), _("Title"), _("Kind"), _("Status"), _("Present")]

    def set_ids(self, ids: list[int]) -> None:
        """Show these meetings in this order; summaries already read are read again when shown."""
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._cells.clear()
        self.endResetModel()

    def narrow_to(self, ids: list[int]) -> bool:
        """Show these meetings, keeping the rows already read when they are the same meetings in
        the same order (a keystroke that matched the same meetings repaints nothing and reads
        nothing: the first letters of a search match every meeting of a large store). Returns
        whether the list changed."""
        if ids == self._ids:
            return False
        self.set_ids(ids)
        return True

    def _page(self, number: int) -> list[MeetingSummary | None]:
        page = self._pages.get(number)
        if page is None:
            ids = self._ids[number * PAGE : (number + 1) * PAGE]
            read = self._read(ids)
            if read is None:  # the store could not be read just now: blank rows, read again later
                return [None] * len(ids)
            found = {summary.id: summary for summary in read}
            page = self._pages[number] = [found.get(i) for i in ids]  # None: deleted meanwhile
        return page

    @staticmethod
    def _display(row: MeetingSummary) -> tuple[str, ...]:
        status = row.status.label
        if row.revision > 1:
            status = _("{status}, rev. {revision}").format(status=status, revision=row.revision)
        return (short_date(row.date), row.title, row.kind.label, status, f"{row.present}/{row.invited}")

    def row_at(self, row: int) -> MeetingSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // PAGE)[row % PAGE]

    def row_of(self, meeting_id: int) -> int:
        try:
            return self._ids.index(meeting_id)
        except ValueError:
            return -1

    def ids(self) -> list[int]:
        return list(self._ids)

    def shown(self) -> list[MeetingSummary]:
        """Every row of the list, read in full (for a small list; the view reads pages)."""
        rows = (self.row_at(row) for row in range(len(self._ids)))
        return [row for row in rows if row is not None]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES:  # a view asks a dozen roles of each cell it paints; most are none of ours
            return None
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # Formatted when first shown: a view asks only for the rows on screen.
            cells = self._cells.get(index.row())
            if cells is None:
                cells = self._cells[index.row()] = self._display(row)
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
