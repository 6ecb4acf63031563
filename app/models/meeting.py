"""Meeting: one Timpora meeting and everything recorded in it (the aggregate root)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Time, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin
from app.models.enums import Classification, MeetingKind, MeetingStatus, TeamLevel, TimeZoneName
from app.models.types import enum_column_type

if TYPE_CHECKING:
    from app.models.action import ActionItem, ActionReview
    from app.models.agenda import AgendaItem
    from app.models.attachment import Attachment
    from app.models.attendance import Attendance
    from app.models.conclusion import Conclusion
    from app.models.finding import Finding
    from app.models.person import Person
    from app.models.signed_document import SignedDocument


#: Every column the meeting list shows, in its order: the list is read from this index alone
#: (migration 0003), never from the wide rows with their notes.
LIST_COLUMNS = (
    "date",
    "id",
    "uuid",
    "number",
    "title",
    "kind",
    "status",
    "revision",
    "invited_count",
    "present_count",
)


class Meeting(UuidMixin, TimestampMixin, Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_list", *LIST_COLUMNS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Office's own number for the meeting or its invitation letter; free text.
    number: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[MeetingKind] = mapped_column(enum_column_type(MeetingKind), default=MeetingKind.RAKOR)
    level: Mapped[TeamLevel] = mapped_column(enum_column_type(TeamLevel), default=TeamLevel.REGENCY_CITY)
    #: The level's area: "Kota Lubuklinggau, Kabupaten Musi Rawas dan Kabupaten Musi Rawas Utara".
    area: Mapped[str] = mapped_column(String(300), default="")
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time] = mapped_column(Time)
    #: None prints as "s.d. selesai".
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    time_zone: Mapped[TimeZoneName] = mapped_column(enum_column_type(TimeZoneName), default=TimeZoneName.WIB)
    venue: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    opening_notes: Mapped[str] = mapped_column(Text, default="")
    closing_notes: Mapped[str] = mapped_column(Text, default="")
    classification: Mapped[Classification] = mapped_column(
        enum_column_type(Classification), default=Classification.ORDINARY
    )
    status: Mapped[MeetingStatus] = mapped_column(enum_column_type(MeetingStatus), default=MeetingStatus.DRAFT)
    #: Amendments after signing make a new revision; the signed one stays in the register.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    #: The earlier meeting this one follows up (its invitees and open actions were taken over).
    follows_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    #: That meeting's uuid, kept when it is not (or no longer) in this store: an imported
    #: follow-up keeps its link, resolved when the earlier meeting arrives (migration 0004).
    follows_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    #: Invitees and those present or represented, kept by triggers (migration 0003) in the same
    #: transaction as the attendance rows, for the meeting list. Read them with a query: an
    #: object loaded before attendances changed holds the old numbers.
    invited_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    present_count: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))

    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    secretary: Mapped[Person | None] = relationship(foreign_keys=[secretary_id])
    follows: Mapped[Meeting | None] = relationship(remote_side=[id])

    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.position"
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Finding.position"
    )
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="ActionItem.position"
    )
    action_reviews: Mapped[list[ActionReview]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="ActionReview.position"
    )
    conclusions: Mapped[list[Conclusion]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Conclusion.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attachment.position"
    )
    signed_documents: Mapped[list[SignedDocument]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="SignedDocument.signed_at"
    )


@event.listens_for(Meeting.follows, "set")
def _keep_follows_uuid(target: Meeting, value: Meeting | None, _old: object, _initiator: object) -> None:
    """Linking a meeting to an earlier one notes that meeting's uuid too (unlinking clears it)."""
    if value is None:
        target.follows_uuid = None
    elif value.uuid is not None:
        target.follows_uuid = value.uuid


@event.listens_for(Meeting, "before_insert")
@event.listens_for(Meeting, "before_update")
def _note_follows_uuid(_mapper: object, _connection: object, target: Meeting) -> None:
    # An earlier meeting linked before either was flushed had no uuid yet; it has one by now.
    earlier = target.__dict__.get("follows")
    if earlier is not None and earlier.uuid is not None:
        target.follows_uuid = earlier.uuid
