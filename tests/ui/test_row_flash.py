"""A change made by a key shows where the eye is: the row glows for a moment, the status bar says it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.models.enums import AttendanceStatus
from app.services.records import load_bundle
from app.ui.table_rows import RowFlash

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _row_colour(table, row: int) -> QColor:
    """The colour in the middle of a row's first cell, as painted."""
    rect = table.visualRect(table.model().index(row, 0))
    image = table.viewport().grab().toImage()
    return QColor(image.pixel(rect.left() + 3, rect.center().y()))


def _amber(colour: QColor) -> bool:
    return colour.red() > colour.blue() + 60


def test_a_status_set_by_a_key_glows_on_its_row_then_fades(demo_store, window_on, qtbot, tmp_path):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    tab = editor.attendance_tab
    editor.tabs.setCurrentWidget(tab)
    tab.table.setFocus()
    tab.table.selectRow(1)
    qtbot.wait(20)
    before = _row_colour(tab.table, 1)
    assert not _amber(before)  # the selection's own colour
    name = tab.model.row_at(1).cells[1]
    qtbot.keyClick(tab.table, Qt.Key.Key_I, CTRL_SHIFT)
    assert tab.flash.is_flashing(1) and not tab.flash.is_flashing(0)
    assert _amber(_row_colour(tab.table, 1))
    assert not _amber(_row_colour(tab.table, 0))
    window.grab().save(str(tmp_path / "flash.png"))
    assert window.statusBar().currentMessage() == f"{name}: Hadir → Izin (Ctrl+Z membatalkannya)"
    qtbot.waitUntil(lambda: not tab.flash.is_flashing(1), timeout=RowFlash.DURATION_MS + 1000)
    assert not _amber(_row_colour(tab.table, 1))
    with demo_store.session() as s:
        assert load_bundle(s, editor.meeting_id).meeting.attendances[1].status is AttendanceStatus.EXCUSED

    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: the row glows again
    assert tab.flash.is_flashing(1) and _amber(_row_colour(tab.table, 1))
    assert window.statusBar().currentMessage() == "Dibatalkan: Kehadiran"


def test_a_row_moved_by_alt_down_glows_where_it_landed(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    agenda = editor.agenda_tab
    editor.tabs.setCurrentWidget(agenda)
    agenda.table.setFocus()
    agenda.table.selectRow(0)
    first = agenda.model.row_at(0).cells[agenda.stretch_column()]
    qtbot.keyClick(agenda.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert agenda.model.row_at(1).cells[agenda.stretch_column()] == first
    assert agenda.flash.is_flashing(1) and _amber(_row_colour(agenda.table, 1))
    assert not _amber(_row_colour(agenda.table, 0))
    assert window.statusBar().currentMessage() == f"Dipindah ke nomor 2: {first}"
