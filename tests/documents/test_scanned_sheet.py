"""Lampiran I as the scan of the daftar hadir signed at the meeting (issue 16).

The scan's pages enter the minutes as pictures (services/scanned_sheet.py), so they are found
again by decoding a QR code drawn on each page of the scanned PDF from the images of the
minutes, in order; a hostile file is refused whole.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
import segno
import zxingcpp
from pypdf import PdfReader
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.documents.exports import export_minutes
from app.models import Attachment
from app.models.enums import AttachmentKind
from app.services.errors import FormatError, LockedError, UserError
from app.services.office import update_office
from app.services.printed import printed_record
from app.services.records import content_sha256, load_bundle
from app.services.revisions import finalize_meeting
from app.services.scanned_sheet import MAX_SCAN_PAGES, attach_signed_sheet, signed_sheet
from tests.support import pdftools
from tests.support.photos import photo_bytes
from tests.support.postgres import both_backends

#: the tests run in Indonesian (conftest.py), as the app does by default
REFUSED = "tidak dapat dilampirkan sebagai daftar hadir yang ditandatangani"
NONE_ATTACHED = "rapat ini belum memilikinya"


def scan_pdf(pages: int = 2, *, extra: str = "") -> bytes:
    """A scanner's PDF: on every page a line of text and a QR code naming the page."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595, 842))
    for n in range(1, pages + 1):
        canvas.setFont("Helvetica", 20)
        canvas.drawString(72, 760, f"LEMBAR TANDA TANGAN {n}")
        qr = io.BytesIO()
        segno.make(f"SCAN-PAGE-{n}", error="h").save(qr, kind="png", scale=10)
        canvas.drawImage(ImageReader(io.BytesIO(qr.getvalue())), 150, 300, 300, 300)
        canvas.showPage()
    canvas.save()
    data = out.getvalue()
    return data.replace(b"%%EOF", extra.encode() + b"\n%%EOF") if extra else data


def qr_texts(pdf: Path, folder: Path) -> list[str]:
    """The text of every QR code on every picture of the PDF, page by page."""
    found = []
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        (folder / str(page)).mkdir(parents=True)
        for picture in pdftools.extract_images(pdf, page, folder / str(page)):
            with picture:
                found += [f"{page}:{r.text}" for r in zxingcpp.read_barcodes(picture.convert("L"))]
    return found


def export(store, meeting_id, target: Path, **options) -> Path:
    with store.session() as session:
        export_minutes(session, meeting_id, target, attendance_appendix="scan", **options)
    return target


def test_a_two_page_pdf_scan_is_lampiran_one_page_by_page(demo_store, tmp_path):
    meeting = demo_store.demo_meeting_id
    with demo_store.session() as session:
        pages_before = export_minutes(session, meeting, tmp_path / "plain.pdf", attendance_appendix="present_list")
        attach_signed_sheet(session, meeting, filename="daftar-hadir-ttd.pdf", content=scan_pdf(2))
    pdf = export(demo_store, meeting, tmp_path / "notula.pdf")
    reader = PdfReader(pdf)
    text = pdftools.pages(pdf)
    first = next(i for i, page in enumerate(text) if "pindaian lembar yang ditandatangani" in page)
    assert "LAMPIRAN I" in text[first] and "DAFTAR HADIR" in text[first]
    # the heading page carries the first scanned page, the second gets a page of its own; the
    # list of those present is not printed besides
    assert len(reader.pages) == first + 2
    assert "DAFTAR PESERTA YANG HADIR" not in " ".join(text)
    assert pages_before.pages >= first + 1
    found = qr_texts(pdf, tmp_path / "images")
    assert found == [f"{first + 1}:SCAN-PAGE-1", f"{first + 2}:SCAN-PAGE-2"]
    # "Halaman X dari Y" counts the scanned pages too
    assert f"Halaman {len(reader.pages)} dari {len(reader.pages)}" in text[-1]
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)


def test_a_photo_of_the_sheet_is_one_picture_on_the_lampiran_page(demo_store, tmp_path):
    meeting = demo_store.demo_meeting_id
    photo = photo_bytes(1500, 2000, colour=(200, 190, 170), label="daftar hadir", orientation=6)
    with demo_store.session() as session:
        attach_signed_sheet(session, meeting, filename="IMG_2041.jpg", content=photo)
    pdf = export(demo_store, meeting, tmp_path / "notula.pdf")
    text = pdftools.pages(pdf)
    page = next(i for i, t in enumerate(text, start=1) if "pindaian lembar yang ditandatangani" in t)
    # (the other picture on every page of the demo is its "CONTOH" mark, with its soft mask)
    pictures = [(row.width, row.height) for row in pdftools.images(pdf) if row.page == page and row.kind == "image"]
    # the photo, turned upright as the phone was held (stored 2000 × 1500, tagged to be turned)
    assert (1500, 2000) in pictures and (2000, 1500) not in pictures
    assert len(text) == page  # nothing follows the photo but the documentation, which has none here


