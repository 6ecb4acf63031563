"""The named paragraph and table styles of the printed minutes (12 pt body, tables a little smaller)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from app.documents.fonts import FontFamily

BODY_SIZE = 12
TABLE_SIZE = 10
SMALL_SIZE = 9
SHEET_SIZE = 9  # the daftar hadir: six columns on a portrait page
HEADER_FILL = colors.HexColor("#E6E6E6")
RULE = colors.black
#: Room either side of a cell's text: two neighbours' text is then at least the table's type size
#: apart (10.5 pt), the gap beyond which poppler's text extraction takes them for two columns
#: (TextOutputDev's minColSpacing2, 1.0 x the font size). Closer, it merges their lines across the
#: rule ("Pemeriksaan dokumen Kantor Imigrasi") and a table reads as a jumble.
CELL_PADDING = 5.25


@dataclass(frozen=True)
class Stylesheet:
    family: FontFamily
    body: ParagraphStyle
    body_left: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    item_title: ParagraphStyle
    item_note: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    numbered: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_left: ParagraphStyle
    cell_note: ParagraphStyle
    cell_aside: ParagraphStyle
    cell_number: ParagraphStyle
    sheet: ParagraphStyle
    sheet_small: ParagraphStyle
    sheet_note: ParagraphStyle
    kop_main: ParagraphStyle
    kop_office: ParagraphStyle
    kop_small: ParagraphStyle
    sign: ParagraphStyle
    sign_name: ParagraphStyle
    appendix_ref: ParagraphStyle
    caption: ParagraphStyle


def stylesheet(family: FontFamily) -> Stylesheet:
    r, b, i = family.regular, family.bold, family.italic
    # Break compounds at their own hyphen ("perundang-|undangan") before cutting a word anywhere.
    base = ParagraphStyle("base", fontName=r, fontSize=BODY_SIZE, embeddedHyphenation=2)
    # A paragraph split across pages leaves no single line behind (orphan) nor carries one alone to
    # the next page (widow): long paragraphs split, short ones never look torn.
    body = ParagraphStyle(
        "body", parent=base, leading=16, alignment=TA_JUSTIFY, spaceAfter=6, allowWidows=0, allowOrphans=0
    )
    cell = ParagraphStyle("cell", parent=base, fontSize=TABLE_SIZE, leading=12.5, alignment=TA_LEFT)
    kop = ParagraphStyle("kop_main", parent=base, fontName=b, fontSize=12, leading=14.5, alignment=TA_CENTER)
    sign = ParagraphStyle("sign", parent=base, fontSize=BODY_SIZE, leading=15, alignment=TA_CENTER)
    return Stylesheet(
        family=family,
        body=body,
        body_left=ParagraphStyle("body_left", parent=body, alignment=TA_LEFT),
        title=ParagraphStyle("title", fontName=b, fontSize=14, leading=18, alignment=TA_CENTER, spaceBefore=6),
        subtitle=ParagraphStyle(
            "subtitle", fontName=b, fontSize=BODY_SIZE, leading=15, alignment=TA_CENTER, spaceAfter=2
        ),
        heading=ParagraphStyle("heading", fontName=b, fontSize=BODY_SIZE, leading=16, spaceBefore=10, spaceAfter=4),
        item_title=ParagraphStyle(
            "item_title",
            fontName=b,
            fontSize=BODY_SIZE,
            leading=16,
            leftIndent=18,
            firstLineIndent=-18,
            spaceBefore=4,
            spaceAfter=1,
        ),
        item_note=ParagraphStyle("item_note", fontName=i, fontSize=BODY_SIZE, leading=16, leftIndent=18, spaceAfter=2),
        label=ParagraphStyle("label", fontName=r, fontSize=BODY_SIZE, leading=15),
        value=ParagraphStyle("value", fontName=r, fontSize=BODY_SIZE, leading=15),
        numbered=ParagraphStyle(
            "numbered",
            parent=body,
            leftIndent=18,
            firstLineIndent=0,
            bulletIndent=0,
            bulletFontName=r,
            bulletFontSize=BODY_SIZE,
            spaceAfter=3,
        ),
        cell=cell,
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        cell_head=ParagraphStyle(
            "cell_head", parent=cell, fontName=b, fontSize=SMALL_SIZE, leading=11, alignment=TA_CENTER
        ),
        cell_head_left=ParagraphStyle(
            "cell_head_left", parent=cell, fontName=b, fontSize=SMALL_SIZE, leading=11, alignment=TA_LEFT
        ),
        cell_note=ParagraphStyle("cell_note", parent=cell, fontName=i, fontSize=SMALL_SIZE, leading=11),
        cell_aside=ParagraphStyle("cell_aside", parent=cell, fontName=i),
        cell_number=ParagraphStyle("cell_number", parent=cell, fontSize=SMALL_SIZE, leading=11),
        sheet=ParagraphStyle("sheet", parent=cell, fontSize=SHEET_SIZE, leading=11),
        sheet_small=ParagraphStyle("sheet_small", parent=cell, fontSize=SHEET_SIZE - 1, leading=10),
        sheet_note=ParagraphStyle("sheet_note", parent=cell, fontName=i, fontSize=SHEET_SIZE - 1, leading=10),
        kop_main=kop,
        kop_office=ParagraphStyle("kop_office", parent=kop, fontSize=13, leading=16),
        kop_small=ParagraphStyle("kop_small", fontName=r, fontSize=SMALL_SIZE, leading=11, alignment=TA_CENTER),
        sign=sign,
        sign_name=ParagraphStyle("sign_name", parent=sign, fontName=b),
        appendix_ref=ParagraphStyle("appendix_ref", fontName=r, fontSize=10, leading=12.5, alignment=TA_LEFT),
        caption=ParagraphStyle("caption", fontName=i, fontSize=10, leading=12.5, alignment=TA_CENTER),
    )


def header_cells(titles: tuple[str, ...] | list[str], styles: Stylesheet) -> list:
    """The header row of a ruled table: the number column centred over its numbers, every other
    title at the top left of its column, where its column's text starts.

    So aligned, poppler's text extraction (pdftotext, a screen reader's text, the archive's
    index) finds header and rows on one grid and reads the table row by row; centred titles
    over left-aligned text break the grid and send the titles after the rows.
    """
    from app.documents.paragraph import Para

    return [Para(title, styles.cell_head if i == 0 else styles.cell_head_left) for i, title in enumerate(titles)]


def grid(styles: Stylesheet, *, header_rows: int = 1, extra: list | None = None) -> TableStyle:
    """A ruled table with a shaded header; the font is set for every cell so nothing defaults to Helvetica."""
    commands = [
        ("FONT", (0, 0), (-1, -1), styles.family.regular, TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
            # drawn again on its own: a row split across pages otherwise loses the rule under the header
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.5, RULE),
        ]
    return TableStyle(commands + (extra or []))


def plain(styles: Stylesheet, *, padding: float = 0, extra: list | None = None) -> TableStyle:
    """An unruled layout table (label blocks, kop surat, signatures)."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), styles.family.regular, BODY_SIZE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        + (extra or [])
    )


__all__ = ["Stylesheet", "stylesheet", "grid", "plain", "TA_CENTER", "TA_RIGHT", "TA_LEFT"]
