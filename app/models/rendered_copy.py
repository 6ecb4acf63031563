"""Register of rendered copies: the SHA-256 of every minutes PDF this store rendered or signed.

The verification code (and the QR code carrying it) names a revision of a meeting, and anyone
can copy it onto another document. The register names the files that are genuine copies of
that revision: `verify` tells a file the store made from one that merely carries its code, and
the code lookup shows what a genuine copy is (its pages, its hash) to compare a paper with.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin, utcnow

if TYPE_CHECKING:
    from app.models.meeting import Meeting


class RenderedCopy(UuidMixin, TimestampMixin, Base):
    __tablename__ = "rendered_copies"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    #: SHA-256 of the record's canonical content (what the verification code is derived from).
    content_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    #: SHA-256 of the PDF file as written.
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    #: "rendered" (printed or exported, unsigned) or "signed" (the output of a signing).
    kind: Mapped[str] = mapped_column(String(16), default="rendered")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    filename: Mapped[str] = mapped_column(String(255), default="")
    rendered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    meeting: Mapped[Meeting] = relationship()
