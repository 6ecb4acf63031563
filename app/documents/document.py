"""What every printed document of the office shares: paper, type, markup and the page frame."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from app.documents import wording
from app.documents.archive import make_archival
from app.documents.fonts import document_family
from app.documents.markup import Markup
from app.documents.page import PageDecoration, PageLayout, build_pdf
from app.documents.styles import Stylesheet, stylesheet
from app.models.enums import Classification, PageNumbering, Paper
from app.services.records import MeetingRecord, OfficeRecord


class OfficeDocument:
    """Base of the renderers: subclasses give the story and wrap the bytes in their result."""

    def __init__(
        self,
        office: OfficeRecord,
        *,
        paper: Paper | str | None = None,
        classification: Classification = Classification.ORDINARY,
        example: bool = False,
    ) -> None:
        self.office = office
        self.classification = classification
        #: names invented persons (the demo): "CONTOH" on every page, "(contoh)" beside them
        self.example = example
        self.layout = PageLayout(Paper(paper or office.paper))
        self.styles: Stylesheet = stylesheet(document_family(office.font))
        self.markup = Markup(self.styles.family)
        self.width = self.layout.frame_width
        self._pages = 0

    def watermark(self) -> tuple[str, ...]:
        """The words across every page; subclasses add "DRAF" where a draft must not pass as final."""
        return (wording.EXAMPLE_MARK,) if self.example else ()

    def build_document(self, story: list[Flowable], *, title: str, subject: str = "") -> bytes:
        """Lay out the story with the classification mark and "Halaman X dari Y" on each page."""
        decoration = PageDecoration(
            family=self.styles.family,
            layout=self.layout,
            mark=wording.CLASSIFICATION_MARK[self.classification],
            on_finish=self._finish,
            watermark=self.watermark(),
            banner=wording.EXAMPLE_BANNER if self.example else "",
            footer_mark=wording.DRAFT_MARK if wording.DRAFT_MARK in self.watermark() else "",
            numbering=PageNumbering(self.office.page_numbering),
        )
        return build_pdf(story, decoration=decoration, title=title, author=self.office.office_name, subject=subject)

    def _finish(self, canvas: Canvas, pages: int) -> None:
        self._pages = pages
        # PDF/A-2b for the archive, and the title in the viewer's title bar
        make_archival(canvas)


class MeetingDocument(OfficeDocument):
    """A document of one meeting (the minutes, the daftar hadir): marked as the meeting is."""

    def __init__(
        self,
        meeting: MeetingRecord,
        office: OfficeRecord,
        *,
        paper: Paper | str | None = None,
        example: bool = False,
    ) -> None:
        super().__init__(office, paper=paper, classification=meeting.classification, example=example)
        self.meeting = meeting

    def build(self, story: list[Flowable], *, title_template: str) -> bytes:
        return self.build_document(
            story, title=title_template.format(title=self.meeting.title), subject=self.meeting.title
        )
