"""Nothing is drawn off the page: long URLs, e-mail addresses, 5,000-character words, 60-character names.

The stress meeting (tests/documents/stress.py) fills every cell of every table with text that does
not fit a line. Read back with `pdftotext -bbox`, every word of the minutes and of the blank
daftar hadir, on A4 and F4, lies inside the page's text area: between the margins across, and
inside the frame down the page but for the "Halaman X dari Y" line in the bottom margin.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.db import open_store
from app.documents.attendance_sheet import ROW_HEIGHT, column_widths
from app.documents.exports import export_attendance_sheet, export_minutes
from app.documents.fonts import document_family, symbols_font
from app.documents.page import PageLayout
from app.documents.paragraph import Para
from app.documents.styles import stylesheet
from app.models.enums import Paper
from app.services import attendance, meetings
from tests.documents.stress import EMAIL, NAME_60, URL, build_stress_meeting, word
from tests.support import pdftools

# The foot of every page: the page number, after "DRAF" while the minutes are a draft.
FOOTER = re.compile(r"(?:DRAF )?Halaman \d+ dari \d+")


@pytest.fixture(scope="module")
def stress_pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stress")
    store = open_store(folder / "timpora.sqlite")
    with store.session() as session:
        meeting_id = build_stress_meeting(session)
    pdfs = {}
    with store.session() as session:
        for paper in (Paper.A4, Paper.F4):
            pdfs["minutes", paper] = export_minutes(session, meeting_id, folder / f"notula-{paper}.pdf", paper=paper)
            pdfs["sheet", paper] = export_attendance_sheet(
                session, meeting_id, folder / f"daftar-hadir-{paper}.pdf", paper=paper
            )
    store.close()
    return pdfs


def squeezed(pdf) -> str:
    """The text without its page number lines and without any white space."""
    # A draft's "DRAF" stands at the left of the foot, far from the page number: its own line.
    lines = [line for line in FOOTER.sub("", pdftools.text(pdf)).splitlines() if line.strip() != "DRAF"]
    return "".join("".join(lines).split())


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
@pytest.mark.parametrize("kind", ["minutes", "sheet"])
def test_every_word_lies_inside_the_text_area(stress_pdfs, kind, paper):
    result = stress_pdfs[kind, paper]
    layout = PageLayout(paper)
    width, height = pdftools.page_size(result.path)
    assert (round(width), round(height)) == (round(layout.width), round(layout.height))
    left, right = layout.left - 0.5, layout.width - layout.right + 0.5
    top, bottom = layout.top - 0.5, layout.height - layout.bottom + 0.5
    words = pdftools.words(result.path)
    assert len(words) > 300
    across = [w for w in words if w.x0 < left or w.x1 > right]
    assert not across, [(w.page + 1, round(w.x0), round(w.x1), w.text[:40]) for w in across[:5]]
    below = {}
    for w in words:
        if w.y0 < top or w.y1 > bottom:
            below.setdefault(w.page, []).append(w.text)
    # Outside the frame vertically: only the page number line, once per page.
    assert all(FOOTER.fullmatch(" ".join(line)) for line in below.values()), list(below.values())[:3]
    assert len(below) == result.pages


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_the_long_texts_are_all_there_cut_only_at_line_ends(stress_pdfs, paper):
    text = squeezed(stress_pdfs["minutes", paper].path)
    # A URL and an address come back whole once the line ends are taken out (no hyphen added:
    # they were cut after a slash or before a dot, an @ or an _).
    assert URL in text
    assert EMAIL in text
    assert "".join(NAME_60.split()) in text or "".join(NAME_60.split()) in text.replace("-", "")
    # The 5,000-character word is cut with a hyphen at each line end: drop those and it is whole.
    assert ("Pengawasan" * 500) in text.replace("-", "")
    sheet = squeezed(stress_pdfs["sheet", paper].path)
    assert URL in sheet


def test_a_word_cut_between_letters_carries_a_hyphen(stress_pdfs):
    words = [w.text for w in pdftools.words(stress_pdfs["minutes", Paper.A4].path)]
    assert len([w for w in words if re.fullmatch(r"[A-Za-z]{10,}-", w)]) > 100
    # The pieces of a URL carry none (it reads back whole, see above): cut after its own "-".
    pieces = [w for w in words if "imigrasi.go.id" in w or "/laporan/" in w]
    assert pieces and all(not w.endswith("-") or w.endswith(("pengawasan-", "orang-")) for w in pieces)


STYLE_CASES = [
    ("cell", 40 * mm),
    ("sheet", column_widths(PageLayout(Paper.A4).frame_width)[1] - 5),
    ("body", 160 * mm),
    ("numbered", 160 * mm),
    ("kop_office", 100 * mm),
]
TEXTS = [
    URL,
    EMAIL,
    word(5000),
    f"Penjamin: {URL}",
    f"{NAME_60} {EMAIL}",
    "a/b/c/" * 200,
    "_" * 300,
    "." * 300,
    "9" * 400,
    "王伟" * 200,
]


@pytest.mark.parametrize("style_name,width", STYLE_CASES)
@pytest.mark.parametrize("text", TEXTS, ids=lambda t: t[:12])
def test_no_line_of_a_paragraph_is_wider_than_its_room(style_name, width, text):
    styles = stylesheet(document_family())
    style: ParagraphStyle = getattr(styles, style_name)
    for markup in (text, f"<i>Penjamin:</i> {text}", f'{text[:7]}<font name="{symbols_font()}">✓</font>{text}'):
        para = Para(markup, style, bulletText="1." if style_name == "numbered" else None)
        para.wrap(width, 10_000)
        lines = para.blPara.lines
        assert lines
        # reportlab keeps what is left of each line's room: never below zero means never too wide.
        spare = [line[0] if isinstance(line, tuple) else line.extraSpace for line in lines]
        assert min(spare) >= -0.01, (style_name, markup[:40], min(spare))


def test_three_digit_row_numbers_stay_inside_their_cells(tmp_path):
    """A daftar hadir of 120: "120." fits the No column instead of running over its rules."""
    store = open_store(tmp_path / "timpora.sqlite")
    with store.session() as session:
        m = meetings.create_meeting(session, title="Rapat besar", date=dt.date(2024, 11, 21))
        for n in range(1, 121):
            attendance.add_guest(session, m.id, name=f"Peserta {n}", status="present")
        meeting_id = m.id
    with store.session() as session:
        result = export_attendance_sheet(session, meeting_id, tmp_path / "daftar-hadir.pdf")
    store.close()
    layout = PageLayout(Paper.A4)
    words = pdftools.words(result.path)
    numbers = [w for w in words if re.fullmatch(r"\d+\.", w.text) and w.x0 < layout.left + 40]
    names = [w for w in words if w.text == "Peserta" and w.x0 < layout.left + 80]
    assert len(numbers) >= 120 + 10 and len(names) == 120  # the invitees and the spare rows
    name_column = min(w.x0 for w in names)  # where the Nama column's text begins
    # inside the No column: clear of the frame's left edge and of the Nama column (its rule and padding)
    outside = [w for w in numbers if not layout.left + 1.5 <= w.x0 or not w.x1 <= name_column - 3.5]
    assert not outside, [(w.text, round(w.x0, 1), round(w.x1, 1)) for w in outside[:3]]


def test_each_contact_label_stays_with_its_value(demo_pdf):
    """The kop's "Telepon", "Laman" and "Pos-el" never end a line with their value on the next."""
    lines = pdftools.text(demo_pdf[0]).split("\f")[0].splitlines()
    labels = [line for line in lines if re.search(r"(Telepon|Laman|Pos-el)\s*$", line)]
    assert not labels, labels
    assert any(re.search(r"Pos-el\s\S+@", line) for line in lines)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_the_blank_sheet_fills_its_last_page_with_spare_rows(demo_db, tmp_path, paper):
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        result = export_attendance_sheet(session, meeting_id, tmp_path / "daftar-hadir.pdf", paper=paper)
    store.close()
    layout = PageLayout(paper)
    words = pdftools.words(result.path)
    last = [w for w in words if w.page == result.pages - 1 and re.fullmatch(r"\d+\.", w.text)]
    numbers = sorted({int(w.text[:-1]) for w in words if re.fullmatch(r"\d+\.", w.text)})
    invited = 14
    assert numbers == list(range(1, numbers[-1] + 1)) and numbers[-1] >= invited + 10  # ten spare rows at least
    # the last row begins less than two rows above the foot of the frame: no room for another
    lowest = max(w.y0 for w in last)
    assert lowest > layout.height - layout.bottom - 2 * ROW_HEIGHT, (lowest, layout.height - layout.bottom)


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_a_due_date_keeps_its_day_with_its_month(demo_db, tmp_path, paper):
    """Tenggat "30 September 2024" may break before the year, never as "30 / September / 2024"."""
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        result = export_minutes(session, meeting_id, tmp_path / "notula.pdf", paper=paper)
    store.close()
    words = pdftools.words(result.path)
    months = {"Januari", "Februari", "September", "Oktober", "November", "Desember"}
    pairs = [(day, month) for day, month in zip(words, words[1:]) if month.text in months and day.text.isdigit()]
    due = [(d, m) for d, m in pairs if (d.text, m.text) in {("30", "September"), ("31", "Oktober"), ("31", "Desember")}]
    assert len(due) >= 3
    assert all(abs(d.y0 - m.y0) < 1 and d.page == m.page for d, m in due), [
        (d.text, m.text, d.y0, m.y0) for d, m in due
    ]
