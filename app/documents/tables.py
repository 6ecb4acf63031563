"""Ruled tables whose rows stay whole across pages, unless a row is taller than a page.

reportlab either never splits inside a row (a 60-line finding then cannot be placed at all)
or splits inside whichever row meets the page end (every page then ends in a torn row, and a
row torn in a small leftover space comes out under a repeated header in mid-page). This table
moves a row that fits on a page to the next page whole, and tears only the rows that do not.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

#: Below this much room, a long row is not started on the page at all.
MIN_TORN_PART = 48


class RowTable(Table):
    def __init__(self, data: Any, *, page_height: float | None = None, **kwargs: Any) -> None:
        # reportlab builds the parts of a split table through this constructor, without our
        # keyword: split() hands page_height on to them.
        kwargs.setdefault("repeatRows", 1)
        kwargs.pop("splitInRow", None)
        super().__init__(data, splitInRow=0, **kwargs)
        self._page_height = page_height if page_height is not None else float("inf")

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._calc(availWidth, availHeight)
        self.splitInRow = 0
        header = sum(self._rowHeights[: self.repeatRows])
        used = 0.0
        for height in self._rowHeights:
            if used + height > availHeight:
                # The row that meets the page end: tear it only if no page could hold it whole.
                if header + height > self._page_height and availHeight - used >= MIN_TORN_PART:
                    self.splitInRow = 1
                break
            used += height
        parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, RowTable):
                part._page_height = self._page_height
        return parts


def fit_number_column(widths: list[float], rows: int, *, font: str, size: float, padding: float) -> list[float]:
    """The column widths with the first one (No) wide enough for the last row's number.

    A share of the width that holds "9." runs "150." into the rules on either side; the room
    it needs is taken from the widest other column.
    """
    needed = stringWidth(f"{max(rows, 1)}.", font, size) + 2 * padding + 1
    extra = needed - widths[0]
    if extra <= 0:
        return list(widths)
    out = list(widths)
    out[0] = needed
    widest = max(range(1, len(out)), key=out.__getitem__)
    out[widest] -= extra
    return out
