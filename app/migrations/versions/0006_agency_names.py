"""agencies' former names (printed as of the meeting's date); paper settings of the office

Revision ID: agency_names
Revises: report_areas
Create Date: 2026-12-02

Issue 16. `agency_names` keeps every name an agency carried before today's, with the day it
was renamed, so minutes print the name valid on the meeting's date (Kanwil Kemenkumham before
the 2024 ministry split, its new name after). The office profile gains three settings of the
printed page: the title word (NOTULA or NOTULEN RAPAT), where page numbers go, and what
Lampiran I is (the daftar hadir to sign by hand, or the list of those present).

Plain DDL through Alembic's operations: the same on SQLite (batch mode) and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "agency_names"
down_revision = "report_areas"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "agency_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=80), nullable=False),
        sa.Column("renamed_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name="fk_agency_names_agency_id_agencies", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_agency_names"),
        sa.UniqueConstraint("agency_id", "renamed_on", name="uq_agency_names_agency_id"),
    )
    op.create_index("ix_agency_names_agency_id", "agency_names", ["agency_id"])
    with op.batch_alter_table("office_profile") as batch:
        batch.add_column(
            sa.Column(
                "minutes_title", _enum("minutestitle", "notula", "notulen"), nullable=False, server_default="notula"
            )
        )
        batch.add_column(
            sa.Column(
                "page_numbering",
                _enum("pagenumbering", "footer", "top_centre"),
                nullable=False,
                server_default="footer",
            )
        )
        batch.add_column(
            sa.Column(
                "attendance_appendix",
                _enum("attendanceappendix", "signatures", "present_list"),
                nullable=False,
                server_default="signatures",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("office_profile") as batch:
        batch.drop_column("attendance_appendix")
        batch.drop_column("page_numbering")
        batch.drop_column("minutes_title")
    op.drop_index("ix_agency_names_agency_id", table_name="agency_names")
    op.drop_table("agency_names")
