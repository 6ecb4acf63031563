"""Photos for print: turned upright (EXIF), scaled once when attached, stored as JPEG.

Pictures come from other people's files (an imported package, a photo from a phone), so they are
opened only as JPEG or PNG: Pillow would otherwise hand an EPS "photo" to Ghostscript. Their size
in pixels is checked before a pixel is decoded, so a small file cannot claim gigabytes of memory.
"""

from __future__ import annotations

import io
import mimetypes
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from app.i18n import _
from app.services.errors import FormatError, ValidationError

#: Long side of the print copy: sharp at 200 dpi across half an A4 page, small in the PDF.
PRINT_LONG_SIDE = 1200
PRINT_QUALITY = 82

#: The only formats a picture is opened as (Pillow names) and the media types they are stored under.
PICTURE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
PHOTO_MEDIA_TYPES = frozenset(PICTURE_FORMATS.values())

#: 50 megapixels: more than any phone writes by default; a PNG this size decodes in ~200 MB.
MAX_PIXELS = 50_000_000
MAX_SIDE = 20_000
# Every other Pillow use in the process (reportlab reading a stored signature) refuses past
# twice this, and warns past it, instead of Pillow's own 89/179 megapixels.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def open_picture(content: bytes) -> Image.Image:
    """The picture, opened lazily as JPEG or PNG only; its size is checked before decoding."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content), formats=list(PICTURE_FORMATS))
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError) as exc:
        raise FormatError(_("The file is not a JPEG or PNG picture.")) from exc
    width, height = image.size
    if width < 1 or height < 1 or width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        image.close()
        raise FormatError(
            _("The picture is too large ({width} × {height} pixels; at most {limit} megapixels).").format(
                width=width, height=height, limit=MAX_PIXELS // 1_000_000
            )
        )
    return image


#: A signature or an emblem: a small picture printed on every copy.
MAX_SMALL_PICTURE_BYTES = 2 * 1024 * 1024


def clean_small_picture(content: object, *, field: str, label: str) -> bytes | None:
    """A signature or emblem as stored: None, or JPEG/PNG bytes of at most 2 MB that decode."""
    if content is None or content == b"":
        return None
    if not isinstance(content, bytes):
        raise ValidationError(_("{label} must be a JPEG or PNG picture.").format(label=label), field=field)
    if len(content) > MAX_SMALL_PICTURE_BYTES:
        raise ValidationError(_("{label} is larger than 2 MB.").format(label=label), field=field)
    try:
        check_picture(content)
    except FormatError as exc:
        raise ValidationError(f"{label}: {exc}", field=field) from None
    return content


def check_picture(content: bytes) -> str:
    """Decode the whole picture once (a damaged one fails here, not in a PDF); its media type."""
    with open_picture(content) as image:
        media_type = PICTURE_FORMATS[image.format or ""]  # opened as JPEG or PNG only
        try:
            image.draft("RGB", (PRINT_LONG_SIDE, PRINT_LONG_SIDE))
            image.load()
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise FormatError(_("The picture is damaged.")) from exc
    return media_type


def make_print_copy(content: bytes, *, long_side: int = PRINT_LONG_SIDE) -> tuple[bytes, int, int]:
    """(jpeg bytes, width, height) of the photo as it should print, at most `long_side` pixels long."""
    image = open_picture(content)
    try:
        with image, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.draft("RGB", (long_side, long_side))  # fast JPEG downscale on decode
            # Turned and converted in place: each copy of a phone's photo costs milliseconds, and
            # an import makes the print copy of every photo again (a package's own is not trusted).
            ImageOps.exif_transpose(image, in_place=True)
            upright = image if image.mode == "RGB" else image.convert("RGB")
            upright.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=PRINT_QUALITY, optimize=True)
            return out.getvalue(), upright.width, upright.height
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
    ) as exc:
        raise FormatError(_("The file is not a picture that can be printed.")) from exc


def sniff_picture(content: bytes) -> str | None:
    """image/jpeg or image/png from the first bytes, else None."""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def sniff_media_type(content: bytes, filename: str) -> str:
    """The media type the content shows (JPEG, PNG, PDF); otherwise guessed from the name."""
    picture = sniff_picture(content)
    if picture:
        return picture
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    guessed = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    # A name saying .jpg or .pdf over content that is not one is not believed.
    if guessed in PHOTO_MEDIA_TYPES or guessed == "application/pdf":
        return "application/octet-stream"
    return guessed


#: Media types the content itself proves; a file declaring one must show it.
SNIFFED_MEDIA_TYPES = PHOTO_MEDIA_TYPES | {"application/pdf"}
