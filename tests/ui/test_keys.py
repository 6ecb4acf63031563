"""Keys that cannot silently change records: letters typed in a table find, they never set."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.models.enums import AttendanceStatus
from app.services.records import load_bundle


def _attendances(store, meeting_id):
    with store.session() as s:
        return [(a.name, a.status, a.deputy_name, a.note) for a in load_bundle(s, meeting_id).meeting.attendances]


@pytest.fixture
def attendees(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.attendance_tab)
    tab = editor.attendance_tab
    tab.table.setFocus()
    tab.table.selectRow(0)
    return window, editor, tab, demo_store


def test_typing_a_name_into_the_attendee_table_changes_nothing_but_the_search(attendees, qtbot):
    window, editor, tab, store = attendees
    before = _attendances(store, editor.meeting_id)
    undo_count = editor.undo_stack.count()
    for word in ("budi", "hariy", "whitu"):  # every status letter of the old one-key shortcuts
        qtbot.keyClicks(tab.table, word)
        qtbot.wait(QApplication_interval() + 50)
    assert _attendances(store, editor.meeting_id) == before
    assert editor.undo_stack.count() == undo_count
    assert tab.table.hasFocus() and not tab.deputy_name.hasFocus()
    # Part of a name anywhere in it finds that person's row.
    wanted = tab.model.row_at(6).cells[1]
    part = wanted.split()[1].casefold().strip(",.")
    qtbot.keyClicks(tab.table, part)
    row = tab.model.row_at(tab.table.currentIndex().row())
    assert part in row.cells[1].casefold()
    assert window.statusBar().currentMessage() == f"Ditemukan di daftar: “{part}”."
    qtbot.wait(QApplication_interval() + 50)
    qtbot.keyClicks(tab.table, "zzzz")
    assert window.statusBar().currentMessage() == "Tidak ada peserta yang cocok dengan “zzzz”."
    assert _attendances(store, editor.meeting_id) == before


def QApplication_interval() -> int:  # noqa: N802
    from PySide6.QtWidgets import QApplication

    return QApplication.keyboardInputInterval()


def test_status_keys_need_ctrl_shift_and_say_what_they_did(attendees, qtbot):
    window, editor, tab, store = attendees
    tab.table.selectRow(1)
    name = tab.model.row_at(1).cells[1]
    qtbot.keyClick(tab.table, Qt.Key.Key_I)  # a letter alone: a search, no status
    assert _attendances(store, editor.meeting_id)[1][1] is AttendanceStatus.PRESENT
    qtbot.keyClick(tab.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _attendances(store, editor.meeting_id)[1][1] is AttendanceStatus.EXCUSED
    assert window.statusBar().currentMessage() == f"{name}: Hadir → Izin (Ctrl+Z membatalkannya)"
    for key in (Qt.Key.Key_B, Qt.Key.Key_U):  # belum dikonfirmasi; U as it always was
        qtbot.keyClick(tab.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(tab.table, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert _attendances(store, editor.meeting_id)[1][1] is AttendanceStatus.INVITED
        assert window.statusBar().currentMessage() == f"{name}: Hadir → Belum dikonfirmasi (Ctrl+Z membatalkannya)"
    qtbot.keyClick(tab.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tab.deputy_name.hasFocus()


def test_delete_shows_an_undo_bar_that_brings_the_attendee_back(attendees, qtbot, tmp_path):
    window, editor, tab, store = attendees
    before = _attendances(store, editor.meeting_id)
    tab.table.selectRow(2)
    name = tab.model.row_at(2).cells[1]
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert len(_attendances(store, editor.meeting_id)) == len(before) - 1
    bar = editor.undo_bar
    assert bar.isVisible() and bar.text.text() == f"Peserta dihapus: {name}"
    assert bar.button.text() == "Urungkan"
    window.grab().save(str(tmp_path / "undo-bar.png"))
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert _attendances(store, editor.meeting_id) == before
    assert not bar.isVisible()


def test_the_undo_bar_never_takes_back_something_else(attendees, qtbot):
    window, editor, tab, store = attendees
    tab.table.selectRow(2)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    after_delete = _attendances(store, editor.meeting_id)
    tab.table.selectRow(0)
    qtbot.keyClick(tab.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not editor.undo_bar.isVisible()  # its button would now undo the status, not the removal
    editor.undo_bar.button.click()
    assert _attendances(store, editor.meeting_id)[0][1] is AttendanceStatus.ABSENT
    assert len(_attendances(store, editor.meeting_id)) == len(after_delete)


def test_letters_in_the_agenda_table_find_and_delete_offers_undo(attendees, qtbot):
    window, editor, _tab, store = attendees
    editor.tabs.setCurrentWidget(editor.agenda_tab)
    agenda = editor.agenda_tab
    agenda.table.setFocus()
    agenda.table.selectRow(0)
    titles = [r.cells[agenda.stretch_column()] for r in agenda.model.rows()]
    qtbot.keyClicks(agenda.table, "kesimpulan")
    assert (
        agenda.model.row_at(agenda.table.currentIndex().row()).cells[agenda.stretch_column()]
        == "Kesimpulan dan penutup"
    )
    qtbot.keyClick(agenda.table, Qt.Key.Key_Delete)
    assert editor.undo_bar.text.text() == "Dihapus: Kesimpulan dan penutup"
    editor.undo_bar.button.click()
    with store.session() as s:
        assert [a.title for a in load_bundle(s, editor.meeting_id).meeting.agenda] == titles


def test_page_down_in_the_preview_turns_pages_and_keeps_the_document(demo_store, qtbot, qt_app):
    from app.ui.documents.preview_dialog import PreviewDialog

    dialog = PreviewDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.view.verticalScrollBar().maximum() > 0, timeout=5000)  # laid out
    first, paper = dialog.pdf_path, dialog.paper.currentIndex()
    for page, focus in enumerate((dialog.kind, dialog.paper, dialog.view), start=1):
        focus.setFocus()
        qtbot.keyClick(focus, Qt.Key.Key_PageDown)
        qtbot.waitUntil(lambda page=page: dialog.view.pageNavigator().currentPage() == page, timeout=2000)
    assert dialog.kind.currentData() == "minutes" and dialog.paper.currentIndex() == paper
    assert not dialog.progress.running() and dialog.pdf_path == first  # nothing rendered again
    assert dialog.view.pageNavigator().currentPage() == 3
    assert dialog.page_label.text() == "Halaman 4 dari 6"
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageUp)
    assert dialog.view.pageNavigator().currentPage() == 2


def test_table_keys_work_only_in_their_table(attendees, qtbot):
    """Delete, Alt+Down and the status keys belong to the list; pressed in a field they change no row."""
    window, editor, tab, store = attendees
    before = _attendances(store, editor.meeting_id)
    tab.status.setFocus()
    qtbot.keyClick(tab.status, Qt.Key.Key_Delete)
    tab.note.setFocus()
    qtbot.keyClick(tab.note, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _attendances(store, editor.meeting_id) == before
    editor.tabs.setCurrentWidget(editor.actions_tab)
    actions = editor.actions_tab
    actions.table.selectRow(0)
    order = [r.uuid for r in actions.model.rows()]
    actions.due_date.edit.setFocus()
    qtbot.keyClick(actions.due_date.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # the calendar, no move
    actions.due_date.calendar.hide()
    actions.status.setFocus()
    qtbot.keyClick(actions.status, Qt.Key.Key_Delete)
    assert [r.uuid for r in actions.model.rows()] == order
    actions.table.setFocus()
    qtbot.keyClick(actions.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # in the table it moves
    assert [r.uuid for r in actions.model.rows()] == [order[1], order[0], *order[2:]]


def test_a_person_added_and_invited_is_invited_not_present(attendees, qtbot):
    window, editor, tab, store = attendees
    qtbot.mouseClick(tab.new_person_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.new_name, "Wahyu Nugroho")
    qtbot.keyClick(tab.new_name, Qt.Key.Key_Return)
    added = _attendances(store, editor.meeting_id)[-1]
    assert added[0] == "Wahyu Nugroho" and added[1] is AttendanceStatus.INVITED


def _mnemonic(text: str) -> str | None:
    import re

    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def test_the_setup_wizard_pages_have_one_alt_key_each_and_alt_l_goes_on(store, qt_app, qtbot):
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWizard

    from app.ui.settings.first_start_dialog import FirstStartDialog

    wizard = FirstStartDialog(None, store)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    for _page in range(4):
        widgets = wizard.findChildren(QLabel) + wizard.findChildren(QAbstractButton)
        shown = [w for w in widgets if w.isVisible()]
        keys = [_mnemonic(w.text()) for w in shown if _mnemonic(w.text())]
        assert sorted(keys) == sorted(set(keys)), [w.text() for w in shown]
        if wizard.currentId() < 3:
            before = wizard.currentId()
            qtbot.keyClick(wizard, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # "&Lanjut >"
            qtbot.waitUntil(lambda before=before: wizard.currentId() == before + 1, timeout=2000)  # an animated click
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_qt_file_dialog_speaks_indonesian(qt_app, qtbot, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

    (tmp_path / "rapat.timpora").write_bytes(b"x")
    dialog = QFileDialog(None, "Buka", str(tmp_path), "Berkas rapat (*.timpora)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert labels == {"&Lihat di:", "&Nama berkas:", "&Jenis berkas:"}
    tree = dialog.findChild(QTreeView)
    header = tree.model()
    columns = [header.headerData(i, Qt.Orientation.Horizontal) for i in range(header.columnCount())]
    assert columns[:4] == ["Nama", "Ukuran", "Jenis", "Tanggal diubah"], columns
