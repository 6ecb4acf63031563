"""Finding meetings by any word in them: the FTS5 index of migration 0002, prefix per word.

Since migration 0003 the index is brought up to date once per changed meeting per transaction
(app/services/search_index.py); a search first catches up on anything noted by a writer outside
a session (a bulk load, another tool).
"""

from __future__ import annotations

import re

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from app.models import Attendance, Finding, Meeting
from app.services.search_index import INDEX, catch_up

_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(query: str) -> list[str]:
    """The words a person typed; punctuation and FTS operators are not words."""
    return _WORD.findall(query.casefold())


def match_expression(query: str) -> str:
    """Every word must match, each as a prefix, so each keystroke narrows the list."""
    return " ".join(f'"{word}"*' for word in words_of(query))


def has_index(session: Session) -> bool:
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        return True  # migration 0003 made it (tsvector and GIN)
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
        if session.get_bind().dialect.name == "postgresql":
            return _search_postgresql(session, words_of(text_query))
        # fetchall: the first keystrokes match nearly every meeting, and row by row costs twice.
        found = session.execute(text(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH :q"), {"q": expression})
        return list(found.scalars().all())
    return _search_by_like(session, words_of(text_query))


#: Each typed word folded as the indexed text was (timpora_search_text), quoted, as a prefix; all
#: of them must match. Quoting makes every character a plain one (to_tsquery's & | ! : are not
#: operators inside quotes), as match_expression does for FTS5.
_POSTGRESQL_QUERY = text(
    f"SELECT meeting_id FROM {INDEX} WHERE document @@ to_tsquery('simple', "
    "array_to_string(ARRAY(SELECT quote_literal(trim(timpora_search_text(w))) || ':*' FROM unnest(CAST(:words AS text[])) AS w"
    " WHERE trim(timpora_search_text(w)) <> ''), ' & ')) ORDER BY meeting_id"
)


def _search_postgresql(session: Session, words: list[str]) -> list[int]:
    words = [word for word in words if word.strip("_")]
    if not words:
        return list(session.scalars(select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc())))
    return list(session.execute(_POSTGRESQL_QUERY, {"words": words}).scalars().all())


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
