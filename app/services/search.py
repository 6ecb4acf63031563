"""Finding meetings by any word in them: the FTS5 index of migration 0002, prefix per word.

Since migration 0003 the index is brought up to date once per changed meeting per transaction
(app/services/search_index.py); a search first catches up on anything noted by a writer outside
a session (a bulk load, another tool).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Integer, and_, column, or_, select, text
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
    # Remembered per database connection once found (a statement fewer per keystroke): the
    # migrations only ever add the index, and a connection stays on one file.
    known = session.connection().info
    if known.get(_HAS_INDEX):
        return True
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"), {"name": INDEX}
    ).first()
    known[_HAS_INDEX] = found is not None
    return found is not None


_HAS_INDEX = "timpora.search_index"


def search_meetings(session: Session, text_query: str) -> list[int]:
    """Ids of the meetings containing every word typed (as a word start), newest first.

    An empty query matches every meeting.
    """
    query = select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc())
    condition = matching_condition(session, text_query)
    if condition is not None:
        query = query.where(condition)
    return list(session.scalars(query))


def matching_condition(session: Session, text_query: str) -> ColumnElement[bool] | None:
    """A WHERE condition on meetings keeping those that contain every word typed, or None when
    nothing was typed (every meeting matches). The full-text index when there is one (it first
    catches up on meetings a writer outside a session changed), else a LIKE scan."""
    expression = match_expression(text_query)
    if not expression:
        return None
    if has_index(session):
        catch_up(session)
        if session.get_bind().dialect.name == "postgresql":
            return _postgresql_condition(words_of(text_query))
        found = text(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH :q").bindparams(q=expression)
        return Meeting.id.in_(found.columns(column("rowid", Integer)))
    return _like_condition(words_of(text_query))


#: Each typed word folded as the indexed text was (timpora_search_text), quoted, as a prefix; all
#: of them must match. Quoting makes every character a plain one (to_tsquery's & | ! : are not
#: operators inside quotes), as match_expression does for FTS5.
_POSTGRESQL_QUERY = (
    f"SELECT meeting_id FROM {INDEX} WHERE document @@ to_tsquery('simple', "
    "array_to_string(ARRAY(SELECT quote_literal(trim(timpora_search_text(w))) || ':*' FROM unnest(CAST(:words AS text[])) AS w"
    " WHERE trim(timpora_search_text(w)) <> ''), ' & '))"
)


def _postgresql_condition(words: list[str]) -> ColumnElement[bool] | None:
    words = [word for word in words if word.strip("_")]
    if not words:
        return None
    found = text(_POSTGRESQL_QUERY).bindparams(words=words)
    return Meeting.id.in_(found.columns(column("meeting_id", Integer)))


def _like_condition(words: list[str]) -> ColumnElement[bool]:
    """Portable fallback (no FTS5): titles, attendee names and findings, word by word."""
    conditions = []
    for word in words:
        like = f"%{word}%"
        conditions.append(
            or_(
                Meeting.title.ilike(like),
                Meeting.id.in_(select(Attendance.meeting_id).where(Attendance.name.ilike(like))),
                Meeting.id.in_(select(Finding.meeting_id).where(Finding.description.ilike(like))),
            )
        )
    return and_(*conditions)
