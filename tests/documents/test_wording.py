"""The printed words are Indonesian whatever the window speaks (catalog completeness: tests/test_i18n.py)."""

from __future__ import annotations

from pathlib import Path

from app.db import open_store
from app.documents.exports import export_minutes
from app.i18n import set_language
from tests.support import pdftools

ROOT = Path(__file__).resolve().parents[2]


def test_an_english_interface_still_prints_indonesian_minutes(demo_db, tmp_path):
    path, meeting_id = demo_db
    set_language("en")
    store = open_store(path)
    with store.session() as session:
        result = export_minutes(session, meeting_id, tmp_path / "x.pdf")
    store.close()
    flat = pdftools.flat(pdftools.text(result.path))
    for word in (
        "Hari/Tanggal",
        "Kamis, 21 November 2024",
        "Tiongkok",
        "Belum dimulai",
        "Selesai",
        "Dalam proses",
        "Visa kunjungan",
        "Izin",
        "Halaman 1 dari",
    ):
        assert word in flat, word
    for english in ("Thursday", "China", "Not started", "Done", "In progress", "Visit visa", "Excused", "Page 1"):
        assert english not in flat, english


def test_the_printed_vocabulary_is_standard_indonesian(demo_pdf):
    """KBBI's "notula" (not "notulen"), "Penanggung jawab" (not the English "PIC")."""
    flat = pdftools.flat(pdftools.text(demo_pdf[0]))
    assert "NOTULA RAPAT" in flat and "Notula Rapat" in flat  # title, and under "LAMPIRAN I"
    assert "Penanggung jawab" in flat
    assert "NOTULEN" not in flat and "Notulen Rapat" not in flat and "PIC" not in flat
    assert pdftools.info(demo_pdf[0])["Title"].startswith("Notula Rapat: ")
