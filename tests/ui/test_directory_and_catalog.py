"""Importing people from Excel with a column-mapping preview; every string of the app in Indonesian."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from app.services.directory import search_people


def test_import_people_from_excel_with_a_preview(store, qt_app, qtbot, tmp_path):
    from app.ui.directory.person_import_dialog import PersonImportDialog

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["No", "Nama Lengkap", "NIP", "Jabatan", "Satuan Kerja"])
    sheet.append([1, "Rahmat Hidayat, S.H.", "198506152008011003", "Kasi Intel", "Polres Musi Rawas"])
    sheet.append([2, "Sri Wahyuni", "", "Staf", "Kesbangpol Muratara"])
    sheet.append([3, "", "", "", ""])
    path = tmp_path / "daftar.xlsx"
    book.save(path)
    dialog = PersonImportDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.columns["name"].currentText() == "Nama Lengkap"  # guessed from the header
    assert dialog.columns["agency"].currentText() == "Satuan Kerja"
    assert dialog.preview.item(0, 0).text() == "Rahmat Hidayat, S.H."
    dialog.columns["position"].setCurrentIndex(0)  # (not imported): the preview follows
    assert dialog.preview.columnCount() == 3
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(dialog, "result_summary"), timeout=5000)
    assert dialog.result_summary.added == 2
    assert "2 orang ditambahkan" in dialog.summary.text()
    with store.session() as s:
        people = {p.name: p for p in search_people(s, "")}
        assert people["Rahmat Hidayat, S.H."].agency.name == "Polres Musi Rawas"
        assert people["Rahmat Hidayat, S.H."].position == ""


def test_the_directory_form_is_ready_for_the_next_entry_and_delete_asks(store, qt_app, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.ui.directory.directory_dialog import DirectoryDialog

    dialog = DirectoryDialog(None, store)
    qtbot.addWidget(dialog)
    people = dialog.people
    people.start_new()
    qtbot.keyClicks(people.edits["name"], "Rahmat Hidayat, S.H.")
    qtbot.mouseClick(people.save_button, Qt.MouseButton.LeftButton)
    assert people.current_id is None and people.edits["name"].text() == ""  # ready for the next
    assert people.saved_note.text() == "“Rahmat Hidayat, S.H.” tersimpan; ketik yang berikutnya."
    qtbot.keyClicks(people.edits["name"], "Sri Wahyuni")
    qtbot.mouseClick(people.save_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        assert sorted(p.name for p in search_people(s, "")) == ["Rahmat Hidayat, S.H.", "Sri Wahyuni"]
    people.table.selectRow(0)
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(people.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Hapus “Rahmat Hidayat, S.H.” dari direktori? Rapat tetap menyimpan nama yang sudah dicatat."]
    with store.session() as s:
        assert len(search_people(s, "")) == 2  # "Tidak": nothing deleted
