"""PAdES signatures on minutes PDFs, checked by pyHanko and independently by poppler's pdfsig."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from app.documents.metadata import read_metadata
from app.services.errors import FormatError
from app.signing.appearance import SignerDetails
from app.signing.certificates import create_office_certificate, load_identity
from app.signing.fields import FIELD_NAMES
from app.signing.pades import SigningError, prepare_for_tte, sign_file
from app.signing.verification import Trust, verify
from tests.support.signing import (
    CHAIR,
    PASSPHRASE,
    SECRETARY,
    flip_byte,
    make_certificate,
    minutes_pdf,
    pdfsig,
    plain_pdf,
    write_p12,
)

CHAIR_DETAILS = SignerDetails(CHAIR.name, CHAIR.position, CHAIR.nip)
SECRETARY_DETAILS = SignerDetails(SECRETARY.name, SECRETARY.position, SECRETARY.nip)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("office") / "kantor.p12"
    create_office_certificate("Kantor Imigrasi Kelas II Non TPI Muara Enim", PASSPHRASE, path)
    return load_identity(path, PASSPHRASE)


@pytest.fixture(scope="module")
def signed_pair(tmp_path_factory, office):
    """The minutes signed by the chair, then by the secretary: (unsigned, after chair, after both)."""
    folder = tmp_path_factory.mktemp("signed")
    unsigned = folder / "notulen.pdf"
    minutes_pdf(unsigned, pages=3)
    first = sign_file(unsigned, office, role="chair", details=CHAIR_DETAILS, target=folder / "ttd1.pdf", zone="WIB")
    # The secretary signs with her own key: one certificate never signs both boxes.
    key, cert = make_certificate(common="Siti Nurhaliza")
    secretary = load_identity(write_p12(folder / "notulis.p12", key, cert), PASSPHRASE)
    second = sign_file(
        first.path, secretary, role="secretary", details=SECRETARY_DETAILS, target=folder / "ttd2.pdf", zone="WIB"
    )
    return unsigned, first.path, second.path


def _field_rects(path: Path) -> dict[str, tuple[float, ...]]:
    reader = PdfFileReader(io.BytesIO(path.read_bytes()))
    return {
        name: tuple(round(float(v), 2) for v in ref.get_object()["/Rect"])
        for name, _value, ref in fields.enumerate_sig_fields(reader)
    }


def _words(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """Words on a page with their boxes in PDF points, origin top left (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, html)]


# --- validity -------------------------------------------------------------------------------------


def test_pyhanko_says_each_signature_is_intact(signed_pair):
    _unsigned, _first, both = signed_pair
    report = verify(both)
    assert [s.role for s in report.signatures] == ["chair", "secretary"]
    assert all(s.intact and s.problem == "" for s in report.signatures)
    assert all(s.trust is Trust.SELF_ISSUED for s in report.signatures)
    assert report.signatures[0].signer_name == "Kantor Imigrasi Kelas II Non TPI Muara Enim"
    assert report.all_intact and report.empty_fields == ()


def test_pdfsig_says_both_signatures_are_valid(signed_pair):
    _unsigned, _first, both = signed_pair
    verdicts = pdfsig(both)
    assert [v["Signature Field Name"] for v in verdicts] == [FIELD_NAMES["chair"], FIELD_NAMES["secretary"]]
    assert [v["Signature Validation"] for v in verdicts] == ["Signature is Valid.", "Signature is Valid."]
    assert all(v["Signature Type"] == "ETSI.CAdES.detached" for v in verdicts)


def test_the_second_signature_is_an_incremental_update(signed_pair):
    _unsigned, first, both = signed_pair
    first_bytes, both_bytes = first.read_bytes(), both.read_bytes()
    assert both_bytes.startswith(first_bytes)  # the chair's file is untouched inside the final one
    ranges = pdfsig(both)[0]["Signed Ranges"]
    assert int(re.findall(r"\d+", ranges)[-1]) == len(first_bytes)


