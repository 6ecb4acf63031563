"""The verification QR code: a sentence a phone shows, whose code finds the record; old codes still read."""

from __future__ import annotations

import subprocess

import pytest

from app.documents.qr import parse_payload, parse_readable, qr_png, readable_payload, verification_payload
from app.services.printed import normal_code, verification_code
from tests.support.signing import MEETING_UUID, minutes_pdf

DIGEST = "0f" * 32


def zbar(path) -> list[str]:
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(path)], capture_output=True, text=True, timeout=60)
    return [line for line in result.stdout.splitlines() if line]


def test_payload_round_trip_and_foreign_text():
    payload = verification_payload(MEETING_UUID, 3, DIGEST)
    assert payload == f"TIMPORA:NOTULEN:{MEETING_UUID.upper()}:REV:3:SHA256:{DIGEST.upper()}"
    code = parse_payload(payload)
    assert (code.meeting_uuid, code.revision, code.content_sha256) == (MEETING_UUID, 3, DIGEST)
    assert parse_payload(payload.lower()) == code  # scanners may fold case
    for foreign in ("https://example.org", "TIMPORA:NOTULEN:xyz:REV:1:SHA256:00", ""):
        assert parse_payload(foreign) is None


def test_the_readable_payload_round_trip_and_the_code_as_typed():
    payload = readable_payload("W6.IMI.IMI.12-GR.01.01-1121", 2, DIGEST)
    code = verification_code(DIGEST)
    assert payload == f"Notula rapat W6.IMI.IMI.12-GR.01.01-1121, revisi 2, kode verifikasi {code}"
    assert len(code) == 9 and code[4] == "-" and not set(code) & set("ILOU")
    assert verification_code("1" + DIGEST[1:]) != code  # the first bits of the hash decide it
    read = parse_readable(payload)
    assert (read.name, read.revision, read.code) == ("W6.IMI.IMI.12-GR.01.01-1121", 2, code)
    # typed from paper: lower case, a space instead of the dash, O for 0 and I/L for 1
    sloppy = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normal_code(sloppy) == code
    assert parse_readable(sloppy).code == code
    for foreign in ("https://example.org", "Notula rapat x, revisi satu, kode verifikasi ABCD-EFGH", "", "ABC"):
        assert parse_readable(foreign) is None


def test_a_long_meeting_number_is_cut_not_the_code():
    payload = readable_payload("N" * 300, 1, DIGEST)
    assert len(payload) < 140
    assert parse_readable(payload).code == verification_code(DIGEST)


def test_the_png_decodes_with_zbarimg(tmp_path):
    payload = verification_payload(MEETING_UUID, 1, DIGEST)
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png(payload))
    assert zbar(png) == [payload]


@pytest.mark.parametrize("dpi", [150, 300])
def test_the_code_printed_in_the_minutes_scans_back(tmp_path, dpi):
    """Drawn 2.5 cm wide near the signature block, rendered like a scan of the printout."""
    payload = verification_payload(MEETING_UUID, 2, DIGEST)
    pdf = tmp_path / "notulen.pdf"
    minutes_pdf(pdf, pages=2, revision=2, content_sha256=DIGEST, qr_png=qr_png(payload))
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "2", "-l", "2", str(pdf), str(tmp_path / "page")], check=True
    )
    [decoded] = zbar(next(tmp_path.glob("page*.png")))
    code = parse_payload(decoded)
    assert (code.meeting_uuid, code.revision, code.content_sha256) == (MEETING_UUID, 2, DIGEST)


def test_the_code_is_read_from_a_photo_of_the_printed_page(tmp_path):
    """A scan at 150 dpi, and a phone's photo: turned, smaller, JPEG; a picture without a code says so."""
    from PIL import Image, ImageFilter

    from app.documents.qr import read_code_from_picture
    from app.services.errors import UserError

    payload = readable_payload("W6.IMI.IMI.12-GR.01.01-1121", 2, DIGEST)
    pdf = tmp_path / "notulen.pdf"
    minutes_pdf(pdf, pages=1, revision=2, content_sha256=DIGEST, qr_png=qr_png(payload))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(tmp_path / "scan")], check=True)
    scan = tmp_path / "scan.png"
    assert read_code_from_picture(scan) == payload
    photo = tmp_path / "foto.jpg"
    page = Image.open(scan).convert("RGB")
    page = page.rotate(-7, expand=True, fillcolor=(120, 110, 100)).filter(ImageFilter.GaussianBlur(0.6))
    page.save(photo, quality=70)
    assert parse_readable(read_code_from_picture(photo)).code == verification_code(DIGEST)
    blank = tmp_path / "kosong.png"
    Image.new("RGB", (400, 300), "white").save(blank)
    with pytest.raises(UserError, match="kode QR"):
        read_code_from_picture(blank)
    junk = tmp_path / "bukan.jpg"
    junk.write_bytes(b"not a picture at all")
    with pytest.raises(UserError, match="tidak dapat dibaca sebagai gambar"):
        read_code_from_picture(junk)
