"""Finding (temuan): what a member agency reports about foreigners in the area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin
from app.models.enums import DocumentStatus
from app.models.types import enum_column_type

if TYPE_CHECKING:
    from app.models.meeting import Meeting


class Finding(UuidMixin, TimestampMixin, Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    #: "TKA ilegal", "Spionase", … — from the usual list or a new one the office writes.
    category: Mapped[str] = mapped_column(String(200))
    #: Where, as written (desa, street, site); printed with the kecamatan and kabupaten/kota.
    location: Mapped[str] = mapped_column(String(300), default="")
    #: Kabupaten/kota with its kind: "Kabupaten Musi Rawas Utara", "Kota Lubuklinggau" (the
    #: report groups by it; migration report_areas filled it from the location's text).
    regency: Mapped[str] = mapped_column(String(120), default="", server_default="")
    #: Kecamatan, its name only: "Rupit".
    district: Mapped[str] = mapped_column(String(120), default="", server_default="")
    #: ISO 3166 alpha-2; printed with its Indonesian name ("CN" -> "Tiongkok").
    nationality: Mapped[str] = mapped_column(String(2), default="")
    persons: Mapped[int | None] = mapped_column(Integer)
    document_status: Mapped[DocumentStatus] = mapped_column(
        enum_column_type(DocumentStatus), default=DocumentStatus.UNKNOWN
    )
    #: Sponsor or employer.
    sponsor: Mapped[str] = mapped_column(String(300), default="")
    reporting_agency: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="findings")
