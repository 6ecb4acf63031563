"""Follow-ups across meetings: grouped, overdue marked, filtered, status changed in place."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.models.enums import ActionStatus
from app.services.actions import open_actions
from app.ui.meetings.next_meeting_dialog import NextMeetingDialog

KESBANGPOL = "Badan Kesatuan Bangsa dan Politik Kota Lubuklinggau"
KANIM = "Kantor Imigrasi Kelas II Non TPI Muara Enim"


def _page(window, qtbot, today=dt.date(2025, 1, 10)):
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    page = window.follow_up_page
    assert window.pages.currentWidget() is page
    page.today = today
    page.refresh()
    return page


def _groups(page) -> dict[str, list[str]]:
    tree = page.tree
    return {
        tree.topLevelItem(g).text(0): [
            tree.topLevelItem(g).child(c).text(0)[:30] for c in range(tree.topLevelItem(g).childCount())
        ]
        for g in range(tree.topLevelItemCount())
    }


def test_open_actions_grouped_by_agency_and_by_meeting_with_overdue_marked(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    page = _page(window, qtbot)
    groups = _groups(page)
    assert list(groups) == [f"{KESBANGPOL} (2, 2 lewat tenggat)", f"{KANIM} (2, 1 lewat tenggat)"]
    assert page.count.text() == "4 terbuka, 3 lewat tenggat"
    first = page.tree.topLevelItem(0).child(0)
    assert first.text(3) == "31/10/2024 (lewat 71 hari)"
    assert first.foreground(3).color().name() == "#b03a2e"
    not_late = page.tree.topLevelItem(1).child(1)
    assert not_late.text(3) == "31/01/2025" and not_late.foreground(3).color().name() != "#b03a2e"
    page.group_by.setCurrentIndex(1)
    assert [name.split(" — ")[0] for name in _groups(page)] == ["15/08/2024", "21/11/2024"]  # oldest meeting first


def test_filters_by_agency_and_due_date(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    page = _page(window, qtbot)
    page.agency.setCurrentIndex(page.agency.findData(KANIM))
    assert page.count.text() == "2 terbuka, 1 lewat tenggat"
    page.agency.setCurrentIndex(0)
    page.due.setCurrentIndex(page.due.findData("overdue"))
    assert page.count.text() == "3 terbuka, 3 lewat tenggat"
    page.due.setCurrentIndex(page.due.findData("until"))
    assert page.until.isVisible()
    page.until.setDate(dt.date(2024, 12, 15))  # on or before the day
    assert sorted(a.id for a in page.actions) == [2, 4]


def test_marking_an_action_done_takes_it_off_the_open_list(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    page = _page(window, qtbot)
    combo = page.status_combo(4)
    assert combo.currentText() == "Belum dilaksanakan"
    done = combo.findData(ActionStatus.DONE.value)
    combo.setCurrentIndex(done)
    combo.activated.emit(done)  # as choosing from the drop-down does
    qtbot.waitUntil(lambda: page.status_combo(4) is None, timeout=2000)
    assert 4 not in [a.id for a in page.actions] and page.status_combo(4) is None
    assert page.count.text() == "3 terbuka, 2 lewat tenggat"
    assert window.statusBar().currentMessage().endswith("sekarang: Selesai.")
    with demo_store.session() as s:
        assert 4 not in [a.id for a in open_actions(s)]


def test_the_status_follows_even_a_signed_meeting(demo_store, window_on, qtbot):
    from app.models import Meeting
    from app.models.enums import MeetingStatus

    with demo_store.session() as s:
        s.get(Meeting, demo_store.demo_meeting_id).status = MeetingStatus.SIGNED
    window = window_on(demo_store)
    page = _page(window, qtbot)
    combo = page.status_combo(5)
    combo.setCurrentIndex(combo.findData("in_progress"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: page.status_combo(5) is not combo, timeout=2000)
    assert page.status_combo(5).currentText() == "Dalam proses"


def test_for_the_next_meeting_lists_what_to_review_and_makes_the_follow_up(demo_store, window_on, qtbot, in_next_modal):
    window = window_on(demo_store)
    page = _page(window, qtbot)
    seen = {}

    def read(dialog) -> None:
        assert isinstance(dialog, NextMeetingDialog)
        seen["text"] = dialog.text.toPlainText()
        dialog.reject()

    in_next_modal(read)
    qtbot.mouseClick(page.next_meeting_button, Qt.MouseButton.LeftButton)
    lines = seen["text"].splitlines()
    assert lines[0] == KESBANGPOL
    assert lines[1].startswith("   1. Pendataan WNA yang tinggal di rumah warga")
    assert "tenggat 31/10/2024" in lines[1] and "disepakati pada rapat 15/08/2024" in lines[1]
    assert sum(1 for line in lines if line.startswith("   ")) == 4
