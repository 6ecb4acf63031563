"""Renders the pictures of the printed minutes under docs/images/ (the demo meeting, A4, 60 dpi).

Run from the repository root: `python scripts/docs_images.py`. Needs poppler's pdftoppm.
The demo meeting gets the three generated photos of the tests, so Lampiran II has something
to show, and is made final, as minutes are printed for filing ("CONTOH" stays: it is the demo).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.db import open_store  # noqa: E402
from app.documents.exports import export_attendance_sheet, export_minutes  # noqa: E402
from app.documents.report_exports import export_report  # noqa: E402
from app.services.demo import load_demo  # noqa: E402
from app.services.revisions import finalize_meeting  # noqa: E402
from tests.support.photos import add_demo_photos  # noqa: E402

TARGET = ROOT / "docs" / "images"


def page_png(pdf: Path, page: int, target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
            check=True,
        )
        shutil.copyfile(stem.with_suffix(".png"), target)
    print(target.relative_to(ROOT))


def pdf_pages(pdf: Path) -> list[str]:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        store = open_store(folder / "demo.sqlite")
        with store.session() as session:
            meeting_id = load_demo(session)
            add_demo_photos(session, meeting_id)
        with store.session() as session:
            # Final, as minutes are printed for filing: no "DRAF", and the verification code.
            finalize_meeting(session, meeting_id)
            minutes = export_minutes(session, meeting_id, folder / "notulen.pdf")
            listed = export_minutes(
                session, meeting_id, folder / "notulen-daftar-peserta.pdf", attendance_appendix="present_list"
            )
            sheet = export_attendance_sheet(session, meeting_id, folder / "daftar-hadir.pdf")
            report = export_report(
                session, dt.date(2024, 1, 1), dt.date(2024, 12, 31), folder / "laporan.pdf", issued=dt.date(2025, 1, 6)
            )
        store.close()
        text = subprocess.run(["pdftotext", str(minutes.path), "-"], capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")
        attendance_page = next(i for i, p in enumerate(pages, start=1) if "DAFTAR HADIR" in p)
        page_png(minutes.path, 1, TARGET / "minutes-page-1.png")
        page_png(minutes.path, minutes.boxes["chair"].page + 1, TARGET / "minutes-signatures.png")
        page_png(minutes.path, attendance_page, TARGET / "minutes-daftar-hadir.png")
        listed_pages = pdf_pages(listed.path)
        listed_page = next(i for i, p in enumerate(listed_pages, start=1) if "DAFTAR PESERTA YANG HADIR" in p)
        page_png(listed.path, listed_page, TARGET / "minutes-daftar-peserta.png")
        page_png(sheet.path, 1, TARGET / "attendance-sheet.png")
        report_pages = pdf_pages(report.path)
        findings_page = next(i for i, p in enumerate(report_pages, start=1) if "1. Menurut kategori" in p)
        page_png(report.path, 1, TARGET / "report-page-1.png")
        page_png(report.path, findings_page, TARGET / "report-findings.png")


if __name__ == "__main__":
    main()
