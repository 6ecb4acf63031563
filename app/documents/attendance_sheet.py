"""The daftar hadir: the filled-in list of Lampiran I and the blank sheet printed before a meeting.

Columns No | Nama | NIP/NRP | Jabatan | Instansi | Tanda Tangan. The signature column is
zig-zagged (odd numbers sign on the left, even on the right) so neighbours do not sign over
each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from app.documents import wording
from app.documents.document import MeetingDocument
from app.documents.examples import is_example, mark_examples
from app.documents.markup import Markup
from app.documents.paragraph import Para
from app.documents.styles import CELL_PADDING, SHEET_SIZE, TABLE_SIZE, Stylesheet, grid, header_cells, plain
from app.documents.tables import RowTable, fit_number_column
from app.i18n import clock, long_date
from app.models.enums import AttendanceStatus, Paper
from app.services.records import (
    AttendanceRecord,
    MeetingBundle,
    MeetingRecord,
    OfficeRecord,
)
from app.services.validation import format_id_number

#: Share of the text width per column: No, Nama, NIP/NRP, Jabatan, Instansi, Tanda Tangan. The
#: name gets the most: a 60-character name with its degrees ("Dr. H. Muhammad Ridwan Kamil
#: Syahputra, S.H., M.Hum.") takes two lines on A4, not five. A grouped NIP still fits one line
#: (at ID_SIZE), Jabatan and Instansi in the smaller type never cut "Pemasyarakatan" nor "0406/Lubuklinggau", and the
#: zig-zag signature column keeps 22 mm (each signer starts in their own half).
COLUMN_SHARES = (0.044, 0.32, 0.191, 0.144, 0.161, 0.14)
#: The list of those present, without the signature column: No, Nama, NIP/NRP, Jabatan, Instansi.
LIST_SHARES = (0.044, 0.34, 0.201, 0.2, 0.215)
#: A name that would take more than two lines is set a little smaller, down to this size, rather
#: than broken over three or four lines (a 60-character name with its titles and degrees).
NAME_SMALLEST = SHEET_SIZE - 1
NAME_LINES = 2
#: NIP/NRP and the signing numbers: "19800101 200501 1 001" on one line in its column.
ID_SIZE = SHEET_SIZE - 1.5
#: Room either side of a cell's text on the daftar hadir to sign. Text extraction (pdftotext, a
#: screen reader) reads neighbouring cells apart only when their text is more than the type size
#: apart (styles.CELL_PADDING); on A4 that would cost the six columns about 25 pt they do not have
#: (the 60-character name on two lines, the NIP on one, "Pemasyarakatan" whole and the 22 mm
#: signature column all need theirs), so a full NIP or name cell is read with its neighbour there.
PADDING = 2.5
#: The list of those present has no signature column: room enough to keep its cells apart.
LIST_PADDING = 4.75
#: Rank and "mewakili ..." under the name, a little smaller than the name but within 5 % of it:
#: poppler's text extraction keeps lines that differ more in size apart, and would read the
#: rank after the whole row.
NOTE_SIZE = 8.6
ROW_HEIGHT = 27  # room to sign, in points
SPARE_ROWS = 10


@dataclass(frozen=True)
class SheetRow:
    """One line of the list as printed; a spare row is all blank."""

    name: str = ""
    note: str = ""
    rank: str = ""
    id_number: str = ""
    position: str = ""
    agency: str = ""


def print_order(attendances: tuple[AttendanceRecord, ...]) -> list[AttendanceRecord]:
    """By agency in protocol order, then as invited."""
    return sorted(attendances, key=lambda r: (r.agency_order, r.agency_name, r.position))


def attended_row(row: AttendanceRecord) -> SheetRow:
    """Who sat in the chair: the invitee, or the deputy who came for them."""
    if row.status is AttendanceStatus.REPRESENTED and row.deputy_name:
        return SheetRow(
            name=row.deputy_name,
            note=wording.DEPUTY_FOR.format(name=row.name),
            rank=row.deputy_rank,
            id_number=row.deputy_id_number,
            position=row.deputy_position,
            agency=row.agency_name,
        )
    return SheetRow(
        name=row.name, rank=row.rank, id_number=row.id_number, position=row.position_title, agency=row.agency_name
    )


def invited_row(row: AttendanceRecord) -> SheetRow:
    return SheetRow(
        name=row.name, rank=row.rank, id_number=row.id_number, position=row.position_title, agency=row.agency_name
    )


def column_widths(width: float) -> list[float]:
    return [width * share for share in COLUMN_SHARES]


def _header(styles: Stylesheet) -> list[Para]:
    titles = (
        wording.COL_NO,
        wording.COL_NAME,
        wording.COL_ID_NUMBER,
        wording.COL_POSITION,
        wording.COL_AGENCY,
        wording.COL_SIGNATURE,
    )
    return header_cells(titles, styles)


def _name_cell(row: SheetRow, styles: Stylesheet, markup: Markup, width: float) -> Para | str:
    """Name, then rank and "mewakili ..." in smaller type: one Paragraph (a list has 150 of them)."""
    if not row.name:
        return ""
    small = NOTE_SIZE
    name = markup(row.name)
    size = _name_size(name, styles, width)
    lines = [name if size == SHEET_SIZE else f'<font size="{size}">{name}</font>']
    if row.rank:
        lines.append(f'<font size="{small}">{markup(row.rank)}</font>')
    if row.note:
        lines.append(f'<font size="{small}"><i>{markup(row.note)}</i></font>')
    return Para("<br/>".join(lines), styles.sheet)


def _name_size(name: str, styles: Stylesheet, width: float) -> float:
    """The largest type size (half points down to NAME_SMALLEST) at which the name takes at most
    NAME_LINES lines in its column; a short name is never measured as a paragraph."""
    if stringWidth(name, styles.family.regular, SHEET_SIZE) <= width:
        return SHEET_SIZE
    size = float(SHEET_SIZE)
    while size > NAME_SMALLEST:
        para = Para(name, ParagraphStyle("name_fit", parent=styles.sheet, fontSize=size, leading=size * 1.2))
        para.wrap(width, 10_000)
        if len(para.blPara.lines) <= NAME_LINES:
            break
        size -= 0.5
    return size


def signature_table(
    rows: list[SheetRow],
    styles: Stylesheet,
    markup: Markup,
    width: float,
    *,
    page_height: float,
    with_signatures: bool = True,
) -> RowTable:
    """The list with its zig-zag signature column; the header repeats on every page.

    Without signatures: the list of those present, nothing to sign; the signature column's
    width goes to the name, the position and the agency, and rows are as tall as their text.

    Cells that never wrap (number, NIP/NRP, the signing number) are plain strings rather than
    Paragraphs: the list of a large meeting has hundreds of rows, and each Paragraph costs.
    """
    shares = COLUMN_SHARES if with_signatures else LIST_SHARES
    padding = PADDING if with_signatures else LIST_PADDING
    widths = fit_number_column(
        [width * share for share in shares], len(rows), font=styles.family.regular, size=SHEET_SIZE, padding=padding
    )
    half = (widths[-1] - 2 * padding) / 2
    data: list[list] = [_header(styles)[: len(shares)]]
    zigzag = []
    for number, row in enumerate(rows, start=1):
        markup.check(row.id_number)
        # "-" in a named row's empty cell, as on paper; a gap in the grid would also make text
        # extraction read the rows around it out of order. Spare rows stay blank, to write in.
        empty = "-" if row.name else ""
        data.append(
            [
                f"{number}.",
                _name_cell(row, styles, markup, widths[1] - 2 * padding),
                format_id_number(row.id_number) or empty,
                Para(markup(row.position), styles.sheet_small) if row.position else empty,
                Para(markup(row.agency), styles.sheet_small) if row.agency else empty,
                f"{number}.",
            ][: len(shares)]
        )
        if with_signatures and not number % 2:
            # Odd numbers sign in the left half of the cell, even numbers in the right half.
            zigzag.append(("LEFTPADDING", (5, number), (5, number), padding + half))
    return RowTable(
        data,
        page_height=page_height,
        colWidths=widths,
        minRowHeights=[0] + [ROW_HEIGHT if with_signatures else 0] * len(rows),
        style=grid(
            styles,
            extra=[
                ("LEFTPADDING", (0, 0), (-1, -1), padding),
                ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                ("FONT", (0, 1), (0, -1), styles.family.regular, SHEET_SIZE),
                ("ALIGN", (0, 1), (0, -1), "CENTER"),
                ("FONT", (2, 1), (2, -1), styles.family.regular, ID_SIZE),
                *([("FONT", (5, 1), (5, -1), styles.family.regular, SHEET_SIZE - 1)] if with_signatures else []),
                *zigzag,
            ],
        ),
    )


def absentee_table(
    rows: list[AttendanceRecord], styles: Stylesheet, markup: Markup, width: float, *, page_height: float
) -> RowTable:
    """Invitees who did not come, with the reason (izin, tidak hadir)."""
    widths = fit_number_column(
        [width * s for s in (0.05, 0.3, 0.25, 0.22, 0.18)],
        len(rows),
        font=styles.family.regular,
        size=TABLE_SIZE,
        padding=CELL_PADDING,
    )
    titles = (wording.COL_NO, wording.COL_NAME, wording.COL_POSITION, wording.COL_AGENCY, wording.COL_REMARKS)
    data: list[list] = [header_cells(titles, styles)]
    for number, row in enumerate(rows, start=1):
        remark = wording.ATTENDANCE_STATUS[row.status]
        if row.note:
            remark = f"{remark}: {row.note}"
        data.append(
            [
                f"{number}.",
                Para(markup(row.name), styles.cell),
                Para(markup(row.position_title), styles.cell),
                Para(markup(row.agency_name), styles.cell),
                Para(markup(remark), styles.cell),
            ]
        )
    return RowTable(
        data,
        page_height=page_height,
        colWidths=widths,
        style=grid(styles, extra=[("ALIGN", (0, 1), (0, -1), "CENTER")]),
    )


def meeting_hours(meeting: MeetingRecord) -> str:
    """'09.00 WIB s.d. 12.30 WIB', or '09.00 WIB s.d. selesai' while the end is open."""
    zone = str(meeting.time_zone)
    until = f"{clock(meeting.end_time)} {zone}" if meeting.end_time else wording.UNTIL_DONE
    return f"{clock(meeting.start_time)} {zone} {wording.UNTIL} {until}"


def sheet_heading(
    meeting: MeetingRecord, styles: Stylesheet, markup: Markup, width: float, *, title: str = wording.ATTENDANCE_TITLE
) -> list[Flowable]:
    """DAFTAR HADIR (or another title), then the meeting's Kegiatan, Hari/Tanggal, Waktu and Tempat."""
    block = [
        (wording.EVENT, markup(meeting.title)),
        (wording.DAY_DATE, long_date(meeting.date)),
        (wording.TIME, meeting_hours(meeting)),
        (wording.PLACE, markup(meeting.venue) or "-"),
    ]
    table = Table(
        [[Para(label, styles.label), ":", Para(value, styles.value)] for label, value in block],
        colWidths=[32 * mm, 4 * mm, width - 36 * mm],
        # (rows this far apart read row by row in text extraction, see SUMMARY_ROW_GAP)
        style=plain(styles, extra=[("BOTTOMPADDING", (0, 0), (-1, -1), 5)]),
    )
    return [Para(title, styles.title), Spacer(1, 4 * mm), table, Spacer(1, 4 * mm)]