@both_backends
@pytest.mark.parametrize(
    "name, content, reason",
    [
        (
            "script.pdf",
            scan_pdf(1, extra="1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"),
            "skrip atau isian formulir",
        ),
        ("tipu.pdf", b"MZ\x90\x00 not a pdf at all", "bukan PDF"),
        ("rusak.pdf", b"%PDF-1.7\n garbage without objects\n%%EOF", "tidak dapat dibuka"),
        ("kosong.pdf", b"", "berkas kosong"),
    ],
)
def test_a_hostile_or_broken_file_is_refused_and_nothing_changes(demo_store, name, content, reason):
    meeting = demo_store.demo_meeting_id
    with demo_store.session() as session:
        attach_signed_sheet(session, meeting, filename="asli.pdf", content=scan_pdf(1))
        before = content_sha256(load_bundle(session, meeting))
    with demo_store.session() as session, pytest.raises(FormatError) as refused:
        attach_signed_sheet(session, meeting, filename=name, content=content)
    assert REFUSED in str(refused.value) and reason in str(refused.value)
    with demo_store.session() as session:
        assert signed_sheet(session, meeting).filename == "asli.pdf"
        assert content_sha256(load_bundle(session, meeting)) == before


def test_a_pdf_claiming_ten_thousand_pages_is_refused_before_any_is_drawn(demo_store):
    """A page tree saying /Count 10000: refused on the count, without a page being loaded."""
    data = scan_pdf(1)
    claimed = data.replace(b"/Count 1", b"/Count 10000")
    assert claimed != data
    with demo_store.session() as session, pytest.raises(FormatError) as refused:
        attach_signed_sheet(session, demo_store.demo_meeting_id, filename="banyak.pdf", content=claimed)
    message = str(refused.value)
    assert REFUSED in message and f"paling banyak {MAX_SCAN_PAGES}" in message


def test_the_refusal_reads_in_english_too(demo_store):
    from app.i18n import set_language

    set_language("en")
    try:
        with demo_store.session() as session, pytest.raises(FormatError) as refused:
            attach_signed_sheet(session, demo_store.demo_meeting_id, filename="x.pdf", content=b"bukan pdf")
    finally:
        set_language("id")
    assert str(refused.value) == (
        "x.pdf cannot be attached as the signed attendance list: it is neither a PDF nor a JPEG or PNG picture."
    )


@both_backends
def test_one_scan_per_meeting_and_the_content_hash_follows_it(demo_store):
    meeting = demo_store.demo_meeting_id
    with demo_store.session() as session:
        without = content_sha256(load_bundle(session, meeting))
        attach_signed_sheet(session, meeting, filename="a.pdf", content=scan_pdf(1))
        first = content_sha256(load_bundle(session, meeting))
        attach_signed_sheet(session, meeting, filename="b.pdf", content=scan_pdf(2))
        second = content_sha256(load_bundle(session, meeting))
        kinds = [a.kind for a in load_bundle(session, meeting).meeting.attachments]
    assert len({without, first, second}) == 3
    assert kinds.count(AttachmentKind.SIGNED_SHEET) == 1


@both_backends
def test_a_scan_swapped_under_a_final_revision_is_not_printed(demo_store, tmp_path):
    meeting = demo_store.demo_meeting_id
    with demo_store.session() as session:
        attach_signed_sheet(session, meeting, filename="asli.pdf", content=scan_pdf(2))
        finalize_meeting(session, meeting)
    with demo_store.session() as session, pytest.raises(LockedError):
        attach_signed_sheet(session, meeting, filename="lain.pdf", content=scan_pdf(1))
    pdf = export(demo_store, meeting, tmp_path / "final.pdf")
    scanned = [t.split(":")[1] for t in qr_texts(pdf, tmp_path / "a") if ":SCAN-" in t]
    assert scanned == ["SCAN-PAGE-1", "SCAN-PAGE-2"]
    # the bytes changed behind the app's back, hash column kept: printed no more
    with demo_store.session() as session:
        row = session.get(Attachment, signed_sheet(session, meeting).id)
        row.content = scan_pdf(1)
    with demo_store.session() as session:
        assert printed_record(session, meeting).bundle.meeting.attachments[-1].content is None
        with pytest.raises(UserError, match=NONE_ATTACHED):
            export_minutes(session, meeting, tmp_path / "swapped.pdf", attendance_appendix="scan")


