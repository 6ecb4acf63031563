"""The demo minutes read back with poppler: sections, dates, pages, fonts, paper, attendees, metadata."""

from __future__ import annotations

import pytest
from PIL import ImageStat

from app.db import open_store
from app.documents.exports import export_minutes
from app.documents.metadata import read_metadata
from app.models.enums import AttendanceStatus
from app.services.records import content_sha256, load_bundle
from tests.support import pdftools

SECTIONS = [
    "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN",
    "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM",
    "NOTULA RAPAT",
    "Hari/Tanggal",
    "Kamis, 21 November 2024",
    "Waktu",
    "09.00 WIB s.d. 12.30 WIB",
    "Tempat",
    "Hotel Famvida, Kota Lubuklinggau",
    "Acara",
    "Pimpinan Rapat",
    "Notulis",
    "Peserta",
    "14 orang (daftar hadir terlampir)",
    "A. Pembukaan",
    "B. Pembahasan",
    "Penyaji: Antonius Frizky, S.C.P.",
    "C. Tindak lanjut hasil rapat sebelumnya",
    "D. Temuan",
    "Kewarganegaraan",
    "Tiongkok",
    "E. Rencana tindak lanjut",
    "F. Kesimpulan",
    "G. Penutup",
    "Rapat ditutup pukul 12.30 WIB",
    "Lubuklinggau, 21 November 2024",
    "LAMPIRAN I",
    "DAFTAR HADIR",
    "LAMPIRAN II",
    "DOKUMENTASI",
]


def load(demo_db):
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        bundle = load_bundle(session, meeting_id)
    store.close()
    return bundle


ORDER = [
    "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM",
    "NOTULA RAPAT",
    "A. Pembukaan",
    "B. Pembahasan",
    "C. Tindak lanjut hasil rapat sebelumnya",
    "D. Temuan",
    "E. Rencana tindak lanjut",
    "F. Kesimpulan",
    "G. Penutup",
    "Lubuklinggau, 21 November 2024",
    "LAMPIRAN I",
    "DAFTAR HADIR",
    "LAMPIRAN II",
    "DOKUMENTASI",
]


def test_every_section_in_the_order_of_the_document(demo_pdf):
    path, _ = demo_pdf
    flat = pdftools.flat(pdftools.text(path))
    for section in SECTIONS:
        assert section in flat, section
    positions = [flat.index(section) for section in ORDER]
    assert positions == sorted(positions)
    assert "Rabu" not in flat  # the day name comes from the date, never from the news article


def test_every_page_says_which_page_of_how_many(demo_pdf):
    path, result = demo_pdf
    pages = pdftools.pages(path)
    total = int(pdftools.info(path)["Pages"])
    assert len(pages) == total == result.pages >= 5
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {total}" in page
        # Terbatas: marked at the top and the bottom of every page
        assert page.count("TERBATAS") == 2


def test_kop_surat_on_the_first_page_only(demo_pdf):
    path, _ = demo_pdf
    pages = pdftools.pages(path)
    assert "DIREKTORAT JENDERAL IMIGRASI" in pages[0]
    assert all("DIREKTORAT JENDERAL IMIGRASI" not in page for page in pages[1:])


def test_every_attendee_on_the_daftar_hadir(demo_pdf, demo_db):
    path, _ = demo_pdf
    bundle = load(demo_db)
    pages = pdftools.pages(path)
    start = next(i for i, page in enumerate(pages) if "DAFTAR HADIR" in page)
    end = next(i for i, page in enumerate(pages) if "DOKUMENTASI" in page)
    appendix = pdftools.flat(" ".join(pages[start:end]))
    rows = bundle.meeting.attendances
    for row in rows:
        assert row.name in appendix, row.name
        if row.status is AttendanceStatus.REPRESENTED:
            assert row.deputy_name in appendix
            assert f"mewakili {row.name}" in appendix
    assert "Undangan yang tidak hadir" in appendix
    assert "Izin" in appendix  # the Kemenag invitee sent apologies
    attended = sum(1 for r in rows if r.status.attended)
    assert f"{attended}." in appendix and f"{attended + 1}." not in appendix.split("Undangan yang tidak hadir")[0]


def test_signature_column_zigzags(demo_pdf):
    """Odd numbers sit in the left half of the Tanda Tangan column, even numbers in the right."""
    path, _ = demo_pdf
    words = pdftools.words(path)
    header = next(w for w in words if w.text == "Tanda")  # "Tanda Tangan", centred over the column
    sign_numbers = [
        w
        for w in words
        if w.page == header.page and w.x0 > header.x0 - 20 and w.text.endswith(".") and w.text[:-1].isdigit()
    ]
    odd = [w.x0 for w in sign_numbers if int(w.text.rstrip(".")) % 2]
    even = [w.x0 for w in sign_numbers if not int(w.text.rstrip(".")) % 2]
    assert len(odd) >= 3 and len(even) >= 3
    assert max(odd) + 25 < min(even)


