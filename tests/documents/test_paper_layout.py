"""The page as an office reads it: long names in the daftar hadir, paragraphs split across pages."""

from __future__ import annotations

import datetime as dt

import pytest

from app.documents.attendance_sheet import PADDING, column_widths
from app.documents.exports import export_attendance_sheet, export_minutes
from app.documents.page import PageLayout
from app.models.enums import Paper
from app.services import agenda, attendance, meetings, office
from tests.support import pdftools

LONG_NAMES = (
    "Dr. H. Muhammad Ridwan Kamil Syahputra, S.H., M.Hum.",
    # 60 characters, as a name with two titles and three degrees is
    "Prof. Dr. Ir. H. Muhammad Abdurrahman Wicaksono, S.H., M.Hum",
)


def _lines_of(pdf, name: str, column_width: float) -> int:
    """How many lines the name takes in the PDF: the words of the Nama column (left edges from
    the first word's to before the NIP/NRP column), read down from its first word."""
    wanted = name.split()
    words = pdftools.words(pdf)
    for first in (w for w in words if w.text == wanted[0]):
        column = sorted(
            (w for w in words if w.page == first.page and 0 <= w.x0 - first.x0 < column_width and w.y0 >= first.y0 - 1),
            key=lambda w: (round(w.y1), w.x0),
        )
        if [w.text for w in column[: len(wanted)]] == wanted:
            return len({round(w.y1) for w in column[: len(wanted)]})
    raise AssertionError(f"{name!r} not found whole in the PDF")


@pytest.mark.parametrize("paper", [Paper.A4, Paper.F4])
def test_a_long_name_with_titles_takes_two_lines_in_the_daftar_hadir(store, tmp_path, paper):
    assert len(LONG_NAMES[1]) == 60
    with store.session() as session:
        office.update_office(session, office_name="KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM")
        m = meetings.create_meeting(session, title="Rapat Koordinasi", date=dt.date(2024, 11, 21))
        for name in LONG_NAMES:
            attendance.add_guest(
                session,
                m.id,
                name=name,
                id_number="198001012005011001",
                rank="Pembina Utama Muda (IV/c)",
                position_title="Kepala Divisi Pemasyarakatan",
                agency_name="Kantor Wilayah Kementerian Imigrasi dan Pemasyarakatan Sumatera Selatan",
            )
        attendance.add_guest(
            session, m.id, name="Andi Saputra", agency_name="Komando Distrik Militer 0406/Lubuklinggau"
        )
        session.commit()
        sheet = export_attendance_sheet(session, m.id, tmp_path / "sheet.pdf", paper=paper).path
        minutes = export_minutes(session, m.id, tmp_path / "minutes.pdf", paper=paper).path
    nama = column_widths(PageLayout(paper).frame_width)[1] - 2 * PADDING
    for pdf in (sheet, minutes):
        for name in LONG_NAMES:
            assert _lines_of(pdf, name, nama) <= 2, (pdf.name, name)
        # the grouped NIP stays on one line, and "Pemasyarakatan" is never cut
        text = pdftools.text(pdf, layout=True)
        assert "19800101 200501 1 001" in text
        assert "Pemasyarakatan" in text and "Pemasyaraka-" not in text
        assert "0406/Lubuklinggau" in pdftools.flat(text) and "Lubukling-" not in text


SENTENCE = (
    "Ketua Tim PORA menyampaikan terima kasih atas kehadiran seluruh anggota dan mengingatkan bahwa "
    "pengawasan orang asing di wilayah kerja memerlukan pertukaran data yang tertib antarinstansi. "
)


def _page_of(pdf, text: str) -> int:
    return next(n for n, page in enumerate(pdftools.pages(pdf)) if text in pdftools.flat(page))


def test_a_long_closing_flows_on_from_the_page_before_and_the_signatures_keep_their_date(store, tmp_path):
    """The closing (two thirds of a page) starts where the text before it ends, not on a fresh
    page leaving this one half blank; the signature block is never split from its date line."""
    with store.session() as session:
        office.update_office(session, office_name="KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM", city="Lubuklinggau")
        m = meetings.create_meeting(session, title="Rapat Koordinasi", date=dt.date(2024, 11, 21))
        agenda.add_agenda_item(session, m.id, title="Pembukaan", discussion=SENTENCE * 2)
        meetings.update_meeting(session, m.id, closing_notes="\n".join([SENTENCE * 4] * 4))
        session.commit()
        pdf = export_minutes(session, m.id, tmp_path / "minutes.pdf", include_attendance=False).path
    assert _page_of(pdf, "Pembahasan") == _page_of(pdf, "Penutup") == 0
    pages = pdftools.pages(pdf)
    signed = _page_of(pdf, "Pimpinan Rapat,")
    assert "Lubuklinggau, 21 November 2024" in pages[signed]
    # and the signatures never stand alone on their page: closing lines come with them
    assert "antarinstansi." in pages[signed].split("Lubuklinggau, 21 November 2024")[0]
    # the page before the signatures carries text down to its foot: its last closing line is low
    words = [w for w in pdftools.words(pdf) if w.page == 0 and w.text not in ("Halaman", "1", "dari", "2")]
    assert max(w.y1 for w in words) > 0.8 * pdftools.page_size(pdf)[1]


