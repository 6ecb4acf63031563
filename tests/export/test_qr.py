"""The verification QR code scans back to the meeting's uuid, revision and content hash."""

from __future__ import annotations

import subprocess

import pytest

from app.documents.qr import parse_payload, qr_png, verification_payload
from tests.export.signing_support import MEETING_UUID, minutes_pdf

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
