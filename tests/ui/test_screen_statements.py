"""Issue 15: the meeting list costs the same few SQL statements whatever the store's size."""

from __future__ import annotations

import datetime as dt

from app.db import open_store
from app.services import attendance, meetings


def _store_of(tmp_path, size: int):
    store = open_store(tmp_path / f"list-{size}.sqlite")
    with store.session() as s:
        for n in range(size):
            m = meetings.create_meeting(s, title=f"Rapat Tim PORA {n}", date=dt.date(2023, 1, 2) + dt.timedelta(days=n))
            for guest in range(3):
                attendance.add_guest(s, m.id, name=f"Tamu {n}-{guest}")
    return store


def test_the_meeting_list_and_each_keystroke_cost_the_same_statements(tmp_path, qt_app, count_statements):
    from app.ui.meetings.list_page import ListPage

    costs = {}
    for size in (5, 50):
        store = _store_of(tmp_path, size)
        try:
            page = ListPage(store)
            page.resize(900, 500)
            page.show()
            with count_statements(store.engine) as listing:
                page.refresh()
                page.grab()  # the paint reads the summaries of the rows on screen
            assert page.model.rowCount() == size
            assert {(row.invited, row.present) for row in page.model.shown()} == {(3, 3)}
            with count_statements(store.engine) as typing:
                page.search.setText("tam")
                page.grab()
            assert page.model.rowCount() == size
            page.search.setText("tamu 4-1")
            assert page.model.rowCount() == (1 if size == 5 else 11)  # 4 and 40-49
            costs[size] = (listing.count, typing.count)
            page.close()
        finally:
            store.close()
    assert costs[5] == costs[50], costs
    assert max(costs[50]) <= 4, costs


def test_the_list_reads_the_summaries_of_the_rows_it_shows_only(tmp_path, qt_app, count_statements, monkeypatch):
    from app.ui.meetings import meeting_list
    from app.ui.meetings.list_page import ListPage

    monkeypatch.setattr(meeting_list, "PAGE", 10)
    store = _store_of(tmp_path, 45)
    try:
        page = ListPage(store)
        page.resize(900, 400)
        page.show()
        page.refresh()
        page.grab()
        assert page.model.rowCount() == 45 and page.count.text().startswith("45")
        shown = set(page.model._pages)
        assert 0 in shown and len(shown) < 5, shown  # not the rows below the fold
        assert page.model.row_at(0).title == "Rapat Tim PORA 44"  # newest first
        with count_statements(store.engine) as scrolling:
            page.table.scrollToBottom()
            page.grab()
        assert 4 in page.model._pages and scrolling.count <= 2, scrolling.statements
        assert page.model.row_at(44).title == "Rapat Tim PORA 0"
        page.select(page.model.row_at(44).id)
        assert page.current_id() == page.model.row_at(44).id
        page.year.setCurrentIndex(page.year.findData(2023))
        assert page.model.rowCount() == 45
        page.close()
    finally:
        store.close()


def test_a_page_the_store_cannot_give_is_blank_and_read_again_later(qt_app):
    from app.services.meetings import MeetingSummary
    from app.ui.meetings.meeting_list import MeetingListModel

    summary = MeetingSummary(7, "u", "", dt.date(2024, 5, 2), "Rapat", *_draft_kind_status(), 1, 3, 2)
    answers = [None, [summary]]
    model = MeetingListModel(lambda ids: answers.pop(0))
    model.set_ids([7])
    assert model.data(model.index(0, 1)) is None  # the store failed: a blank row, nothing kept
    assert model.data(model.index(0, 1)) == "Rapat"  # read again at the next paint
    assert model.row_at(0) == summary and model.data(model.index(0, 4)) == "2/3"
    assert answers == []  # and kept once read


def _draft_kind_status():
    from app.models.enums import MeetingKind, MeetingStatus

    return next(iter(MeetingKind)), MeetingStatus.DRAFT


def test_a_keystroke_matching_the_same_meetings_reads_no_rows_again_but_a_refresh_does(
    tmp_path, qt_app, count_statements
):
    from app.ui.meetings.list_page import ListPage

    store = _store_of(tmp_path, 6)
    try:
        page = ListPage(store)
        page.resize(900, 400)
        page.show()
        page.refresh()
        page.grab()
        page.table.selectRow(2)
        chosen = page.current_id()
        page.search.setText("r")
        page.grab()
        with count_statements(store.engine) as typing:
            page.search.setText("rap")  # every meeting still: the ids alone are read
            page.grab()
        assert typing.count <= 2, typing.statements
        assert not any("FROM meetings WHERE meetings.id IN" in s for s in typing.statements), typing.statements
        assert page.current_id() == chosen  # the selection stays where it was
        with store.session() as s:
            meetings.update_meeting(s, chosen, title="Rapat berganti judul")
        page.refresh()  # after a change the rows are read again, though the ids are the same
        page.grab()
        assert page.model.row_at(page.model.row_of(chosen)).title == "Rapat berganti judul"
        page.search.setText("rapat tim")  # now fewer meetings: the list changes
        assert page.model.rowCount() == 5 and page.count.text().startswith("5")
        page.close()
    finally:
        store.close()