def test_the_office_chooses_title_page_numbers_and_lampiran_i(demo_store, tmp_path):
    with demo_store.session() as session:
        standard = export_minutes(session, demo_store.demo_meeting_id, tmp_path / "standard.pdf").path
        office.update_office(session, minutes_title="notulen", page_numbering="top_centre")
        session.commit()
        chosen = export_minutes(
            session, demo_store.demo_meeting_id, tmp_path / "chosen.pdf", attendance_appendix="present_list"
        ).path
        office.update_office(session, attendance_appendix="present_list")
        session.commit()
        by_setting = export_minutes(session, demo_store.demo_meeting_id, tmp_path / "setting.pdf").path
    text = pdftools.flat(pdftools.text(standard))
    assert "NOTULA RAPAT" in text and "Halaman 1 dari" in text and "- 2 -" not in text
    assert "DAFTAR HADIR" in text and "Tanda Tangan" in text and "daftar hadir terlampir" in text
    assert pdftools.info(standard)["Title"].startswith("Notula Rapat:")
    pages = [pdftools.flat(p) for p in pdftools.pages(chosen)]
    whole = " ".join(pages)
    assert "NOTULEN RAPAT" in whole and "NOTULA" not in whole and "Halaman" not in whole
    assert "Notulen Rapat" in pages[-2] or "Notulen Rapat" in pages[-1]  # the Lampiran's reference
    assert pdftools.info(chosen)["Title"].startswith("Notulen Rapat:")
    # "- 2 -" centred above the text from page 2, none on page 1
    width = pdftools.page_size(chosen)[0]
    numbers = [w for w in pdftools.words(chosen) if w.text.isdigit() and w.y1 < 60]
    assert sorted({w.page for w in numbers}) == list(range(1, len(pages)))
    assert all(abs((w.x0 + w.x1) / 2 - (30 * 72 / 25.4 + (width - 50 * 72 / 25.4) / 2)) < 3 for w in numbers)
    # Lampiran I without a signature column, titled so: nobody is expected to have signed it
    assert "DAFTAR PESERTA YANG HADIR" in whole and "daftar peserta terlampir" in whole
    assert "Tanda Tangan" not in whole and "DAFTAR HADIR" not in whole
    assert pdftools.flat(pdftools.text(by_setting)).count("DAFTAR PESERTA YANG HADIR") == 1


def test_text_extraction_reads_the_hari_tanggal_block_row_by_row(demo_pdf, demo_db, tmp_path):
    """pdftotext without -layout (as a screen reader or an archive's index reads the file): each
    label followed by its value, not every label first and every value after."""
    words = pdftools.text(demo_pdf[0]).split()
    reading = " ".join(words)
    for label, value in (
        ("Hari/Tanggal", ": Kamis, 21 November 2024"),
        ("Waktu", ": 09.00 WIB s.d. 12.30 WIB"),
        ("Tempat", ": Hotel Famvida, Kota Lubuklinggau"),
        ("Acara", ": 1. Pembukaan 2. Sambutan"),
        ("Pimpinan Rapat", ": Antonius Frizky, S.C.P."),
        ("Notulis", ": Dewi Anggraini"),
    ):
        assert f"{label} {value}" in reading, label
    # the daftar hadir's heading too, in Lampiran I and on the blank sheet
    db, meeting_id = demo_db
    from app.db import open_store

    store = open_store(db)
    with store.session() as session:
        sheet = export_attendance_sheet(session, meeting_id, tmp_path / "sheet.pdf").path
    store.close()
    for pdf in (demo_pdf[0], sheet):
        reading = " ".join(pdftools.text(pdf).split())
        assert "Hari/Tanggal : Kamis, 21 November 2024 Waktu : 09.00 WIB" in reading
