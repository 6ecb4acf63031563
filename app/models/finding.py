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
    document_status: Mapped[DocumentStatus] = mapped_column(
        enum_column_type(DocumentStatus), default=DocumentStatus.UNKNOWN
    )
    #: Sponsor or employer.
    sponsor: Mapped[str] = mapped_column(String(300), default="")
    reporting_agency: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="findings")
    #: Who was involved, one row per nationality with its number of persons (issue 18: "Tiongkok
    #: 3, Vietnam 2"); none when the finding names no foreigner. Migration finding_nationalities
    #: made the former single nationality and persons of each finding its first row.
    nationalities: Mapped[list[FindingNationality]] = relationship(
        back_populates="finding",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FindingNationality.position",
    )


class FindingNationality(Base):
    """One nationality of the foreigners a finding involves, and how many of them.

    A value of its finding (no uuid of its own): it travels, is frozen and is restored with it.
    """

    __tablename__ = "finding_nationalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"), index=True)
    #: 1-based order as entered; the first is the one a single-nationality finding has.
    position: Mapped[int] = mapped_column(Integer)
    #: ISO 3166 alpha-2, printed with its Indonesian name ("CN" -> "Tiongkok"); "" = not known.
    nationality: Mapped[str] = mapped_column(String(2), default="", server_default="")
    #: How many persons of that nationality; None = not said.
    persons: Mapped[int | None] = mapped_column(Integer)

    finding: Mapped[Finding] = relationship(back_populates="nationalities")
