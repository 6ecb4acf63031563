"""Signed document register: the hash of every signed minutes PDF, per revision."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin, utcnow
from app.models.enums import SignerRole
from app.models.types import enum_column_type

if TYPE_CHECKING:
    from app.models.meeting import Meeting


class SignedDocument(UuidMixin, TimestampMixin, Base):
    __tablename__ = "signed_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    #: SHA-256 of the record's canonical content at signing (what the QR code carries).
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    #: SHA-256 of the signed PDF file.
    file_sha256: Mapped[str] = mapped_column(String(64))
    signer_role: Mapped[SignerRole] = mapped_column(enum_column_type(SignerRole))
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    certificate_fingerprint: Mapped[str] = mapped_column(String(128), default="")
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    filename: Mapped[str] = mapped_column(String(255), default="")

    meeting: Mapped[Meeting] = relationship(back_populates="signed_documents")
