"""Unmistakable drafts and examples, on the real files (pdftotext, zbarimg, rendered pages).

A draft carries "DRAF" across every page (a picture behind the text) and in every footer (as
text), and no verification code; final, "Siap TTE" and signed minutes carry neither. The demo
meetings say "CONTOH" on every page and "(contoh)" beside every invented person.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from PIL import Image, ImageChops

from app.db import open_store
from app.documents.exports import export_attendance_sheet, export_minutes
from app.documents.metadata import read_metadata
from app.services import attendance, directory, meetings
from app.services.errors import UserError
from app.services.revisions import finalize_meeting
from app.signing.pades import prepare_for_tte
from tests.support import pdftools


def render(pdf, page: int, folder, *, dpi: int = 60) -> Image.Image:
    stem = folder / f"{pdf.stem}-{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return Image.open(f"{stem}.png").convert("L")


def scan(image_path) -> str:
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image_path)], capture_output=True, text=True)
    return result.stdout.strip()


@pytest.fixture(scope="module")
def draft_and_final(demo_db, tmp_path_factory):
    """The demo minutes as a draft, then the same meeting final: (draft.pdf, final.pdf)."""
    import shutil

    folder = tmp_path_factory.mktemp("draft")
    path, meeting_id = demo_db
    db = folder / "store.sqlite"
    shutil.copy(path, db)
    store = open_store(db)
    with store.session() as session:
        draft = export_minutes(session, meeting_id, folder / "draft.pdf").path
        finalize_meeting(session, meeting_id)
        final = export_minutes(session, meeting_id, folder / "final.pdf").path
    store.close()
    return draft, final


def test_every_page_of_a_draft_says_draf_and_the_final_none(draft_and_final):
    draft, final = draft_and_final
    draft_pages, final_pages = pdftools.pages(draft), pdftools.pages(final)
    assert len(draft_pages) == len(final_pages) > 3
    assert all("DRAF" in page.split() for page in draft_pages)
    assert not any("DRAF" in page.split() for page in final_pages)
    # The watermark is one picture on every page ("CONTOH" and "DRAF" on the demo's draft,
    # "CONTOH" alone once it is final).
    drafts = {(i.page, i.width, i.height) for i in pdftools.images(draft) if i.kind == "smask"}
    finals = {(i.page, i.width, i.height) for i in pdftools.images(final) if i.kind == "smask"}
    assert {page for page, *_size in drafts} == {page for page, *_size in finals} == set(range(1, len(draft_pages) + 1))
    assert {(w, h) for _page, w, h in drafts}.isdisjoint({(w, h) for _page, w, h in finals})
    assert read_metadata(draft).draft and not read_metadata(final).draft


def test_the_watermark_lies_behind_the_text_and_hides_none_of_it(draft_and_final, tmp_path):
    draft, final = draft_and_final
    for page in (1, 3):
        marked, clean = render(draft, page, tmp_path, dpi=72), render(final, page, tmp_path, dpi=72)
        # Light grey where the final page is white: the watermark is there, and light.
        greyed = ImageChops.subtract(clean, marked)
        assert greyed.getbbox() is not None
        width, height = marked.size
        centre = marked.crop((width // 3, height // 3, 2 * width // 3, 2 * height // 3))
        assert sum(centre.histogram()[200:236]) > 0
        # Every dark pixel of the final page (the text, the rules) is as dark on the draft.
        # (strokes, not their anti-aliased edges: those blend with whatever lies behind them)
        dark_in_final = clean.point(lambda v: 255 if v < 60 else 0)
        light_in_draft = marked.point(lambda v: 255 if v >= 100 else 0)
        assert dark_in_final.getbbox() is not None
        assert ImageChops.multiply(dark_in_final, light_in_draft).getbbox() is None


def test_a_draft_has_no_verification_code_and_the_final_one_has(draft_and_final, tmp_path):
    draft, final = draft_and_final
    page = read_metadata(final).boxes["chair"].page + 1
    for pdf, expected in ((draft, False), (final, True)):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "200",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(pdf),
                str(tmp_path / pdf.stem),
            ],
            check=True,
        )
        assert bool(scan(tmp_path / f"{pdf.stem}.png")) is expected


def test_a_draft_is_neither_signed_nor_made_siap_tte(draft_and_final, tmp_path):
    draft, final = draft_and_final
    with pytest.raises(UserError, match="draf"):
        prepare_for_tte(draft, tmp_path / "draft-siap-tte.pdf")
    assert not (tmp_path / "draft-siap-tte.pdf").exists()
    prepare_for_tte(final, tmp_path / "siap-tte.pdf")
    assert not any("DRAF" in page.split() for page in pdftools.pages(tmp_path / "siap-tte.pdf"))


def test_signing_a_draft_pdf_is_refused(draft_and_final, tmp_path):
    from app.signing.minutes import sign_minutes
    from tests.support.signing import PASSPHRASE, make_certificate, write_p12

    draft, _final = draft_and_final
    key, cert = make_certificate()
    p12 = write_p12(tmp_path / "kantor.p12", key, cert)
    with pytest.raises(UserError, match="draf"):
        sign_minutes(
            draft,
            p12=p12,
            passphrase=PASSPHRASE,
            role="chair",
            target=tmp_path / "ttd.pdf",
            db=str(tmp_path / "none.sqlite"),
        )
    assert not (tmp_path / "ttd.pdf").exists()


# --- examples ----------------------------------------------------------------------------------


def test_the_demo_says_contoh_on_every_page_and_beside_every_invented_person(draft_and_final, demo_db, tmp_path):
    _draft, final = draft_and_final
    pages = pdftools.pages(final)
    assert all("CONTOH:" in page and "rekaan" in page for page in pages)
    flat = pdftools.flat(pdftools.text(final))
    assert "Dewi Anggraini, S.Kom. (contoh)" in flat  # the invented minute taker
    assert "Antonius Frizky, S.C.P. (contoh)" not in flat and "Antonius Frizky, S.C.P." in flat  # a real chair
    path, meeting_id = demo_db
    store = open_store(path)
    with store.session() as session:
        sheet = export_attendance_sheet(session, meeting_id, tmp_path / "hadir.pdf").path
    store.close()
    sheet_pages = pdftools.pages(sheet)
    assert all("CONTOH:" in page for page in sheet_pages)
    assert "(contoh)" in pdftools.flat(pdftools.text(sheet))


def test_a_meeting_of_real_people_is_no_example(store, tmp_path):
    with store.session() as session:
        chair = directory.create_person(session, name="Budi Santoso, S.H.", position="Kepala Kantor")
        meeting = meetings.create_meeting(
            session, title="Rapat Koordinasi Tim PORA", date=dt.date(2025, 3, 6), chair_id=chair.id
        )
        attendance.invite_person(session, meeting.id, chair.id)
        finalize_meeting(session, meeting.id)
        pdf = export_minutes(session, meeting.id, tmp_path / "notulen.pdf").path
        second = meetings.create_meeting(session, title="Rapat berikutnya", date=dt.date(2025, 6, 5), chair_id=chair.id)
        draft = export_minutes(session, second.id, tmp_path / "draf.pdf").path
    text = pdftools.text(pdf)
    assert "CONTOH" not in text and "(contoh)" not in text and "DRAF" not in text.split()
    assert "Budi Santoso, S.H." in text
    assert [i for i in pdftools.images(pdf) if i.kind == "smask"] == []
    draft_pages = pdftools.pages(draft)
    assert all("DRAF" in page.split() and "CONTOH" not in page for page in draft_pages)
    assert {i.page for i in pdftools.images(draft) if i.kind == "smask"} == set(range(1, len(draft_pages) + 1))