def test_only_embedded_fonts(demo_pdf):
    path, _ = demo_pdf
    fonts = pdftools.fonts(path)
    assert fonts
    assert all(f.embedded for f in fonts), fonts
    assert not any("Helvetica" in f.name for f in fonts)
    assert {f.name.split("+")[-1] for f in fonts} >= {"Arimo", "Arimo-Bold"}


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.276, 841.89)), ("f4", (609.449, 935.433))])
def test_paper_sizes(demo_db, tmp_path, paper, size):
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        result = export_minutes(session, meeting_id, tmp_path / f"{paper}.pdf", paper=paper)
    store.close()
    width, height = pdftools.page_size(result.path)
    assert width == pytest.approx(size[0], abs=0.01) and height == pytest.approx(size[1], abs=0.01)


def test_metadata_names_the_meeting_and_where_each_signer_signs(demo_pdf, demo_db):
    path, result = demo_pdf
    bundle = load(demo_db)
    meta = read_metadata(path)
    assert meta is not None
    assert meta.meeting_uuid == bundle.meeting.uuid
    assert meta.revision == bundle.meeting.revision
    assert meta.content_sha256 == content_sha256(bundle)
    assert set(meta.boxes) == {"chair", "secretary"}
    chair, secretary = meta.boxes["chair"], meta.boxes["secretary"]
    assert chair.page == secretary.page == result.boxes["chair"].page
    assert chair.x1 < secretary.x0  # chair left, minute taker right, side by side
    assert chair.y0 == pytest.approx(secretary.y0)
    for box in (chair, secretary):
        assert 150 < box.x1 - box.x0 < 230 and 60 < box.y1 - box.y0 < 80
        assert box.x0 > 0 and box.x1 < 595.3 and box.y0 > 0 and box.y1 < 841.9


def test_signature_boxes_lie_between_the_caption_and_the_name(demo_pdf):
    """The recorded box is where the page really leaves room: under "Notulis," and above the name."""
    path, result = demo_pdf
    box = result.boxes["secretary"]
    height = 841.89
    words = [w for w in pdftools.words(path) if w.page == box.page]
    caption = next(w for w in words if w.text == "Notulis,")
    name = next(w for w in words if w.text == "Anggraini,")
    top_of_box = height - box.y1  # pdftotext measures from the top
    bottom_of_box = height - box.y0
    assert caption.y1 <= top_of_box + 1
    assert name.y0 >= bottom_of_box - 1
    assert box.x0 <= name.x0 and name.x1 <= box.x1 + 40


def test_signature_block_kept_with_its_place_and_date(demo_pdf):
    path, result = demo_pdf
    page = pdftools.pages(path)[result.boxes["chair"].page]
    for text in (
        "Lubuklinggau, 21 November 2024",
        "Pimpinan Rapat,",
        "Notulis,",
        "Antonius Frizky, S.C.P.",
        "NIP 19920325 201503 2 000",
    ):
        assert text in page


def test_photos_printed_upright_in_the_dokumentasi(demo_pdf, tmp_path):
    path, _ = demo_pdf
    pages = pdftools.pages(path)
    photo_page = next(i for i, page in enumerate(pages) if "DOKUMENTASI" in page) + 1
    flat = pdftools.flat(pages[photo_page - 1])
    assert "Foto 1. Pembukaan rapat oleh Ketua Tim PORA" in flat
    assert "Foto 2. Paparan Kanwil" in flat
    assert "Foto 3. Diskusi antaranggota & tanya jawab <sesi 2>" in flat
    on_page = [i for i in pdftools.images(path) if i.page == photo_page]
    # (the demo's "CONTOH"/"DRAF" watermark is a picture with a soft mask; the photos have none)
    masked = {(i.width, i.height) for i in on_page if i.kind == "smask"}
    photos = [i for i in on_page if i.kind == "image" and (i.width, i.height) not in masked]
    assert len(photos) == 3
    assert photos[1].height > photos[1].width  # EXIF orientation 6: taken upright, stored sideways
    assert photos[0].width > photos[0].height
    # and the right way up: the white arrow of the generated scene is at the top of the picture
    pictures = pdftools.extract_images(path, photo_page, tmp_path)
    picture = next(p for p in pictures if p.size == (photos[1].width, photos[1].height)).convert("L")
    width, height = picture.size
    top = picture.crop((int(width * 0.46), int(height * 0.22), int(width * 0.54), int(height * 0.28)))
    bottom = picture.crop((int(width * 0.4), int(height * 0.72), int(width * 0.6), int(height * 0.85)))
    assert ImageStat.Stat(top).mean[0] > 200
    assert ImageStat.Stat(bottom).mean[0] < 150


def test_without_attendance_the_photos_become_lampiran_i(demo_db, tmp_path):
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        result = export_minutes(session, meeting_id, tmp_path / "x.pdf", include_attendance=False)
    store.close()
    flat = pdftools.flat(pdftools.text(result.path))
    assert "DAFTAR HADIR" not in flat
    assert "daftar hadir terlampir" not in flat and "14 orang" in flat
    assert "LAMPIRAN I " in flat and "LAMPIRAN II" not in flat and "DOKUMENTASI" in flat
