"""`timpora report`: the period's PDF or Excel recap from the command line, and its refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from app.db import open_store
from tests.support import pdftools

ROOT = Path(__file__).resolve().parents[2]


def timpora(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "TIMPORA_LANG": "id"},
    )


def test_a_year_as_pdf(known_db, tmp_path):
    out = tmp_path / "laporan 2024.pdf"
    done = timpora(
        "--db", str(known_db), "report", "--from", "2024-01-01", "--to", "2024-12-31", "--date", "2025-01-06", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out) and done.stderr == ""
    flat = pdftools.flat(pdftools.text(out))
    assert "LAPORAN KEGIATAN TIM PENGAWASAN ORANG ASING TAHUN 2024" in flat
    assert "Lubuklinggau, 6 Januari 2025" in flat


def test_a_period_as_excel(known_db, tmp_path):
    out = tmp_path / "rekap.xlsx"
    done = timpora("--db", str(known_db), "report", "--from", "2023-12-01", "--to", "2024-01-31", str(out))
    assert done.returncode == 0, done.stderr
    book = load_workbook(out)
    assert [sheet.max_row for sheet in book.worksheets] == [5, 6, 12]


def test_an_empty_period_writes_a_report_and_says_so(known_db, tmp_path):
    out = tmp_path / "kosong.pdf"
    done = timpora("--db", str(known_db), "report", "--from", "2025-01-01", "--to", "2025-03-31", str(out))
    assert done.returncode == 0
    assert done.stderr.strip() == (
        "timpora: catatan: tidak ada rapat yang tercatat dari 2025-01-01 sampai 2025-03-31; laporan menyatakannya."
    )
    assert "TRIWULAN I TAHUN 2025" in pdftools.flat(pdftools.text(out))


def test_bad_periods_dates_and_files_are_one_line_each_and_write_nothing(known_db, tmp_path):
    db = str(known_db)
    out = tmp_path / "laporan.pdf"
    for args, message in (
        (
            ("--from", "2024-01-01", "--to", "2023-12-31", str(out)),
            "Periode berakhir (2023-12-31) sebelum dimulai (2024-01-01).",
        ),
        (
            ("--from", "1/1/2024", "--to", "2024-12-31", str(out)),
            "--from 1/1/2024 bukan tanggal; tulis sebagai TTTT-BB-HH, misalnya 2024-12-31.",
        ),
        (
            ("--from", "2024-01-01", "--to", "2024-02-30", str(out)),
            "--to 2024-02-30 bukan tanggal; tulis sebagai TTTT-BB-HH, misalnya 2024-12-31.",
        ),
        (
            ("--from", "2024-01-01", "--to", "2024-12-31", str(tmp_path / "laporan.docx")),
            "Laporan ditulis sebagai .pdf atau .xlsx, bukan laporan.docx.",
        ),
        (
            ("--from", "2024-01-01", "--to", "2024-12-31", str(tmp_path / "no-such-folder" / "l.pdf")),
            f"Folder {tmp_path / 'no-such-folder'} tidak ada.",
        ),
    ):
        done = timpora("--db", db, "report", *args)
        assert (done.returncode, done.stdout) == (1, ""), args
        assert done.stderr == f"timpora: {message}\n", args
    assert list(tmp_path.iterdir()) == []


def test_a_missing_period_is_a_usage_error(known_db, tmp_path):
    done = timpora("--db", str(known_db), "report", "--to", "2024-12-31", str(tmp_path / "l.pdf"))
    assert done.returncode == 2 and "--from" in done.stderr


def test_messages_follow_the_language(known_db, tmp_path):
    done = timpora(
        "--db",
        str(known_db),
        "--lang",
        "en",
        "report",
        "--from",
        "2024-02-01",
        "--to",
        "2024-01-01",
        str(tmp_path / "l.pdf"),
    )
    assert done.stderr == "timpora: The period ends (2024-01-01) before it starts (2024-02-01).\n"


def test_office_is_the_stores_own_or_one_clear_refusal(known_db, tmp_path):
    from app.services.office import get_office

    store = open_store(known_db)
    with store.session() as session:
        office = get_office(session).office_name
    store.close()
    out = tmp_path / "kanim.pdf"
    period = ("report", "--from", "2024-01-01", "--to", "2024-03-31")
    done = timpora("--db", str(known_db), *period, "--office", f"  {office.upper()} ", str(out))
    assert done.returncode == 0, done.stderr
    assert "TRIWULAN I TAHUN 2024" in pdftools.flat(pdftools.text(out))
    other = tmp_path / "lain.pdf"
    refused = timpora("--db", str(known_db), *period, "--office", "Kantor Imigrasi Kelas I Palembang", str(other))
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"timpora: Penyimpanan ini hanya berisi rapat {office}, bukan Kantor Imigrasi Kelas I Palembang."
    )
    assert not other.exists()