def blank_sheet_rows(meeting: MeetingRecord, *, spare: int = SPARE_ROWS) -> list[SheetRow]:
    """Every invitee in agency order, then empty rows for guests who come unannounced."""
    return [invited_row(r) for r in print_order(meeting.attendances)] + [SheetRow()] * spare


class AttendanceSheetRenderer(MeetingDocument):
    """The blank daftar hadir of one meeting, printed before it starts."""

    def __init__(self, bundle: MeetingBundle, office: OfficeRecord, *, paper: Paper | str | None = None) -> None:
        example = is_example(bundle)
        bundle = mark_examples(bundle)
        super().__init__(bundle.meeting, office, paper=paper, example=example)

    def render(self) -> RenderedSheet:
        """Laid out twice when the last page has room left: the second time with spare rows
        enough to fill it, so the last page is not three rows and a blank."""
        room = _RoomLeft()
        data = self.build([*self.story(), room], title_template=wording.PDF_SHEET_TITLE)
        more = int((room.height_left - 0.5) // ROW_HEIGHT)
        if more > 0:
            data = self.build(self.story(spare=SPARE_ROWS + more), title_template=wording.PDF_SHEET_TITLE)
        return RenderedSheet(data=data, pages=self._pages, missing_characters=tuple(self.markup.missing))

    def story(self, *, spare: int = SPARE_ROWS) -> list[Flowable]:
        return [
            *sheet_heading(self.meeting, self.styles, self.markup, self.width),
            signature_table(
                blank_sheet_rows(self.meeting, spare=spare),
                self.styles,
                self.markup,
                self.width,
                page_height=self.layout.frame_height,
            ),
        ]


class _RoomLeft(Flowable):
    """Put after the list, takes no room and remembers how much the last page has left."""

    def __init__(self) -> None:
        super().__init__()
        self.height_left = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height_left = availHeight
        return 0, 0

    def draw(self) -> None:
        pass


@dataclass(frozen=True)
class RenderedSheet:
    data: bytes
    pages: int
    missing_characters: tuple[str, ...] = ()


def render_attendance_sheet(
    bundle: MeetingBundle, office: OfficeRecord, *, paper: Paper | str | None = None
) -> RenderedSheet:
    return AttendanceSheetRenderer(bundle, office, paper=paper).render()
