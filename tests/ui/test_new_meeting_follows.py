"""The new-meeting dialog's "Follow-up of" offers the newest meetings and finds older ones by
typing: it never reads every meeting of the store (issue 15's rule for every list)."""

from __future__ import annotations

import datetime as dt

from app.db import open_store
from app.models import Meeting
from app.services import meetings
from app.services.meetings import FOLLOW_CHOICES

FIRST = dt.date(2020, 1, 6)


def _store_of(tmp_path, size: int):
    """`size` meetings a day apart; the oldest is the one at Hang Nadim airport."""
    store = open_store(tmp_path / f"follows-{size}.sqlite")
    with store.session() as s:
        meetings.create_meeting(s, title="Rapat pengawasan Bandara Hang Nadim", date=FIRST)
        for n in range(1, size):
            meetings.create_meeting(s, title=f"Rapat koordinasi {n}", date=FIRST + dt.timedelta(days=n))
    return store


def _ids_offered(dialog) -> list[int | None]:
    return [dialog.follows.itemData(i) for i in range(dialog.follows.count())]


def test_the_follows_picker_reads_the_newest_few_and_finds_the_rest(tmp_path, qt_app, qtbot, count_statements):
    from app.ui.meetings.new_meeting_dialog import NewMeetingDialog

    opened = {}
    for size in (60, 300):
        store = _store_of(tmp_path, size)
        try:
            with count_statements(store.engine) as opening:
                dialog = NewMeetingDialog(None, store, today_is=lambda: dt.date(2026, 12, 2))
            qtbot.addWidget(dialog)
            opened[size] = opening.count
            offered = _ids_offered(dialog)
            assert offered[0] is None and len(offered) == FOLLOW_CHOICES + 1  # blank, then 50
            with store.session() as s:
                newest = s.query(Meeting.id).order_by(Meeting.date.desc()).limit(FOLLOW_CHOICES).all()
            assert offered[1:] == [row.id for row in newest]  # the newest, newest first
        finally:
            store.close()
    assert opened[60] == opened[300] <= 3, opened  # the same few statements whatever the size

    store = open_store(tmp_path / "follows-300.sqlite")
    try:
        with store.session() as s:
            oldest = s.query(Meeting).filter(Meeting.date == FIRST).one()
            oldest_id, oldest_uuid = oldest.id, oldest.uuid
        dialog = NewMeetingDialog(None, store, today_is=lambda: dt.date(2026, 12, 2))
        qtbot.addWidget(dialog)
        assert oldest_id not in _ids_offered(dialog)
        with count_statements(store.engine) as finding:
            qtbot.keyClicks(dialog.follows_search, "bandara hang")
            qtbot.waitUntil(lambda: oldest_id in _ids_offered(dialog), timeout=3000)
        assert _ids_offered(dialog) == [None, oldest_id]
        assert finding.count <= 4, finding.statements  # one search after the typing paused
        dialog.follows.setCurrentIndex(1)
        dialog.follows_search.clear()  # the newest again, and the choice made stays offered
        qtbot.waitUntil(lambda: len(_ids_offered(dialog)) == FOLLOW_CHOICES + 2, timeout=3000)
        assert dialog.follows.currentData() == oldest_id
        dialog.title.setText("Rapat lanjutan Hang Nadim")
        with store.session() as s:
            new_id = dialog.create(s)
        with store.session() as s:
            assert s.get(Meeting, new_id).follows_uuid == oldest_uuid
    finally:
        store.close()


def test_a_meeting_followed_from_the_editor_is_offered_though_old(tmp_path, qt_app, qtbot):
    from app.ui.meetings.new_meeting_dialog import NewMeetingDialog

    store = _store_of(tmp_path, FOLLOW_CHOICES + 20)
    try:
        with store.session() as s:
            oldest_id = s.query(Meeting.id).filter(Meeting.date == FIRST).scalar()
        dialog = NewMeetingDialog(None, store, follow=oldest_id, today_is=lambda: dt.date(2026, 12, 2))
        qtbot.addWidget(dialog)
        assert dialog.follows.currentData() == oldest_id
        assert _ids_offered(dialog)[-1] == oldest_id and len(_ids_offered(dialog)) == FOLLOW_CHOICES + 2
        # the date suggested from it: its weekday (the 1st Monday) in a month not yet past
        assert dialog.date.value() == dt.date(2026, 12, 7)
        dialog.follows_search.setText("tidak ada rapat begini")
        dialog.find_earlier()  # as when the typing pauses
        assert _ids_offered(dialog) == [None, oldest_id]
    finally:
        store.close()
