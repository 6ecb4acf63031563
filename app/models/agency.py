"""Agency (instansi): a member body of the team — Kantor Imigrasi, Polres, Kodim, Kesbangpol …"""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TimestampMixin, UuidMixin


class Agency(UuidMixin, TimestampMixin, Base):
    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Full name as printed: "Kepolisian Resor Lubuklinggau".
    name: Mapped[str] = mapped_column(String(200))
    #: Short name used in tables: "Polres Lubuklinggau".
    short_name: Mapped[str] = mapped_column(String(80), default="")
    #: Order in the daftar hadir (the chairing office first, as protocol expects).
    sort_order: Mapped[int] = mapped_column(Integer, default=100)
