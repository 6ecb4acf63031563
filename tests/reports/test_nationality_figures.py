"""Findings of several nationalities in the report, the Excel recap and the minutes (issue 18).

One meeting, Selasa 5 Maret 2024, four findings:

    F1  TKA ilegal          Tiongkok 3, Vietnam 2
    F2  Overstay            Tiongkok 1
    F3  Pengungsi           no nationality, no number
    F4  Overstay            Thailand (number not given), Bangladesh 4

So: 4 findings, 10 foreigners, 2 findings without a whole number of persons (F3, F4), 2 of
several nationalities. By nationality: Tiongkok 2 findings / 4 persons, Bangladesh 1 / 4,
Vietnam 1 / 2, Thailand 1 / 0, not known 1 / 0.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.db import open_store
from app.documents.exports import export_minutes
from app.documents.report_exports import export_report
from app.services import findings, meetings
from app.services.reports import Count, timpora_recap, timpora_report
from tests.support import pdftools
from tests.support.postgres import both_backends

pytestmark = both_backends

MARCH = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
FINDINGS = (
    ("TKA ilegal", [("CN", 3), ("VN", 2)]),
    ("Overstay", [("CN", 1)]),
    ("Pengungsi", []),
    ("Overstay", [("TH", None), ("BD", 4)]),
)


@pytest.fixture
def several(db):
    store = open_store(db)
    with store.session() as session:
        m = meetings.create_meeting(session, title="Rapat Koordinasi Tim PORA", date=dt.date(2024, 3, 5))
        for category, rows in FINDINGS:
            findings.add_finding(session, m.id, category=category, location="Kota Lubuklinggau", nationalities=rows)
        store.meeting_id = m.id
    yield store
    store.close()


def has_row(layout: str, *cells: str) -> bool:
    import re

    pattern = r"\s+".join(re.escape(c) for c in cells)
    return any(re.search(pattern, line) for line in layout.splitlines())


def test_the_figures_count_persons_per_nationality(several):
    with several.session() as session:
        f = timpora_report(session, *MARCH).findings
    assert (f.total, f.persons, f.persons_unknown, f.several_nationalities) == (4, 10, 2, 2)
    assert f.by_nationality == (
        Count("CN", 2, 4),
        Count("BD", 1, 4),
        Count("VN", 1, 2),
        Count("TH", 1, 0),
        Count("", 1, 0),
    )
    assert f.by_category == (Count("Overstay", 2, 5), Count("TKA ilegal", 1, 5), Count("Pengungsi", 1, 0))
    assert [(m.month, m.findings, m.persons) for m in f.by_month] == [(3, 4, 10)]


def test_the_report_pdf_prints_them(several, tmp_path):
    with several.session() as session:
        result = export_report(session, *MARCH, tmp_path / "maret.pdf", issued=dt.date(2024, 4, 2))
    layout = pdftools.text(result.path, layout=True)
    flat = pdftools.flat(pdftools.text(result.path))
    assert "4 temuan, melibatkan 10 orang asing (2 temuan tanpa jumlah orang)" in flat
    assert "Dalam periode ini dilaporkan 4 temuan yang melibatkan 10 orang asing" in flat
    for row in (
        ("1.", "Tiongkok", "2", "4"),
        ("2.", "Bangladesh", "1", "4"),
        ("3.", "Vietnam", "1", "2"),
        ("4.", "Thailand", "1", "0"),
        ("5.", "Tidak diketahui", "1", "0"),
        ("Jumlah", "4", "10"),  # findings counted once in the total, not once per nationality
        ("1.", "Overstay", "2", "5"),
        ("2.", "TKA ilegal", "1", "5"),
    ):
        assert has_row(layout, *row), row
    assert (
        "2 temuan melibatkan lebih dari satu kewarganegaraan; temuan tersebut dihitung pada setiap "
        "kewarganegaraannya, dengan jumlah orang asing dari kewarganegaraan itu." in flat
    )
    _pictures(result.path, tmp_path / "report")


def test_the_recap_has_one_row_per_finding_with_its_nationalities(several, tmp_path):
    with several.session() as session:
        recap = timpora_recap(session, *MARCH)
        assert [(r.category, r.nationalities, r.persons) for r in recap.findings] == [
            ("TKA ilegal", (("CN", 3), ("VN", 2)), 5),
            ("Overstay", (("CN", 1),), 1),
            ("Pengungsi", (), None),
            ("Overstay", (("TH", None), ("BD", 4)), 4),
        ]
        path = tmp_path / "rekap.xlsx"
        export_report(session, *MARCH, path, issued=dt.date(2024, 4, 2))
    sheet = load_workbook(path)["Temuan"]
    rows = [tuple(r) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(r[2], r[6], r[7], r[8]) for r in rows] == [
        ("TKA ilegal", "Tiongkok (3 orang), Vietnam (2 orang)", "CN, VN", 5),
        ("Overstay", "Tiongkok", "CN", 1),
        ("Pengungsi", None, None, None),
        ("Overstay", "Thailand, Bangladesh (4 orang)", "TH, BD", 4),
    ]
    assert sheet.cell(row=2, column=9).data_type == "n"  # a number Excel sums


def test_the_minutes_print_each_nationality_with_its_persons(several, tmp_path):
    with several.session() as session:
        result = export_minutes(session, several.meeting_id, tmp_path / "notula.pdf", include_attendance=False)
    layout = pdftools.text(result.path, layout=True)
    flat = pdftools.flat(pdftools.text(result.path))
    # several: one a line with its persons (kept together), their total in the number column
    assert has_row(layout, "1.", "Tenaga kerja", "Kota", "Tiongkok", "5")
    assert "Tiongkok (3 orang) Vietnam (2 orang)" in flat
    assert has_row(layout, "2.", "Overstay", "Kota", "Tiongkok", "1")  # one nationality: as always
    assert "Tiongkok (1 orang)" not in flat
    assert has_row(layout, "4.", "Overstay", "Kota", "Thailand", "-")  # a number not given: no total
    assert "Thailand Bangladesh (4 orang)" in flat
    _pictures(result.path, tmp_path / "minutes")


def _pictures(pdf: Path, prefix: Path) -> None:
    """Pages to look at (pdftoppm), as every changed page is looked at."""
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(prefix)], check=True)
