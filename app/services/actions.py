"""Use cases of action items (rencana tindak lanjut) and their review at later meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import ActionItem, ActionReview, Agency, Meeting
from app.models.enums import ActionStatus
from app.services.directory import get_agency, get_person
from app.services.errors import NotFoundError, ValidationError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import move_to, next_position, renumber
from app.services.validation import clean_text


def get_action(session: Session, action_id: int) -> ActionItem:
    action = session.get(ActionItem, action_id)
    if action is None:
        raise NotFoundError(_("The action item no longer exists."))
    return action


def get_review(session: Session, review_id: int) -> ActionReview:
    review = session.get(ActionReview, review_id)
    if review is None:
        raise NotFoundError(_("The reviewed action item no longer exists."))
    return review


def _status(value: Any) -> ActionStatus:
    try:
        return ActionStatus(value)
    except ValueError:
        raise ValidationError(_("{value} is not a valid choice.").format(value=value), field="status") from None


def _apply(session: Session, action: ActionItem, changes: dict, *, day: dt.date | None = None) -> None:
    """`day`: the meeting's date, for the agency's name as it was then."""
    for field, value in changes.items():
        if field == "description":
            action.description = clean_text(
                value, field="description", label=_("Action"), required=True, max_length=50_000
            )
        elif field == "owner_agency_id":
            agency = None if value is None else get_agency(session, value)
            action.owner_agency_id = agency.id if agency else None
            if agency is not None and "owner_agency_name" not in changes:
                action.owner_agency_name = agency.name_on(day)[0]
        elif field == "owner_agency_name":
            action.owner_agency_name = clean_text(value, field=field, label=_("Responsible agency"), max_length=200)
        elif field == "owner_person_id":
            person = None if value is None else get_person(session, value)
            action.owner_person_id = person.id if person else None
            if person is not None and "owner_person_name" not in changes:
                action.owner_person_name = person.name
        elif field == "owner_person_name":
            action.owner_person_name = clean_text(value, field=field, label=_("Responsible person"), max_length=200)
        elif field == "due_date":
            if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
                raise ValidationError(_("The due date is not a date."), field="due_date")
            action.due_date = value
        elif field == "status":
            action.status = _status(value)
        else:
            raise TypeError(f"unknown action field {field!r}")


def add_action(session: Session, meeting_id: int | str, *, description: str, **fields: Any) -> ActionItem:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    action = ActionItem(
        position=next_position(meeting.action_items),
        description="",
        owner_agency_name="",
        owner_person_name="",
        status=ActionStatus.OPEN,
    )
    _apply(session, action, {"description": description, **fields}, day=meeting.date)
    if action.due_date is not None and action.due_date < meeting.date:
        raise ValidationError(_("The due date cannot be before the meeting."), field="due_date")
    meeting.action_items.append(action)
    session.flush()
    return action


def update_action(session: Session, action_id: int, **changes: Any) -> ActionItem:
    action = get_action(session, action_id)
    # Only the status of an action follows it after its meeting is signed: that is the point
    # of reviewing it at later meetings.
    if set(changes) != {"status"}:
        ensure_editable(action.meeting)
    _apply(session, action, changes, day=action.meeting.date)
    session.flush()
    return action


def delete_action(session: Session, action_id: int) -> None:
    action = get_action(session, action_id)
    meeting = action.meeting
    ensure_editable(meeting)
    meeting.action_items.remove(action)
    renumber(meeting.action_items)
    session.flush()


def move_action(session: Session, action_id: int, new_position: int) -> None:
    action = get_action(session, action_id)
    ensure_editable(action.meeting)
    move_to(action.meeting.action_items, action, new_position)
    session.flush()


def update_review(
    session: Session, review_id: int, *, status: ActionStatus | str | None = None, note: str | None = None
) -> ActionReview:
    """Record at this meeting how an earlier action stands; the live item takes the new status."""
    review = get_review(session, review_id)
    ensure_editable(review.meeting)
    if status is not None:
        review.status = _status(status)
        if review.action is not None:
            review.action.status = review.status
    if note is not None:
        review.note = clean_text(note, field="note", label=_("Progress note"), max_length=50_000)
    session.flush()
    return review


def remove_review(session: Session, review_id: int) -> None:
    review = get_review(session, review_id)
    meeting = review.meeting
    ensure_editable(meeting)
    meeting.action_reviews.remove(review)
    renumber(meeting.action_reviews)
    session.flush()


def relink_reviews(session: Session, actions: list[ActionItem]) -> int:
    """Point later meetings' reviews at these action items again, by uuid; returns how many.

    A review keeps its action's uuid when the item leaves the store (a deleted meeting, a row
    taken back by undo, a copy not yet imported): when the item comes back, so does the link.
    """
    by_uuid = {action.uuid: action for action in actions}
    if not by_uuid:
        return 0
    reviews = session.scalars(
        select(ActionReview).where(ActionReview.action_uuid.in_(list(by_uuid)), ActionReview.action_id.is_(None))
    ).all()
    for review in reviews:
        review.action = by_uuid[review.action_uuid]
    session.flush()
    return len(reviews)


def open_actions(
    session: Session, *, agency_name: str | None = None, due_before: dt.date | None = None
) -> list[ActionItem]:
    """Every open action item in the store, oldest meeting first."""
    query = (
        select(ActionItem)
        .join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(ActionItem.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]))
        .order_by(Meeting.date, Meeting.id, ActionItem.position)
    )
    if agency_name:
        query = query.where(ActionItem.owner_agency_name == agency_name)
    if due_before is not None:
        query = query.where(ActionItem.due_date.is_not(None), ActionItem.due_date < due_before)
    return list(session.scalars(query))


@dataclass(frozen=True)
class OpenAction:
    """A row of the follow-ups view: an open action item with what it shows of its meeting."""

    id: int
    description: str
    agency: str
    person: str
    due: dt.date | None
    status: ActionStatus
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    #: What a narrow column shows ("Polres Lubuklinggau"); the full name heads its group.
    agency_short: str = ""

    def overdue_days(self, today: dt.date) -> int:
        return (today - self.due).days if self.due is not None and self.due < today else 0


def load_open_actions(
    session: Session, *, agency: str | None = None, due_before: dt.date | None = None
) -> list[OpenAction]:
    """Every open action item as plain rows, oldest meeting first: two statements whatever the
    store's size (the rows with their meeting's title and date in one, the agencies' short names
    in the other). The view filters and groups these in memory."""
    short = {
        name: short_name for name, short_name in session.execute(select(Agency.name, Agency.short_name)) if short_name
    }
    query = (
        select(
            ActionItem.id,
            ActionItem.description,
            ActionItem.owner_agency_name,
            ActionItem.owner_person_name,
            ActionItem.due_date,
            ActionItem.status,
            Meeting.id,
            Meeting.title,
            Meeting.date,
        )
        .join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(ActionItem.status.in_([ActionStatus.OPEN, ActionStatus.IN_PROGRESS]))
        .order_by(Meeting.date, Meeting.id, ActionItem.position)
    )
    if agency:
        query = query.where(ActionItem.owner_agency_name == agency)
    if due_before is not None:
        query = query.where(ActionItem.due_date.is_not(None), ActionItem.due_date < due_before)
    return [OpenAction(*row, agency_short=short.get(row[2], row[2])) for row in session.execute(query)]
