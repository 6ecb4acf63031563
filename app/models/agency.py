"""Agency (instansi): a member body of the team — Kantor Imigrasi, Polres, Kodim, Kesbangpol …

Agencies are renamed (the 2024 split of the Kemenkumham made its Kantor Wilayah part of the
Kementerian Imigrasi dan Pemasyarakatan): an agency keeps the names it carried before, each with
the day it stopped carrying it, so minutes print the name valid on the meeting's date.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin


class Agency(UuidMixin, TimestampMixin, Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Full name as printed: "Kepolisian Resor Lubuklinggau" (the name it carries today).
    name: Mapped[str] = mapped_column(String(200))
    #: Short name used in tables: "Polres Lubuklinggau".
    short_name: Mapped[str] = mapped_column(String(80), default="")
    #: Order in the daftar hadir (the chairing office first, as protocol expects).
    sort_order: Mapped[int] = mapped_column(Integer, default=100)
    #: The names it carried before today's, oldest first.
    former_names: Mapped[list[AgencyName]] = relationship(
        back_populates="agency", cascade="all, delete-orphan", order_by="AgencyName.renamed_on", lazy="selectin"
    )

    def name_on(self, day: dt.date | None) -> tuple[str, str]:
        """(name, short name) the agency carried on `day`: the first former name it stopped
        carrying after that day, else today's (also when the day is unknown)."""
        if day is not None:
            for former in self.former_names:
                if former.renamed_on > day:
                    return former.name, former.short_name
        return self.name, self.short_name


class AgencyName(Base):
    """A name an agency carried until `renamed_on` (the first day of the name that followed)."""

    __tablename__ = "agency_names"
    __table_args__ = (UniqueConstraint("agency_id", "renamed_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(80), default="")
    renamed_on: Mapped[dt.date] = mapped_column(Date)

    agency: Mapped[Agency] = relationship(back_populates="former_names")
