"""Use cases of a meeting as a whole: create, follow up, update, list, delete, lock."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, String, and_, extract, select, type_coerce
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import ActionItem, ActionReview, Agency, Attendance, Meeting
from app.models.enums import (
    ActionStatus,
    AttendanceStatus,
    Classification,
    MeetingKind,
    MeetingStatus,
    TeamLevel,
    TimeZoneName,
)
from app.services.directory import get_person
from app.services.errors import LockedError, NotFoundError, ValidationError
from app.services.office import get_office
from app.services.validation import check_time_order, clean_text


class MeetingSummary(NamedTuple):
    """A row of the meeting list (a named tuple: the list makes one per meeting at each start)."""

    id: int
    uuid: str
    number: str
    date: dt.date
    title: str
    kind: MeetingKind
    status: MeetingStatus
    revision: int
    invited: int
    present: int


TEXT_FIELDS = {
    "number": (100, False),
    "title": (500, True),
    "area": (300, False),
    "venue": (300, False),
    "city": (100, False),
    "opening_notes": (100_000, False),
    "closing_notes": (100_000, False),
}
ENUM_FIELDS = {
    "kind": MeetingKind,
    "level": TeamLevel,
    "classification": Classification,
    "time_zone": TimeZoneName,
}


def field_labels() -> dict[str, str]:
    return {
        "number": _("Meeting number"),
        "title": _("Title"),
        "area": _("Area"),
        "venue": _("Venue"),
        "city": _("City"),
        "opening_notes": _("Opening"),
        "closing_notes": _("Closing"),
        "date": _("Date"),
        "start_time": _("Start time"),
        "end_time": _("End time"),
    }


def get_meeting(session: Session, meeting_id: int | str) -> Meeting:
    """A meeting by numeric id or uuid."""
    meeting: Meeting | None
    if isinstance(meeting_id, int) or (isinstance(meeting_id, str) and meeting_id.isdigit()):
        meeting = session.get(Meeting, int(meeting_id))
    else:
        meeting = session.scalar(select(Meeting).where(Meeting.uuid == _canonical_uuid(str(meeting_id))))
    if meeting is None:
        raise NotFoundError(_("There is no meeting {ref}.").format(ref=meeting_id))
    return meeting


def _canonical_uuid(text: str) -> str:
    """Any spelling of a UUID (upper case, braces, urn:uuid:) as the store writes it."""
    try:
        return str(uuid_module.UUID(text.strip()))
    except ValueError:
        return text.strip().lower()


def ensure_editable(meeting: Meeting) -> None:
    """Refuse changes to a signed or finalized meeting: its minutes are what was signed."""
    if meeting.status is MeetingStatus.SIGNED:
        raise LockedError(_("The minutes of this meeting are signed; amend it to make a new revision."))
    if meeting.status is MeetingStatus.FINAL:
        raise LockedError(_("This meeting is final; reopen it as a draft to change it."))


def _apply(session: Session, meeting: Meeting, changes: dict) -> None:
    labels = field_labels()
    for field, value in changes.items():
        if field in TEXT_FIELDS:
            size, required = TEXT_FIELDS[field]
            setattr(
                meeting, field, clean_text(value, field=field, label=labels[field], required=required, max_length=size)
            )
        elif field in ENUM_FIELDS:
            try:
                setattr(meeting, field, ENUM_FIELDS[field](value))
            except ValueError:
                raise ValidationError(_("{value} is not a valid choice.").format(value=value), field=field) from None
        elif field == "date":
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise ValidationError(_("The meeting date is required."), field="date")
            if value != meeting.date and meeting.date is not None:
                _rename_agencies_for(session, meeting, value)
            meeting.date = value
        elif field in ("start_time", "end_time"):
            if value is not None and not isinstance(value, dt.time):
                raise ValidationError(_("{label} is not a time.").format(label=labels[field]), field=field)
            if field == "start_time" and value is None:
                raise ValidationError(_("The start time is required."), field=field)
            setattr(meeting, field, None if value is None else value.replace(second=0, microsecond=0))
        elif field in ("chair_id", "secretary_id"):
            setattr(meeting, field, None if value is None else get_person(session, value).id)
        else:
            raise TypeError(f"unknown meeting field {field!r}")
    check_time_order(meeting.start_time, meeting.end_time)


def _rename_agencies_for(session: Session, meeting: Meeting, day: dt.date) -> None:
    """A meeting moved to another date prints its agencies by their names on that date; a name
    typed by hand (none of the agency's names) is left as it is."""

    for row in meeting.attendances:
        agency = row.person.agency if row.person is not None else None
        if agency is not None and row.agency_name in _names_of(agency):
            row.agency_name = agency.name_on(day)[0]
    for action in meeting.action_items:
        agency = session.get(Agency, action.owner_agency_id) if action.owner_agency_id else None
        if agency is not None and action.owner_agency_name in _names_of(agency):
            action.owner_agency_name = agency.name_on(day)[0]


def _names_of(agency: Agency) -> set[str]:
    return {agency.name, *(former.name for former in agency.former_names)}


def create_meeting(
    session: Session,
    *,
    title: str,
    date: dt.date | None,
    start_time: dt.time | None = dt.time(9, 0),
    **fields: Any,
) -> Meeting:
    """A new draft meeting; place, zone and signatories default to the office profile's."""
    office = get_office(session)
    meeting = Meeting(
        number="",
        area=office.area,
        venue="",
        city=office.city,
        opening_notes="",
        closing_notes="",
        time_zone=office.time_zone,
        kind=MeetingKind.RAKOR,
        level=TeamLevel.REGENCY_CITY,
        classification=Classification.ORDINARY,
        status=MeetingStatus.DRAFT,
        revision=1,
        chair_id=office.default_chair_id,
        secretary_id=office.default_secretary_id,
    )
    if date is None:
        raise ValidationError(_("The meeting date is required."), field="date")
    _apply(session, meeting, {"title": title, "date": date, "start_time": start_time, **fields})
    session.add(meeting)
    session.flush()
    return meeting


def update_meeting(session: Session, meeting_id: int | str, **changes: Any) -> Meeting:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    _apply(session, meeting, changes)
    session.flush()
    return meeting


def delete_meeting(session: Session, meeting_id: int | str) -> None:
    meeting = get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.SIGNED:
        raise LockedError(_("Signed minutes are part of the archive and cannot be deleted."))
    session.delete(meeting)
    session.flush()


def open_actions_before(session: Session, meeting: Meeting) -> list[ActionItem]:
    """Every still-open action item agreed at a meeting held before (or on) this one's date."""
    query = (
        select(ActionItem)
        .join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(
            Meeting.id != meeting.id,
            Meeting.date <= meeting.date,
            ActionItem.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
        )
        .order_by(Meeting.date, Meeting.id, ActionItem.position)
    )
    return list(session.scalars(query))


def carry_over_open_actions(session: Session, meeting: Meeting) -> list[ActionReview]:
    """Bring every still-open earlier action item to this meeting for review (once each)."""
    ensure_editable(meeting)
    already = {review.action_uuid for review in meeting.action_reviews}
    position = max((r.position for r in meeting.action_reviews), default=0)
    added = []
    for action in open_actions_before(session, meeting):
        if action.uuid in already:
            continue
        position += 1
        review = ActionReview(
            position=position,
            action_uuid=action.uuid,
            action=action,
            description=action.description,
            owner_agency_name=action.owner_agency_name,
            due_date=action.due_date,
            origin_meeting_title=action.meeting.title,
            origin_meeting_date=action.meeting.date,
            status=action.status,
            note="",
        )
        meeting.action_reviews.append(review)
        added.append(review)
    session.flush()
    return added


def create_follow_up(
    session: Session, earlier_id: int | str, *, title: str, date: dt.date | None, **fields: Any
) -> Meeting:
    """A meeting that follows an earlier one: its invitees, and every open action for review."""
    earlier = get_meeting(session, earlier_id)
    if date is not None and date < earlier.date:
        raise ValidationError(_("A follow-up meeting cannot be held before the meeting it follows."), field="date")
    defaults = {
        "kind": earlier.kind,
        "level": earlier.level,
        "area": earlier.area,
        "city": earlier.city,
        "classification": earlier.classification,
        "chair_id": earlier.chair_id,
        "secretary_id": earlier.secretary_id,
    }
    meeting = create_meeting(session, title=title, date=date, **{**defaults, **fields})
    meeting.follows = earlier
    for position, invitee in enumerate(earlier.attendances, start=1):
        person = invitee.person
        meeting.attendances.append(
            Attendance(
                position=position,
                person=person,
                # The directory may know a newer rank or position than the earlier snapshot.
                name=person.name if person else invitee.name,
                id_number=person.id_number if person else invitee.id_number,
                rank=person.rank if person else invitee.rank,
                position_title=person.position if person else invitee.position_title,
                agency_name=(person.agency.name_on(date)[0] if person and person.agency else invitee.agency_name),
                agency_order=(person.agency.sort_order if person and person.agency else invitee.agency_order),
                status=AttendanceStatus.INVITED,
                deputy_name="",
                deputy_id_number="",
                deputy_rank="",
                deputy_position="",
                note="",
            )
        )
    session.flush()
    carry_over_open_actions(session, meeting)
    return meeting


def _list_conditions(
    year: int | None, status: MeetingStatus | None, kind: MeetingKind | None, ids: list[int] | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if year is not None:
        # A range on the stored date, not extract(year): the date index serves it.
        conditions += [Meeting.date >= dt.date(year, 1, 1), Meeting.date < dt.date(year + 1, 1, 1)]
    if status is not None:
        conditions.append(Meeting.status == status)
    if kind is not None:
        conditions.append(Meeting.kind == kind)
    if ids is not None:
        conditions.append(Meeting.id.in_(ids))
    return conditions


#: The list's columns as stored text: SQLAlchemy's per-value processors and ORM rows cost most
#: of the time at 20,000 meetings, so the date and enums are converted by _summaries.
_SUMMARY_COLUMNS = (
    Meeting.id,
    Meeting.uuid,
    Meeting.number,
    type_coerce(Meeting.date, String),
    Meeting.title,
    type_coerce(Meeting.kind, String),
    type_coerce(Meeting.status, String),
    Meeting.revision,
    Meeting.invited_count,
    Meeting.present_count,
)


def _summaries(rows: Sequence[Any]) -> list[MeetingSummary]:
    # SQLite hands the date over as its stored text; PostgreSQL's driver as a date already.
    day = dt.date.fromisoformat if rows and isinstance(rows[0][3], str) else _same
    kinds = {member.value: member for member in MeetingKind}
    statuses = {member.value: member for member in MeetingStatus}
    make = tuple.__new__  # MeetingSummary's own __new__ is Python: a third of the time at 20,000
    return [
        make(MeetingSummary, (i, u, n, day(d), t, kinds[k], statuses[st], r, invited, present))
        for i, u, n, d, t, k, st, r, invited, present in rows
    ]


def list_meetings(
    session: Session,
    *,
    year: int | None = None,
    status: MeetingStatus | None = None,
    kind: MeetingKind | None = None,
    ids: list[int] | None = None,
) -> list[MeetingSummary]:
    """Meetings newest first, with invitee and attendee counts, in one query.

    The counts are the meetings' stored ones (kept by triggers with the attendance rows), so the
    list reads no attendance row. This reads every meeting (the command line's list); the
    window's list reads meeting_ids and then only the summaries of the rows it shows.
    """
    query = select(*_SUMMARY_COLUMNS).order_by(Meeting.date.desc(), Meeting.id.desc())
    conditions = _list_conditions(year, status, kind, ids)
    if conditions:
        query = query.where(and_(*conditions))
    return _summaries(session.connection().execute(query).all())  # fetchall: row by row costs twice


def meeting_ids(
    session: Session,
    *,
    search: str = "",
    year: int | None = None,
    status: MeetingStatus | None = None,
    kind: MeetingKind | None = None,
) -> list[int]:
    """The ids of the meetings the list shows, newest first, in one query over the date index.

    `search` keeps the meetings containing every word typed (as word starts; see
    app/services/search.py). One integer per meeting: the window's list knows its length and
    order from these and reads the summaries of the rows on screen only (meeting_summaries).
    """
    from app.services.search import matching_condition

    conditions = _list_conditions(year, status, kind, None)
    found = matching_condition(session, search)
    if found is not None:
        conditions.append(found)
    query = select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc())
    if conditions:
        query = query.where(and_(*conditions))
    # The driver's rows straight off its cursor: ids need no result processing, and SQLAlchemy's
    # per-row work was 3 of a keystroke's milliseconds at 20,000 meetings.
    result = session.connection().execute(query)
    try:
        return [row[0] for row in result.cursor.fetchall()]
    finally:
        result.close()


def meeting_summaries(session: Session, ids: Sequence[int]) -> list[MeetingSummary]:
    """The list rows of these meetings, in the order given (one query; a page of the list).
    A meeting deleted meanwhile is left out."""
    if not ids:
        return []
    rows = session.connection().execute(select(*_SUMMARY_COLUMNS).where(Meeting.id.in_(list(ids)))).all()
    by_id = {summary.id: summary for summary in _summaries(rows)}
    return [by_id[i] for i in ids if i in by_id]


#: How many meetings the new-meeting dialog offers to follow up before anything is typed.
FOLLOW_CHOICES = 50


def follow_up_choices(
    session: Session, search: str = "", *, limit: int = FOLLOW_CHOICES, chosen: int | None = None
) -> list[MeetingSummary]:
    """The meetings a new meeting may follow: the newest `limit` containing every word of
    `search` (see app/services/search.py; nothing typed keeps every meeting), newest first, and
    `chosen` after them when it is not among them (the choice already made stays offered).
    A few statements whatever the store's size: never every meeting."""
    from app.services.search import matching_condition

    query = select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc()).limit(limit)
    found = matching_condition(session, search)
    if found is not None:
        query = query.where(found)
    ids = list(session.scalars(query))
    if chosen is not None and chosen not in ids:
        ids.append(chosen)
    return meeting_summaries(session, ids)


def latest_meeting_id(session: Session) -> int | None:
    """The newest meeting (by date, then by creation), or None in an empty store."""
    return session.scalar(select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc()).limit(1))


def _same(value: dt.date) -> dt.date:
    return value


def meeting_years(session: Session) -> list[int]:
    years = session.scalars(select(extract("year", Meeting.date)).distinct())
    return sorted((int(y) for y in years if y is not None), reverse=True)
