"""Ctrl+Q with a refused value in a field asks first, instead of dropping the typing without a word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.records import load_bundle


def test_quitting_with_a_refused_field_asks_and_can_go_back(demo_store, window_on, qtbot, in_next_modal):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    info = window.editor.info_tab
    info.end_time.setFocus()
    info.end_time.selectAll()
    qtbot.keyClicks(info.end_time, "08.00")  # before the start: refused
    window.editor.tabs.setCurrentWidget(window.editor.agenda_tab)  # looking elsewhere
    seen: list[str] = []

    def go_back(box: QMessageBox) -> None:
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == "&Kembali ke isian").click()

    in_next_modal(go_back)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert seen == [
        "“Jam selesai” belum tersimpan: Jam selesai harus setelah jam mulai.\n\n"
        "Jika ditutup sekarang, isiannya kembali ke nilai terakhir yang tersimpan."
    ]
    assert window.isVisible()
    assert window.editor.tabs.currentWidget() is info
    qtbot.waitUntil(lambda: window.focusWidget() is info.end_time, timeout=2000)
    assert info.end_time.text() == "08.00"  # still there to be fixed

    def close_anyway(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "&Tetap tutup").click()

    with qtbot.waitActive(window):  # the question is gone: keys go to the window again
        window.activateWindow()
    in_next_modal(close_anyway)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    with demo_store.session() as s:
        assert load_bundle(s, demo_store.demo_meeting_id).meeting.end_time.hour == 12


def test_quitting_with_everything_saved_asks_nothing(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    window.editor.info_tab.venue.end(False)
    qtbot.keyClicks(window.editor.info_tab.venue, " (lantai 2)")
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    with demo_store.session() as s:
        assert load_bundle(s, demo_store.demo_meeting_id).meeting.venue.endswith("(lantai 2)")
