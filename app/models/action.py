"""Action items (rencana tindak lanjut) and their reviews at later meetings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin
from app.models.enums import ActionStatus
from app.models.types import enum_column_type

if TYPE_CHECKING:
    from app.models.meeting import Meeting


class ActionItem(UuidMixin, TimestampMixin, Base):
    """A follow-up agreed at a meeting; its status is the latest known one."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The meeting where it was agreed.
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    owner_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"))
    #: The agency in charge (penanggung jawab) as printed (snapshot; also holds a joint owner like "Seluruh anggota Tim PORA").
    owner_agency_name: Mapped[str] = mapped_column(String(200), default="")
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    owner_person_name: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(enum_column_type(ActionStatus), default=ActionStatus.OPEN, index=True)

    meeting: Mapped[Meeting] = relationship(back_populates="action_items")
    reviews: Mapped[list[ActionReview]] = relationship(back_populates="action")


class ActionReview(UuidMixin, TimestampMixin, Base):
    """An earlier meeting's action item as reviewed at a later meeting.

    It keeps a snapshot of the item, so a meeting exported alone still reads whole and a review
    imported on another laptop needs no copy of the earlier meeting; `action_id` links it to the
    live item when that item is in this store.
    """

    __tablename__ = "action_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The reviewing (later) meeting.
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    action_uuid: Mapped[str] = mapped_column(String(36), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action_items.id", ondelete="SET NULL"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_agency_name: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    origin_meeting_title: Mapped[str] = mapped_column(String(500), default="")
    origin_meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    #: Status as reported at this meeting.
    status: Mapped[ActionStatus] = mapped_column(enum_column_type(ActionStatus), default=ActionStatus.OPEN)
    #: What was reported on it ("sudah dilaksanakan pada …").
    note: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="action_reviews")
    action: Mapped[ActionItem | None] = relationship(back_populates="reviews")
