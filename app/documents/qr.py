"""The verification QR code printed near the signature block: meeting, revision, content hash.

The payload is one upper-case line, 'TIMPORA:NOTULEN:<uuid>:REV:<n>:SHA256:<hex>': every character
is in QR's alphanumeric set, so the code stays small (version 6, 41 modules) and scans from a
2.5 cm print. It proves which record a printout was made from; it is not an electronic signature.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import segno

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
