"""Saving without a Save button, undo and redo across tabs, validation beside the field, hostile text."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.db import open_store
from app.services.meetings import get_meeting
from app.services.records import load_bundle

HOSTILE = ["<b>tebal</b> & <i>", "Tom & Jerry &amp; co", "Rapat 🇮🇩 ✅ 👍🏽", "x" * 5000]


def _meeting(store, meeting_id):
    with store.session() as s:
        return load_bundle(s, meeting_id).meeting


@pytest.fixture
def editing(demo_store, window_on):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    return window, window.editor, demo_store


def _type(qtbot, widget, text: str) -> None:
    """Type as a person would; characters past ASCII (emoji, ✅) come as one key event with text,
    as an emoji keyboard sends them (QTest.keyClicks aborts on them)."""
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    for char in text:
        if ord(char) > 0x7F:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        else:
            qtbot.keyClicks(widget, char)


def test_typing_is_saved_within_a_second_and_ctrl_s_says_so(editing, qtbot):
    window, editor, store = editing
    _type(qtbot, editor.info_tab.venue, "Aula Lantai 2")
    assert window.save_state.text() == "Menyimpan…"
    qtbot.waitUntil(lambda: _meeting(store, editor.meeting_id).venue == "Aula Lantai 2", timeout=1000)
    assert window.save_state.text() == "Tersimpan"
    _type(qtbot, editor.info_tab.city, "Muara Beliti")
    qtbot.keyClick(editor.info_tab.city, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _meeting(store, editor.meeting_id).city == "Muara Beliti"  # at once, no waiting
    assert window.statusBar().currentMessage() == "Semua perubahan sudah tersimpan."


def test_undo_and_redo_across_tabs(editing, qtbot):
    window, editor, store = editing
    mid = editor.meeting_id
    _type(qtbot, editor.info_tab.title, "Judul baru")
    editor.tabs.setCurrentWidget(editor.conclusions_tab)
    qtbot.mouseClick(editor.conclusions_tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.conclusions_tab.text, "Kesimpulan tambahan")
    editor.tabs.setCurrentWidget(editor.agenda_tab)
    editor.agenda_tab.table.setFocus()
    editor.agenda_tab.table.selectRow(0)
    qtbot.keyClick(editor.agenda_tab.table, Qt.Key.Key_Delete)
    assert len(_meeting(store, mid).agenda) == 4

    undo = lambda: qtbot.keyClick(editor.agenda_tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # noqa: E731
    undo()  # the deleted agenda item comes back, first again
    m = _meeting(store, mid)
    assert [a.title for a in m.agenda][0] == "Pembukaan" and len(m.agenda) == 5
    undo()  # the conclusion's text, then the conclusion itself
    assert _meeting(store, mid).conclusions[-1].text == "Kesimpulan baru"
    assert editor.tabs.currentWidget() is editor.conclusions_tab  # undo shows where it happened
    undo()
    assert len(_meeting(store, mid).conclusions) == 3
    undo()  # the title, on the first tab
    assert _meeting(store, mid).title.startswith("Rapat Koordinasi Tim Pengawasan")
    assert editor.tabs.currentWidget() is editor.info_tab
    assert editor.info_tab.title.text().startswith("Rapat Koordinasi Tim Pengawasan")
    for _ in range(4):
        qtbot.keyClick(editor.info_tab.title, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    m = _meeting(store, mid)
    assert m.title == "Judul baru"
    assert m.conclusions[-1].text == "Kesimpulan tambahan"
    assert len(m.agenda) == 4


def test_a_refused_value_is_marked_beside_its_field_and_nothing_changes(editing, qtbot):
    window, editor, store = editing
    info = editor.info_tab
    _type(qtbot, info.end_time, "08.00")  # before the start time
    qtbot.waitUntil(lambda: info.errors["end_time"].text() != "", timeout=1500)
    assert info.errors["end_time"].text() == "Jam selesai harus setelah jam mulai."
    assert info.end_time.property("invalid") is True
    assert _meeting(store, editor.meeting_id).end_time.hour == 12
    info.title.setFocus()
    info.title.selectAll()
    qtbot.keyClick(info.title, Qt.Key.Key_Delete)
    qtbot.keyClick(info.title, Qt.Key.Key_Tab)
    assert info.errors["title"].text() == "Judul wajib diisi."
    _type(qtbot, info.end_time, "13.15")
    qtbot.keyClick(info.end_time, Qt.Key.Key_Tab)
    assert info.errors["end_time"].isHidden() and info.end_time.property("invalid") is False
    assert _meeting(store, editor.meeting_id).end_time.minute == 15


@pytest.mark.parametrize("text", HOSTILE, ids=["markup", "ampersand", "emoji", "long-word"])
def test_hostile_text_in_every_kind_of_field(editing, qtbot, text):
    window, editor, store = editing
    mid = editor.meeting_id
    fields = [
        (editor.info_tab, editor.info_tab.venue),  # a line
        (editor.info_tab, editor.info_tab.opening_notes),  # a multi-line text
        (editor.agenda_tab, editor.agenda_tab.discussion),
        (editor.findings_tab, editor.findings_tab.category.lineEdit()),  # a list with free text
        (editor.attendance_tab, editor.attendance_tab.note),
    ]
    for tab, widget in fields:
        editor.tabs.setCurrentWidget(tab)
        if len(text) > 100:  # a long word is pasted, as a person would
            _type(qtbot, widget, text[:20])
            QApplication.clipboard().setText(text[20:])
            qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        else:
            _type(qtbot, widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    m = _meeting(store, mid)
    assert m.opening_notes == text
    assert m.agenda[0].discussion == text
    if len(text) > 100:
        # Too long for a one-line field: refused beside it, the stored value kept.
        assert m.venue == "Hotel Famvida, Kota Lubuklinggau"
        assert editor.info_tab.errors["venue"].text() == "Tempat terlalu panjang (5000 karakter; paling banyak 300)."
        assert m.findings[0].category == "Tenaga kerja asing ilegal"
        assert (
            editor.findings_tab.category_binder.error.text()
            == "Kategori terlalu panjang (5000 karakter; paling banyak 200)."
        )
    else:
        assert m.venue == text
        assert m.findings[0].category == text
        assert m.attendances[0].note == text
    window.close()
    store.close()
    again = open_store(store.path)
    try:
        with again.session() as s:
            assert get_meeting(s, mid).opening_notes == text
    finally:
        again.close()
    # Shown back exactly, not as markup.
    window2_editor = editor
    window2_editor.reload()
    assert editor.info_tab.opening_notes.toPlainText() == text


def test_standard_buttons_speak_indonesian(qt_app):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Close
    )
    texts = {
        box.button(b).text().replace("&", "")
        for b in (
            QDialogButtonBox.StandardButton.Ok,
            QDialogButtonBox.StandardButton.Cancel,
            QDialogButtonBox.StandardButton.Yes,
            QDialogButtonBox.StandardButton.No,
            QDialogButtonBox.StandardButton.Save,
            QDialogButtonBox.StandardButton.Close,
        )
    }
    assert texts == {"OK", "Batal", "Ya", "Tidak", "Simpan", "Tutup"}
    before = sys.getrefcount(None)
    for _ in range(300):  # PySide's translate() hook must not run None's count down
        QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert sys.getrefcount(None) >= before - 10


def test_keyboard_shortcuts(editing, qtbot):
    window, editor, store = editing
    qtbot.keyClick(editor.info_tab.title, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentIndex() == 1
    qtbot.keyClick(editor.info_tab.title, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.tabs.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.tabs.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not window.in_editor() and window.list_page.search.hasFocus()


def test_delete_a_meeting_and_take_it_back(demo_store, window_on, qtbot, monkeypatch):
    window = window_on(demo_store)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.list_page.select(demo_store.demo_meeting_id)
    qtbot.mouseClick(window.list_page.delete_button, Qt.MouseButton.LeftButton)
    assert window.list_page.model.rowCount() == 1
    assert window.undo_button.isVisible()
    qtbot.keyClick(window.list_page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.list_page.model.rowCount() == 2
    with demo_store.session() as s:
        m = get_meeting(s, "5d1c2a8e-6f0b-4c1e-9a51-21112024a001")
        assert len(m.attendances) == 15 and len(m.findings) == 3 and len(m.action_reviews) == 2


def test_geometry_and_last_meeting_are_remembered(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    window.resize(760, 560)  # within the offscreen screen, which restoreGeometry respects
    window.open_meeting(demo_store.demo_meeting_id)
    size = window.size()
    window.close()
    again = window_on(demo_store)
    assert again.size() == size and size.width() == 760
    again.reopen_last()
    assert again.in_editor() and again.editor.meeting_id == demo_store.demo_meeting_id


@pytest.mark.slow
def test_a_killed_app_keeps_what_was_typed(demo_store, tmp_path):
    """kill -9 right after typing: the field left (Tab) is in the store after a restart."""
    path = demo_store.path
    meeting_id = demo_store.demo_meeting_id
    demo_store.close()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        TIMPORA_SETTINGS=str(tmp_path / "s.ini"),
        TIMPORA_TEST_TYPE=f"{meeting_id}|Rapat yang tidak boleh hilang|NO-77",
    )
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", str(path)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.strip() == "typed"
        time.sleep(1.2)  # the field still being typed is saved within a second, too
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    store = open_store(path)
    try:
        with store.session() as s:
            m = get_meeting(s, meeting_id)
            assert m.title == "Rapat yang tidak boleh hilang"
            assert m.number == "NO-77W6.IMI.IMI.12-GR.01.01-1121 (contoh)"  # typed at the start of the field
    finally:
        store.close()
