"""Paper, margins and what every page carries: "Halaman X dari Y", the classification mark, and
for a draft or an example the diagonal watermark behind the text ("DRAF", "CONTOH")."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from PIL import Image
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.assets import resource_path
from app.documents import wording
from app.documents.fonts import FontFamily
from app.models.enums import PageNumbering, Paper

# Streams are stored binary (compressed) rather than ASCII85: photos then cost a quarter less in
# the file and are not pushed through reportlab's pure-Python ASCII85 encoder at every export.
rl_config.useA85 = 0

#: F4 (folio) as Indonesian offices buy it: 215 x 330 mm.
F4 = (215 * mm, 330 * mm)
PAPER_SIZES = {Paper.A4: A4, Paper.F4: F4}
FOOTER_SIZE = 9
MARK_SIZE = 11
#: Light enough that black text over it reads as if it were not there, dark enough to see at once.
WATERMARK_GREY = 0.86
WATERMARK_DPI = 150
WATERMARK_MAX_SIZE = 150
BANNER_SIZE = 8
BANNER_GREY = Color(0.35, 0.35, 0.35)
#: Hears reportlab's progress ("SIZE_EST", "PROGRESS", "PAGE", ...) while a PDF is built in this
#: context; the window's export sets it to show progress, and raises from it to stop a cancelled one.
build_listener: ContextVar[Callable[[str, int], None] | None] = ContextVar("build_listener", default=None)


@dataclass(frozen=True)
class PageLayout:
    """Margins of Indonesian official documents: a wider left one for the binding."""

    paper: Paper = Paper.A4
    left: float = 30 * mm
    right: float = 20 * mm
    top: float = 20 * mm
    bottom: float = 22 * mm

    @property
    def size(self) -> tuple[float, float]:
        return PAPER_SIZES[Paper(self.paper)]

    @property
    def width(self) -> float:
        return self.size[0]

    @property
    def height(self) -> float:
        return self.size[1]

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


@dataclass(frozen=True)
class PageDecoration:
    family: FontFamily
    layout: PageLayout
    #: "TERBATAS", "RAHASIA" ... or "" for an ordinary (Biasa) document
    mark: str = ""
    #: called once every page is known, before the file is written: (canvas, page count)
    on_finish: Callable[[Canvas, int], None] | None = None
    #: large words across every page, behind the text: ("DRAF",), ("CONTOH",), ("CONTOH", "DRAF")
    watermark: tuple[str, ...] = ()
    #: one small line at the very top of every page, saying what the watermark means
    banner: str = ""
    #: a word at the left of the footer of every page, as text ("DRAF")
    footer_mark: str = ""
    #: "Halaman X dari Y" at the foot, or the TND's "- 2 -" centred at the top from page 2
    numbering: PageNumbering = PageNumbering.FOOTER


def draw_watermark(decoration: PageDecoration, canvas: Canvas, _doc: object = None) -> None:
    """The watermark along the page's diagonal, drawn first so that everything prints over it.

    It is a picture of the words, not text: copying or searching the minutes' text (pdftotext,
    a screen reader, the archive's index) must not meet "D R A F" between the words of a
    sentence. The margin mark (`_decorate`) says the same as text.
    """
    words = decoration.watermark
    if not words:
        return
    layout = decoration.layout
    font = decoration.family.bold
    diagonal = math.hypot(layout.width, layout.height)
    widest = max(stringWidth(word, font, 1) for word in words)
    # (a second line lies beside the diagonal, where the page is narrower: shorter lines then)
    share = 0.62 if len(words) == 1 else 0.5
    size = min(WATERMARK_MAX_SIZE, share * diagonal / widest, 0.5 * layout.width / len(words))
    # Drawn once into a form (an XObject) and placed on every page: the picture is decoded and
    # stored once, not once a page.
    form = f"TimporaWatermark{round(size)}"
    if form not in getattr(canvas, "_watermark_forms", ()):
        picture, width, height = _watermark_picture(words, font, round(size))
        canvas.beginForm(form)
        canvas.saveState()
        canvas.translate(layout.width / 2, layout.height / 2)
        canvas.rotate(math.degrees(math.atan2(layout.height, layout.width)))
        canvas.drawImage(ImageReader(picture), -width / 2, -height / 2, width, height, mask="auto")
        canvas.restoreState()
        canvas.endForm()
        canvas._watermark_forms = {*getattr(canvas, "_watermark_forms", ()), form}
    canvas.doForm(form)


#: set on the canvas by a flowable that covers the watermark with an opaque picture (a scan)
COVERS_WATERMARK = "_timpora_covers_watermark"


#: How the watermark is laid over a scan: multiplied into it, as ink on paper. The grey letters
#: then darken the scan's white paper (the page still says "DRAF" at a glance) but can never
#: lighten its ink: a signature under the letters stays as dark as it was signed. (Painted
#: normally, the opaque grey letters would cover the strokes they cross.) PDF/A-2 allows it.
OVER_SCAN_BLEND = "Multiply"


def _watermark_over_scans(decoration: PageDecoration, canvas: Canvas, _doc: object = None) -> None:
    if getattr(canvas, COVERS_WATERMARK, False):
        setattr(canvas, COVERS_WATERMARK, False)
        canvas.saveState()
        canvas.setBlendMode(OVER_SCAN_BLEND)
        draw_watermark(decoration, canvas)
        canvas.restoreState()


@lru_cache(maxsize=16)
def _watermark_picture(words: tuple[str, ...], font: str, size: int) -> tuple[Image.Image, float, float]:
    """The words in light grey on transparent, at WATERMARK_DPI; its size in points.

    Handed to reportlab as it is (no PNG round trip: encoding one well costs a tenth of a
    second, with Python's lock held, on the worker that renders while the window waits).
    """
    from PIL import ImageDraw, ImageFont

    scale = WATERMARK_DPI / 72
    face = ImageFont.truetype(str(resource_path("fonts", f"{font}.ttf")), round(size * scale))
    leading = round(size * 1.05 * scale)
    boxes = [face.getbbox(word) for word in words]
    width = max(box[2] for box in boxes) + 8
    top = min(box[1] for box in boxes)
    height = leading * (len(words) - 1) + max(box[3] for box in boxes) - top + 8
    alpha = Image.new("L", (int(width), int(height)), 0)
    pen = ImageDraw.Draw(alpha)
    for index, (word, box) in enumerate(zip(words, boxes, strict=True)):
        pen.text(((width - box[2]) / 2, 4 - top + index * leading), word, font=face, fill=255)
    grey = round(WATERMARK_GREY * 255)
    picture = Image.merge("RGBA", (*(Image.new("L", alpha.size, grey),) * 3, alpha))
    return picture, width / scale, height / scale


class DocumentCanvas(Canvas):
    """Holds every page back until the last one, so each can say "Halaman X dari Y"."""

    def __init__(self, *args: Any, decoration: PageDecoration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decoration = decoration
        self._held_pages: list[dict] = []

    @property
    def page_index(self) -> int:
        """0-based index of the page being drawn (reportlab's own counter stands still here)."""
        return len(self._held_pages)

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            Canvas.showPage(self)
        if self._decoration.on_finish is not None:
            self._decoration.on_finish(self, total)
        Canvas.save(self)

    def _decorate(self, number: int, total: int) -> None:
        deco = self._decoration
        layout = deco.layout
        self.saveState()
        self.setFont(deco.family.regular, FOOTER_SIZE)
        if deco.numbering is PageNumbering.TOP_CENTRE:
            if number > 1:
                # just above the text, below the classification mark and the example banner
                self.drawCentredString(
                    layout.left + layout.frame_width / 2,
                    layout.height - layout.top + 8,
                    wording.PAGE_TOP.format(page=number),
                )
        else:
            self.drawRightString(
                layout.width - layout.right, layout.bottom / 2 - 3, wording.PAGE_OF.format(page=number, pages=total)
            )
        if deco.mark:
            centre = layout.left + layout.frame_width / 2
            self.setFont(deco.family.bold, MARK_SIZE)
            self.drawCentredString(centre, layout.height - layout.top / 2 - 2, deco.mark)
            self.drawCentredString(centre, layout.bottom / 2 - 3, deco.mark)
        if deco.footer_mark:
            self.setFont(deco.family.bold, FOOTER_SIZE)
            self.drawString(layout.left, layout.bottom / 2 - 3, deco.footer_mark)
        if deco.banner:
            self.setFont(deco.family.bold, BANNER_SIZE)
            self.setFillColor(BANNER_GREY)
            self.drawCentredString(layout.left + layout.frame_width / 2, layout.height - 6 * mm, deco.banner)
        self.restoreState()


def build_pdf(
    story: list[Flowable],
    *,
    decoration: PageDecoration,
    title: str,
    author: str = "",
    subject: str = "",
) -> bytes:
    """Lay the story out on the pages and return the finished PDF."""
    layout = decoration.layout
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=layout.size,
        leftMargin=layout.left,
        rightMargin=layout.right,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        # Without it reportlab sets Helvetica on every fresh page: a font that is not embedded.
        initialFontName=decoration.family.regular,
        initialFontSize=12,
        title=title,
        author=author,
        subject=subject,
        creator=wording.PDF_CREATOR,
        lang="id-ID",
    )
    frame = Frame(
        layout.left,
        layout.bottom,
        layout.frame_width,
        layout.frame_height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    # onPage runs as each page begins, before its text: the watermark lies under everything.
    # A scanned page (Lampiran I) is an opaque picture: there the watermark is drawn again over
    # it, multiplied in (OVER_SCAN_BLEND) so the signatures under it stay readable.
    doc.addPageTemplates(
        [
            PageTemplate(
                id="page",
                frames=[frame],
                onPage=partial(draw_watermark, decoration),
                onPageEnd=partial(_watermark_over_scans, decoration),
            )
        ]
    )
    listener = build_listener.get()
    if listener is not None:
        doc.setProgressCallBack(listener)
    doc.build(story, canvasmaker=partial(DocumentCanvas, decoration=decoration))
    return buffer.getvalue()
