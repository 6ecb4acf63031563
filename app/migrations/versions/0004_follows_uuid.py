"""meetings.follows_uuid: the meeting a meeting follows, kept by its uuid

Revision ID: follows_uuid
Revises: 0003
Create Date: 2026-12-02

A follow-up meeting pointed at its earlier meeting only by `follows_id`. Exported and imported
into a store without the earlier meeting, the link was lost for good (issue 13: export →
import → export differed). The uuid is now kept beside the id: the link travels even when the
earlier meeting is not there, and is resolved (`follows_id` set) when it arrives. Deleting the
earlier meeting still sets `follows_id` to NULL, but its uuid stays, so taking the deletion back
links the two again.

Runs on SQLite and PostgreSQL: a plain ADD COLUMN (a batch copy of `meetings` on SQLite would
drop its triggers), an UPDATE with a correlated subquery both know, and an index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "follows_uuid"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("meetings", sa.Column("follows_uuid", sa.String(length=36), nullable=True))
    op.execute(
        "UPDATE meetings SET follows_uuid ="
        " (SELECT earlier.uuid FROM meetings AS earlier WHERE earlier.id = meetings.follows_id)"
        " WHERE follows_id IS NOT NULL"
    )
    op.create_index("ix_meetings_follows_uuid", "meetings", ["follows_uuid"])


def downgrade() -> None:
    op.drop_index("ix_meetings_follows_uuid", table_name="meetings")
    # SQLite 3.35+ drops a column in place (no table copy, so the triggers stay).
    op.drop_column("meetings", "follows_uuid")
