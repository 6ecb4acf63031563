"""Finding meetings by any word in them: the FTS5 index of migration 0002, prefix per word.

Since migration 0003 the index is brought up to date once per changed meeting per transaction:
triggers note the meetings whose words changed in `meeting_search_pending`, and the session
rebuilds their rows just before it commits (`keep_search_current`). A search first catches up
on anything noted by a writer outside such a session (a bulk load, another tool).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, TextClause, event, or_, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.models import Attendance, Finding, Meeting

INDEX = "meeting_search"
PENDING = "meeting_search_pending"
_WORD = re.compile(r"\w+", re.UNICODE)

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


def _body_sql() -> str:
    """A meeting's search text, exactly as migration 0002 built it."""
    parts = [_joined(MEETING_TEXT, "m.")]
    for table, columns in CHILD_TEXT.items():
        parts.append(
            f"coalesce((SELECT group_concat({_joined(columns)}, ' ') FROM {table} WHERE meeting_id = m.id), '')"
        )
    return " || ' ' || ".join(parts)


_REFRESH = (
    f"DELETE FROM {INDEX} WHERE rowid IN (SELECT meeting_id FROM {PENDING})",
    f"INSERT INTO {INDEX}(rowid, body) SELECT m.id, {_body_sql()} FROM meetings AS m"
    f" WHERE m.id IN (SELECT meeting_id FROM {PENDING})",
    f"DELETE FROM {PENDING}",
)
_WROTE = "timpora_search_wrote"


def refresh_search_index(connection: Session | Connection) -> None:
    """Rebuild the search row of each meeting noted since the last rebuild: three statements
    for any number of changed rows."""
    for statement in _REFRESH:
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


def words_of(query: str) -> list[str]:
    """The words a person typed; punctuation and FTS operators are not words."""
    return _WORD.findall(query.casefold())


def match_expression(query: str) -> str:
    """Every word must match, each as a prefix, so each keystroke narrows the list."""
    return " ".join(f'"{word}"*' for word in words_of(query))


def has_index(session: Session) -> bool:
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return False
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": INDEX}
    ).first()
    return found is not None


def search_meetings(session: Session, text_query: str) -> list[int]:
    """Ids of the meetings containing every word typed (as a word start); the list orders them.

    An empty query matches every meeting.
    """
    expression = match_expression(text_query)
    if not expression:
        return list(session.scalars(select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc())))
    if has_index(session):
        catch_up(session)
        # fetchall: the first keystrokes match nearly every meeting, and row by row costs twice.
        found = session.execute(text(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH :q"), {"q": expression})
        return list(found.scalars().all())
    return _search_by_like(session, words_of(text_query))


def _search_by_like(session: Session, words: list[str]) -> list[int]:
    """Portable fallback (no FTS5): titles, attendee names and findings, word by word."""
    query = select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc())
    for word in words:
        like = f"%{word}%"
        query = query.where(
            or_(
                Meeting.title.ilike(like),
                Meeting.id.in_(select(Attendance.meeting_id).where(Attendance.name.ilike(like))),
                Meeting.id.in_(select(Finding.meeting_id).where(Finding.description.ilike(like))),
            )
        )
    return list(session.scalars(query))
