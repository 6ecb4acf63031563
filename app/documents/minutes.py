"""The notulen rapat as a PDF, rendered from plain records (never from a live Session).

`MinutesRenderer` builds the story one small method per section, in the order of the
document: kop surat, title, the summary block, opening, discussion, follow-up of the previous
meeting, findings, action plan, conclusions, closing, signatures, then the appendices
(Lampiran: daftar hadir, dokumentasi).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
)

from app.documents import wording
from app.documents.abbreviations import Abbreviations
from app.documents.attendance_sheet import (
    absentee_table,
    attended_row,
    meeting_hours,
    print_order,
    sheet_heading,
    signature_table,
)
from app.documents.document import MeetingDocument
from app.documents.documentation import ScanPage, photo_grid, printable_photos
from app.documents.examples import is_example, mark_examples
from app.documents.letterhead import letterhead
from app.documents.metadata import MinutesMetadata, SignatureBox, stamp
from app.documents.paragraph import Para
from app.documents.signature_block import Signatory, signature_block
from app.documents.styles import CELL_PADDING, TABLE_SIZE, grid, header_cells, plain
from app.documents.tables import RowTable, fit_number_column
from app.i18n import clock, country_name, long_date, plain_date
from app.models.enums import AttachmentKind, AttendanceAppendix, MeetingStatus, MinutesTitle, Paper
from app.services.findings import place_text
from app.services.printed import verification_code
from app.services.records import (
    AttachmentRecord,
    AttendanceRecord,
    FindingRecord,
    MeetingBundle,
    OfficeRecord,
    PersonRecord,
)
from app.services.records import content_sha256 as bundle_sha256

ROMAN = ("I", "II", "III", "IV", "V")
SIGNER_ROLES = ("chair", "secretary")
#: A heading needs this much room below it (itself, a note and two lines of text), or it starts the next page.
ROOM_AFTER_HEADING = 80
ROOM_FOR_HEADING = 36
#: Space under each row of the Hari/Tanggal block. Rows further apart than about one and a half
#: times the type size are read row by row by text extraction (pdftotext, the archive's
#: index): "Hari/Tanggal : Kamis, ..." rather than every label first and every value after.
SUMMARY_ROW_GAP = 5
#: The closing's last lines that go to the next page with the signatures, when those do.
LINES_WITH_SIGNATURES = 3


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF and what signing and the user need to know about it."""

    data: bytes
    pages: int
    #: where each signer signs ("chair", "secretary"), as stamped into the PDF
    boxes: dict[str, SignatureBox] = field(default_factory=dict)
    #: where the verification QR code was drawn, when one was given
    qr_box: SignatureBox | None = None
    #: characters that none of the shipped fonts can draw, in order of appearance
    missing_characters: tuple[str, ...] = ()