def test_the_metadata_survives_signing(signed_pair):
    unsigned, _first, both = signed_pair
    assert read_metadata(both.read_bytes()) == read_metadata(unsigned.read_bytes())


def test_one_flipped_byte_is_reported_by_pyhanko_and_pdfsig(signed_pair, tmp_path):
    _unsigned, _first, both = signed_pair
    damaged = tmp_path / "rusak.pdf"
    damaged.write_bytes(both.read_bytes())
    # A byte of page text inside the first signed range: covered by both signatures.
    offset = damaged.read_bytes().index(b"stream", 2000) + 40
    flip_byte(damaged, offset)
    report = verify(damaged)
    assert not report.all_intact
    assert [s.problem for s in report.signatures] == ["isi yang ditandatangani telah diubah"] * 2
    assert [v["Signature Validation"] for v in pdfsig(damaged)] == ["Digest Mismatch."] * 2


# --- placement and looks ----------------------------------------------------------------------


def test_each_signature_field_is_exactly_its_box(signed_pair):
    unsigned, _first, both = signed_pair
    boxes = read_metadata(unsigned.read_bytes()).boxes
    rects = _field_rects(both)
    for role, box in boxes.items():
        assert rects[FIELD_NAMES[role]] == (box.x0, box.y0, box.x1, box.y1)


def test_the_appearance_text_is_inside_the_box_legible_and_not_letter_spaced(signed_pair):
    unsigned, _first, both = signed_pair
    metadata = read_metadata(unsigned.read_bytes())
    page_height = 841.89
    text = subprocess.run(
        ["pdftotext", "-f", "3", "-l", "3", "-layout", str(both), "-"], capture_output=True, text=True
    ).stdout
    assert text.count("Ditandatangani secara elektronik oleh:") == 2
    assert "Sertifikat kantor swaterbit, bukan TTE tersertifikasi (PP 71/2019)" in text
    assert "NIP 19800101 200501 1 001" in text and "Waktu:" in text
    before = {w for w in _words(unsigned, 3)}
    added = [w for w in _words(both, 3) if w not in before]
    assert any(w[0] == "Ditandatangani" for w in added)
    # Letter-spaced text comes out of pdftotext as one-letter words. Only letters count: the
    # digits of a date ("2 Desember") or of a NIP ("200501 1 001") are one-character words too.
    assert [w[0] for w in added if len(w[0]) == 1 and w[0].isalpha()] == []
    assert {"Keimigrasian", "Nurhaliza,", "swaterbit,", "Waktu:", "WIB"} <= {w[0] for w in added}
    for word, x0, top, x1, bottom in added:
        inside = [
            box
            for box in metadata.boxes.values()
            if box.x0 <= x0 and x1 <= box.x1 and page_height - box.y1 <= top and bottom <= page_height - box.y0
        ]
        assert inside, f"{word!r} lies outside every signature box"


def test_signing_changes_pixels_only_inside_the_boxes(signed_pair, tmp_path):
    """Rendered at 60 dpi: the signed page differs from the unsigned one only within the boxes."""
    unsigned, _first, both = signed_pair
    metadata = read_metadata(unsigned.read_bytes())
    for name, path in (("before", unsigned), ("after", both)):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "3", "-l", "3", str(path), str(tmp_path / name)], check=True
        )
    before = Image.open(next(tmp_path.glob("before*.png"))).convert("L")
    after = Image.open(next(tmp_path.glob("after*.png"))).convert("L")
    diff = ImageChops.difference(before, after).point(lambda v: 255 if v > 40 else 0)
    scale = 60 / 72
    changed_outside = diff.copy()
    for box in metadata.boxes.values():
        left, top = int(box.x0 * scale) - 1, int((841.89 - box.y1) * scale) - 1
        right, bottom = int(box.x1 * scale) + 2, int((841.89 - box.y0) * scale) + 2
        assert diff.crop((left, top, right, bottom)).getbbox() is not None  # something was drawn there
        changed_outside.paste(0, (left, top, right, bottom))
    assert changed_outside.getbbox() is None


