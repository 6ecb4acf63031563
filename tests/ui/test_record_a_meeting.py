"""A whole meeting recorded through the window, as a secretary would, then read back after a restart."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from app.db import open_store
from app.models.enums import AttendanceStatus
from app.services.records import load_bundle
from app.services.search import search_meetings

AGENDA = ["Pembukaan", "Sambutan Ketua", "Paparan Kesbangpol", "Diskusi", "Penutup"]


def _create_meeting_through_dialog(window, qtbot, title: str) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        qtbot.keyClicks(dialog.title, title)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(50, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitActive(window):  # the dialog is gone: keys go to the window again
        window.activateWindow()


def _add_rows(tab, qtbot, texts: list[str], field) -> None:
    for text in texts:
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(field(), text)  # the new row's first field is focused with its text selected


def test_record_reopen_and_find(people_store, window_on, qtbot, qt_app):
    store = people_store
    window = window_on(store)
    _create_meeting_through_dialog(window, qtbot, "Rapat Koordinasi Triwulan I 2025")
    editor = window.editor
    assert window.in_editor() and editor.heading.text() == "Rapat Koordinasi Triwulan I 2025"
    meeting_id = editor.meeting_id

    # Informasi: a venue typed in is saved within a second, without any Save.
    qtbot.keyClicks(editor.info_tab.venue, "Aula Kantor Imigrasi")
    qtbot.waitUntil(lambda: _meeting(store, meeting_id).venue == "Aula Kantor Imigrasi", timeout=1000)

    # Acara: five items, then reorder by keyboard and by drag and drop.
    editor.tabs.setCurrentWidget(editor.agenda_tab)
    agenda = editor.agenda_tab
    _add_rows(agenda, qtbot, AGENDA, lambda: agenda.title)
    qtbot.keyClicks(agenda.discussion, "Peserta membahas pengawasan TKA.")
    agenda.table.setFocus()
    agenda.table.selectRow(4)
    qtbot.keyClick(agenda.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # Penutup up one
    model = agenda.model
    data = model.mimeData([model.index(0, 0)])  # Pembukaan dragged below Sambutan Ketua
    model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    qtbot.waitUntil(lambda: [r.cells[2] for r in model.rows()][0] == "Sambutan Ketua")

    # Peserta: twenty from the directory, found by part of a name or a NIP.
    editor.tabs.setCurrentWidget(editor.attendance_tab)
    people = editor.attendance_tab
    with store.session() as s:
        from app.services.directory import search_people

        names = [p.name for p in search_people(s, "", limit=100)][:20]
    for name in names:
        qtbot.keyClicks(people.finder, name.split(",")[0])
        qtbot.keyClick(people.finder, Qt.Key.Key_Return)
    assert people.model.rowCount() == 20
    people.table.setFocus()
    people.table.selectRow(1)
    status_key = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(people.table, Qt.Key.Key_I, status_key)  # izin
    people.table.selectRow(2)
    qtbot.keyClick(people.table, Qt.Key.Key_T, status_key)  # tidak hadir
    people.table.selectRow(3)
    qtbot.keyClick(people.table, Qt.Key.Key_W, status_key)  # diwakili: the deputy's name is asked for
    qtbot.keyClicks(people.deputy_name, "Sersan Mayor Budi")
    people.table.setFocus()  # leaving the field saves it, and the status with it
    qtbot.mouseClick(people.all_present_button, Qt.MouseButton.LeftButton)

    # Temuan, tindak lanjut, kesimpulan.
    editor.tabs.setCurrentWidget(editor.findings_tab)
    found = editor.findings_tab
    _add_rows(found, qtbot, ["Overstay", "Tenaga kerja asing ilegal", "Spionase"], lambda: found.category.lineEdit())
    qtbot.keyClicks(found.description, "Dua WNA menginap di penginapan Kelurahan Petanang.")
    editor.tabs.setCurrentWidget(editor.actions_tab)
    acts = editor.actions_tab
    _add_rows(acts, qtbot, ["Operasi gabungan", "Sosialisasi", "Pendataan WNA"], lambda: acts.description)
    editor.tabs.setCurrentWidget(editor.conclusions_tab)
    concl = editor.conclusions_tab
    _add_rows(concl, qtbot, ["Pengawasan ditingkatkan.", "Rapat berikutnya bulan April."], lambda: concl.text)

    window.close()
    store.close()

    reopened = open_store(store.path)
    try:
        with reopened.session() as s:
            m = load_bundle(s, meeting_id).meeting
            assert m.venue == "Aula Kantor Imigrasi"
            assert [a.title for a in m.agenda] == [
                "Sambutan Ketua",
                "Pembukaan",
                "Paparan Kesbangpol",
                "Penutup",
                "Diskusi",
            ]
            # The discussion was typed under the item selected then: the last one added.
            assert [a.discussion for a in m.agenda] == ["", "", "", "Peserta membahas pengawasan TKA.", ""]
            statuses = [r.status for r in m.attendances]
            assert len(statuses) == 20
            assert statuses[1] is AttendanceStatus.EXCUSED
            assert statuses[3] is AttendanceStatus.REPRESENTED and m.attendances[3].deputy_name == "Sersan Mayor Budi"
            assert statuses.count(AttendanceStatus.PRESENT) == 18  # "semua hadir" turned the absent one too
            assert [f.category for f in m.findings] == ["Overstay", "Tenaga kerja asing ilegal", "Spionase"]
            assert [a.description for a in m.actions] == ["Operasi gabungan", "Sosialisasi", "Pendataan WNA"]
            assert [c.text for c in m.conclusions] == ["Pengawasan ditingkatkan.", "Rapat berikutnya bulan April."]
            assert search_meetings(s, names[5].split()[0]) and meeting_id in search_meetings(s, names[5].split(",")[0])
            assert search_meetings(s, "petanang") == [meeting_id]
    finally:
        reopened.close()


def test_search_box_finds_by_attendee_and_finding(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.list_page.search.hasFocus()
    for key in "hariy":
        qtbot.keyClicks(window.list_page.search, key)
    assert [r.id for r in window.list_page.model.shown()] == [demo_store.demo_meeting_id]
    window.list_page.search.clear()
    assert window.list_page.model.rowCount() == 2
    qtbot.keyClicks(window.list_page.search, "empat wna")  # words of a finding of the earlier meeting
    assert [r.title for r in window.list_page.model.shown()] == ["Rapat Koordinasi Tim PORA Triwulan III Tahun 2024"]
    qtbot.keyClicks(window.list_page.search, "zzz")
    assert window.list_page.model.rowCount() == 0


def _meeting(store, meeting_id):
    from app.services.meetings import get_meeting

    with store.session() as s:
        return get_meeting(s, meeting_id)
