"""Use cases of attendance (daftar hadir): invitees, who came, who sent a deputy."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Attendance, Meeting
from app.models.enums import AttendanceStatus
from app.services.directory import get_person
from app.services.errors import ConflictError, NotFoundError, ValidationError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import next_position, renumber
from app.services.validation import clean_id_number, clean_text

SNAPSHOT_FIELDS = {
    "name": (200, True),
    "rank": (120, False),
    "position_title": (300, False),
    "agency_name": (200, False),
    "deputy_name": (200, False),
    "deputy_rank": (120, False),
    "deputy_position": (300, False),
    "note": (500, False),
}


def get_attendance(session: Session, attendance_id: int) -> Attendance:
    row = session.get(Attendance, attendance_id)
    if row is None:
        raise NotFoundError(_("The attendee no longer exists."))
    return row


def _labels() -> dict[str, str]:
    return {
        "name": _("Name"),
        "rank": _("Rank/grade"),
        "position_title": _("Position"),
        "agency_name": _("Agency"),
        "deputy_name": _("Deputy's name"),
        "deputy_rank": _("Deputy's rank/grade"),
        "deputy_position": _("Deputy's position"),
        "note": _("Note"),
    }


def _apply(row: Attendance, changes: dict) -> None:
    labels = _labels()
    for field, value in changes.items():
        if field in SNAPSHOT_FIELDS:
            size, required = SNAPSHOT_FIELDS[field]
            setattr(row, field, clean_text(value, field=field, label=labels[field], required=required, max_length=size))
        elif field in ("id_number", "deputy_id_number"):
            setattr(row, field, clean_id_number(value, field=field))
        elif field == "status":
            try:
                row.status = AttendanceStatus(value)
            except ValueError:
                raise ValidationError(_("{value} is not a valid choice.").format(value=value), field="status") from None
        elif field == "agency_order":
            row.agency_order = int(value)
        else:
            raise TypeError(f"unknown attendance field {field!r}")
    if row.status is AttendanceStatus.REPRESENTED and not row.deputy_name:
        raise ValidationError(_("Name the deputy who attended."), field="deputy_name")


def _blank_row(meeting: Meeting, *, status: AttendanceStatus) -> Attendance:
    blank = {field: "" for field in SNAPSHOT_FIELDS} | {"id_number": "", "deputy_id_number": ""}
    return Attendance(position=next_position(meeting.attendances), agency_order=100, status=status, **blank)


def _check_not_invited(meeting: Meeting, person_id: int) -> None:
    for row in meeting.attendances:
        if row.person_id == person_id:
            raise ConflictError(_("{name} is already on this meeting's list.").format(name=row.name))


def invite_person(session: Session, meeting_id: int | str, person_id: int, **fields: Any) -> Attendance:
    """Add a directory person, copying who they are today into the attendance snapshot."""
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    person = get_person(session, person_id)
    _check_not_invited(meeting, person.id)
    row = _blank_row(meeting, status=AttendanceStatus.INVITED)
    row.person = person
    row.name, row.id_number, row.rank, row.position_title = person.name, person.id_number, person.rank, person.position
    if person.agency is not None:
        # the agency's name on the meeting's day: an agency renamed since prints its old name
        row.agency_name, row.agency_order = person.agency.name_on(meeting.date)[0], person.agency.sort_order
    _apply(row, fields)
    meeting.attendances.append(row)
    session.flush()
    return row


def add_guest(session: Session, meeting_id: int | str, *, name: str, **fields: Any) -> Attendance:
    """An attendee who is not in the directory (typed in on the day)."""
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    row = _blank_row(meeting, status=AttendanceStatus.PRESENT)
    _apply(row, {"name": name, **fields})
    meeting.attendances.append(row)
    session.flush()
    return row


def update_attendance(session: Session, attendance_id: int, **changes: Any) -> Attendance:
    row = get_attendance(session, attendance_id)
    ensure_editable(row.meeting)
    _apply(row, changes)
    session.flush()
    return row


def set_status(
    session: Session, attendance_id: int, status: AttendanceStatus, *, deputy_name: str = "", **deputy: Any
) -> Attendance:
    changes: dict = {"status": status}
    if status is AttendanceStatus.REPRESENTED:
        changes.update(deputy_name=deputy_name, **deputy)
    return update_attendance(session, attendance_id, **changes)


def mark_all_present(session: Session, meeting_id: int | str) -> int:
    """ "Semua hadir": every invitee not otherwise marked becomes present; returns how many."""
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    changed = 0
    for row in meeting.attendances:
        if row.status in (AttendanceStatus.INVITED, AttendanceStatus.ABSENT):
            row.status = AttendanceStatus.PRESENT
            changed += 1
    session.flush()
    return changed


def remove_attendance(session: Session, attendance_id: int) -> None:
    row = get_attendance(session, attendance_id)
    meeting = row.meeting
    ensure_editable(meeting)
    meeting.attendances.remove(row)
    renumber(meeting.attendances)
    session.flush()
