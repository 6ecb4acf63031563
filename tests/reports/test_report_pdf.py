"""The Laporan kegiatan Timpora as printed: every figure read back from the PDF with pdftotext."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.documents.report import period_name
from app.services.reports import Period
from tests.reports.known_store import HEAD
from tests.support import pdftools
from tests.support.postgres import both_backends

YEAR_2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def has_row(layout: str, *cells: str) -> bool:
    """A table row as `pdftotext -layout` prints it: the cells in order on one line."""
    pattern = r"\s+".join(re.escape(c) for c in cells)
    return any(re.search(pattern, line) for line in layout.splitlines())


@pytest.fixture(scope="module")
def year_pdf(write_report):
    path, result = write_report(*YEAR_2024)
    return path, result, pdftools.text(path, layout=True), pdftools.flat(pdftools.text(path))


def test_the_year_report_opens_with_its_title_and_summary(year_pdf):
    _, result, layout, flat = year_pdf
    assert not result.empty
    assert "LAPORAN KEGIATAN TIM PENGAWASAN ORANG ASING TAHUN 2024" in flat
    assert "Periode 1 Januari 2024 s.d. 31 Desember 2024" in flat
    for label, value in (
        ("Rapat yang dilaksanakan", "2 rapat"),
        ("Kehadiran", "6 orang hadir dari 9 undangan"),
        ("Temuan yang ditindaklanjuti", "3 dari 4 temuan"),
        ("Rencana tindak lanjut", "4 dibuat, 1 selesai, 3 belum selesai, 2 terlambat"),
    ):
        assert has_row(layout, label, f": {value}"), label
    assert "4 temuan, melibatkan 5 orang asing (1 temuan tanpa jumlah orang)" in flat


def test_the_year_report_lists_meetings_and_attendance_per_agency(year_pdf):
    _, _, layout, flat = year_pdf
    assert has_row(layout, "1.", "Kamis, 18 Januari", "Briefing Operasi Gabungan", "Mapolres", "Antonius Frizky,", "4")
    assert has_row(layout, "2.", "Kamis, 21 Maret", "Rapat Evaluasi", "Hotel Famvida", "Antonius Frizky,", "2")
    assert has_row(layout, "Jumlah", "6")
    for row in (
        ("1.", "Kantor Imigrasi Kelas II Non TPI Muara Enim", "2", "2", "100%"),
        ("2.", "Kepolisian Resor Lubuklinggau", "1", "0", "0%"),
        ("3.", "Komando Distrik Militer 0406/Lubuklinggau", "1", "1", "100%"),
        ("4.", "Dinas Tenaga Kerja Kota Lubuklinggau", "1", "1", "100%"),
        ("5.", "Dinas Kependudukan dan Pencatatan Sipil Kota", "2", "0", "0%"),
    ):
        assert has_row(layout, *row), row
    assert (
        "Instansi yang tidak pernah hadir: Kepolisian Resor Lubuklinggau; "
        "Dinas Kependudukan dan Pencatatan Sipil Kota Lubuklinggau." in flat
    )
    # the attendance chart: its legend, and every bar's count including the zeros
    assert "Diundang Hadir" in pdftools.flat(layout)


def test_the_year_report_breaks_the_findings_down(year_pdf):
    _, _, layout, flat = year_pdf
    assert (
        "Dalam periode ini dilaporkan 4 temuan yang melibatkan 5 orang asing; 3 di antaranya dibahas dalam rapat "
        "yang menyepakati rencana tindak lanjut. 1 temuan tidak menyebutkan jumlah orang." in flat
    )
    for row in (
        ("1.", "TKA ilegal", "2", "4"),
        ("2.", "Spionase", "1", "1"),
        ("3.", "Overstay", "1", "0"),
        ("1.", "Tiongkok", "1", "3"),
        ("2.", "Amerika Serikat", "1", "1"),
        ("3.", "Vietnam", "1", "1"),
        ("4.", "Tidak diketahui", "1", "0"),
        ("1.", "Kabupaten Musi Rawas Utara", "2", "4"),
        ("2.", "Kota Lubuklinggau", "1", "1"),
        ("3.", "Tidak disebutkan", "1", "0"),
        ("1.", "Rupit, Kabupaten Musi Rawas Utara", "2", "4"),
        ("2.", "Tidak disebutkan", "2", "1"),
        ("1.", "Jan 2024", "3", "4"),
        ("2.", "Feb 2024", "0", "0"),
        ("3.", "Mar 2024", "1", "1"),
        ("12.", "Des 2024", "0", "0"),
    ):
        assert has_row(layout, *row), row
    assert layout.count("Jumlah                ") >= 3
    # the pie names every slice with its count: readable on a black-and-white copy
    for label in ("Tiongkok: 1", "Amerika Serikat: 1", "Vietnam: 1", "Tidak diketahui: 1"):
        assert label in flat


def test_the_year_report_counts_action_items_against_the_periods_end(year_pdf):
    _, _, layout, flat = year_pdf
    assert (
        "Rapat dalam periode ini menyepakati 4 rencana tindak lanjut: 1 selesai, 1 dalam proses, 2 belum dimulai, "
        "0 dibatalkan; 2 melewati tenggat pada 31 Desember 2024." in flat
    )
    for row in (
        ("Dinas Tenaga Kerja Kota Lubuklinggau", "1", "0", "1", "1"),
        ("Kantor Imigrasi Kelas II Non TPI Muara Enim", "1", "1", "0", "0"),
        ("Kepolisian Resor Lubuklinggau", "1", "0", "1", "0"),
        ("Komando Distrik Militer 0406/Lubuklinggau", "1", "0", "1", "1"),
        ("Jumlah", "4", "1", "3", "2"),
    ):
        assert has_row(layout, *row), row
    assert "Rencana tindak lanjut yang terlambat" in flat
    assert has_row(layout, "1.", "Pendataan TKA perusahaan", "Dinas Tenaga", "1 Maret 2024", "18 Januari", "305")
    assert has_row(layout, "2.", "Patroli wilayah perbatasan", "Komando Distrik", "30 Juni 2024", "18 Januari", "184")
    assert "Sosialisasi kepada kepala desa" not in flat  # no due date: never late


def test_the_year_report_ends_with_the_head_of_office_and_the_conclusions(year_pdf):
    path, result, layout, flat = year_pdf
    assert "Lubuklinggau, 6 Januari 2025 Kepala Kantor Imigrasi Kelas II Non TPI Muara Enim," in flat
    assert f"{HEAD} NIP 19750101 200003 1 001" in flat
    assert "head" in result.boxes
    last = pdftools.flat(pdftools.pages(path)[-1])
    assert "LAMPIRAN Laporan Kegiatan Tim PORA Periode 1 Januari 2024 s.d. 31 Desember 2024" in last
    assert "KESIMPULAN RAPAT" in last
    assert (
        "1. Kamis, 18 Januari 2024: Briefing Operasi Gabungan Januari 2024 "
        "1) Operasi gabungan dilaksanakan pada Februari 2024. 2) Disnaker menyerahkan data TKA terdaftar." in last
    )
    assert "Desember 2023" not in last  # the December meeting is outside the year


def test_every_page_carries_the_highest_classification_and_its_number(year_pdf):
    path, result, _, _ = year_pdf
    pages = pdftools.pages(path)
    assert len(pages) == result.pages
    for number, page in enumerate(pages, start=1):
        assert page.count("TERBATAS") == 2, number  # a restricted meeting's findings are in it
        assert f"Halaman {number} dari {len(pages)}" in page


def test_every_font_is_embedded_charts_included(year_pdf):
    path = year_pdf[0]
    fonts = pdftools.fonts(path)
    assert fonts and all(f.embedded for f in fonts), fonts
    assert not any("Helvetica" in f.name for f in fonts)
    assert pdftools.page_size(path) == pytest.approx((595.28, 841.89), abs=0.1)


def test_a_period_across_new_year(write_report):
    path, result = write_report(dt.date(2023, 12, 1), dt.date(2024, 1, 31))
    layout, flat = pdftools.text(path, layout=True), pdftools.flat(pdftools.text(path))
    assert "TAHUN" not in flat and "TERBATAS" not in flat  # not a calendar period; no restricted meeting
    assert "Periode 1 Desember 2023 s.d. 31 Januari 2024" in flat
    assert has_row(layout, "Rapat yang dilaksanakan", ": 2 rapat")
    assert has_row(layout, "1.", "Des 2023", "1", "2") and has_row(layout, "2.", "Jan 2024", "3", "4")
    assert has_row(layout, "Kepolisian Resor Lubuklinggau", "2", "1", "50%")
    assert "Instansi yang tidak pernah hadir: Dinas Kependudukan dan Pencatatan Sipil Kota Lubuklinggau." in flat
    assert "1 melewati tenggat pada 31 Januari 2024" in flat
    assert has_row(layout, "1.", "Pengawasan WNA overstay", "Kepolisian Resor", "10 Januari", "14 Desember", "21")
    assert "1. Kamis, 14 Desember 2023: Rapat Koordinasi Tim PORA Desember 2023" in flat
    assert "2. Kamis, 18 Januari 2024: Briefing Operasi Gabungan Januari 2024" in flat


def test_one_meeting_on_f4(write_report):
    path, result = write_report(dt.date(2024, 3, 1), dt.date(2024, 3, 31), paper="f4")
    layout, flat = pdftools.text(path, layout=True), pdftools.flat(pdftools.text(path))
    assert pdftools.page_size(path) == pytest.approx((609.449, 935.433), abs=0.01)
    assert has_row(layout, "Rapat yang dilaksanakan", ": 1 rapat")
    assert has_row(layout, "1.", "Kamis, 21 Maret", "Rapat Evaluasi", "Hotel Famvida")
    assert has_row(layout, "1.", "Amerika Serikat", "1", "1")
    assert "Tidak ada rencana tindak lanjut yang disepakati dalam periode ini." in flat
    assert "Tidak ada kesimpulan rapat yang dicatat dalam periode ini." in flat
    assert "TERBATAS" in flat


def test_an_empty_period_makes_a_report_that_says_so(write_report):
    path, result = write_report(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    flat = pdftools.flat(pdftools.text(path))
    assert result.empty and result.pages == 1
    assert "SEMESTER I TAHUN 2025" in flat
    assert "Tidak ada rapat Tim PORA yang tercatat dalam periode ini." in flat
    assert "A. Rapat" not in flat and "LAMPIRAN" not in flat
    assert HEAD in flat  # still signed by the head of office


@pytest.mark.parametrize(
    ("start", "end", "name"),
    [
        ((2024, 1, 1), (2024, 12, 31), "TAHUN 2024"),
        ((2024, 1, 1), (2024, 6, 30), "SEMESTER I TAHUN 2024"),
        ((2024, 7, 1), (2024, 12, 31), "SEMESTER II TAHUN 2024"),
        ((2024, 1, 1), (2024, 3, 31), "TRIWULAN I TAHUN 2024"),
        ((2024, 10, 1), (2024, 12, 31), "TRIWULAN IV TAHUN 2024"),
        ((2023, 12, 1), (2024, 1, 31), ""),
        ((2024, 2, 1), (2024, 4, 30), ""),
        ((2024, 1, 2), (2024, 12, 31), ""),
        ((2024, 1, 1), (2024, 12, 30), ""),
    ],
)
def test_a_calendar_period_is_named(start, end, name):
    assert period_name(Period(dt.date(*start), dt.date(*end))) == name


@both_backends
def test_typed_markup_prints_as_typed(db, tmp_path):
    from app.db import open_store
    from app.documents.report_exports import export_report
    from app.services import actions, attendance, conclusions, directory, findings, meetings

    store = open_store(db)
    try:
        with store.session() as session:
            agency = directory.create_agency(session, name="Dinas <b>A</b> & Co")
            person = directory.create_person(session, name="Budi </para>", agency_id=agency.id)
            m = meetings.create_meeting(session, title="Rapat <i>khusus</i> & <br/>", date=dt.date(2024, 5, 2))
            attendance.invite_person(session, m.id, person.id, status="present")
            findings.add_finding(
                session,
                m.id,
                category="A<B & C>",
                location="Jl. <u>",
                district="</para><para>Desa",
                regency="Kota <b>X</b> & Y",
                persons=1,
            )
            actions.add_action(
                session, m.id, description="Cek <font>", owner_agency_id=agency.id, due_date=dt.date(2024, 6, 1)
            )
            conclusions.add_conclusion(session, m.id, "Setuju & <sepakat>")
            result = export_report(
                session, dt.date(2024, 1, 1), dt.date(2024, 12, 31), tmp_path / "r.pdf", issued=dt.date(2025, 1, 6)
            )
    finally:
        store.close()
    flat = pdftools.flat(pdftools.text(result.path))
    for typed in (
        "Dinas <b>A</b> & Co",
        "Rapat <i>khusus</i> & <br/>",
        "A<B & C>",
        "</para><para>Desa, Kota <b>X</b> & Y",
        "Kota <b>X</b> & Y",
        "Cek <font>",
        "Setuju & <sepakat>",
    ):
        assert typed in flat, typed
