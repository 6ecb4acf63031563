"""The Excel recap read back with openpyxl: sheets, typed cells, header, filter, widths, every row."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from tests.reports.known_store import DISNAKER, DUKCAPIL, KANIM, KODIM, MURATARA, POLRES
from tests.support.postgres import both_backends

ACROSS_NEW_YEAR = (dt.date(2023, 12, 1), dt.date(2024, 1, 31))


@pytest.fixture(scope="module")
def recap(write_report):
    path, result = write_report(*ACROSS_NEW_YEAR, suffix=".xlsx")
    return path, result, load_workbook(path)


def values(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_three_sheets_with_a_frozen_filtered_indonesian_header(recap):
    path, result, book = recap
    assert result.pages == 0 and not result.empty and path.stat().st_size == result.size
    assert book.sheetnames == ["Temuan", "Tindak lanjut", "Kehadiran"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert all(cell.font.b for cell in sheet[1])
        assert all(sheet.column_dimensions[cell.column_letter].width >= 8 for cell in sheet[1])
    assert values(book["Temuan"])[0][:9] == (
        "Tanggal rapat",
        "Rapat",
        "Kategori",
        "Lokasi",
        "Kecamatan",
        "Kabupaten/kota",
        "Kewarganegaraan",
        "Kode negara",
        "Jumlah orang",
    )
    assert book.properties.title == "Rekap Tim PORA Periode 1 Desember 2023 s.d. 31 Januari 2024"


def test_findings_are_typed_rows(recap):
    sheet = recap[2]["Temuan"]
    rows = values(sheet)[1:]
    assert [(r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows] == [
        (
            dt.datetime(2023, 12, 14),
            "Overstay",
            "Kecamatan Lubuklinggau Timur I",
            "Lubuklinggau Timur I",
            "Kota Lubuklinggau",
            "Tiongkok",
            "CN",
            2,
        ),
        (dt.datetime(2024, 1, 18), "TKA ilegal", "Kecamatan Rupit", "Rupit", MURATARA, "Tiongkok", "CN", 3),
        (dt.datetime(2024, 1, 18), "TKA ilegal", "Kecamatan Rupit", "Rupit", MURATARA, "Vietnam", "VN", 1),
        (dt.datetime(2024, 1, 18), "Overstay", None, None, None, None, None, None),
    ]
    assert sheet["A2"].is_date and sheet["A2"].number_format == "DD/MM/YYYY"
    assert sheet["I2"].data_type == "n"


def test_action_items_with_status_due_date_and_lateness_at_the_periods_end(recap):
    sheet = recap[2]["Tindak lanjut"]
    assert values(sheet)[0] == (
        "Tanggal rapat",
        "Rapat",
        "Rencana tindak lanjut",
        "Instansi penanggung jawab",
        "Penanggung jawab",
        "Tenggat",
        "Status",
        "Terlambat",
        "Terlambat (hari)",
    )
    assert [(r[3], r[5], r[6], r[7], r[8]) for r in values(sheet)[1:]] == [
        (POLRES, dt.datetime(2024, 1, 10), "Belum dimulai", "Ya", 21),
        (KANIM, dt.datetime(2024, 2, 15), "Selesai", "Tidak", None),
        (DISNAKER, dt.datetime(2024, 3, 1), "Dalam proses", "Tidak", None),
        (KODIM, dt.datetime(2024, 6, 30), "Belum dimulai", "Tidak", None),
        (POLRES, None, "Belum dimulai", "Tidak", None),
    ]
    assert sheet["F2"].is_date


def test_attendance_per_meeting(recap):
    rows = values(recap[2]["Kehadiran"])[1:]
    assert len(rows) == 11
    december = [(r[4], r[5], r[6]) for r in rows if r[0] == dt.datetime(2023, 12, 14)]
    assert december == [
        (KANIM, "Hadir", "Ya"),
        (KANIM, "Hadir", "Ya"),
        (POLRES, "Hadir", "Ya"),
        (KODIM, "Izin", "Tidak"),
        (DUKCAPIL, "Tidak hadir", "Tidak"),
    ]
    assert [(r[4], r[5], r[7]) for r in rows if r[7]] == [(KODIM, "Diwakili", "Serka Budi")]
    assert all(r[7] is None for r in rows if r[5] != "Diwakili")  # an empty text is an empty cell


def test_an_empty_period_gives_the_headers_alone(write_report):
    path, result = write_report(dt.date(2025, 1, 1), dt.date(2025, 3, 31), suffix=".xlsx")
    book = load_workbook(path)
    assert result.empty
    assert [sheet.max_row for sheet in book.worksheets] == [1, 1, 1]


@both_backends
def test_typed_text_never_becomes_a_formula_nor_breaks_the_file(db, tmp_path):
    from app.db import open_store
    from app.documents.report_exports import export_report
    from app.services import findings, meetings

    store = open_store(db)
    try:
        with store.session() as session:
            m = meetings.create_meeting(session, title='=HYPERLINK("http://x")', date=dt.date(2024, 5, 2))
            findings.add_finding(session, m.id, category="=1+1", description="@SUM(A1)\x0b baris\x01 kedua")
            findings.add_finding(session, m.id, category="Panjang", description="kata " * 10_000)
            result = export_report(
                session, dt.date(2024, 1, 1), dt.date(2024, 12, 31), tmp_path / "r.xlsx", issued=dt.date(2025, 1, 6)
            )
    finally:
        store.close()
    sheet = load_workbook(result.path)["Temuan"]
    assert sheet["B2"].value == '=HYPERLINK("http://x")' and sheet["B2"].data_type == "s"
    assert sheet["C2"].value == "=1+1" and sheet["C2"].data_type == "s"
    assert sheet["M2"].value == "@SUM(A1) baris kedua"
    assert len(sheet["M3"].value) == 32_767 and sheet["M3"].value.endswith("…")


CSV_AS_SHOWN = "Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it_without_complaint(recap, tmp_path):
    path = recap[0]
    done = subprocess.run(
        # CSV "as shown" (the ninth filter token): the dates as the sheet formats them, DD/MM/YYYY,
        # not in LibreOffice's own locale.
        ["soffice", "--headless", "--convert-to", f"csv:{CSV_AS_SHOWN}", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    csv = (tmp_path / f"{path.stem}.csv").read_text(encoding="utf-8", errors="replace")
    assert "Kecamatan Lubuklinggau Timur I" in csv and "14/12/2023" in csv


@both_backends
def test_a_meeting_with_nothing_recorded_is_not_an_empty_period(db, tmp_path):
    from app.db import open_store
    from app.documents.report_exports import export_report
    from app.services import meetings

    store = open_store(db)
    try:
        with store.session() as session:
            meetings.create_meeting(session, title="Rapat tanpa catatan", date=dt.date(2024, 5, 2))
            result = export_report(
                session, dt.date(2024, 5, 1), dt.date(2024, 5, 31), tmp_path / "r.xlsx", issued=dt.date(2025, 1, 6)
            )
    finally:
        store.close()
    assert not result.empty
    assert [sheet.max_row for sheet in load_workbook(result.path).worksheets] == [1, 1, 1]
