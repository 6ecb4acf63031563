"""The Excel recap of a period (openpyxl): Temuan, Tindak lanjut and Kehadiran, one row per record.

Made for the offices that go on counting in Excel: typed cells (dates are dates, counts are
numbers), a frozen bold header with an auto-filter, column widths set, Indonesian headers.
Whatever a user typed stays text: a finding that starts with "=" must never become a formula
in someone else's spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet as Worksheet

from app.documents import report_wording as words
from app.documents import wording
from app.documents.report import period_line, period_name
from app.i18n import country_name
from app.services.reports import Recap

DATE_FORMAT = "DD/MM/YYYY"
MIN_WIDTH, MAX_WIDTH = 8, 60
MAX_CELL = 32_767
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], Any]
    #: "text" (kept as text, wrapped when long), "date", "int"
    kind: str = "text"


def _text(value: object) -> str:
    # Control characters are not allowed in the file format, and Excel holds at most 32,767
    # characters in a cell: either would make it ask to repair the file.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value or ""))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _yes(flag: bool) -> str:
    return words.YES if flag else words.NO


FINDINGS = (
    Column(words.XL_MEETING_DATE, lambda r: r.meeting_date, "date"),
    Column(words.XL_MEETING, lambda r: r.meeting_title),
    Column(words.XL_CATEGORY, lambda r: r.category),
    Column(words.XL_LOCATION, lambda r: r.location),
    Column(words.XL_DISTRICT, lambda r: r.district),
    Column(words.XL_REGENCY, lambda r: r.regency),
    # Several nationalities: "Tiongkok (3 orang), Vietnam (2 orang)" and "CN, VN"; the persons
    # column holds their total, a number Excel sums.
    Column(words.XL_NATIONALITY, lambda r: wording.involved_list([(country_name(c), n) for c, n in r.nationalities])),
    Column(words.XL_COUNTRY_CODE, lambda r: ", ".join(c for c, _n in r.nationalities)),
    Column(words.XL_PERSONS, lambda r: r.persons, "int"),
    Column(words.XL_DOCUMENT, lambda r: wording.DOCUMENT_STATUS[r.document_status]),
    Column(words.XL_SPONSOR, lambda r: r.sponsor),
    Column(words.XL_SOURCE, lambda r: r.reporting_agency),
    Column(words.XL_DESCRIPTION, lambda r: r.description),
    Column(words.XL_RECOMMENDATION, lambda r: r.recommendation),
)
ACTIONS = (
    Column(words.XL_MEETING_DATE, lambda r: r.meeting_date, "date"),
    Column(words.XL_MEETING, lambda r: r.meeting_title),
    Column(words.XL_ACTION, lambda r: r.description),
    Column(words.XL_OWNER, lambda r: r.agency),
    Column(words.XL_OWNER_PERSON, lambda r: r.person),
    Column(words.XL_DUE, lambda r: r.due_date, "date"),
    Column(words.XL_STATUS, lambda r: wording.ACTION_STATUS[r.status]),
    Column(words.XL_OVERDUE, lambda r: _yes(r.days_late is not None)),
    Column(words.XL_DAYS_LATE, lambda r: r.days_late, "int"),
)
ATTENDANCE = (
    Column(words.XL_MEETING_DATE, lambda r: r.meeting_date, "date"),
    Column(words.XL_MEETING, lambda r: r.meeting_title),
    Column(words.XL_NAME, lambda r: r.name),
    Column(words.XL_POSITION, lambda r: r.position_title),
    Column(words.XL_AGENCY, lambda r: r.agency),
    Column(words.XL_STATUS, lambda r: wording.ATTENDANCE_STATUS[r.status]),
    Column(words.XL_ATTENDED, lambda r: _yes(r.status.attended)),
    Column(words.XL_DEPUTY, lambda r: r.deputy_name),
)


def _cell_value(column: Column, record: object) -> object:
    value = column.value(record)
    if column.kind == "date":
        return value if isinstance(value, dt.date) else None
    if column.kind == "int":
        return int(value) if value is not None else None
    return _text(value) or None


def _width(column: Column, value: object) -> int:
    if value is None:
        return 0
    if column.kind == "date":
        return 10
    if column.kind == "int":
        return len(str(value))
    return max(len(line) for line in str(value).splitlines()) if value else 0


def _fill(sheet: Worksheet, columns: Sequence[Column], records: Sequence[object]) -> None:
    """A write-only sheet (a tenth of the time of openpyxl's cell-by-cell one on a big year):
    widths, frozen pane and filter are set before the rows stream out."""
    rows = [[_cell_value(column, record) for column in columns] for record in records]
    widths = [len(c.title) for c in columns]
    for row in rows:
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            widths[index] = max(widths[index], _width(column, value))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.title)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        header.append(cell)
    sheet.append(header)
    # One styled cell per kind, its style array copied to the others: setting a style on each
    # cell makes openpyxl hash it again, which cost most of a big year's export.
    styles = {kind: _template(sheet, kind)._style for kind in ("text", "date", "int")}
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            cell._style = copy(styles[column.kind])
            if column.kind == "text" and value is not None:
                cell.data_type = "s"  # never a formula, whatever the first character
            cells.append(cell)
        sheet.append(cells)


def _template(sheet: Worksheet, kind: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    if kind == "date":
        cell.number_format = DATE_FORMAT
    cell.alignment = WRAP if kind == "text" else TOP
    return cell


def render_recap(recap: Recap) -> bytes:
    """The workbook's bytes: three sheets, one header row each, then a row per record."""
    book = Workbook(write_only=True)
    _fill(book.create_sheet(words.SHEET_FINDINGS), FINDINGS, recap.findings)
    _fill(book.create_sheet(words.SHEET_ACTIONS), ACTIONS, recap.actions)
    _fill(book.create_sheet(words.SHEET_ATTENDANCE), ATTENDANCE, recap.attendance)
    name = period_name(recap.period) or period_line(recap.period)
    book.properties.title = words.XL_TITLE.format(period=name)
    book.properties.creator = wording.PDF_CREATOR
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
