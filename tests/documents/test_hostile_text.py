"""Any text survives: markup characters, diacritics, emoji, a 5,000-character word, a 60-line finding."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.db import open_store
from app.documents.exports import export_minutes
from app.documents.fonts import document_family
from app.documents.markup import Markup
from app.models.enums import DocumentFont
from app.services import agenda, attendance, conclusions, findings, meetings
from tests.support import pdftools

MARKUP_TITLE = "<b>Rapat</b> & Co </para> <font name=x> &amp; <br/>"
LONG_WORD = "Pengawasan" * 500  # 5,000 characters with no space to break at
SIXTY_LINES = "\n".join(f"baris ke-{n} dari laporan temuan" for n in range(1, 61))
NAMES = ["Nguyễn Văn Thành", "Jürgen Müller", "Øyvind Ødegård", "王小明", "محمد", "ሰላም"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    store = open_store(folder / "timpora.sqlite")
    with store.session() as session:
        m = meetings.create_meeting(session, title=MARKUP_TITLE, date=dt.date(2024, 11, 21), start_time=dt.time(9, 0))
        for name in NAMES:
            attendance.add_guest(session, m.id, name=name, position_title="Tamu & <i>undangan</i>")
        agenda.add_agenda_item(session, m.id, title="Kata panjang", discussion=f"Awal {LONG_WORD} akhir.")
        findings.add_finding(session, m.id, category="Overstay", nationality="VN", persons=2, description=SIXTY_LINES)
        conclusions.add_conclusion(session, m.id, "Disepakati ✓ dengan senyum 😀👍🏽 dan ❤️")
        meeting_id = m.id
    with store.session() as session:
        result = export_minutes(session, meeting_id, folder / "hostile.pdf")
    store.close()
    return result


def test_markup_characters_print_as_typed(hostile):
    flat = pdftools.flat(pdftools.text(hostile.path))
    assert "<b>Rapat</b> & Co </para> <font name=x> &amp; <br/>" in flat
    assert "Tamu & <i>undangan</i>" in flat


def test_latin_with_diacritics_reads_back_exactly(hostile):
    flat = pdftools.flat(pdftools.text(hostile.path))
    for name in ("Nguyễn Văn Thành", "Jürgen Müller", "Øyvind Ødegård"):
        assert name in flat


def test_a_5000_character_word_is_broken_across_lines_and_kept_whole(hostile):
    # (the page furniture: "Halaman X dari Y", and "DRAF" in the footer of a draft)
    body = [re.sub(r"Halaman \d+ dari \d+|\bDRAF\b", "", page) for page in pdftools.pages(hostile.path)]
    squeezed = "".join("".join(body).split())
    # Cut between two letters, each piece but the last ends in a hyphen: take those out.
    assert f"Awal{LONG_WORD}akhir." in squeezed.replace("-", "")
    assert squeezed.count("-") > 30
    words = pdftools.words(hostile.path)
    right_edge = 595.28 - 20 * 72 / 25.4
    long_pieces = [w for w in words if w.text.startswith("Pengawasan") or "Pengawasan" in w.text]
    assert len(long_pieces) > 30  # one line each: the word wraps
    assert all(w.x1 <= right_edge + 1 for w in long_pieces)  # and never runs into the margin


def test_a_60_line_finding_splits_across_pages_with_its_header_repeated(hostile):
    pages = pdftools.pages(hostile.path)
    flat_all = pdftools.flat(" ".join(pages))
    for n in range(1, 61):
        assert f"baris ke-{n} dari laporan temuan" in flat_all
    first = next(i for i, p in enumerate(pages) if "baris ke-1 dari" in p)
    last = next(i for i, p in enumerate(pages) if "baris ke-60 dari" in p)
    assert last > first
    assert all("Kewarganegaraan" in pages[i] for i in range(first, last + 1))
    assert "Vietnam" in flat_all


def test_undrawable_characters_are_reported_not_hidden(hostile):
    missing = set(hostile.missing_characters)
    # Ethiopic and colour emoji: no face draws them
    assert {"ሰ", "ላ", "ም", "😀"} <= missing
    # Drawn by the shipped fonts (the symbol, Arabic and the system's CJK fallbacks included), so
    # not reported:
    assert not missing & set("ễăàüÜØøå✓❤👍王小明محمد")
    # Presentation selectors and skin-tone modifiers carry no ink of their own: not reported either
    assert not missing & {"\ufe0f", "\U0001f3fd"}
    text = pdftools.text(hostile.path)
    assert "✓" in text
    assert "\u25a1\u25a1\u25a1" in text  # ሰላም: a visible box for each, not a silent gap
    assert "王小明" in text


def test_only_embedded_fonts_even_with_the_symbol_fallback(hostile):
    fonts = pdftools.fonts(hostile.path)
    assert all(f.embedded for f in fonts)
    assert any("NotoSansSymbols2" in f.name for f in fonts)


@pytest.mark.parametrize("font", [DocumentFont.SANS, DocumentFont.SERIF])
def test_markup_escapes_everything_paragraph_would_read_as_tags(font):
    markup = Markup(document_family(font))
    assert markup("<b>x</b> & </para>") == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;/para&gt;"
    assert markup("a\nb") == "a<br/>b"
    assert markup("tab\there\x00") == "tab here"
    assert markup("✓") == '<font name="NotoSansSymbols2-Regular">✓</font>'
    assert markup("ሰ") == "\u25a1" and markup.missing == {"ሰ": "ሰ"}
