"""Office profile: the kop surat and the defaults of the one office that uses this store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.models.base import Base, TimestampMixin
from app.models.enums import AttendanceAppendix, DocumentFont, MinutesTitle, PageNumbering, Paper, TimeZoneName
from app.models.types import enum_column_type

if TYPE_CHECKING:
    from app.models.person import Person


class OfficeProfile(TimestampMixin, Base):
    __tablename__ = "office_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Kop surat lines, top to bottom.
    ministry: Mapped[str] = mapped_column(String(200), default="")
    directorate: Mapped[str] = mapped_column(String(200), default="")
    regional_office: Mapped[str] = mapped_column(String(200), default="")
    office_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    #: Emblem for the kop surat (PNG or JPEG bytes).
    emblem: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    #: City printed before the date of the signature block.
    city: Mapped[str] = mapped_column(String(100), default="")
    #: Working area of the office's Tim PORA.
    area: Mapped[str] = mapped_column(String(300), default="")
    time_zone: Mapped[TimeZoneName] = mapped_column(enum_column_type(TimeZoneName), default=TimeZoneName.WIB)
    paper: Mapped[Paper] = mapped_column(enum_column_type(Paper), default=Paper.A4)
    font: Mapped[DocumentFont] = mapped_column(enum_column_type(DocumentFont), default=DocumentFont.SANS)
    #: "NOTULA RAPAT" (KBBI's form, the default) or "NOTULEN RAPAT"
    minutes_title: Mapped[MinutesTitle] = mapped_column(
        enum_column_type(MinutesTitle), default=MinutesTitle.NOTULA, server_default=MinutesTitle.NOTULA.value
    )
    page_numbering: Mapped[PageNumbering] = mapped_column(
        enum_column_type(PageNumbering), default=PageNumbering.FOOTER, server_default=PageNumbering.FOOTER.value
    )
    #: Lampiran I of the minutes: with the signature column, or the list of those present only
    attendance_appendix: Mapped[AttendanceAppendix] = mapped_column(
        enum_column_type(AttendanceAppendix),
        default=AttendanceAppendix.SIGNATURES,
        server_default=AttendanceAppendix.SIGNATURES.value,
    )
    #: RFC 3161 time-stamping authority (BSrE runs one); "" = offline, signatures carry no timestamp.
    tsa_url: Mapped[str] = mapped_column(String(300), default="")
    default_chair_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    default_secretary_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))

    default_chair: Mapped[Person | None] = relationship(foreign_keys=[default_chair_id])
    default_secretary: Mapped[Person | None] = relationship(foreign_keys=[default_secretary_id])
