"""The verification QR code printed under the signatures of final and signed minutes.

It carries a sentence a phone shows as it is: 'Notula rapat <nomor>, revisi 1, kode verifikasi
7K3Q-M9XD'. The code is derived from the content hash (app/services/printed.py), so the office's
store finds the revision it names (`find_by_code`), and a person can type it from the paper. The
full meeting uuid and hash stay in the PDF's metadata, where `timpora verify` reads them.

Minutes printed before carry the machine line 'TIMPORA:NOTULEN:<uuid>:REV:<n>:SHA256:<hex>';
`parse_payload` still reads it. Neither is an electronic signature.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import segno

from app.i18n import _
from app.services.errors import UserError
from app.services.printed import normal_code, verification_code

#: What the code says, in the words printed on the page (Indonesian whatever the window speaks).
READABLE = "Notula rapat {name}, revisi {revision}, kode verifikasi {code}"
_READABLE = re.compile(
    r"^Notula rapat (?P<name>.*), revisi (?P<revision>[0-9]{1,6}), kode verifikasi (?P<code>[0-9A-Za-z-]{8,9})$",
    re.DOTALL,
)
#: A meeting number, as printed in the code; a longer one is cut (the code still names the revision).
MAX_NAME = 80

_PAYLOAD = re.compile(
    r"^TIMPORA:NOTULEN:(?P<uuid>[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})"
    r":REV:(?P<revision>[0-9]{1,6}):SHA256:(?P<hash>[0-9A-F]{64})$"
)


@dataclass(frozen=True)
class VerificationCode:
    meeting_uuid: str
    revision: int
    content_sha256: str


def verification_payload(meeting_uuid: str, revision: int, content_sha256: str) -> str:
    """'TIMPORA:NOTULEN:<UUID>:REV:<n>:SHA256:<HEX>' (upper case: QR alphanumeric mode)."""
    return f"TIMPORA:NOTULEN:{meeting_uuid}:REV:{int(revision)}:SHA256:{content_sha256}".upper()


@dataclass(frozen=True)
class ReadableCode:
    """What a readable code names: the meeting as printed, its revision, the verification code."""

    name: str
    revision: int
    code: str


def readable_payload(name: str, revision: int, content_sha256: str) -> str:
    """'Notula rapat W6.IMI-1121, revisi 1, kode verifikasi 7K3Q-M9XD' (one line)."""
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        name = name[: MAX_NAME - 1] + "…"
    return READABLE.format(name=name, revision=int(revision), code=verification_code(content_sha256))


def parse_readable(text: str) -> ReadableCode | None:
    """The readable code in a scanned or pasted text, or just the 'XXXX-XXXX' typed from paper."""
    text = (text or "").strip()
    match = _READABLE.match(text)
    if match is None:
        code = normal_code(text)
        return ReadableCode(name="", revision=0, code=code) if code else None
    code = normal_code(match["code"])
    if code is None:
        return None
    return ReadableCode(name=match["name"], revision=int(match["revision"]), code=code)


def parse_payload(payload: str) -> VerificationCode | None:
    """The code a scanned payload carries, or None if it is not one of ours."""
    match = _PAYLOAD.match(payload.strip().upper())
    if match is None:
        return None
    return VerificationCode(
        meeting_uuid=match["uuid"].lower(), revision=int(match["revision"]), content_sha256=match["hash"].lower()
    )


def qr_png(payload: str, *, scale: int = 8) -> bytes:
    """A black-on-white PNG of the code, `scale` pixels per module, with the standard quiet zone.

    Error correction M survives a smudged printout; a large scale keeps the modules sharp
    when the renderer shrinks the image to about 2.5 cm.
    """
    code = segno.make(payload, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


#: A photo from a phone is a few megapixels; anything far larger is not a picture of a page.
MAX_PICTURE_BYTES = 60 * 1024 * 1024


def read_code_from_picture(path: Path | str) -> str:
    """The text of the QR code in a photo or scan of a printed page (PNG, JPEG …).

    zxing-cpp finds the code anywhere in the picture, turned or tilted. One clear UserError when
    the file is no picture or holds no QR code.
    """
    import zxingcpp
    from PIL import Image, ImageOps, UnidentifiedImageError

    path = Path(path)
    try:
        if path.stat().st_size > MAX_PICTURE_BYTES:
            raise UserError(_("{name} is too large to be a photo or scan of a page.").format(name=path.name))
        with Image.open(path) as opened:
            picture = ImageOps.exif_transpose(opened).convert("L")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        raise UserError(_("{name} cannot be read as a picture.").format(name=path.name)) from None
    for found in zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
        if found.text:
            return found.text
    raise UserError(
        _("No QR code was found in {name}; take the photo closer and straighter, or type the code.").format(
            name=path.name
        )
    )
