"""search index: SQLite FTS5 over each meeting's words, kept current by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

One row per meeting (rowid = meetings.id) holding every searchable word of it: title, number,
venue, agenda titles, presenters and discussion, attendee and deputy names and agencies,
findings, actions, conclusions. Each trigger rebuilds the one affected meeting's row, so an
edit costs one small concatenation. On another dialect (a shared PostgreSQL server later) the
migration does nothing and search falls back to LIKE (see app/services/search.py).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEX = "meeting_search"

#: (table, columns) whose text goes into a meeting's row; each table has meeting_id.
CHILD_TEXT = {
    "agenda_items": ("title", "presenter_name", "discussion"),
    "attendances": ("name", "agency_name", "deputy_name", "position_title"),
    "findings": ("category", "location", "sponsor", "reporting_agency", "description", "recommendation"),
    "action_items": ("description", "owner_agency_name", "owner_person_name"),
    "action_reviews": ("description", "note"),
    "conclusions": ("text",),
}
MEETING_TEXT = ("title", "number", "venue", "city", "area", "opening_notes", "closing_notes")


def _joined(columns: tuple[str, ...], prefix: str = "") -> str:
    return " || ' ' || ".join(f"coalesce({prefix}{c}, '')" for c in columns)


def document_sql(meeting_ref: str) -> str:
    """SELECT giving (rowid, body) of the meeting whose id is `meeting_ref` (e.g. NEW.meeting_id)."""
    parts = [_joined(MEETING_TEXT, "m.")]
    for table, columns in CHILD_TEXT.items():
        parts.append(
            f"coalesce((SELECT group_concat({_joined(columns)}, ' ') FROM {table} WHERE meeting_id = m.id), '')"
        )
    body = " || ' ' || ".join(parts)
    return f"SELECT m.id, {body} FROM meetings AS m WHERE m.id = {meeting_ref}"


def refresh_sql(meeting_ref: str) -> str:
    return (
        f"DELETE FROM {INDEX} WHERE rowid = {meeting_ref}; "
        f"INSERT INTO {INDEX}(rowid, body) {document_sql(meeting_ref)};"
    )


def _triggers() -> list[str]:
    statements = [
        f"CREATE TRIGGER {INDEX}_meetings_ai AFTER INSERT ON meetings BEGIN {refresh_sql('NEW.id')} END",
        f"CREATE TRIGGER {INDEX}_meetings_au AFTER UPDATE OF {', '.join(MEETING_TEXT)} ON meetings "
        f"BEGIN {refresh_sql('NEW.id')} END",
        f"CREATE TRIGGER {INDEX}_meetings_ad AFTER DELETE ON meetings "
        f"BEGIN DELETE FROM {INDEX} WHERE rowid = OLD.id; END",
    ]
    for table, columns in CHILD_TEXT.items():
        statements += [
            f"CREATE TRIGGER {INDEX}_{table}_ai AFTER INSERT ON {table} BEGIN {refresh_sql('NEW.meeting_id')} END",
            f"CREATE TRIGGER {INDEX}_{table}_au AFTER UPDATE OF meeting_id, {', '.join(columns)} ON {table} "
            f"BEGIN {refresh_sql('NEW.meeting_id')} {refresh_sql('OLD.meeting_id')} END",
            f"CREATE TRIGGER {INDEX}_{table}_ad AFTER DELETE ON {table} BEGIN {refresh_sql('OLD.meeting_id')} END",
        ]
    return statements


def _trigger_names() -> list[str]:
    names = [f"{INDEX}_meetings_{suffix}" for suffix in ("ai", "au", "ad")]
    for table in CHILD_TEXT:
        names += [f"{INDEX}_{table}_{suffix}" for suffix in ("ai", "au", "ad")]
    return names


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # remove_diacritics: "Jose" finds "José"; prefix queries are served by the main index.
    op.execute(f"CREATE VIRTUAL TABLE {INDEX} USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    for statement in _triggers():
        op.execute(statement)
    # Meetings stored before this revision: index them all at once.
    op.execute(f"INSERT INTO {INDEX}(rowid, body) {document_sql('m.id')}")  # m.id = m.id: every row


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {INDEX}")
