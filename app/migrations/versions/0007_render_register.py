"""register of rendered copies; the office's timestamp server

Revision ID: render_register
Revises: agency_names
Create Date: 2026-12-02

Signing (issue 12): every minutes PDF the store renders or signs is registered by its SHA-256
(`rendered_copies`), so a file that merely carries a genuine verification code (a QR code copied
onto other content) is told from a genuine copy. The office profile gains the URL of an RFC 3161
time-stamping authority (`tsa_url`, empty = offline: no timestamps). Plain DDL: SQLite and
PostgreSQL alike (the column through batch_alter_table for SQLite).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "render_register"
down_revision = "agency_names"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rendered_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("rendered_at", sa.DateTime(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_rendered_copies_meeting_id_meetings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rendered_copies")),
        sa.UniqueConstraint("uuid", name=op.f("uq_rendered_copies_uuid")),
    )
    with op.batch_alter_table("rendered_copies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rendered_copies_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rendered_copies_file_sha256"), ["file_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_rendered_copies_content_sha256"), ["content_sha256"], unique=False)
    with op.batch_alter_table("office_profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tsa_url", sa.String(length=300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("office_profile", schema=None) as batch_op:
        batch_op.drop_column("tsa_url")
    with op.batch_alter_table("rendered_copies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rendered_copies_content_sha256"))
        batch_op.drop_index(batch_op.f("ix_rendered_copies_file_sha256"))
        batch_op.drop_index(batch_op.f("ix_rendered_copies_meeting_id"))
    op.drop_table("rendered_copies")