# --- refusals: one clear message, no output ----------------------------------------------------


def _refused(tmp_path: Path, source: Path, identity, role: str, message: str, error=SigningError) -> None:
    target = tmp_path / "hasil.pdf"
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(error) as raised:
        sign_file(source, identity, role=role, details=CHAIR_DETAILS, target=target)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no half-written temp file either


def test_a_file_that_is_not_a_pdf(tmp_path, office):
    text = tmp_path / "notulen.pdf"
    text.write_text("ini bukan PDF")
    _refused(tmp_path, text, office, "chair", "notulen.pdf bukan berkas PDF.", FormatError)


def test_a_pdf_that_is_not_our_minutes(tmp_path, office):
    foreign = tmp_path / "surat.pdf"
    plain_pdf(foreign)
    _refused(tmp_path, foreign, office, "chair", "PDF ini bukan notulen buatan Notulen Timpora")


def test_a_signed_pdf_with_a_flipped_byte_is_not_signed_again(signed_pair, tmp_path, office):
    _unsigned, first, _both = signed_pair
    changed = tmp_path / "diubah.pdf"
    changed.write_bytes(first.read_bytes())
    flip_byte(changed, changed.read_bytes().index(b"stream", 2000) + 40)
    _refused(tmp_path, changed, office, "secretary", "telah diubah setelah ditandatangani")


def test_a_signed_pdf_edited_afterwards_is_not_signed_again(signed_pair, tmp_path, office):
    """Someone appends an update that draws over the first page: the chair's signature no longer holds."""
    _unsigned, first, _both = signed_pair
    writer = IncrementalPdfFileWriter(io.BytesIO(first.read_bytes()))
    patch = writer.add_object(generic.StreamObject(stream_data=b"q 1 1 1 rg 60 600 400 80 re f Q"))
    writer.add_stream_to_page(0, patch)
    edited = tmp_path / "disunting.pdf"
    buffer = io.BytesIO()
    writer.write(buffer)
    edited.write_bytes(buffer.getvalue())
    report = verify(edited)
    assert report.signatures[0].problem == "berkas diubah setelah tanda tangan ini"
    _refused(tmp_path, edited, office, "secretary", "telah diubah setelah ditandatangani")


def test_the_same_role_cannot_sign_twice(signed_pair, tmp_path, office):
    _unsigned, first, _both = signed_pair
    _refused(tmp_path, first, office, "chair", "sudah menandatangani berkas ini")


# --- other certificates ------------------------------------------------------------------------


def test_a_ca_certificate_is_reported_trusted_only_with_its_root(tmp_path):
    from app.signing.verification import load_trust_roots
    from tests.support.signing import make_ca

    ca_key, ca_cert = make_ca()
    key, cert = make_certificate(issuer=(ca_cert, ca_key))
    identity = load_identity(write_p12(tmp_path / "bsre.p12", key, cert, cas=[ca_cert]), PASSPHRASE)
    source = tmp_path / "notulen.pdf"
    minutes_pdf(source, pages=1)
    signed = sign_file(source, identity, role="chair", details=CHAIR_DETAILS, target=tmp_path / "ttd.pdf")
    assert verify(signed.path).signatures[0].trust is Trust.UNKNOWN_CA
    root = tmp_path / "root.pem"
    root.write_bytes(ca_cert.public_bytes(__import__("cryptography").hazmat.primitives.serialization.Encoding.PEM))
    trusted = verify(signed.path, trust_roots=load_trust_roots([root]))
    assert trusted.signatures[0].trust is Trust.TRUSTED and trusted.all_intact
    text = subprocess.run(["pdftotext", str(signed.path), "-"], capture_output=True, text=True).stdout
    assert "swaterbit" not in text  # only self-issued certificates carry the warning


