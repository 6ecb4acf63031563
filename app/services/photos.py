"""Photos for print: turned upright (EXIF), scaled once when attached, stored as JPEG."""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from app.i18n import _
from app.services.errors import FormatError

#: Long side of the print copy: sharp at 200 dpi across half an A4 page, small in the PDF.
PRINT_LONG_SIDE = 1200
PRINT_QUALITY = 82


def make_print_copy(content: bytes) -> tuple[bytes, int, int]:
    """(jpeg bytes, width, height) of the photo as it should print."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.draft("RGB", (PRINT_LONG_SIDE, PRINT_LONG_SIDE))  # fast JPEG downscale on decode
            upright = ImageOps.exif_transpose(image)
            upright = upright.convert("RGB")
            upright.thumbnail((PRINT_LONG_SIDE, PRINT_LONG_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=PRINT_QUALITY, optimize=True)
            return out.getvalue(), upright.width, upright.height
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise FormatError(_("The file is not a picture that can be printed.")) from exc


def sniff_media_type(content: bytes, filename: str) -> str:
    if content.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG"):
        return "image/png"
    if content.startswith(b"%PDF"):
        return "application/pdf"
    import mimetypes

    return mimetypes.guess_type(filename)[0] or "application/octet-stream"
