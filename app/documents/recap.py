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
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.documents import report_wording as words
from app.documents import wording
from app.documents.report import period_line, period_name
from app.i18n import country_name
from app.services.reports import Recap

DATE_FORMAT = "DD/MM/YYYY"
MIN_WIDTH, MAX_WIDTH = 8, 60
MAX_CELL = 32_767
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[object], object]
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
    Column(words.XL_NATIONALITY, lambda r: country_name(r.nationality)),
    Column(words.XL_COUNTRY_CODE, lambda r: r.nationality),
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


def _fill(sheet: Worksheet, columns: Sequence[Column], rows: Sequence[object]) -> None:
    bold = Font(bold=True)
    widths = [len(c.title) for c in columns]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.title)
        cell.font, cell.fill = bold, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for r, record in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = column.value(record)
            cell = sheet.cell(row=r, column=index)
            if column.kind == "date":
                cell.value = value if isinstance(value, dt.date) else None
                cell.number_format = DATE_FORMAT
                width = 10
            elif column.kind == "int":
                cell.value = int(value) if value is not None else None
                width = len(str(value or ""))
            else:
                text = _text(value)
                if text:
                    cell.value = text
                    cell.data_type = "s"  # never a formula, whatever the first character
                width = max((len(line) for line in text.splitlines()), default=0)
            cell.alignment = wrap if column.kind == "text" else top
            widths[index - 1] = max(widths[index - 1], width)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"


def render_recap(recap: Recap) -> bytes:
    """The workbook's bytes: three sheets, one header row each, then a row per record."""
    book = Workbook()
    findings = book.active
    findings.title = words.SHEET_FINDINGS
    _fill(findings, FINDINGS, recap.findings)
    _fill(book.create_sheet(words.SHEET_ACTIONS), ACTIONS, recap.actions)
    _fill(book.create_sheet(words.SHEET_ATTENDANCE), ATTENDANCE, recap.attendance)
    name = period_name(recap.period) or period_line(recap.period)
    book.properties.title = words.XL_TITLE.format(period=name)
    book.properties.creator = wording.PDF_CREATOR
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
