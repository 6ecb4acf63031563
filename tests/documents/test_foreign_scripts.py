"""Foreigners' names in their own script: Chinese, Japanese, Korean, Arabic and Thai print.

Arabic and Thai come from the shipped Noto faces; Chinese, Japanese and Korean from the
system's CJK font (WenQuanYi Micro Hei or Droid Sans Fallback here, which scripts/test.sh
installs; Microsoft YaHei, Malgun Gothic and MS Gothic on Windows). Only the subsets used are
embedded. Read back with pdftotext and pdffonts.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from app.db import open_store
from app.documents.exports import export_attendance_sheet, export_minutes
from app.documents.fonts import fallback_fonts
from app.documents.markup import visual_arabic
from app.services import attendance, findings, meetings
from tests.support import pdftools

NAMES = {
    "Chinese": "王伟 (WANG WEI)",
    "Japanese": "田中太郎 (TANAKA TARO)",
    "Korean": "김민준 (KIM MINJUN)",
    "Arabic": "محمد عبد الله (MUHAMMAD ABDULLAH)",
    "Thai": "สมชาย ใจดี (SOMCHAI JAIDEE)",
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    store = open_store(folder / "timpora.sqlite")
    with store.session() as session:
        m = meetings.create_meeting(session, title="Rapat TIMPORA", date=dt.date(2024, 11, 21))
        for name in NAMES.values():
            attendance.add_guest(session, m.id, name=name, position_title="Tamu")
        findings.add_finding(session, m.id, category="Overstay", nationality="CN", persons=1, sponsor="王伟 (WANG WEI)")
        meeting_id = m.id
    with store.session() as session:
        minutes = export_minutes(session, meeting_id, folder / "notula.pdf")
        sheet = export_attendance_sheet(session, meeting_id, folder / "daftar-hadir.pdf")
    store.close()
    return minutes, sheet


def test_a_cjk_font_is_there_to_test_with():
    assert any(f.name.startswith(("Fallback-wqy", "Fallback-Droid", "Fallback-msyh")) for f in fallback_fonts()), (
        "no CJK font on this system: install fonts-wqy-microhei (scripts/test.sh does)"
    )


def test_every_script_prints_and_nothing_is_reported_missing(printed):
    for result in printed:
        assert result.missing_characters == ()
        text = unicodedata.normalize("NFKC", pdftools.text(result.path))
        flat = pdftools.flat(text)
        for script in ("Chinese", "Japanese", "Korean", "Thai"):
            assert NAMES[script].split(" (")[0] in flat, script
        # Arabic is drawn joined (presentation forms) and right to left; poppler puts it back in
        # reading order, and NFKC takes the joined forms back to the letters.
        assert "محمد عبد الله" in flat
        assert "\u25a1" not in text
    assert "王伟 (WANG WEI)" in pdftools.flat(pdftools.text(printed[0].path))


def test_the_fallback_faces_are_embedded_as_subsets(printed):
    fonts = pdftools.fonts(printed[0].path)
    names = [f.name for f in fonts]
    assert all(f.embedded for f in fonts)
    assert any("NotoNaskhArabic" in n for n in names)
    assert any("NotoSansThai" in n for n in names)
    assert any("WenQuanYi" in n or "DroidSansFallback" in n for n in names)
    # subsets, not the 5 MB CJK font whole
    assert printed[0].path.stat().st_size < 400_000


def test_arabic_runs_are_joined_and_reversed_latin_left_alone():
    drawn = visual_arabic("Tn. محمد (MUHAMMAD)")
    assert drawn.startswith("Tn. ") and drawn.endswith(" (MUHAMMAD)")
    arabic = drawn[4:-11]
    # presentation forms, in drawing (right-to-left) order
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in arabic)
    assert unicodedata.normalize("NFKC", arabic[::-1]) == "محمد"
