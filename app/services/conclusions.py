"""Use cases of the conclusions (kesimpulan): a numbered list kept in order."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Conclusion
from app.services.errors import NotFoundError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import move_to, next_position, renumber, reorder
from app.services.validation import clean_text


def get_conclusion(session: Session, conclusion_id: int) -> Conclusion:
    conclusion = session.get(Conclusion, conclusion_id)
    if conclusion is None:
        raise NotFoundError(_("The conclusion no longer exists."))
    return conclusion


def _clean(text: str) -> str:
    return clean_text(text, field="text", label=_("Conclusion"), required=True, max_length=50_000)


def add_conclusion(session: Session, meeting_id: int | str, text: str) -> Conclusion:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    conclusion = Conclusion(position=next_position(meeting.conclusions), text=_clean(text))
    meeting.conclusions.append(conclusion)
    session.flush()
    return conclusion


def update_conclusion(session: Session, conclusion_id: int, text: str) -> Conclusion:
    conclusion = get_conclusion(session, conclusion_id)
    ensure_editable(conclusion.meeting)
    conclusion.text = _clean(text)
    session.flush()
    return conclusion


def delete_conclusion(session: Session, conclusion_id: int) -> None:
    conclusion = get_conclusion(session, conclusion_id)
    meeting = conclusion.meeting
    ensure_editable(meeting)
    meeting.conclusions.remove(conclusion)
    renumber(meeting.conclusions)
    session.flush()


def move_conclusion(session: Session, conclusion_id: int, new_position: int) -> None:
    conclusion = get_conclusion(session, conclusion_id)
    ensure_editable(conclusion.meeting)
    move_to(conclusion.meeting.conclusions, conclusion, new_position)
    session.flush()


def reorder_conclusions(session: Session, meeting_id: int | str, uuids_in_order: list[str]) -> None:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    reorder(meeting.conclusions, uuids_in_order)
    session.flush()