class MinutesRenderer(MeetingDocument):
    """One meeting's minutes over a named stylesheet; `render()` returns the PDF."""

    def __init__(
        self,
        bundle: MeetingBundle,
        office: OfficeRecord,
        *,
        paper: Paper | str | None = None,
        include_attendance: bool = True,
        qr_png: bytes | None = None,
        content_sha256: str | None = None,
        attendance_appendix: AttendanceAppendix | str | None = None,
    ) -> None:
        #: the frozen revision's hash when printed from a snapshot, else the record's own
        self.content_sha256 = content_sha256 or bundle_sha256(bundle)
        example = is_example(bundle)
        bundle = mark_examples(bundle)
        super().__init__(bundle.meeting, office, paper=paper, example=example)
        self.bundle = bundle
        self.include_attendance = include_attendance
        #: Lampiran I: the daftar hadir with its signature column (to sign by hand), or only the
        #: list of those present (a filed copy must not show an empty signature column)
        self.appendix_form = AttendanceAppendix(attendance_appendix or office.attendance_appendix)
        self.title_word = MinutesTitle(office.minutes_title)
        #: not final yet: "DRAF" across every page, and no verification code (a code on a draft
        #: would claim an authenticity the draft does not have)
        self.draft = bundle.meeting.status is MeetingStatus.DRAFT
        self.qr_png = None if self.draft else qr_png
        self.zone = str(self.meeting.time_zone)
        self._indented = ParagraphStyle("item_body", parent=self.styles.body, leftIndent=18)
        self._boxes: dict[str, SignatureBox] = {}
        self._sections = 0
        self._appendices = 0
        #: first use of an abbreviation in the running text spelled out, from the directory's names
        self.abbreviations = Abbreviations((a.name, a.short_name) for a in bundle.agencies)

    # --- the whole -----------------------------------------------------------------------------

    def render(self) -> RenderedPdf:
        data = self.build(self.story(), title_template=wording.PDF_TITLES[self.title_word])
        return RenderedPdf(
            data=data,
            pages=self._pages,
            boxes={role: self._boxes[role] for role in SIGNER_ROLES if role in self._boxes},
            qr_box=self._boxes.get("qr"),
            missing_characters=tuple(self.markup.missing),
        )

    def story(self) -> list[Flowable]:
        return [
            *letterhead(self.office, self.styles, self.markup, self.width),
            *self.title(),
            self.summary(),
            *self.opening(),
            *self.discussion(),
            *self.previous_follow_up(),
            *self.findings(),
            *self.action_plan(),
            *self.conclusions(),
            *self.closing_and_signatures(),
            *self.attendance_appendix(),
            *self.documentation_appendix(),
        ]

    def watermark(self) -> tuple[str, ...]:
        marks = super().watermark()
        return (*marks, wording.DRAFT_MARK) if self.draft else marks

    def _finish(self, canvas: Canvas, pages: int) -> None:
        super()._finish(canvas, pages)
        stamp(
            canvas,
            MinutesMetadata(
                meeting_uuid=self.meeting.uuid,
                revision=self.meeting.revision,
                content_sha256=self.content_sha256,
                boxes={role: self._boxes[role] for role in SIGNER_ROLES if role in self._boxes},
                draft=self.draft,
            ),
        )

    def _record(self, key: str, box: SignatureBox) -> None:
        self._boxes[key] = box

    # --- helpers -------------------------------------------------------------------------------

    def _heading(self, text: str, *, room: float = 0) -> list[Flowable]:
        """'D. Temuan', moved to the next page when fewer than a few lines would follow it here.

        A conditional break rather than keepWithNext: that would carry a heading and a whole
        long discussion to the next page, leaving most of this one empty.
        """
        self._sections += 1
        letter = chr(ord("A") + self._sections - 1)
        room = room or ROOM_AFTER_HEADING
        return [CondPageBreak(room), Para(f"{letter}.&nbsp;&nbsp;{text}", self.styles.heading)]

    def _text(self, text: str, style: ParagraphStyle | None = None) -> list[Para]:
        return [Para(part, style or self.styles.body) for part in self.markup.paragraphs(self._spell(text))]

    def _cell(self, text: str, style: ParagraphStyle | None = None) -> Para:
        return Para(self.markup(self._spell(text)) if text else "-", style or self.styles.cell)

    def _spell(self, text: str) -> str:
        """Running text with abbreviations spelled out at their first use (in reading order:
        the sections are built in the order they are printed)."""
        return self.abbreviations.spell_out(text) if text else text

    def _table(self, header: tuple[str, ...], rows: list[list], shares: tuple[float, ...]) -> RowTable:
        data = [header_cells(header, self.styles), *rows]
        widths = fit_number_column(
            [self.width * s for s in shares],
            len(rows),
            font=self.styles.family.regular,
            size=TABLE_SIZE,
            padding=CELL_PADDING,
        )
        return RowTable(
            data,
            page_height=self.layout.frame_height,
            colWidths=widths,
            style=grid(self.styles, extra=[("ALIGN", (0, 1), (0, -1), "CENTER")]),
            spaceBefore=2,
            spaceAfter=6,
        )

    def _headed_table(self, parts: list[Flowable]) -> list[Flowable]:
        """[CondPageBreak, ..., heading, table]: make the break ask for the heading, the table's
        header and its first row, so a heading never ends a page with its table on the next.

        Measuring the table here costs little: its paragraphs remember their line breaks.
        """
        *lead, table = parts
        table.wrap(self.width, self.layout.frame_height)
        breaks = [i for i, f in enumerate(lead) if isinstance(f, CondPageBreak)]
        if breaks:
            # the heading and whatever stands between the break and the table (a spacer)
            above = sum(
                f.wrap(self.width, self.layout.frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in lead[breaks[0] + 1 :]
            )
            room = max(ROOM_FOR_HEADING, above) + sum(table._rowHeights[:2])
            lead[breaks[0]] = CondPageBreak(min(room, self.layout.frame_height))
        return [*lead, table]

    def _number(self, n: int) -> str:
        return f"{n}."

    def _due(self, date: dt.date | None) -> str:
        """'30 September 2024' with the day held to its month: in a narrow column it breaks
        before the year only, never as '30 / September / 2024'."""
        return plain_date(date).replace(" ", "\u00a0", 1) if date else "-"

    # --- sections ------------------------------------------------------------------------------

    def title(self) -> list[Flowable]:
        parts: list[Flowable] = [
            Para(wording.TITLES[self.title_word], self.styles.title),
            Para(self.markup(self.meeting.title), self.styles.subtitle),
        ]
        if self.meeting.number:
            parts.append(Para(f"{wording.NUMBER}: {self.markup(self.meeting.number)}", self.styles.subtitle))
        return [*parts, Spacer(1, 5 * mm)]

    def summary(self) -> Table:
        """Hari/Tanggal, Waktu, Tempat, Acara, Pimpinan Rapat, Notulis, Peserta."""
        m = self.meeting
        rows = [
            (wording.DAY_DATE, long_date(m.date)),
            (wording.TIME, meeting_hours(m)),
            (wording.PLACE, self.markup(m.venue) or "-"),
            (wording.AGENDA, self._agenda_line()),
            (wording.CHAIR, self._person_line(self._signatory("chair"))),
            (wording.SECRETARY, self._person_line(self._signatory("secretary"))),
            (wording.PARTICIPANTS, self._participants_line()),
        ]
        return Table(
            [[Para(label, self.styles.label), ":", Para(value, self.styles.value)] for label, value in rows],
            colWidths=[38 * mm, 4 * mm, self.width - 42 * mm],
            style=plain(self.styles, extra=[("BOTTOMPADDING", (0, 0), (-1, -1), SUMMARY_ROW_GAP)]),
            spaceAfter=4,
        )

    def _agenda_line(self) -> str:
        items = self.meeting.agenda
        if not items:
            return self.markup(self.meeting.title)
        if len(items) == 1:
            return self.markup(items[0].title)
        return "<br/>".join(f"{n}. {self.markup(item.title)}" for n, item in enumerate(items, start=1))

    def _person_line(self, person: Signatory) -> str:
        if not person.name:
            return "-"
        if person.position:
            return f"{self.markup(person.name)}<br/>{self.markup(person.position)}"
        return self.markup(person.name)

    def _participants_line(self) -> str:
        present = [r for r in self.meeting.attendances if r.status.attended]
        line = f"{len(present)} {wording.PERSONS}"
        if self.include_attendance:
            listed = self.appendix_form is AttendanceAppendix.PRESENT_LIST
            line += f" ({wording.PRESENT_LIST_ATTACHED if listed else wording.LIST_ATTACHED})"
        return line

    def opening(self) -> list[Flowable]:
        text = self.meeting.opening_notes
        if not text:
            chair = self._signatory("chair").name
            text = wording.OPENED_AT.format(time=f"{clock(self.meeting.start_time)} {self.zone}")
            if chair:
                text = wording.OPENED_BY.format(time=f"{clock(self.meeting.start_time)} {self.zone}", name=chair)
        return [*self._heading(wording.OPENING), *self._text(text)]

    def discussion(self) -> list[Flowable]:
        # Room for the first item's title too, so the heading never stays behind alone.
        parts: list[Flowable] = [*self._heading(wording.DISCUSSION, room=ROOM_AFTER_HEADING + 30)]
        if not self.meeting.agenda:
            return [*parts, Para(wording.NOTHING_DISCUSSED, self.styles.body)]
        for n, item in enumerate(self.meeting.agenda, start=1):
            title = self.markup(item.title)
            if item.time:
                title += f" ({clock(item.time)} {self.zone})"
            if n > 1:
                parts.append(CondPageBreak(ROOM_AFTER_HEADING))
            parts.append(Para(f"{n}.&nbsp;{title}", self.styles.item_title))
            presenter = item.presenter_name or self._person_name(item.presenter_uuid)
            if presenter:
                parts.append(Para(f"{wording.PRESENTER}: {self.markup(presenter)}", self.styles.item_note))
            parts += self._text(item.discussion, self._indented)
        return parts

    def previous_follow_up(self) -> list[Flowable]:
        reviews = self.meeting.reviews
        if not reviews:
            return []
        rows = []
        for n, r in enumerate(reviews, start=1):
            description = [Para(self.markup(self._spell(r.description)), self.styles.cell)]
            if r.origin_meeting_date:
                origin = wording.FROM_MEETING.format(date=plain_date(r.origin_meeting_date))
                description.append(Para(origin, self.styles.cell_aside))
            rows.append(
                [
                    self._number(n),
                    description,
                    self._cell(r.owner_agency_name),
                    self._cell(self._due(r.due_date)),
                    self._cell(wording.ACTION_STATUS[r.status]),
                    self._cell(r.note),
                ]
            )
        header = (
            wording.COL_NO,
            wording.COL_DESCRIPTION,
            wording.COL_OWNER,
            wording.COL_DUE,
            wording.COL_STATUS,
            wording.COL_REMARKS,
        )
        parts = [
            *self._heading(wording.PREVIOUS_FOLLOW_UP),
            self._table(header, rows, (0.055, 0.265, 0.19, 0.17, 0.14, 0.18)),
        ]
        return self._headed_table(parts)

    def findings(self) -> list[Flowable]:
        parts: list[Flowable] = [*self._heading(wording.FINDINGS)]
        if not self.meeting.findings:
            return [*parts, Para(wording.NOTHING_FOUND, self.styles.body)]
        rows = []
        for n, f in enumerate(self.meeting.findings, start=1):
            rows.append(
                [
                    self._number(n),
                    self._cell(f.category),
                    self._cell(place_text(f.location, f.district, f.regency)),
                    *self._involved(f),
                    self._finding_remarks(f),
                ]
            )
        header = (
            wording.COL_NO,
            wording.COL_CATEGORY,
            wording.COL_LOCATION,
            wording.COL_NATIONALITY,
            wording.COL_PERSONS,
            wording.COL_REMARKS,
        )
        return self._headed_table([*parts, self._table(header, rows, (0.055, 0.18, 0.155, 0.2, 0.095, 0.315))])

    def _involved(self, f: FindingRecord) -> tuple[Any, Any]:
        """The nationality and persons cells. One nationality prints as it always has ("Tiongkok"
        | "3"); several, one a line with their persons ("Tiongkok (3 orang)"), and their total."""
        rows = f.nationalities
        if len(rows) <= 1:
            code, persons = (rows[0].nationality, rows[0].persons) if rows else ("", None)
            # the count at the left like its title: a centred count leaves the grid text
            # extraction reads row by row on (see styles.header_cells)
            return self._cell(country_name(code)), self._cell(str(persons) if persons is not None else "-")
        lines = [
            Para(self.markup(wording.involved(country_name(r.nationality), r.persons)), self.styles.cell) for r in rows
        ]
        known = all(r.persons is not None for r in rows)
        total = str(sum(r.persons or 0 for r in rows)) if known else "-"
        return lines, self._cell(total)

    def _finding_remarks(self, f: FindingRecord) -> list[Para]:
        cell = [Para(part, self.styles.cell) for part in self.markup.paragraphs(self._spell(f.description))]
        for label, value in (
            (wording.FINDING_DOCUMENT, wording.DOCUMENT_STATUS[f.document_status]),
            (wording.FINDING_SPONSOR, f.sponsor),
            (wording.FINDING_SOURCE, f.reporting_agency),
            (wording.FINDING_RECOMMENDATION, f.recommendation),
        ):
            if value:
                cell.append(Para(f"<i>{label}:</i> {self.markup(self._spell(value))}", self.styles.cell))
        return cell

    def action_plan(self) -> list[Flowable]:
        parts: list[Flowable] = [*self._heading(wording.ACTIONS)]
        if not self.meeting.actions:
            return [*parts, Para(wording.NOTHING_PLANNED, self.styles.body)]
        rows = []
        for n, a in enumerate(self.meeting.actions, start=1):
            owner = [Para(self.markup(a.owner_agency_name or "-"), self.styles.cell)]
            if a.owner_person_name:
                owner.append(Para(self.markup(a.owner_person_name), self.styles.cell_aside))
            rows.append(
                [
                    self._number(n),
                    [Para(part, self.styles.cell) for part in self.markup.paragraphs(self._spell(a.description))],
                    owner,
                    self._cell(self._due(a.due_date)),
                    self._cell(wording.ACTION_STATUS[a.status]),
                ]
            )
        header = (wording.COL_NO, wording.COL_DESCRIPTION, wording.COL_OWNER, wording.COL_DUE, wording.COL_STATUS)
        return self._headed_table([*parts, self._table(header, rows, (0.055, 0.405, 0.22, 0.17, 0.15))])

    def conclusions(self) -> list[Flowable]:
        parts: list[Flowable] = [*self._heading(wording.CONCLUSIONS)]
        if not self.meeting.conclusions:
            return [*parts, Para(wording.NOTHING_CONCLUDED, self.styles.body)]
        for n, c in enumerate(self.meeting.conclusions, start=1):
            for i, part in enumerate(self.markup.paragraphs(self._spell(c.text))):
                parts.append(Para(part, self.styles.numbered, bulletText=f"{n}." if i == 0 else None))
        return parts

    def closing(self) -> list[Flowable]:
        """Penutup: the closing notes, and the closing time when they do not give it."""
        text = self.meeting.closing_notes
        end = self.meeting.end_time
        if end and clock(end) not in text:
            closed = wording.CLOSED_AT.format(time=f"{clock(end)} {self.zone}")
            text = f"{text}\n{closed}" if text else closed
        return [*self._heading(wording.CLOSING), *self._text(text or wording.CLOSED)]

    def closing_and_signatures(self) -> list[Flowable]:
        """The closing and the signatures: a signature page never stands alone, and a long
        closing is not carried whole to the next page (leaving most of this one blank).

        A short closing (up to a third of a page) stays with the signatures. A longer one flows
        like any text, its heading kept with its first lines; only its last lines go with the
        signature block, which itself never splits from its date line.
        """
        heading, *texts = [f for f in self.closing() if not isinstance(f, CondPageBreak)]
        signatures = self.signatures()
        heights = [f.wrap(self.width, self.layout.frame_height)[1] for f in (heading, *texts)]
        if sum(heights) <= self.layout.frame_height / 3:
            return [KeepTogether([heading, *texts, *signatures])]
        *flowing, last = texts
        head, tail = self._last_lines(last, heights[-1])
        return [CondPageBreak(ROOM_AFTER_HEADING), heading, *flowing, *head, KeepTogether([*tail, *signatures])]

    def _last_lines(self, paragraph: Para, height: float) -> tuple[list[Flowable], list[Flowable]]:
        """A paragraph cut before its last LINES_WITH_SIGNATURES lines: (the head, the tail)."""
        leading = paragraph.style.leading
        lines = round((height - paragraph.style.spaceAfter - paragraph.style.spaceBefore) / leading)
        if lines <= LINES_WITH_SIGNATURES + 1:
            return [], [paragraph]
        parts = paragraph.split(self.width, (lines - LINES_WITH_SIGNATURES) * leading + 1)
        if len(parts) != 2:
            return [], [paragraph]
        head, tail = parts
        # one paragraph in two pieces: no paragraph gap between them when they share a page
        head.style = ParagraphStyle(f"{head.style.name}_head", parent=head.style, spaceAfter=0)
        return [head], [tail]

    def signatures(self) -> list[Flowable]:
        m = self.meeting
        place = m.city or self.office.city
        place_date = f"{place}, {plain_date(m.date)}" if place else plain_date(m.date)
        return signature_block(
            self._signatory("chair"),
            self._signatory("secretary"),
            place_date=place_date,
            styles=self.styles,
            markup=self.markup,
            width=self.width,
            record=self._record,
            qr_png=self.qr_png,
            qr_caption=self._qr_caption(),
        )

    def _qr_caption(self) -> str:
        """The code the QR carries, readable without a phone, and what it proves."""
        code = wording.QR_CODE_LINE.format(code=verification_code(self.content_sha256), revision=self.meeting.revision)
        return f"{code}<br/>{wording.QR_CAPTION}"

    def _signatory(self, role: str) -> Signatory:
        caption = f"{wording.CHAIR}," if role == "chair" else f"{wording.SECRETARY},"
        person: PersonRecord | None = self.bundle.chair if role == "chair" else self.bundle.secretary
        if person is None:
            return Signatory(role=role, caption=caption)
        # Who they were on the day (the attendance snapshot) beats who they are now.
        snapshot: AttendanceRecord | None = next(
            (r for r in self.meeting.attendances if r.person_uuid == person.uuid), None
        )
        return Signatory(
            role=role,
            caption=caption,
            position=(snapshot.position_title if snapshot else "") or person.position,
            name=(snapshot.name if snapshot else "") or person.name,
            rank=(snapshot.rank if snapshot else "") or person.rank,
            id_number=(snapshot.id_number if snapshot else "") or person.id_number,
            signature_image=person.signature_image,
        )

    def _person_name(self, uuid: str | None) -> str:
        person = self.bundle.person(uuid)
        return person.name if person else ""

    # --- appendices ----------------------------------------------------------------------------

    def _appendix_header(self) -> list[Flowable]:
        """'LAMPIRAN I / Notula Rapat / Nomor / Tanggal' in the top right corner."""
        self._appendices += 1
        lines = [
            f"<b>{wording.APPENDIX} {ROMAN[self._appendices - 1]}</b>",
            wording.OF_MINUTES_BY_TITLE[self.title_word],
        ]
        if self.meeting.number:
            lines.append(f"{wording.NUMBER}: {self.markup(self.meeting.number)}")
        lines.append(f"{wording.DATE}: {plain_date(self.meeting.date)}")
        block = Table(
            [["", [Para(line, self.styles.appendix_ref) for line in lines]]],
            colWidths=[self.width * 0.5, self.width * 0.5],
            style=plain(self.styles),
        )
        return [PageBreak(), block, Spacer(1, 6 * mm)]

    def signed_sheet(self) -> AttachmentRecord | None:
        """The scan of the signed daftar hadir, when one is attached and its file is at hand."""
        return next(
            (a for a in self.meeting.attachments if a.kind is AttachmentKind.SIGNED_SHEET and a.content),
            None,
        )

    def attendance_appendix(self) -> list[Flowable]:
        if not self.include_attendance:
            return []
        sheet = self.signed_sheet() if self.appendix_form is AttendanceAppendix.SCAN else None
        if sheet is not None:
            return self.scanned_attendance_appendix(sheet)
        ordered = print_order(self.meeting.attendances)
        attended = [attended_row(r) for r in ordered if r.status.attended]
        absent = [r for r in ordered if not r.status.attended]
        listed = self.appendix_form is AttendanceAppendix.PRESENT_LIST
        parts: list[Flowable] = [
            *self._appendix_header(),
            *sheet_heading(
                self.meeting,
                self.styles,
                self.markup,
                self.width,
                title=wording.PRESENT_LIST_TITLE if listed else wording.ATTENDANCE_TITLE,
            ),
        ]
        if attended:
            parts.append(
                signature_table(
                    attended,
                    self.styles,
                    self.markup,
                    self.width,
                    page_height=self.layout.frame_height,
                    with_signatures=not listed,
                )
            )
        else:
            parts.append(Para(wording.NO_ATTENDEES, self.styles.body))
        if absent:
            parts += self._headed_table(
                [
                    CondPageBreak(ROOM_AFTER_HEADING),
                    Spacer(1, 6 * mm),
                    Para(wording.ABSENT_TITLE, self.styles.heading),
                    absentee_table(absent, self.styles, self.markup, self.width, page_height=self.layout.frame_height),
                ]
            )
        return parts

    def scanned_attendance_appendix(self, sheet: AttachmentRecord) -> list[Flowable]:
        """Lampiran I as the paper daftar hadir signed at the meeting: its pages as pictures.

        Drawn into pixels (services/scanned_sheet.py): nothing of the scanned file but its
        image enters the minutes, which stay PDF/A, numbered and stamped like every page.
        """
        from app.services.scanned_sheet import scan_pages

        parts: list[Flowable] = [
            *self._appendix_header(),
            Para(wording.ATTENDANCE_TITLE, self.styles.title),
            Para(wording.SCAN_NOTE, self.styles.subtitle),
            Spacer(1, 3 * mm),
        ]
        assert sheet.content is not None
        for n, page in enumerate(scan_pages(sheet.content, sheet.media_type), start=1):
            key = f"{sheet.sha256[:16]}p{n}"
            parts.append(ScanPage(page.jpeg, key, (page.width, page.height), frame_height=self.layout.frame_height))
        return parts

    def documentation_appendix(self) -> list[Flowable]:
        photos = printable_photos(self.meeting.attachments)
        if not photos:
            return []
        return [
            *self._appendix_header(),
            Para(wording.PHOTOS_TITLE, self.styles.title),
            Spacer(1, 6 * mm),
            photo_grid(photos, self.styles, self.markup, self.width),
        ]


def render_minutes(
    bundle: MeetingBundle,
    office: OfficeRecord,
    *,
    paper: Paper | str | None = None,
    include_attendance: bool = True,
    qr_png: bytes | None = None,
    content_sha256: str | None = None,
    attendance_appendix: AttendanceAppendix | str | None = None,
) -> RenderedPdf:
    """The minutes of one meeting as a finished PDF (see `MinutesRenderer`)."""
    return MinutesRenderer(
        bundle,
        office,
        paper=paper,
        include_attendance=include_attendance,
        qr_png=qr_png,
        content_sha256=content_sha256,
        attendance_appendix=attendance_appendix,
    ).render()
