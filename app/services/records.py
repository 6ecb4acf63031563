"""Plain, frozen records of a meeting: what the PDF renders and the exchange file carries."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload, undefer

from app.models import Agency, AgendaItem, Attachment, Attendance, Finding, Meeting, OfficeProfile, Person
from app.models.enums import (
    ActionStatus,
    AttachmentKind,
    AttendanceAppendix,
    AttendanceStatus,
    Classification,
    DocumentFont,
    DocumentStatus,
    MeetingKind,
    MeetingStatus,
    MinutesTitle,
    PageNumbering,
    Paper,
    TeamLevel,
    TimeZoneName,
)
from app.services.meetings import get_meeting
from app.services.office import get_office


@dataclass(frozen=True)
class AgencyRecord:
    uuid: str
    name: str
    short_name: str = ""
    sort_order: int = 100


@dataclass(frozen=True)
class PersonRecord:
    uuid: str
    name: str
    id_number: str = ""
    rank: str = ""
    position: str = ""
    agency_uuid: str | None = None
    phone: str = ""
    email: str = ""
    is_example: bool = False
    notes: str = ""
    signature_image: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class AgendaRecord:
    uuid: str
    position: int
    title: str
    time: dt.time | None = None
    presenter_uuid: str | None = None
    presenter_name: str = ""
    discussion: str = ""


@dataclass(frozen=True)
class AttendanceRecord:
    uuid: str
    position: int
    name: str
    person_uuid: str | None = None
    id_number: str = ""
    rank: str = ""
    position_title: str = ""
    agency_name: str = ""
    agency_order: int = 100
    status: AttendanceStatus = AttendanceStatus.INVITED
    deputy_name: str = ""
    deputy_id_number: str = ""
    deputy_rank: str = ""
    deputy_position: str = ""
    note: str = ""


@dataclass(frozen=True)
class NationalityRecord:
    """One nationality a finding involves: ISO alpha-2 ("" = not known) and how many persons."""

    nationality: str = ""
    persons: int | None = None


@dataclass(frozen=True)
class FindingRecord:
    uuid: str
    position: int
    category: str
    location: str = ""
    #: in their order; records and files made before issue 18 say one `nationality` and
    #: `persons`, read as the one row here (see exchange.py)
    nationalities: tuple[NationalityRecord, ...] = ()
    document_status: DocumentStatus = DocumentStatus.UNKNOWN
    #: kabupaten/kota and kecamatan (issue 18); "" in records made before they existed
    regency: str = ""
    district: str = ""
    sponsor: str = ""
    reporting_agency: str = ""
    description: str = ""
    recommendation: str = ""


@dataclass(frozen=True)
class ActionRecord:
    uuid: str
    position: int
    description: str
    owner_agency_uuid: str | None = None
    owner_agency_name: str = ""
    owner_person_uuid: str | None = None
    owner_person_name: str = ""
    due_date: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN


@dataclass(frozen=True)
class ReviewRecord:
    uuid: str
    position: int
    action_uuid: str
    description: str
    owner_agency_name: str = ""
    due_date: dt.date | None = None
    origin_meeting_title: str = ""
    origin_meeting_date: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    note: str = ""


@dataclass(frozen=True)
class ConclusionRecord:
    uuid: str
    position: int
    text: str


@dataclass(frozen=True)
class AttachmentRecord:
    uuid: str
    position: int
    filename: str
    sha256: str
    kind: AttachmentKind = AttachmentKind.PHOTO
    media_type: str = "application/octet-stream"
    caption: str = ""
    size: int = 0
    content: bytes | None = field(default=None, repr=False)
    print_image: bytes | None = field(default=None, repr=False)
    print_width: int | None = None
    print_height: int | None = None


@dataclass(frozen=True)
class MeetingRecord:
    uuid: str
    title: str
    date: dt.date
    start_time: dt.time
    number: str = ""
    kind: MeetingKind = MeetingKind.RAKOR
    level: TeamLevel = TeamLevel.REGENCY_CITY
    area: str = ""
    end_time: dt.time | None = None
    time_zone: TimeZoneName = TimeZoneName.WIB
    venue: str = ""
    city: str = ""
    chair_uuid: str | None = None
    secretary_uuid: str | None = None
    opening_notes: str = ""
    closing_notes: str = ""
    classification: Classification = Classification.ORDINARY
    status: MeetingStatus = MeetingStatus.DRAFT
    revision: int = 1
    follows_uuid: str | None = None
    agenda: tuple[AgendaRecord, ...] = ()
    attendances: tuple[AttendanceRecord, ...] = ()
    findings: tuple[FindingRecord, ...] = ()
    actions: tuple[ActionRecord, ...] = ()
    reviews: tuple[ReviewRecord, ...] = ()
    conclusions: tuple[ConclusionRecord, ...] = ()
    attachments: tuple[AttachmentRecord, ...] = ()
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class MeetingBundle:
    """A meeting with every person and agency it references."""

    meeting: MeetingRecord
    persons: tuple[PersonRecord, ...] = ()
    agencies: tuple[AgencyRecord, ...] = ()

    def person(self, uuid: str | None) -> PersonRecord | None:
        return next((p for p in self.persons if p.uuid == uuid), None) if uuid else None

    def agency(self, uuid: str | None) -> AgencyRecord | None:
        return next((a for a in self.agencies if a.uuid == uuid), None) if uuid else None

    @property
    def chair(self) -> PersonRecord | None:
        return self.person(self.meeting.chair_uuid)

    @property
    def secretary(self) -> PersonRecord | None:
        return self.person(self.meeting.secretary_uuid)


@dataclass(frozen=True)
class OfficeRecord:
    ministry: str = ""
    directorate: str = ""
    regional_office: str = ""
    office_name: str = ""
    address: str = ""
    phone: str = ""
    website: str = ""
    email: str = ""
    emblem: bytes | None = field(default=None, repr=False)
    city: str = ""
    area: str = ""
    time_zone: TimeZoneName = TimeZoneName.WIB
    paper: Paper = Paper.A4
    font: DocumentFont = DocumentFont.SANS
    minutes_title: MinutesTitle = MinutesTitle.NOTULA
    page_numbering: PageNumbering = PageNumbering.FOOTER
    attendance_appendix: AttendanceAppendix = AttendanceAppendix.SIGNATURES


#: Fields a MeetingRecord shares, by name and meaning, with the Meeting model.
MEETING_SCALARS = (
    "uuid",
    "number",
    "title",
    "kind",
    "level",
    "area",
    "date",
    "start_time",
    "end_time",
    "time_zone",
    "venue",
    "city",
    "opening_notes",
    "closing_notes",
    "classification",
    "status",
    "revision",
    "created_at",
    "updated_at",
)


# --- from the store --------------------------------------------------------------------------


def office_record(session: Session) -> OfficeRecord:
    office: OfficeProfile = get_office(session)
    return OfficeRecord(
        ministry=office.ministry,
        directorate=office.directorate,
        regional_office=office.regional_office,
        office_name=office.office_name,
        address=office.address,
        phone=office.phone,
        website=office.website,
        email=office.email,
        emblem=office.emblem,
        city=office.city,
        area=office.area,
        time_zone=office.time_zone,
        paper=office.paper,
        font=office.font,
        minutes_title=office.minutes_title,
        page_numbering=office.page_numbering,
        attendance_appendix=office.attendance_appendix,
    )


def agency_record(agency: Agency, day: dt.date | None = None) -> AgencyRecord:
    """The agency as it was named on `day` (the meeting's date), or as it is named today."""
    name, short_name = agency.name_on(day)
    return AgencyRecord(uuid=agency.uuid, name=name, short_name=short_name, sort_order=agency.sort_order)


def person_record(person: Person) -> PersonRecord:
    return PersonRecord(
        uuid=person.uuid,
        name=person.name,
        id_number=person.id_number,
        rank=person.rank,
        position=person.position,
        agency_uuid=person.agency.uuid if person.agency else None,
        phone=person.phone,
        email=person.email,
        is_example=person.is_example,
        notes=person.notes,
        signature_image=person.signature_image,
    )


def _attachment_record(a: Attachment, *, with_content: bool) -> AttachmentRecord:
    return AttachmentRecord(
        uuid=a.uuid,
        position=a.position,
        filename=a.filename,
        sha256=a.sha256,
        kind=a.kind,
        media_type=a.media_type,
        caption=a.caption,
        size=a.size,
        # the signed daftar hadir is printed from its file (services/scanned_sheet.py)
        content=a.content if with_content or a.kind is AttachmentKind.SIGNED_SHEET else None,
        print_image=a.print_image,
        print_width=a.print_width,
        print_height=a.print_height,
    )


def _person_options() -> list:
    """What a PersonRecord reads of a person besides its columns: signature image and agency."""
    return [undefer(Person.signature_image), joinedload(Person.agency)]


def _preload(session: Session, meeting: Meeting, *, with_content: bool) -> None:
    """Everything load_bundle reads of a meeting, in a dozen statements whatever its size.

    Without it every attendee's person, signature image and agency was a lookup of its own (365
    statements for a 150-attendee meeting). populate_existing: collections the session already
    holds are read again with their persons, rather than kept and their persons loaded one by one
    (pending changes are flushed first, so nothing unsaved is lost).
    """
    attachments = [undefer(Attachment.print_image)]
    if with_content:
        attachments.append(undefer(Attachment.content))
    session.execute(
        select(Meeting)
        .where(Meeting.id == meeting.id)
        .options(
            joinedload(Meeting.chair).options(*_person_options()),
            joinedload(Meeting.secretary).options(*_person_options()),
            joinedload(Meeting.follows),
            selectinload(Meeting.agenda_items).selectinload(AgendaItem.presenter).options(*_person_options()),
            selectinload(Meeting.attendances).selectinload(Attendance.person).options(*_person_options()),
            selectinload(Meeting.findings).selectinload(Finding.nationalities),
            selectinload(Meeting.action_items),
            selectinload(Meeting.action_reviews),
            selectinload(Meeting.conclusions),
            selectinload(Meeting.attachments).options(*attachments),
        )
        .execution_options(populate_existing=True)
    ).unique().all()
    # Owners of action items are plain ids (no relationship): read them all at once, so the
    # session.get calls below find them in the identity map.
    person_ids = {a.owner_person_id for a in meeting.action_items if a.owner_person_id is not None}
    agency_ids = {a.owner_agency_id for a in meeting.action_items if a.owner_agency_id is not None}
    if person_ids:
        session.execute(
            select(Person)
            .where(Person.id.in_(person_ids))
            .options(*_person_options())
            .execution_options(populate_existing=True)
        ).unique().all()
    if agency_ids:
        session.execute(select(Agency).where(Agency.id.in_(agency_ids))).all()


def load_bundle(session: Session, meeting_id: int | str, *, with_content: bool = False) -> MeetingBundle:
    """Everything about one meeting as plain records; `with_content` also reads original files.

    A constant number of SQL statements, however many attendees, agenda items or photos.
    """
    m: Meeting = get_meeting(session, meeting_id)
    _preload(session, m, with_content=with_content)
    persons: dict[str, Person] = {}

    def keep(person: Person | None) -> str | None:
        if person is None:
            return None
        persons[person.uuid] = person
        return person.uuid

    record = MeetingRecord(
        **{name: getattr(m, name) for name in MEETING_SCALARS},
        chair_uuid=keep(m.chair),
        secretary_uuid=keep(m.secretary),
        follows_uuid=m.follows.uuid if m.follows else m.follows_uuid,
        agenda=tuple(
            AgendaRecord(
                uuid=a.uuid,
                position=a.position,
                title=a.title,
                time=a.time,
                presenter_uuid=keep(a.presenter),
                presenter_name=a.presenter_name,
                discussion=a.discussion,
            )
            for a in m.agenda_items
        ),
        attendances=tuple(
            AttendanceRecord(
                uuid=r.uuid,
                position=r.position,
                name=r.name,
                person_uuid=keep(r.person),
                id_number=r.id_number,
                rank=r.rank,
                position_title=r.position_title,
                agency_name=r.agency_name,
                agency_order=r.agency_order,
                status=r.status,
                deputy_name=r.deputy_name,
                deputy_id_number=r.deputy_id_number,
                deputy_rank=r.deputy_rank,
                deputy_position=r.deputy_position,
                note=r.note,
            )
            for r in m.attendances
        ),
        findings=tuple(
            FindingRecord(
                uuid=f.uuid,
                position=f.position,
                category=f.category,
                location=f.location,
                regency=f.regency,
                district=f.district,
                nationalities=tuple(NationalityRecord(n.nationality, n.persons) for n in f.nationalities),
                document_status=f.document_status,
                sponsor=f.sponsor,
                reporting_agency=f.reporting_agency,
                description=f.description,
                recommendation=f.recommendation,
            )
            for f in m.findings
        ),
        actions=tuple(
            ActionRecord(
                uuid=a.uuid,
                position=a.position,
                description=a.description,
                owner_agency_uuid=_agency_uuid(session, a.owner_agency_id),
                owner_agency_name=a.owner_agency_name,
                owner_person_uuid=keep(session.get(Person, a.owner_person_id) if a.owner_person_id else None),
                owner_person_name=a.owner_person_name,
                due_date=a.due_date,
                status=a.status,
            )
            for a in m.action_items
        ),
        reviews=tuple(
            ReviewRecord(
                uuid=r.uuid,
                position=r.position,
                action_uuid=r.action_uuid,
                description=r.description,
                owner_agency_name=r.owner_agency_name,
                due_date=r.due_date,
                origin_meeting_title=r.origin_meeting_title,
                origin_meeting_date=r.origin_meeting_date,
                status=r.status,
                note=r.note,
            )
            for r in m.action_reviews
        ),
        conclusions=tuple(ConclusionRecord(uuid=c.uuid, position=c.position, text=c.text) for c in m.conclusions),
        attachments=tuple(_attachment_record(a, with_content=with_content) for a in m.attachments),
    )
    agencies: dict[str, Agency] = {}
    for person in persons.values():
        if person.agency is not None:
            agencies[person.agency.uuid] = person.agency
    for action in m.action_items:
        if action.owner_agency_id is not None:
            agency = session.get(Agency, action.owner_agency_id)
            if agency is not None:
                agencies[agency.uuid] = agency
    return MeetingBundle(
        meeting=record,
        persons=tuple(person_record(p) for p in sorted(persons.values(), key=lambda p: p.uuid)),
        agencies=tuple(agency_record(a, m.date) for a in sorted(agencies.values(), key=lambda a: a.uuid)),
    )


def _agency_uuid(session: Session, agency_id: int | None) -> str | None:
    if agency_id is None:
        return None
    agency = session.get(Agency, agency_id)
    return agency.uuid if agency else None


# --- canonical content -----------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def content_sha256(bundle: MeetingBundle) -> str:
    """SHA-256 of what the minutes say: the record without status, times of editing and blobs.

    Two stores holding the same meeting give the same hash, so a printout's QR code can be
    checked against any copy of the record.
    """
    meeting = asdict(bundle.meeting)
    # Not printed, or not the record's own: the link to an earlier meeting is dropped when that
    # meeting is not in the store a copy is imported into.
    for volatile in ("status", "created_at", "updated_at", "follows_uuid"):
        meeting.pop(volatile, None)
    for finding in meeting["findings"]:
        # Added later (issue 18): counted only when given, so a record frozen before they
        # existed keeps the hash its printed QR code carries.
        for added in ("regency", "district"):
            if not finding.get(added):
                finding.pop(added, None)
        # One nationality or none is hashed as the single fields it was before issue 18, so a
        # frozen record keeps its hash; several are hashed as the list.
        involved = finding.pop("nationalities")
        if len(involved) <= 1:
            first = involved[0] if involved else {"nationality": "", "persons": None}
            finding.update(nationality=first["nationality"], persons=first["persons"])
        else:
            finding["nationalities"] = involved
    for attachment in meeting["attachments"]:
        for blob in ("content", "print_image", "print_width", "print_height"):
            attachment.pop(blob, None)
    # Only what the minutes print of a person: a new phone number in the directory must not
    # make signed minutes look altered.
    persons = [
        {"uuid": p.uuid, "name": p.name, "id_number": p.id_number, "rank": p.rank, "position": p.position}
        for p in bundle.persons
    ]
    payload = {"meeting": _plain(meeting), "persons": _plain(persons)}
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
