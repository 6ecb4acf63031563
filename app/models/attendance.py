"""Attendance: an invitee of a meeting, with who they were that day and whether they came."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin
from app.models.enums import AttendanceStatus
from app.models.types import enum_column_type

if TYPE_CHECKING:
    from app.models.meeting import Meeting
    from app.models.person import Person


class Attendance(UuidMixin, TimestampMixin, Base):
    __tablename__ = "attendances"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", name="uq_attendances_meeting_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    #: The directory entry; the snapshot below is what is printed, as it was that day.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str] = mapped_column(String(32), default="")
    rank: Mapped[str] = mapped_column(String(120), default="")
    position_title: Mapped[str] = mapped_column(String(300), default="")
    agency_name: Mapped[str] = mapped_column(String(200), default="")
    #: Agency order of the daftar hadir, copied with the snapshot.
    agency_order: Mapped[int] = mapped_column(Integer, default=100)
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column_type(AttendanceStatus), default=AttendanceStatus.INVITED
    )
    #: Who came instead (status "diwakili").
    deputy_name: Mapped[str] = mapped_column(String(200), default="")
    deputy_id_number: Mapped[str] = mapped_column(String(32), default="")
    deputy_rank: Mapped[str] = mapped_column(String(120), default="")
    deputy_position: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(String(500), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="attendances")
    person: Mapped[Person | None] = relationship()
