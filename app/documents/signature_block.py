"""The signature block: place and date, then "Pimpinan Rapat," and "Notulis," side by side.

Each signer's space is a `MarkedSpace` that notes, while it is drawn, where on which page it
landed; those boxes go into the PDF's metadata so signing can put its field exactly there.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer, Table

from app.documents import wording
from app.documents.markup import Markup
from app.documents.metadata import SignatureBox
from app.documents.paragraph import Para
from app.documents.styles import Stylesheet, plain
from app.services.validation import NIP_LENGTH, format_id_number

SIGN_WIDTH = 62 * mm
SIGN_HEIGHT = 24 * mm
QR_SIZE = 24 * mm

Recorder = Callable[[str, SignatureBox], None]


@dataclass(frozen=True)
class Signatory:
    """Who signs in one column, as printed under the signature."""

    role: str
    caption: str
    position: str = ""
    name: str = ""
    rank: str = ""
    id_number: str = ""
    signature_image: bytes | None = None


class MarkedSpace(Flowable):
    """A fixed box that records its absolute place on the page when drawn; may hold an image."""

    def __init__(self, key: str, width: float, height: float, *, record: Recorder, image: bytes | None = None) -> None:
        super().__init__()
        self.key = key
        self.width, self.height = width, height
        self.hAlign = "CENTER"
        self._record = record
        self._image = image

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x0, y0 = canvas.absolutePosition(0, 0)
        x1, y1 = canvas.absolutePosition(self.width, self.height)
        page = getattr(canvas, "page_index", canvas.getPageNumber() - 1)
        self._record(self.key, SignatureBox(page, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        if self._image:
            self._draw_image(canvas)

    def _draw_image(self, canvas: Any) -> None:
        try:
            reader = ImageReader(io.BytesIO(self._image or b""))
            width, height = reader.getSize()
        except Exception:  # an unreadable scan leaves the space for a wet signature
            return
        scale = min(self.width / width, self.height / height)
        w, h = width * scale, height * scale
        canvas.drawImage(reader, (self.width - w) / 2, (self.height - h) / 2, w, h, mask="auto")


def id_line(number: str) -> str:
    """'NIP 19800101 200501 1 001' for a civil servant, 'NRP 80071234' for police and military."""
    if not number:
        return ""
    label = wording.NIP if len(number) == NIP_LENGTH and number.isdigit() else wording.NRP
    return f"{label} {format_id_number(number)}"


def _column(person: Signatory, styles: Stylesheet, markup: Markup) -> list[list]:
    name = f"<u>{markup(person.name)}</u>" if person.name else markup(wording.NAME_BLANK)
    return [
        [Para(markup(person.caption), styles.sign)],
        [Para(markup(person.position), styles.sign)] if person.position else [],
        [Para(name, styles.sign_name)],
        [Para(markup(person.rank), styles.sign)] if person.rank else [],
        [Para(markup(id_line(person.id_number)), styles.sign)] if person.id_number else [],
    ]


def signature_block(
    chair: Signatory,
    secretary: Signatory,
    *,
    place_date: str,
    styles: Stylesheet,
    markup: Markup,
    width: float,
    record: Recorder,
    qr_png: bytes | None = None,
    qr_caption: str = wording.QR_CAPTION,
) -> list[Flowable]:
    """The foot of the minutes: a space, then one table from the place-and-date line to the NIPs.

    The caller keeps the list together on one page (with the text before it); a KeepTogether is
    not returned here because reportlab cannot measure one KeepTogether nested in another.
    """
    half = width / 2
    columns = [_column(person, styles, markup) for person in (chair, secretary)]
    spaces = [
        MarkedSpace(p.role, min(SIGN_WIDTH, half - 4 * mm), SIGN_HEIGHT, record=record, image=p.signature_image)
        for p in (chair, secretary)
    ]
    rows = [
        ["", Para(markup(place_date), styles.sign)],
        [columns[0][0], columns[1][0]],
        [columns[0][1], columns[1][1]],
        [spaces[0], spaces[1]],
        [columns[0][2], columns[1][2]],
        [columns[0][3], columns[1][3]],
        [columns[0][4], columns[1][4]],
    ]
    extra: list[tuple[object, ...]] = [
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]
    if qr_png:
        # The hook for signing's verification code: centred under both signers.
        rows.append([MarkedSpace("qr", QR_SIZE, QR_SIZE, record=record, image=qr_png), ""])
        rows.append([Para(qr_caption, styles.caption), ""])
        extra += [("SPAN", (0, 7), (1, 7)), ("SPAN", (0, 8), (1, 8)), ("TOPPADDING", (0, 7), (-1, 7), 6)]
    table = Table(rows, colWidths=[half, half], style=plain(styles, extra=extra))
    return [Spacer(1, 8 * mm), table]
