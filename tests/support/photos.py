"""Photos for the PDF tests: generated images, and three of them on the demo meeting."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from app.services.attachments import add_attachment

EXIF_ORIENTATION = 0x0112


def photo_bytes(
    width: int,
    height: int,
    *,
    colour: tuple[int, int, int],
    label: str,
    fmt: str = "JPEG",
    orientation: int | None = None,
) -> bytes:
    """A generated picture: a gradient, a label and a white arrow pointing at its top.

    With orientation 6 the scene is stored as a phone held upright stores it: turned a quarter
    anticlockwise, with the tag saying "turn me clockwise to show me".
    """
    image = Image.new("RGB", (width, height), colour)
    pen = ImageDraw.Draw(image)
    for y in range(0, height, max(1, height // 40)):
        shade = tuple(int(c * (0.6 + 0.4 * y / height)) for c in colour)
        pen.rectangle((0, y, width, y + height // 40), fill=shade)
    pen.polygon([(width / 2, height * 0.1), (width * 0.4, height * 0.3), (width * 0.6, height * 0.3)], fill="white")
    pen.text((width * 0.1, height * 0.8), label, fill="white")
    out = io.BytesIO()
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)
    if orientation is not None:
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = orientation
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def add_demo_photos(session, meeting_id: int) -> None:
    """Three photos through the attachment service, one stored sideways with an EXIF orientation tag."""
    add_attachment(
        session,
        meeting_id,
        filename="pembukaan.jpg",
        content=photo_bytes(1600, 1200, colour=(70, 110, 160), label="pembukaan"),
        caption="Pembukaan rapat oleh Ketua Tim PORA",
    )
    # An upright 1200 x 1600 scene stored sideways (1600 x 1200) with EXIF orientation 6. Prints portrait.
    add_attachment(
        session,
        meeting_id,
        filename="paparan.jpg",
        content=photo_bytes(1200, 1600, colour=(150, 90, 60), label="paparan", orientation=6),
        caption="Paparan Kanwil",
    )
    add_attachment(
        session,
        meeting_id,
        filename="diskusi.png",
        content=photo_bytes(900, 600, colour=(60, 130, 80), label="diskusi", fmt="PNG"),
        caption="Diskusi antaranggota & tanya jawab <sesi 2>",
    )
