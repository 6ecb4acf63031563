"""Attachment (dokumentasi): a photo or file of the meeting, stored with its hash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin
from app.models.enums import AttachmentKind
from app.models.types import enum_column_type

if TYPE_CHECKING:
    from app.models.meeting import Meeting


class Attachment(UuidMixin, TimestampMixin, Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[AttachmentKind] = mapped_column(enum_column_type(AttachmentKind), default=AttachmentKind.PHOTO)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    caption: Mapped[str] = mapped_column(Text, default="")
    #: SHA-256 of `content`, hex.
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, default=0)
    #: The original file, untouched. Deferred: lists never load blobs.
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    #: A JPEG scaled and turned upright for printing, made once when the photo is added.
    print_image: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    print_width: Mapped[int | None] = mapped_column(Integer)
    print_height: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="attachments")
