"""Agenda item (susunan acara): time, title, presenter and the discussion noted under it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin

if TYPE_CHECKING:
    from app.models.meeting import Meeting
    from app.models.person import Person


class AgendaItem(UuidMixin, TimestampMixin, Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    #: 1-based order in the meeting, kept without gaps by the services.
    position: Mapped[int] = mapped_column(Integer)
    time: Mapped[dt.time | None] = mapped_column(Time)
    title: Mapped[str] = mapped_column(String(500))
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    #: Presenter as printed; filled from the directory or typed freely.
    presenter_name: Mapped[str] = mapped_column(String(300), default="")
    discussion: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    presenter: Mapped[Person | None] = relationship()
