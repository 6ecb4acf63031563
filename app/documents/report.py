"""The Laporan kegiatan Timpora as a PDF, rendered from the report's plain figures.

The minutes' house style (kop surat, 12 pt Arimo/Tinos, ruled tables with a shaded header,
"Halaman X dari Y", the classification mark of the most restricted meeting it sums up), one
small method per section: summary, meetings, attendance, findings, action items, closing and
the head of office's signature, then the meetings' conclusions as an annex. Charts come from
app/documents/charts.py and read in black and white.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from app.documents import report_charts as charts
from app.documents import report_wording as words
from app.documents.document import OfficeDocument
from app.documents.letterhead import letterhead
from app.documents.metadata import ReportMetadata, SignatureBox, stamp_report
from app.documents.paragraph import Para
from app.documents.signature_block import MarkedSpace, Signatory, id_line
from app.documents.styles import grid, plain
from app.documents.tables import RowTable
from app.i18n import long_date, number, plain_date
from app.models.enums import Paper
from app.services.records import OfficeRecord
from app.services.reports import Count, Period, TimporaReport

ROMAN = ("I", "II", "III", "IV")
SIGN_WIDTH = 62 * mm
SIGN_HEIGHT = 24 * mm
ROOM_AFTER_HEADING = 80
#: Tables up to this many rows are kept whole on one page with their heading.
KEEP_ROWS = 25
TOTAL_FILL = colors.Color(0.95, 0.95, 0.95)


@dataclass(frozen=True)
class RenderedReport:
    data: bytes
    pages: int
    #: where the head of office signs ("head"), for a signature field later
    boxes: dict[str, SignatureBox] = field(default_factory=dict)
    missing_characters: tuple[str, ...] = ()


def period_name(period: Period) -> str:
    """'TAHUN 2024', 'TRIWULAN III TAHUN 2024', 'SEMESTER I TAHUN 2024', or '' for any other range."""
    start, end = period.start, period.end
    if start.day != 1 or start.year != end.year or end.day != calendar.monthrange(end.year, end.month)[1]:
        return ""
    months = end.month - start.month + 1
    if months == 12:
        return words.YEAR.format(year=start.year)
    if months == 6 and start.month in (1, 7):
        return words.HALF.format(roman=ROMAN[start.month // 6], year=start.year)
    if months == 3 and start.month in (1, 4, 7, 10):
        return words.QUARTER.format(roman=ROMAN[start.month // 3], year=start.year)
    return ""


def period_line(period: Period) -> str:
    return words.PERIOD.format(start=plain_date(period.start), end=plain_date(period.end))


class ReportRenderer(OfficeDocument):
    """One report over the minutes' stylesheet; `render()` returns the PDF."""

    def __init__(
        self,
        report: TimporaReport,
        office: OfficeRecord,
        *,
        head: Signatory | None = None,
        issued: dt.date,
        paper: Paper | str | None = None,
    ) -> None:
        super().__init__(office, paper=paper, classification=report.classification)
        self.report = report
        self.head = head or Signatory(role="head", caption=words.HEAD_CAPTION)
        self.issued = issued
        self._boxes: dict[str, SignatureBox] = {}
        self._font = self.styles.family.regular
        self._sections = 0
        self._note = ParagraphStyle("report_note", parent=self.styles.cell_note, spaceBefore=2, spaceAfter=6)
        self._sub = ParagraphStyle("report_sub", parent=self.styles.item_title, leftIndent=0, firstLineIndent=0)

    # --- the whole -----------------------------------------------------------------------------

    def render(self) -> RenderedReport:
        name = period_name(self.report.period) or period_line(self.report.period)
        data = self.build_document(self.story(), title=words.PDF_TITLE.format(period=name.title()), subject=name)
        return RenderedReport(
            data=data, pages=self._pages, boxes=dict(self._boxes), missing_characters=tuple(self.markup.missing)
        )

    def story(self) -> list[Flowable]:
        parts = [*letterhead(self.office, self.styles, self.markup, self.width), *self.title(), *self.summary()]
        if not self.report.is_empty:
            parts += [*self.meetings(), *self.attendance(), *self.findings(), *self.actions()]
        return [*parts, *self.closing_and_signature(), *self.conclusions_annex()]

    # --- helpers -------------------------------------------------------------------------------

    def _heading(self, text: str) -> list[Flowable]:
        self._sections += 1
        letter = chr(ord("A") + self._sections - 1)
        return [CondPageBreak(ROOM_AFTER_HEADING), Para(f"{letter}.&nbsp;&nbsp;{text}", self.styles.heading)]

    def _subheading(self, n: int, text: str) -> Para:
        return Para(f"{n}.&nbsp;{text}", self._sub)

    def _cell(self, text: str, style: ParagraphStyle | None = None) -> Para | str:
        return Para(self.markup(text), style or self.styles.cell) if text else ""

    def _num(self, value: int) -> Para:
        return Para(number(value), self.styles.cell_center)

    def _table(
        self, header: tuple[str, ...], rows: list[list], shares: tuple[float, ...], *, total: list | None = None
    ) -> Table:
        data = [[Para(title, self.styles.cell_head) for title in header], *rows]
        # (the report keeps its narrower padding and centred titles: its tables are not read by
        # text extraction row by row yet, see styles.CELL_PADDING)
        extra: list[tuple[object, ...]] = [
            ("ALIGN", (0, 1), (0, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ]
        if total is not None:
            # "Jumlah" across the number and name columns, then the sums
            data.append([Para(f"<b>{words.COL_TOTAL}</b>", self.styles.cell), "", *total])
            extra += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL), ("SPAN", (0, -1), (1, -1))]
        return RowTable(
            data,
            page_height=self.layout.frame_height,
            colWidths=[self.width * s for s in shares],
            style=grid(self.styles, extra=extra),
            spaceBefore=2,
            spaceAfter=6,
        )

    def _kept(self, *parts: Flowable) -> list[Flowable]:
        """A short table with its heading or note on one page: no lone "Jumlah" row under a
        repeated header. A table taller than a page is split all the same."""
        table = next(p for p in parts if isinstance(p, Table))
        if len(table._cellvalues) > KEEP_ROWS:
            return list(parts)
        return [KeepTogether(list(parts))]

    def _body(self, text: str) -> Para:
        return Para(text, self.styles.body)

    def _with_chart(self, parts: list[Flowable], chart: Flowable | None) -> list[Flowable]:
        """A table and its chart; the chart moves to the next page whole rather than split."""
        if chart is None:
            return parts
        return [*parts, KeepTogether([Spacer(1, 2 * mm), chart, Spacer(1, 4 * mm)])]

    # --- sections ------------------------------------------------------------------------------

    def title(self) -> list[Flowable]:
        period = self.report.period
        name = period_name(period)
        parts: list[Flowable] = [
            Para(words.TITLE, self.styles.title),
            Para(words.TEAM, self.styles.subtitle),
        ]
        if name:
            parts.append(Para(name, self.styles.subtitle))
        parts.append(Para(period_line(period), self.styles.subtitle))
        if self.office.area:
            area = ParagraphStyle("report_area", parent=self.styles.caption, fontName=self.styles.family.regular)
            parts.append(Para(self.markup(words.AREA.format(area=self.office.area)), area))
        return [*parts, Spacer(1, 5 * mm)]

    def summary(self) -> list[Flowable]:
        r = self.report
        if r.is_empty:
            return [Para(f"<b>{words.SUMMARY}</b>", self.styles.body_left), self._body(words.EMPTY)]
        f, a = r.findings, r.actions
        findings = words.N_FINDINGS.format(n=number(f.total), persons=number(f.persons))
        if f.persons_unknown:
            findings += f" ({words.N_UNKNOWN_PERSONS.format(n=number(f.persons_unknown))})"
        rows = [
            (words.SUMMARY_MEETINGS, words.N_MEETINGS.format(n=number(len(r.meetings)))),
            (
                words.SUMMARY_PRESENT,
                words.N_PRESENT.format(
                    present=number(r.people_present), invited=number(sum(m.invited for m in r.meetings))
                ),
            ),
            (words.SUMMARY_FINDINGS, findings),
            (words.SUMMARY_WITH_ACTION, words.N_WITH_ACTION.format(n=number(f.with_action), total=number(f.total))),
            (
                words.SUMMARY_ACTIONS,
                words.N_ACTIONS.format(
                    opened=number(a.opened),
                    done=number(a.done),
                    open=number(a.in_progress + a.not_started),
                    overdue=number(a.overdue),
                ),
            ),
        ]
        table = Table(
            [[Para(label, self.styles.label), ":", Para(value, self.styles.value)] for label, value in rows],
            colWidths=[58 * mm, 4 * mm, self.width - 62 * mm],
            style=plain(self.styles, extra=[("BOTTOMPADDING", (0, 0), (-1, -1), 3)]),
            spaceAfter=4,
        )
        return [Para(f"<b>{words.SUMMARY}</b>", self.styles.body_left), table]

    def meetings(self) -> list[Flowable]:
        rows = []
        for n, m in enumerate(self.report.meetings, start=1):
            rows.append(
                [
                    f"{n}.",
                    self._cell(long_date(m.date)),
                    [
                        Para(f"<b>{words.MEETING_KIND[m.kind]}</b>", self.styles.cell),
                        Para(self.markup(m.title), self.styles.cell_note),
                    ],
                    self._cell(m.venue or "-"),
                    self._cell(m.chair or "-"),
                    self._num(m.present),
                ]
            )
        header = (words.COL_NO, words.COL_DATE, words.COL_MEETING, words.COL_VENUE, words.COL_CHAIR, words.COL_PRESENT)
        total = ["", "", "", self._num(self.report.people_present)]
        return [
            *self._heading(words.MEETINGS),
            self._table(header, rows, (0.06, 0.19, 0.31, 0.17, 0.19, 0.08), total=total),
        ]

    def attendance(self) -> list[Flowable]:
        agencies = self.report.attendance
        rows = []
        for n, a in enumerate(agencies, start=1):
            share = f"{round(100 * a.present / a.invited)}%" if a.invited else "-"
            rows.append(
                [
                    f"{n}.",
                    self._cell(a.agency or words.NO_AGENCY),
                    self._num(a.invited),
                    self._num(a.present),
                    Para(share, self.styles.cell_center),
                ]
            )
        header = (words.COL_NO, words.COL_AGENCY, words.COL_INVITED, words.COL_PRESENT, words.COL_SHARE)
        parts: list[Flowable] = [
            *self._heading(words.ATTENDANCE),
            self._table(header, rows, (0.06, 0.52, 0.14, 0.14, 0.14)),
            Para(words.ATTENDANCE_NOTE, self._note),
        ]
        never = self.report.agencies_never_present
        line = words.NEVER_PRESENT.format(names="; ".join(never)) if never else words.ALL_PRESENT
        # left-aligned: a justified list of long names leaves holes wide enough to read as columns
        parts.append(Para(self.markup(line), self.styles.body_left))
        return self._with_chart(parts, charts.attendance_chart(self.report, width=self.width, font=self._font))

    def findings(self) -> list[Flowable]:
        f = self.report.findings
        parts: list[Flowable] = [*self._heading(words.FINDINGS)]
        if not f.total:
            return [*parts, self._body(words.NO_FINDINGS)]
        text = words.FINDINGS_TOTAL.format(
            n=number(f.total), persons=number(f.persons), with_action=number(f.with_action)
        )
        if f.persons_unknown:
            text += " " + words.FINDINGS_UNKNOWN.format(n=number(f.persons_unknown))
        parts.append(self._body(text))
        parts += self._breakdown(
            1, words.BY_CATEGORY, words.COL_CATEGORY, f.by_category, str, chart=charts.category_chart
        )
        parts += self._breakdown(
            2,
            words.BY_NATIONALITY,
            words.COL_NATIONALITY,
            f.by_nationality,
            charts.nationality_label,
            chart=charts.nationality_chart,
            # a finding of several nationalities is a row under each: the total is of findings
            total_findings=f.total,
            note=words.SEVERAL_NATIONALITIES.format(n=number(f.several_nationalities))
            if f.several_nationalities
            else "",
        )
        parts += self._breakdown(
            3,
            words.BY_REGENCY,
            words.COL_REGENCY,
            f.by_regency,
            lambda k: k or words.UNKNOWN_LOCATION,
            chart=charts.regency_chart,
        )
        parts += self._breakdown(
            4, words.BY_DISTRICT, words.COL_DISTRICT, f.by_district, lambda k: k or words.UNKNOWN_LOCATION
        )
        parts += self._by_month(5)
        return parts

    def _breakdown(
        self,
        n: int,
        title: str,
        column: str,
        counts: tuple[Count, ...],
        label: Callable[[str], str],
        *,
        chart: Callable[..., Any] | None = None,
        total_findings: int | None = None,
        note: str = "",
    ) -> list[Flowable]:
        rows = [
            [f"{i}.", self._cell(label(c.key)), self._num(c.findings), self._num(c.persons)]
            for i, c in enumerate(counts, start=1)
        ]
        total = [
            self._num(sum(c.findings for c in counts) if total_findings is None else total_findings),
            self._num(sum(c.persons for c in counts)),
        ]
        header = (words.COL_NO, column, words.COL_FINDINGS, words.COL_PERSONS)
        parts: list[Flowable] = [
            CondPageBreak(ROOM_AFTER_HEADING),
            *self._kept(self._subheading(n, title), self._table(header, rows, (0.06, 0.54, 0.2, 0.2), total=total)),
        ]
        if note:
            # left-aligned: a justified short paragraph leaves holes between its words
            parts.append(Para(note, self.styles.body_left))
        return self._with_chart(parts, chart(self.report, width=self.width, font=self._font) if chart else None)

    def _by_month(self, n: int) -> list[Flowable]:
        months = self.report.findings.by_month
        rows = [
            [
                f"{i}.",
                self._cell(f"{words.MONTHS[m.month - 1]} {m.year}"),
                self._num(m.findings),
                self._num(m.persons),
            ]
            for i, m in enumerate(months, start=1)
        ]
        header = (words.COL_NO, words.COL_MONTH, words.COL_FINDINGS, words.COL_PERSONS)
        parts: list[Flowable] = [
            CondPageBreak(ROOM_AFTER_HEADING),
            *self._kept(self._subheading(n, words.BY_MONTH), self._table(header, rows, (0.06, 0.54, 0.2, 0.2))),
        ]
        chart = charts.month_chart(self.report, width=self.width, font=self._font)
        return self._with_chart(parts, chart)

    def actions(self) -> list[Flowable]:
        a = self.report.actions
        end = plain_date(self.report.period.end)
        parts: list[Flowable] = [*self._heading(words.ACTIONS)]
        if not a.opened:
            return [*parts, self._body(words.NO_ACTIONS)]
        parts.append(
            self._body(
                words.ACTIONS_TOTAL.format(
                    opened=number(a.opened),
                    done=number(a.done),
                    in_progress=number(a.in_progress),
                    not_started=number(a.not_started),
                    cancelled=number(a.cancelled),
                    overdue=number(a.overdue),
                    end=end,
                )
            )
        )
        rows = [
            [
                f"{i}.",
                self._cell(x.agency or words.NO_AGENCY),
                self._num(x.opened),
                self._num(x.done),
                self._num(x.open),
                self._num(x.overdue),
            ]
            for i, x in enumerate(a.by_agency, start=1)
        ]
        header = (words.COL_NO, words.COL_OWNER, words.COL_OPENED, words.COL_DONE, words.COL_OPEN, words.COL_OVERDUE)
        total = [
            self._num(a.opened),
            self._num(a.done),
            self._num(a.in_progress + a.not_started),
            self._num(a.overdue),
        ]
        parts += self._kept(
            self._table(header, rows, (0.06, 0.46, 0.12, 0.12, 0.12, 0.12), total=total),
            Para(self.markup(words.ACTIONS_NOTE.format(end=end)), self._note),
        )
        chart = charts.actions_chart(self.report, width=self.width, font=self._font)
        parts = self._with_chart(parts, chart)
        return [*parts, *self.overdue_list()]

    def overdue_list(self) -> list[Flowable]:
        items = self.report.actions.overdue_items
        parts: list[Flowable] = [CondPageBreak(ROOM_AFTER_HEADING), Para(words.OVERDUE_LIST, self._sub)]
        if not items:
            return [*parts, self._body(words.NONE_OVERDUE)]
        rows = [
            [
                f"{i}.",
                self._cell(x.description),
                self._cell(x.agency or "-"),
                self._cell(plain_date(x.due_date)),
                self._cell(plain_date(x.meeting_date)),
                self._num(x.days_late),
            ]
            for i, x in enumerate(items, start=1)
        ]
        header = (
            words.COL_NO,
            words.COL_DESCRIPTION,
            words.COL_OWNER,
            words.COL_DUE,
            words.COL_MEETING,
            words.COL_DAYS_LATE,
        )
        return [*parts, self._table(header, rows, (0.06, 0.31, 0.2, 0.15, 0.15, 0.13))]

    # --- foot ----------------------------------------------------------------------------------

    def closing_and_signature(self) -> list[Flowable]:
        place = self.office.city
        place_date = f"{place}, {plain_date(self.issued)}" if place else plain_date(self.issued)
        head = self.head
        name = f"<u>{self.markup(head.name)}</u>" if head.name else "(" + "." * 40 + ")"
        column = [
            Para(self.markup(place_date), self.styles.sign),
            Para(self.markup(head.caption), self.styles.sign),
            MarkedSpace("head", SIGN_WIDTH, SIGN_HEIGHT, record=self._record, image=head.signature_image),
            Para(name, self.styles.sign_name),
        ]
        if head.rank:
            column.append(Para(self.markup(head.rank), self.styles.sign))
        if head.id_number:
            column.append(Para(self.markup(id_line(head.id_number)), self.styles.sign))
        block = Table(
            [["", c] for c in column],
            colWidths=[self.width * 0.36, self.width * 0.64],
            style=plain(self.styles, extra=[("ALIGN", (0, 0), (-1, -1), "CENTER")]),
        )
        return [
            CondPageBreak(ROOM_AFTER_HEADING),
            Spacer(1, 4 * mm),
            KeepTogether([self._body(words.CLOSING), Spacer(1, 6 * mm), block]),
        ]

    def _record(self, key: str, box: SignatureBox) -> None:
        self._boxes[key] = box

    def _finish(self, canvas: Canvas, pages: int) -> None:
        super()._finish(canvas, pages)
        # The period and the head's box in the file itself: `timpora sign --as head` and
        # `timpora verify` work on the PDF alone, as they do on minutes.
        head = {
            "name": self.head.name,
            "position": self.head.position or self.head.caption.rstrip(","),
            "id_number": self.head.id_number,
        }
        stamp_report(
            canvas,
            ReportMetadata(
                start=self.report.period.start, end=self.report.period.end, boxes=dict(self._boxes), head=head
            ),
        )

    # --- annex ---------------------------------------------------------------------------------

    def conclusions_annex(self) -> list[Flowable]:
        if self.report.is_empty:
            return []
        lines = [f"<b>{words.APPENDIX}</b>", words.OF_REPORT, period_line(self.report.period)]
        ref = Table(
            [["", [Para(line, self.styles.appendix_ref) for line in lines]]],
            colWidths=[self.width * 0.5, self.width * 0.5],
            style=plain(self.styles),
        )
        parts: list[Flowable] = [PageBreak(), ref, Spacer(1, 6 * mm), Para(words.CONCLUSIONS_TITLE, self.styles.title)]
        parts.append(Spacer(1, 4 * mm))
        if not self.report.conclusions:
            return [*parts, self._body(words.NO_CONCLUSIONS)]
        for n, meeting in enumerate(self.report.conclusions, start=1):
            title = f"{n}.&nbsp;{long_date(meeting.date)}: {self.markup(meeting.title)}"
            parts += [CondPageBreak(ROOM_AFTER_HEADING), Para(title, self.styles.item_title)]
            for i, text in enumerate(meeting.conclusions, start=1):
                for j, part in enumerate(self.markup.paragraphs(text)):
                    style = ParagraphStyle("annex_item", parent=self.styles.numbered, leftIndent=36, bulletIndent=18)
                    parts.append(Para(part, style, bulletText=f"{i})" if j == 0 else None))
        return parts


def render_report(
    report: TimporaReport,
    office: OfficeRecord,
    *,
    head: Signatory | None = None,
    issued: dt.date,
    paper: Paper | str | None = None,
) -> RenderedReport:
    """The report as a finished PDF (see `ReportRenderer`)."""
    return ReportRenderer(report, office, head=head, issued=issued, paper=paper).render()


__all__ = ["RenderedReport", "ReportRenderer", "period_name", "render_report"]
