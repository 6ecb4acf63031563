"""kabupaten/kota and kecamatan of a finding's location, for the Kanwil's report

Revision ID: report_areas
Revises: follows_uuid
Create Date: 2026-12-02

Issue 18: the Laporan kegiatan Timpora counts findings by kabupaten/kota and by kecamatan, which
a free-text location cannot be grouped by. Two columns are added to `findings`: `regency`
("Kabupaten Musi Rawas Utara", "Kota Lubuklinggau": the kind is part of the name) and
`district` (the kecamatan's name, "Rupit"). The free text `location` stays exactly as written;
where it names a kabupaten/kota or a kecamatan ("Kecamatan Rupit, Kabupaten Musi Rawas Utara"),
the new columns are filled from it, so the report of past years groups them too.

SQLite adds the columns in place (ALTER TABLE ... ADD COLUMN: the triggers of 0003 on the table
stay); PostgreSQL the same. Both run the same filling, row by row through SQLAlchemy Core.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "report_areas"
down_revision = "follows_uuid"
branch_labels = None
depends_on = None

COLUMNS = ("regency", "district")

#: A frozen copy of the reading (app code may change; a migration must not).
#: A name starts with a capital and holds no digit ("Kota Baru 5" is a street, not a kota).
_NAME = r"[A-Z][A-Za-z'.\- ]*?[A-Za-z]"
_REGENCY = re.compile(rf"\b((?i:kabupaten|kab\.|kota))\s+({_NAME})\s*(?=$|[,;()/]|\b(?i:kec))")
_DISTRICT = re.compile(rf"\b(?i:kecamatan|kec\.)\s*({_NAME})\s*(?=$|[,;()/]|\b(?i:kab|kota))")


def areas_named_in(location: str) -> tuple[str, str]:
    """(regency, district) a location's text names, else ""; "Kab. Musi Rawas" -> "Kabupaten Musi Rawas"."""
    regency = district = ""
    match = _REGENCY.search(location or "")
    if match:
        kind = "Kota" if match.group(1).lower() == "kota" else "Kabupaten"
        regency = f"{kind} {match.group(2).strip()}"[:120]
    match = _DISTRICT.search(location or "")
    if match:
        district = match.group(1).strip()[:120]
    return regency, district


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("findings", sa.Column(name, sa.String(120), nullable=False, server_default=""))
    findings = sa.table(
        "findings",
        sa.column("id", sa.Integer),
        sa.column("location", sa.String),
        sa.column("regency", sa.String),
        sa.column("district", sa.String),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(findings.c.id, findings.c.location).where(findings.c.location != "")).all()
    for finding_id, location in rows:
        regency, district = areas_named_in(location)
        if regency or district:
            bind.execute(
                findings.update().where(findings.c.id == finding_id).values(regency=regency, district=district)
            )


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (a batch copy would lose 0003's triggers on the table).
    for name in COLUMNS:
        op.drop_column("findings", name)
