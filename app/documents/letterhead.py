"""The kop surat: emblem, ministry / directorate / office lines, address and contacts, a double rule."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Table

from app.documents import wording
from app.documents.markup import Markup
from app.documents.paragraph import Para
from app.documents.styles import RULE, Stylesheet, plain
from app.services.records import OfficeRecord

if TYPE_CHECKING:
    from app.models.enums import Paper

EMBLEM_HEIGHT = 22 * mm
EMBLEM_COLUMN = 25 * mm


class DoubleRule(Flowable):
    """The kop's closing rule: a thick line over a thin one."""

    def __init__(self, width: float, *, thick: float = 2.2, thin: float = 0.7, gap: float = 1.8) -> None:
        super().__init__()
        self.width = width
        self._thick, self._thin, self._gap = thick, thin, gap
        self.height = thick + gap + thin

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        top = self.height - self._thick / 2
        canvas.setLineWidth(self._thick)
        canvas.line(0, top, self.width, top)
        canvas.setLineWidth(self._thin)
        canvas.line(0, self._thin / 2, self.width, self._thin / 2)


def emblem_image(data: bytes | None, *, height: float = EMBLEM_HEIGHT) -> Image | None:
    """The office's emblem scaled to the kop's height; None if it has none or it is unreadable.

    No emblem is ever invented: a lambang on an official kop is the office's to choose, and a
    made-up seal would make a page look more official than it is.
    """
    if not data:
        return None
    try:
        width, pixels_high = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # a damaged emblem must not stop the minutes from printing
        return None
    return Image(io.BytesIO(data), width=height * width / pixels_high, height=height)


def contact_line(office: OfficeRecord) -> str:
    """'Telepon ..., Laman ..., Pos-el ...': each label held to its value by a no-break space,
    so a line never ends in "Pos-el" with the address on the next."""
    parts = [
        f"{label}\u00a0{value}"
        for label, value in (
            (wording.KOP_PHONE, office.phone),
            (wording.KOP_WEBSITE, office.website),
            (wording.KOP_EMAIL, office.email),
        )
        if value
    ]
    return ", ".join(parts)


def has_letterhead(office: OfficeRecord) -> bool:
    from app.services.office import has_letterhead as office_has_letterhead

    return office_has_letterhead(office)


def letterhead(office: OfficeRecord, styles: Stylesheet, markup: Markup, width: float) -> list[Flowable]:
    """The kop surat flowables for the top of the first page (nothing if the office is not set up)."""
    if not has_letterhead(office):
        return []
    emblem = emblem_image(office.emblem)
    # Without an emblem the lines are centred on the whole width, as a kop without a lambang is.
    side = max(EMBLEM_COLUMN, emblem.drawWidth + 3 * mm) if emblem is not None else 0
    text_width = width - side
    lines: list[Flowable] = []
    for text in (office.ministry, office.directorate, office.regional_office):
        if text:
            lines.append(Para(_kop_line(markup(text), styles.kop_main, text_width), styles.kop_main))
    if office.office_name:
        # The office's own name is the kop's largest line; shrink it a little rather than break it.
        lines.append(Para(markup(office.office_name), _fitted(office.office_name, styles.kop_office, text_width)))
    for text in (office.address, contact_line(office)):
        if text:
            lines.append(Para(markup(text), styles.kop_small))
    table = Table(
        [[emblem, lines]] if emblem is not None else [[lines]],
        colWidths=[side, text_width] if emblem is not None else [text_width],
        style=plain(styles, extra=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (0, 0), "LEFT")]),
    )
    return [table, _Gap(2.5 * mm), DoubleRule(width), _Gap(4 * mm)]


def _kop_line(markup_text: str, style: ParagraphStyle, width: float) -> str:
    """A ministry line too long for one line breaks before "REPUBLIK INDONESIA", as kops print it."""
    tail = " REPUBLIK INDONESIA"
    if markup_text.upper().endswith(tail) and stringWidth(markup_text, style.fontName, style.fontSize) > width:
        return markup_text[: -len(tail)] + "<br/>" + markup_text[-len(tail) + 1 :]
    return markup_text


def _fitted(text: str, style: ParagraphStyle, width: float, *, smallest: float = 11) -> ParagraphStyle:
    size = style.fontSize
    while size > smallest and stringWidth(text, style.fontName, size) > width:
        size -= 0.5
    if size == style.fontSize:
        return style
    return ParagraphStyle(f"{style.name}_fitted", parent=style, fontSize=size, leading=size * 1.25)


class _Gap(Flowable):
    """Fixed vertical space that, unlike Spacer, is kept at the top of a page."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, self.height

    def draw(self) -> None:
        pass


def render_letterhead(office: OfficeRecord, *, paper: Paper | str | None = None) -> bytes:
    """A page with the kop surat alone, exactly as the minutes print it (the settings preview)."""
    from app.documents.fonts import document_family
    from app.documents.page import PageDecoration, PageLayout, build_pdf
    from app.documents.styles import stylesheet
    from app.models.enums import Paper

    layout = PageLayout(Paper(paper or office.paper))
    styles = stylesheet(document_family(office.font))
    story = letterhead(office, styles, Markup(styles.family), layout.frame_width) or [_Gap(1)]
    return build_pdf(
        story, decoration=PageDecoration(family=styles.family, layout=layout), title=wording.KOP_PREVIEW_TITLE
    )
