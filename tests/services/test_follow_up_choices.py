"""The meetings a new meeting may follow: the newest few, or those found by words (both backends)."""

from __future__ import annotations

import datetime as dt

from app.services import meetings
from app.services.meetings import follow_up_choices
from tests.support.postgres import both_backends

pytestmark = both_backends


def test_the_newest_few_the_words_typed_and_the_choice_made(store, count_statements):
    with store.session() as s:
        old = meetings.create_meeting(s, title="Rapat pengawasan Bandara Hang Nadim", date=dt.date(2020, 1, 6)).id
        for n in range(1, 12):
            meetings.create_meeting(s, title=f"Rapat koordinasi {n}", date=dt.date(2020, 1, 6) + dt.timedelta(days=n))
    with store.session() as s:
        with count_statements(store.engine) as reading:
            newest = follow_up_choices(s, limit=5)
        assert [m.title for m in newest] == [f"Rapat koordinasi {n}" for n in (11, 10, 9, 8, 7)]
        assert reading.count <= 2, reading.statements
        assert [m.id for m in follow_up_choices(s, "hang nad", limit=5)] == [old]
        assert [m.id for m in follow_up_choices(s, "koordinasi 3", limit=5)] == [
            m.id for m in follow_up_choices(s, limit=20) if m.title == "Rapat koordinasi 3"
        ]
        kept = follow_up_choices(s, limit=5, chosen=old)
        assert len(kept) == 6 and kept[-1].id == old  # the choice already made stays offered
        assert [m.id for m in follow_up_choices(s, "tidak ada", chosen=old)] == [old]
        assert follow_up_choices(s, '"') == follow_up_choices(s)  # punctuation alone is no search
