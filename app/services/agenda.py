"""Use cases of the agenda (susunan acara): items in order, each with its discussion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import AgendaItem
from app.services.directory import get_person
from app.services.errors import NotFoundError, ValidationError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import move_to, next_position, renumber, reorder
from app.services.validation import clean_text


def get_agenda_item(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFoundError(_("The agenda item no longer exists."))
    return item


def _apply(session: Session, item: AgendaItem, changes: dict) -> None:
    for field, value in changes.items():
        if field == "title":
            item.title = clean_text(value, field="title", label=_("Agenda title"), required=True)
        elif field == "discussion":
            item.discussion = clean_text(value, field="discussion", label=_("Discussion"), max_length=200_000)
        elif field == "presenter_name":
            item.presenter_name = clean_text(value, field="presenter_name", label=_("Presenter"), max_length=300)
        elif field == "presenter_id":
            item.presenter = None if value is None else get_person(session, value)
            if item.presenter is not None and not changes.get("presenter_name"):
                item.presenter_name = item.presenter.name
        elif field == "time":
            if value is not None and not isinstance(value, dt.time):
                raise ValidationError(_("The agenda time is not a time."), field="time")
            item.time = value
        else:
            raise TypeError(f"unknown agenda field {field!r}")


def add_agenda_item(session: Session, meeting_id: int | str, *, title: str, **fields: Any) -> AgendaItem:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    item = AgendaItem(position=next_position(meeting.agenda_items), title="", presenter_name="", discussion="")
    _apply(session, item, {"title": title, **fields})
    meeting.agenda_items.append(item)
    session.flush()
    return item


def update_agenda_item(session: Session, item_id: int, **changes: Any) -> AgendaItem:
    item = get_agenda_item(session, item_id)
    ensure_editable(item.meeting)
    _apply(session, item, changes)
    session.flush()
    return item


def delete_agenda_item(session: Session, item_id: int) -> None:
    item = get_agenda_item(session, item_id)
    meeting = item.meeting
    ensure_editable(meeting)
    meeting.agenda_items.remove(item)
    renumber(meeting.agenda_items)
    session.flush()


def move_agenda_item(session: Session, item_id: int, new_position: int) -> None:
    item = get_agenda_item(session, item_id)
    ensure_editable(item.meeting)
    move_to(item.meeting.agenda_items, item, new_position)
    session.flush()


def reorder_agenda(session: Session, meeting_id: int | str, uuids_in_order: list[str]) -> None:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    reorder(meeting.agenda_items, uuids_in_order)
    session.flush()
