"""Person in the directory: a member of an agency who can be invited, chair or take minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.models.base import Base, TimestampMixin, UuidMixin

if TYPE_CHECKING:
    from app.models.agency import Agency


class Person(UuidMixin, TimestampMixin, Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Full name with degrees, as it must be printed: "Antonius Frizky, S.C.P.".
    name: Mapped[str] = mapped_column(String(200))
    #: NIP (18 digits, civil servants) or NRP (Polri, TNI); digits only, grouping is for print.
    id_number: Mapped[str] = mapped_column(String(32), default="")
    #: Pangkat/golongan: "Penata Tk. I (III/d)", "AKBP", "Letkol Inf".
    rank: Mapped[str] = mapped_column(String(120), default="")
    #: Jabatan: "Kepala Seksi Intelijen dan Penindakan Keimigrasian".
    position: Mapped[str] = mapped_column(String(300), default="")
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id", ondelete="SET NULL"), index=True)
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    #: A scanned signature (PNG) printed in the signature block; visual only, not a TTE.
    signature_image: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    #: Invented for the demo or a template: never a real official's data.
    is_example: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    agency: Mapped[Agency | None] = relationship()