def test_the_office_setting_chooses_the_scan_and_refuses_without_one(demo_store, tmp_path):
    meeting = demo_store.demo_meeting_id
    with demo_store.session() as session:
        update_office(session, attendance_appendix="scan")
    with demo_store.session() as session, pytest.raises(UserError, match=NONE_ATTACHED):
        export_minutes(session, meeting, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    with demo_store.session() as session:
        attach_signed_sheet(session, meeting, filename="a.pdf", content=scan_pdf(1))
        export_minutes(session, meeting, tmp_path / "x.pdf")
    assert "pindaian lembar yang ditandatangani" in pdftools.text(tmp_path / "x.pdf")


def test_a_drafts_watermark_is_drawn_again_over_the_scanned_pages_only(demo_store, tmp_path):
    """The scan is an opaque picture: "DRAF"/"CONTOH" must not vanish under it on a draft."""
    import pikepdf

    with demo_store.session() as session:
        attach_signed_sheet(session, demo_store.demo_meeting_id, filename="a.pdf", content=scan_pdf(2))
    pdf = export(demo_store, demo_store.demo_meeting_id, tmp_path / "draf.pdf")
    with pikepdf.open(pdf) as document:
        drawn = [
            [
                "photo" if "photo" in str(op.operands[0]) else "mark"
                for op in pikepdf.parse_content_stream(page)
                if str(op.operator) == "Do" and ("Watermark" in str(op.operands[0]) or "photo" in str(op.operands[0]))
            ]
            for page in document.pages
        ]
    assert drawn[-2:] == [["mark", "photo", "mark"]] * 2
    assert all(page == ["mark"] for page in drawn[:-2])
    # ... and over the scan multiplied in, so the signatures under it keep their ink
    with pikepdf.open(pdf) as document:
        page = document.pages[-1]
        stream = pikepdf.parse_content_stream(page)
        photo = next(i for i, op in enumerate(stream) if str(op.operator) == "Do" and "photo" in str(op.operands[0]))
        states = [str(op.operands[0]) for op in stream[photo:] if str(op.operator) == "gs"]
        blends = {str(page.Resources.ExtGState[name].get("/BM")) for name in states}
    assert blends == {"/Multiply"}


def plain_scan(grey: float) -> bytes:
    """A scanned page all of one grey: 0 is a sheet covered in ink, 1 a blank sheet."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(595, 842))
    canvas.setFillGray(grey)
    canvas.rect(0, 0, 595, 842, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def centre_of_last_page(pdf: Path, folder: Path):
    """The middle of the last page (inside the scan, on the watermark's diagonal), rendered grey."""
    from PIL import Image

    pages = len(PdfReader(pdf).pages)
    stem = folder / "last"
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-png",
            "-r",
            "40",
            "-f",
            str(pages),
            "-l",
            str(pages),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    with Image.open(stem.with_suffix(".png")) as page:
        width, height = page.size
        middle = page.convert("L").crop((int(width * 0.35), int(height * 0.35), int(width * 0.65), int(height * 0.65)))
        return middle.getextrema()


@pytest.mark.parametrize("paper", ["a4", "f4"])
def test_the_watermark_over_a_scan_shows_on_its_paper_and_never_covers_its_ink(demo_store, tmp_path, paper):
    """Multiplied in, as ink on paper: a sheet covered in ink stays black under the letters (a
    signature they cross stays readable), while a blank sheet shows the grey "DRAF"."""
    meeting = demo_store.demo_meeting_id
    extremes = {}
    for name, grey in (("ink", 0), ("blank", 1)):
        with demo_store.session() as session:
            attach_signed_sheet(session, meeting, filename=f"{name}.pdf", content=plain_scan(grey))
        pdf = export(demo_store, meeting, tmp_path / f"{name}.pdf", paper=paper)
        (tmp_path / name).mkdir()
        extremes[name] = centre_of_last_page(pdf, tmp_path / name)
    darkest, lightest = extremes["ink"]
    assert lightest < 40, extremes  # painted normally, the letters' grey (219) would lie over the ink
    darkest, lightest = extremes["blank"]
    assert lightest > 245 and darkest < 235, extremes  # white paper, and the grey letters on it
