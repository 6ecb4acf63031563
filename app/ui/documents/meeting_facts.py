"""What the document dialogs show about a meeting, read once on the GUI thread (a few rows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.models.enums import MeetingStatus, Paper
from app.services.meetings import get_meeting
from app.services.office import get_office, has_letterhead


@dataclass(frozen=True)
class MeetingFacts:
    id: int
    uuid: str
    title: str
    date: dt.date
    revision: int
    status: MeetingStatus
    chair_name: str
    secretary_name: str
    #: Rows of the attendance where somebody sat in the room (present, or a deputy).
    attended: int
    #: The chair and the minute taker, when the attendance does not list them.
    signers_not_listed: int
    paper: Paper
    #: the office profile has a kop surat to print (without one the dialogs warn before printing)
    has_letterhead: bool = True
    #: the office's Lampiran I: "signatures" or "present_list"
    attendance_appendix: str = "signatures"


def meeting_facts(session: Session, meeting_id: int) -> MeetingFacts:
    meeting = get_meeting(session, meeting_id)
    listed = {row.person_id for row in meeting.attendances if row.status.attended and row.person_id}
    signers = {pid for pid in (meeting.chair_id, meeting.secretary_id) if pid is not None}
    office = get_office(session)
    return MeetingFacts(
        id=meeting.id,
        uuid=meeting.uuid,
        title=meeting.title,
        date=meeting.date,
        revision=meeting.revision,
        status=meeting.status,
        chair_name=meeting.chair.name if meeting.chair else "",
        secretary_name=meeting.secretary.name if meeting.secretary else "",
        attended=sum(1 for row in meeting.attendances if row.status.attended),
        signers_not_listed=len(signers - listed),
        paper=office.paper,
        has_letterhead=has_letterhead(office),
        attendance_appendix=office.attendance_appendix.value,
    )


def copies_for_attendees(facts: MeetingFacts) -> int:
    """One copy per person who attended (a deputy takes one for the agency), the chair and the
    minute taker if the attendance leaves them out, and one for the office's archive."""
    return facts.attended + facts.signers_not_listed + 1
