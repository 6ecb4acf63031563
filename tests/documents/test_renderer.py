"""The renderer on plain records: office choices (emblem, font), classification, the QR hook."""

from __future__ import annotations

import dataclasses
import io

import pytest
from PIL import Image

from app.db import open_store
from app.documents.attendance_sheet import render_attendance_sheet
from app.documents.minutes import render_minutes
from app.models.enums import Classification, DocumentFont, MeetingStatus
from app.services.printed import verification_code
from app.services.records import content_sha256, load_bundle, office_record
from tests.support import pdftools


@pytest.fixture(scope="module")
def records(demo_db):
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        bundle, office = load_bundle(session, meeting_id), office_record(session)
    store.close()
    return bundle, office


def write(tmp_path, data: bytes, name: str = "x.pdf"):
    target = tmp_path / name
    target.write_bytes(data)
    return target


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def final_real(bundle):
    """The records as a final meeting of real people: no watermark images on the pages."""
    return dataclasses.replace(
        bundle,
        meeting=dataclasses.replace(bundle.meeting, status=MeetingStatus.FINAL),
        persons=tuple(dataclasses.replace(p, is_example=False) for p in bundle.persons),
    )


def first_page_images(path):
    return [(i.width, i.height) for i in pdftools.images(path) if i.page == 1 and i.kind == "image"]


def test_no_emblem_is_invented_when_the_office_has_none(records, tmp_path):
    bundle, office = records
    assert office.emblem is None
    path = write(tmp_path, render_minutes(final_real(bundle), office).data)
    assert first_page_images(path) == []
    assert office.office_name in pdftools.text(path)


def test_the_offices_own_emblem_is_printed(records, tmp_path):
    bundle, office = records
    path = write(tmp_path, render_minutes(final_real(bundle), dataclasses.replace(office, emblem=png(123, 150))).data)
    assert first_page_images(path) == [(123, 150)]


def test_a_damaged_emblem_prints_no_emblem(records, tmp_path):
    bundle, office = records
    path = write(
        tmp_path, render_minutes(final_real(bundle), dataclasses.replace(office, emblem=b"not a picture")).data
    )
    assert first_page_images(path) == []
    assert office.office_name in pdftools.text(path)


def test_times_twin_when_the_office_chooses_serif(records, tmp_path):
    bundle, office = records
    path = write(tmp_path, render_minutes(bundle, dataclasses.replace(office, font=DocumentFont.SERIF)).data)
    names = {f.name.split("+")[-1] for f in pdftools.fonts(path)}
    assert "Tinos" in names and "Tinos-Bold" in names and not any("Arimo" in n for n in names)
    assert all(f.embedded for f in pdftools.fonts(path))


def test_an_ordinary_meeting_carries_no_classification_mark(records, tmp_path):
    bundle, office = records
    ordinary = dataclasses.replace(
        bundle, meeting=dataclasses.replace(bundle.meeting, classification=Classification.ORDINARY)
    )
    text = pdftools.text(write(tmp_path, render_minutes(ordinary, office).data))
    assert "TERBATAS" not in text and "RAHASIA" not in text


def test_secret_meetings_are_marked_on_every_page(records, tmp_path):
    bundle, office = records
    secret = dataclasses.replace(
        bundle, meeting=dataclasses.replace(bundle.meeting, classification=Classification.TOP_SECRET)
    )
    pages = pdftools.pages(write(tmp_path, render_minutes(secret, office).data))
    assert all(page.count("SANGAT RAHASIA") == 2 for page in pages)


def test_qr_hook_draws_the_code_under_the_signatures(records, tmp_path):
    bundle, office = records
    # (only final minutes carry a code: a draft's would claim what the draft is not)
    bundle = dataclasses.replace(bundle, meeting=dataclasses.replace(bundle.meeting, status=MeetingStatus.FINAL))
    plain = render_minutes(bundle, office)
    rendered = render_minutes(bundle, office, qr_png=png(41, 41))
    assert rendered.qr_box is not None and plain.qr_box is None
    chair, qr = rendered.boxes["chair"], rendered.qr_box
    assert qr.page == chair.page
    assert qr.y1 < chair.y0  # below the signature spaces
    assert (
        rendered.boxes["chair"].x1 < qr.x0 + (qr.x1 - qr.x0) / 2 < rendered.boxes["secretary"].x0
    )  # centred between them
    path = write(tmp_path, rendered.data)
    assert any((i.width, i.height) == (41, 41) for i in pdftools.images(path))
    # The caption says what the code is and what it proves; no "keaslian" it cannot prove.
    text = pdftools.flat(pdftools.text(path))
    assert f"Kode verifikasi {verification_code(content_sha256(bundle))} (revisi 1)" in text
    assert "Kode ini menunjukkan isi notulen yang dicetak" in text and "bukan tanda tangan" in text
    assert "keaslian" not in text


def test_scanned_signature_image_goes_into_the_signature_space(records, tmp_path):
    bundle, office = records
    secretary = bundle.secretary
    signed = dataclasses.replace(
        bundle,
        persons=tuple(
            dataclasses.replace(p, signature_image=png(400, 160)) if p.uuid == secretary.uuid else p
            for p in bundle.persons
        ),
    )
    path = write(tmp_path, render_minutes(signed, office).data)
    assert any((i.width, i.height) == (400, 160) for i in pdftools.images(path))


def test_the_attendance_sheet_renders_from_records_alone(records, tmp_path):
    bundle, office = records
    sheet = render_attendance_sheet(bundle, office, paper="f4")
    path = write(tmp_path, sheet.data)
    assert sheet.pages == int(pdftools.info(path)["Pages"])
    assert pdftools.page_size(path) == pytest.approx((609.449, 935.433), abs=0.01)
    for number, page in enumerate(pdftools.pages(path), start=1):
        assert f"Halaman {number} dari {sheet.pages}" in page


@pytest.mark.parametrize("extra", range(0, 40, 4))
def test_signatures_never_leave_the_closing_or_their_date_behind(records, tmp_path, extra):
    """However much text comes before, the closing, the date line and both signers share a page."""
    from app.services.records import ConclusionRecord

    bundle, office = records
    more = tuple(
        ConclusionRecord(uuid=f"c{n}", position=10 + n, text="Kesimpulan tambahan untuk menggeser blok tanda tangan.")
        for n in range(extra)
    )
    moved = dataclasses.replace(
        bundle,
        meeting=dataclasses.replace(bundle.meeting, conclusions=bundle.meeting.conclusions + more, attachments=()),
    )
    rendered = render_minutes(moved, office, include_attendance=False)
    pages = pdftools.pages(write(tmp_path, rendered.data))
    page = pages[rendered.boxes["chair"].page]
    for text in (
        "G. Penutup",
        "Rapat ditutup pukul 12.30 WIB",
        "Lubuklinggau, 21 November 2024",
        "Pimpinan Rapat,",
        "Notulis,",
        "Antonius Frizky, S.C.P.",
        "Dewi Anggraini, S.Kom.",
    ):
        assert text in page, (extra, text)
    assert rendered.boxes["secretary"].page == rendered.boxes["chair"].page