# --- Siap TTE --------------------------------------------------------------------------------------


def test_prepare_for_tte_puts_empty_fields_in_the_boxes_and_they_can_be_signed(tmp_path, office):
    source = tmp_path / "notulen.pdf"
    metadata = minutes_pdf(source, pages=2)
    ready = tmp_path / "siap-tte.pdf"
    assert prepare_for_tte(source, ready) == ["chair", "secretary"]
    rects = _field_rects(ready)
    assert rects == {FIELD_NAMES[r]: (b.x0, b.y0, b.x1, b.y1) for r, b in metadata.boxes.items()}
    report = verify(ready)
    assert report.signatures == () and set(report.empty_fields) == set(FIELD_NAMES.values())
    assert not report.all_intact  # nothing signed yet is not "valid"
    # A tool that fills the prepared field: here our own signer does it.
    signed = sign_file(ready, office, role="chair", details=CHAIR_DETAILS, target=tmp_path / "ttd.pdf")
    after = verify(signed.path)
    assert after.all_intact and after.empty_fields == (FIELD_NAMES["secretary"],)
    assert _field_rects(signed.path) == rects
    verdicts = pdfsig(signed.path)
    assert [v.get("Signature Validation") for v in verdicts] == ["Signature is Valid.", None]
    assert verdicts[1]["Signed"] == "no"
    with pytest.raises(SigningError, match="sudah memiliki kolom tanda tangan"):
        prepare_for_tte(ready, tmp_path / "lagi.pdf")
    assert not (tmp_path / "lagi.pdf").exists()


def test_a_signature_box_off_the_pages_is_refused(tmp_path, office):
    from reportlab.pdfgen.canvas import Canvas

    from app.documents.metadata import MinutesMetadata, SignatureBox, stamp

    source = tmp_path / "aneh.pdf"
    canvas = Canvas(str(source))
    canvas.drawString(72, 720, "Notulen satu halaman")
    stamp(
        canvas,
        MinutesMetadata(
            "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b", 1, "5" * 64, {"chair": SignatureBox(4, 72, 250, 272, 320)}
        ),
    )
    canvas.save()
    _refused(tmp_path, source, office, "chair", "tidak berada pada halamannya")


def test_the_original_is_never_overwritten(tmp_path, office):
    source = tmp_path / "notulen.pdf"
    minutes_pdf(source, pages=1)
    before = source.read_bytes()
    with pytest.raises(SigningError, match="nama lain"):
        sign_file(source, office, role="chair", details=CHAIR_DETAILS, target=source)
    assert source.read_bytes() == before


def test_the_appearance_covers_a_scanned_signature_in_the_box(tmp_path, office):
    """The renderer may have drawn a scan in the box; the signature's text must not sit on it."""
    source = tmp_path / "notulen.pdf"
    metadata = minutes_pdf(source, pages=1, scanned_signature=True)
    signed = sign_file(source, office, role="chair", details=CHAIR_DETAILS, target=tmp_path / "ttd.pdf")
    box = metadata.boxes["chair"]
    scale = 100 / 72

    def red_pixels(path: Path) -> int:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-singlefile", str(path), str(tmp_path / path.stem)], check=True
        )
        image = Image.open(tmp_path / f"{path.stem}.png").convert("RGB")
        inset = (box.x0 * scale + 2, (841.89 - box.y1) * scale + 2, box.x1 * scale - 2, (841.89 - box.y0) * scale - 2)
        area = image.crop(tuple(int(v) for v in inset))
        red, green, blue = area.split()
        mask = ImageChops.multiply(
            ImageChops.multiply(
                red.point(lambda v: 255 if v > 200 else 0), green.point(lambda v: 255 if v < 80 else 0)
            ),
            blue.point(lambda v: 255 if v < 80 else 0),
        )
        return mask.histogram()[255]

    assert red_pixels(source) > 100
    assert red_pixels(signed.path) == 0
