"""Taking a deletion back: a deleted row or meeting is remembered and can be put back as it was.

The window's undo uses this; the snapshot is plain data, so it outlives the session it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session, class_mapper

from app.models import ActionItem, AgendaItem, Attachment, Attendance, Conclusion, Finding, FindingNationality, Meeting
from app.services.actions import relink_reviews
from app.services.exchange import import_bundle
from app.services.meetings import delete_meeting, ensure_editable, get_meeting
from app.services.records import MeetingBundle, load_bundle

#: The ordered parts of a meeting: each row has a meeting and a position in it.
OrderedPart = AgendaItem | Attendance | Finding | ActionItem | Conclusion | Attachment


@dataclass(frozen=True)
class RowSnapshot:
    """One row of a meeting's ordered part (agenda item, attendee, finding ...) as it was."""

    model: type[OrderedPart]
    values: dict = field(hash=False)


def snapshot_row(row: OrderedPart) -> RowSnapshot:
    """Every column of the row, including deferred blobs, without its id (a new one is given)."""
    mapper = class_mapper(type(row))
    values = {attr.key: getattr(row, attr.key) for attr in mapper.column_attrs if attr.key != "id"}
    if isinstance(row, Finding):  # its nationalities are part of it (rows of their own table)
        values["nationalities"] = [(n.position, n.nationality, n.persons) for n in row.nationalities]
    return RowSnapshot(model=type(row), values=values)


def restore_row(session: Session, snapshot: RowSnapshot) -> OrderedPart:
    """Put the row back at its old position (the rows after it move down one) with its uuid."""
    model, values = snapshot.model, dict(snapshot.values)
    meeting = get_meeting(session, values["meeting_id"])
    ensure_editable(meeting)
    session.execute(
        update(model)
        .where(model.meeting_id == meeting.id, model.position >= values["position"])
        .values(position=model.position + 1)
        .execution_options(synchronize_session="fetch")
    )
    involved = values.pop("nationalities", [])
    row = model(**values)
    if isinstance(row, Finding):
        row.nationalities = [FindingNationality(position=p, nationality=c, persons=n) for p, c, n in involved]
    session.add(row)
    session.flush()
    if isinstance(row, ActionItem):
        relink_reviews(session, [row])
    session.expire(meeting)
    return row


def delete_meeting_undoably(session: Session, meeting_id: int | str) -> MeetingBundle:
    """Delete a meeting and return all of it, files included, for `restore_meeting`."""
    bundle = load_bundle(session, meeting_id, with_content=True)
    delete_meeting(session, meeting_id)
    return bundle


def restore_meeting(session: Session, bundle: MeetingBundle) -> Meeting:
    """Bring a deleted meeting back with the same uuid, content and status."""
    existing = session.scalar(select(Meeting).where(Meeting.uuid == bundle.meeting.uuid))
    if existing is not None:
        return existing
    return import_bundle(session, bundle)
