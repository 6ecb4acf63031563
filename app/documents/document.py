"""What every printed document of a meeting shares: paper, type, markup and the page frame."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from app.documents import wording
from app.documents.archive import make_archival
from app.documents.fonts import document_family
from app.documents.markup import Markup
from app.documents.page import PageDecoration, PageLayout, build_pdf
from app.documents.styles import Stylesheet, stylesheet
from app.models.enums import Paper
from app.services.records import MeetingRecord, OfficeRecord


class MeetingDocument:
    """Base of the renderers: subclasses give the story and wrap the bytes in their result."""

    def __init__(self, meeting: MeetingRecord, office: OfficeRecord, *, paper: Paper | str | None = None) -> None:
        self.meeting = meeting
        self.office = office
        self.layout = PageLayout(Paper(paper or office.paper))
        self.styles: Stylesheet = stylesheet(document_family(office.font))
        self.markup = Markup(self.styles.family)
        self.width = self.layout.frame_width
        self._pages = 0

    def build(self, story: list[Flowable], *, title_template: str) -> bytes:
        """Lay out the story with the classification mark and "Halaman X dari Y" on each page."""
        decoration = PageDecoration(
            family=self.styles.family,
            layout=self.layout,
            mark=wording.CLASSIFICATION_MARK[self.meeting.classification],
            on_finish=self._finish,
        )
        return build_pdf(
            story,
            decoration=decoration,
            title=title_template.format(title=self.meeting.title),
            author=self.office.office_name,
            subject=self.meeting.title,
        )

    def _finish(self, canvas: Canvas, pages: int) -> None:
        self._pages = pages
        # PDF/A-2b for the archive, and the title in the viewer's title bar
        make_archival(canvas)
