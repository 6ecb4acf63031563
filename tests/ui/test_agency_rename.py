"""Renaming an agency in the directory with the day the new name is used from (issue 16)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTabWidget

from app.models import Agency
from app.services import directory
from app.ui.directory.directory_dialog import DirectoryDialog

OLD = "Kantor Wilayah Kementerian Hukum dan HAM Sumatera Selatan"
NEW = "Kantor Wilayah Direktorat Jenderal Imigrasi Sumatera Selatan"


def test_rename_an_agency_from_a_date_in_the_directory(store, qt_app, qtbot, tmp_path):
    with store.session() as session:
        agency_id = directory.create_agency(session, name=OLD, short_name="Kanwil Kemenkumham Sumsel").id
        session.commit()
    dialog = DirectoryDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.agencies
    dialog.findChild(QTabWidget).setCurrentWidget(panel)
    panel.table.selectRow(0)
    assert panel.name.text() == OLD and panel.former.isHidden()
    panel.renamed.setChecked(True)
    panel.renamed_on.setDate(QDate(2024, 10, 21))
    panel.name.setText(NEW)
    panel.short_name.setText("Kanwil Ditjen Imigrasi Sumsel")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        agency = session.get(Agency, agency_id)
        assert agency.name == NEW
        assert [(f.name, f.renamed_on) for f in agency.former_names] == [(OLD, dt.date(2024, 10, 21))]
    panel.table.selectRow(0)
    assert not panel.former.isHidden() and panel.former.text() == f"Sampai 20 Oktober 2024: {OLD}"
    assert not panel.renamed.isChecked()
    dialog.grab().save(str(tmp_path / "directory-renamed.png"))
    # a second renaming dated before the first is refused with one message, nothing changed
    panel.renamed.setChecked(True)
    panel.renamed_on.setDate(QDate(2024, 1, 1))
    panel.name.setText("Kanwil lain")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "21 Oktober 2024" in panel.errors["renamed_on"].text()
    with store.session() as session:
        assert session.get(Agency, agency_id).name == NEW
