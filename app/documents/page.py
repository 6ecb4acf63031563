"""Paper, margins and what every page carries: "Halaman X dari Y" and the classification mark."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.documents import wording
from app.documents.fonts import FontFamily
from app.models.enums import Paper

# Streams are stored binary (compressed) rather than ASCII85: photos then cost a quarter less in
# the file and are not pushed through reportlab's pure-Python ASCII85 encoder at every export.
rl_config.useA85 = 0

#: F4 (folio) as Indonesian offices buy it: 215 x 330 mm.
F4 = (215 * mm, 330 * mm)
PAPER_SIZES = {Paper.A4: A4, Paper.F4: F4}
FOOTER_SIZE = 9
MARK_SIZE = 11
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


class DocumentCanvas(Canvas):
    """Holds every page back until the last one, so each can say "Halaman X dari Y"."""

    def __init__(self, *args, decoration: PageDecoration, **kwargs) -> None:
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
        self.drawRightString(
            layout.width - layout.right, layout.bottom / 2 - 3, wording.PAGE_OF.format(page=number, pages=total)
        )
        if deco.mark:
            centre = layout.left + layout.frame_width / 2
            self.setFont(deco.family.bold, MARK_SIZE)
            self.drawCentredString(centre, layout.height - layout.top / 2 - 2, deco.mark)
            self.drawCentredString(centre, layout.bottom / 2 - 3, deco.mark)
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
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    listener = build_listener.get()
    if listener is not None:
        doc.setProgressCallBack(listener)
    doc.build(story, canvasmaker=partial(DocumentCanvas, decoration=decoration))
    return buffer.getvalue()
