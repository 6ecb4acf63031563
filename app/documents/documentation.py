"""Lampiran II, Dokumentasi: the meeting's photos in a two-column grid with their captions.

Photos are printed from their print copy (turned upright and scaled once, when attached), so
an export never decodes a 12-megapixel original.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.platypus import Flowable, Image, Table

from app.documents import wording
from app.documents.markup import Markup
from app.documents.page import COVERS_WATERMARK
from app.documents.paragraph import Para
from app.documents.styles import Stylesheet, plain
from app.models.enums import AttachmentKind
from app.services.records import AttachmentRecord

COLUMNS = 2
GAP = 6 * mm
MAX_PHOTO_HEIGHT = 68 * mm


def printable_photos(attachments: tuple[AttachmentRecord, ...]) -> list[AttachmentRecord]:
    return [
        a for a in attachments if a.kind is AttachmentKind.PHOTO and a.print_image and a.print_width and a.print_height
    ]


class Photo(Flowable):
    """A print copy (JPEG) placed in the PDF as it is: no decoding, no re-encoding.

    reportlab's own drawImage decodes every picture to name it by a hash of its pixels; the
    attachment's hash names it here, which keeps an export with many photos quick.
    """

    def __init__(self, jpeg: bytes, key: str, width: float, height: float, *, box_height: float) -> None:
        super().__init__()
        self.hAlign = "CENTER"
        self._jpeg, self._name = jpeg, f"photo{key}"
        self._picture = (width, height)
        # Every photo of a row stands in a box of the same height, centred, so captions line up.
        self.width, self.height = width, box_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        document = canvas._doc
        registered = document.getXObjectName(self._name)
        if document.idToObject.get(registered) is None:
            image = PDFImageXObject(self._name, ImageReader(io.BytesIO(self._jpeg)))
            canvas._setXObjects(image)
            document.Reference(image, registered)
            document.addForm(self._name, image)
        width, height = self._picture
        canvas.saveState()
        canvas.translate(0, (self.height - height) / 2)
        canvas.scale(width, height)
        canvas._code.append(f"/{registered} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self._name)
        canvas._currentPageHasImages = 1


def _fitted(photo: AttachmentRecord, cell_width: float) -> tuple[float, float]:
    assert photo.print_width and photo.print_height  # printable_photos() keeps only those with a print copy
    scale = min(cell_width / photo.print_width, MAX_PHOTO_HEIGHT / photo.print_height)
    return photo.print_width * scale, photo.print_height * scale


def _photo_cell(
    number: int, photo: AttachmentRecord, styles: Stylesheet, markup: Markup, cell_width: float, *, box_height: float
) -> list[Flowable]:
    width, height = _fitted(photo, cell_width)
    assert photo.print_image  # printable_photos() keeps only those with a print copy
    if photo.print_image.startswith(b"\xff\xd8"):
        image: Flowable = Photo(photo.print_image, photo.sha256[:16], width, height, box_height=box_height)
    else:  # print copies are JPEG; anything else goes the long way
        image = Image(io.BytesIO(photo.print_image), width=width, height=height)
    caption = wording.PHOTO_CAPTION.format(number=number)
    if photo.caption:
        caption = f"{caption}. {markup(photo.caption)}"
    return [image, Para(caption, styles.caption)]


def photo_grid(photos: list[AttachmentRecord], styles: Stylesheet, markup: Markup, width: float) -> Table:
    """Rows of two photos; a row is never split, the grid breaks between rows."""
    cell_width = (width - GAP * (COLUMNS - 1)) / COLUMNS
    cells: list[object] = []
    for start in range(0, len(photos), COLUMNS):
        row = photos[start : start + COLUMNS]
        box = max(_fitted(p, cell_width)[1] for p in row)  # the tallest photo of the row sets its height
        cells += [
            _photo_cell(start + n, p, styles, markup, cell_width, box_height=box) for n, p in enumerate(row, start=1)
        ]
    rows = [cells[i : i + COLUMNS] for i in range(0, len(cells), COLUMNS)]
    if len(rows[-1]) < COLUMNS:
        rows[-1] = rows[-1] + [""] * (COLUMNS - len(rows[-1]))
    widths = []
    for column in range(COLUMNS):
        widths += [cell_width] if column == 0 else [GAP, cell_width]
    data = [[cell for pair in zip(row, [""] * COLUMNS) for cell in pair][:-1] for row in rows]
    return Table(
        data,
        colWidths=widths,
        style=plain(
            styles,
            extra=[
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 18),
            ],
        ),
    )


class ScanPage(Photo):
    """A page of the signed daftar hadir's scan, as large as the page's text area allows.

    Fitted to the space left on the page when that is at least half the text area (the first
    page under the Lampiran heading), else to a whole next page, with its proportions kept.
    """

    def __init__(self, jpeg: bytes, key: str, pixels: tuple[int, int], *, frame_height: float) -> None:
        super().__init__(jpeg, key, 1, 1, box_height=1)
        self._pixels = pixels
        self._frame_height = frame_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        room = available_height if available_height >= self._frame_height / 2 else self._frame_height
        room -= 2  # a rounding point short of the frame, so a whole page always takes it
        px_width, px_height = self._pixels
        scale = min(available_width / px_width, room / px_height)
        self._picture = (px_width * scale, px_height * scale)
        self.width, self.height = self._picture
        return self.width, self.height

    def draw(self) -> None:
        super().draw()
        # a hairline round the scan: where the paper ends on a white scan
        self.canv.setLineWidth(0.3)
        self.canv.rect(0, 0, self.width, self.height)
        # "DRAF" / "CONTOH" stay readable over the scan (page.py draws them again at the page's end)
        setattr(self.canv, COVERS_WATERMARK, True)
