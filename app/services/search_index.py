"""Upkeep of the search index (migration 0003): each changed meeting's row rebuilt once per
transaction, just before commit.

Triggers note the meetings whose words changed in `meeting_search_pending`; sessions made by
the store's factory rebuild the noted rows as they commit (`keep_search_current`), and a search
first catches up on anything a writer outside such a session noted. Apart from SQLAlchemy this
imports nothing, so opening a store stays light (the models load on first use).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, TextClause, event, text
from sqlalchemy.orm import Session, sessionmaker

INDEX = "meeting_search"
PENDING = "meeting_search_pending"

#: (table, columns) whose text goes into a meeting's row; each table has meeting_id. The same
#: lists, in the same order, as the migrations' triggers watch (0002, 0003).
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


def _body_sql(concat: str = "group_concat") -> str:
    """A meeting's search text, exactly as migration 0002 built it (string_agg on PostgreSQL)."""
    parts = [_joined(MEETING_TEXT, "m.")]
    for table, columns in CHILD_TEXT.items():
        parts.append(f"coalesce((SELECT {concat}({_joined(columns)}, ' ') FROM {table} WHERE meeting_id = m.id), '')")
    return " || ' ' || ".join(parts)


_REFRESH = (
    f"DELETE FROM {INDEX} WHERE rowid IN (SELECT meeting_id FROM {PENDING})",
    f"INSERT INTO {INDEX}(rowid, body) SELECT m.id, {_body_sql()} FROM meetings AS m"
    f" WHERE m.id IN (SELECT meeting_id FROM {PENDING})",
    f"DELETE FROM {PENDING}",
)
#: PostgreSQL (migration 0003's branch): one tsvector per meeting, the text folded by the
#: migration's timpora_search_text (accents, punctuation) and split by the `simple` configuration.
_REFRESH_POSTGRESQL = (
    f"INSERT INTO {INDEX}(meeting_id, document) SELECT m.id,"
    f" to_tsvector('simple', timpora_search_text({_body_sql('string_agg')})) FROM meetings AS m"
    f" WHERE m.id IN (SELECT meeting_id FROM {PENDING})"
    " ON CONFLICT (meeting_id) DO UPDATE SET document = EXCLUDED.document",
    f"DELETE FROM {PENDING}",
)
_WROTE = "timpora_search_wrote"


def _dialect(connection: Session | Connection) -> str:
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    return bind.dialect.name


def refresh_search_index(connection: Session | Connection) -> None:
    """Rebuild the search row of each meeting noted since the last rebuild: three statements
    (two on PostgreSQL) for any number of changed rows."""
    statements = _REFRESH_POSTGRESQL if _dialect(connection) == "postgresql" else _REFRESH
    for statement in statements:
        connection.execute(text(statement))


def catch_up(session: Session) -> None:
    """Rebuild what a writer outside a session left noted (one read when nothing is)."""
    if session.execute(text(f"SELECT EXISTS (SELECT 1 FROM {PENDING})")).scalar():
        refresh_search_index(session)


def _flushed(session: Session, _context: Any) -> None:
    session.info[_WROTE] = True


_WRITING = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _executed(state: Any) -> None:
    writes = state.is_insert or state.is_update or state.is_delete
    if not writes and isinstance(state.statement, TextClause):
        writes = state.statement.text.lstrip().upper().startswith(_WRITING)
    if writes:
        state.session.info[_WROTE] = True


def _before_commit(session: Session) -> None:
    session.flush()  # the last changes too: commit would flush them after this hook
    if session.info.pop(_WROTE, False):
        catch_up(session)  # one read when the writes touched no searchable word


def keep_search_current(factory: sessionmaker[Session]) -> None:
    """Sessions of this factory rebuild the search rows of the meetings they changed, once each,
    before committing (a session that only read costs nothing more, one that wrote no searchable
    word one read)."""
    event.listen(factory, "after_flush", _flushed)
    event.listen(factory, "do_orm_execute", _executed)
    event.listen(factory, "before_commit", _before_commit)
