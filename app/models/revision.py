"""Meeting revision: the record as it stood when a revision was closed (signed, then amended)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, UuidMixin


class MeetingRevision(UuidMixin, TimestampMixin, Base):
    __tablename__ = "meeting_revisions"
    __table_args__ = (UniqueConstraint("meeting_id", "revision", name="uq_meeting_revisions_meeting_revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    #: The exchange-format JSON of the meeting as it was: old revisions stay readable.
    snapshot_json: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64))
    #: Why the next revision was opened, as the secretary wrote it, and what then changed.
    reason: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")
