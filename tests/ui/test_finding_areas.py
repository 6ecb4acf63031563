"""The findings form asks for the kabupaten/kota and kecamatan the Kanwil's report counts by."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.models import Meeting
from tests.ui.test_editing import _type


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_kabupaten_and_kecamatan_are_picked_or_typed_and_shown_in_the_table(demo_store, window_on, qtbot, tmp_path):
    window = window_on(demo_store)
    window.resize(1366, 740)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    assert tab.regency.currentText() == "Kabupaten Musi Rawas Utara"  # the demo's first finding
    # the demo office's area first (Settings), then those written in findings
    assert _items(tab.regency)[:3] == ["Kota Lubuklinggau", "Kabupaten Musi Rawas", "Kabupaten Musi Rawas Utara"]
    _type(qtbot, tab.district.lineEdit(), "Rupit")
    qtbot.keyClick(tab.district.lineEdit(), Qt.Key.Key_Tab)
    with demo_store.session() as s:
        first = s.get(Meeting, demo_store.demo_meeting_id).findings[0]
        assert (first.district, first.regency) == ("Rupit", "Kabupaten Musi Rawas Utara")
    location = tab.model.row_at(0).cells[2]
    assert location == "Lokasi tambang rekaan B (contoh), Kecamatan Rupit, Kabupaten Musi Rawas Utara"
    window.grab().save(str(Path(tmp_path) / "findings-areas.png"))

    # another finding in the same kabupaten is offered the kecamatan just written
    tab.table.selectRow(2)
    _type(qtbot, tab.regency.lineEdit(), "Kabupaten Musi Rawas")
    qtbot.keyClick(tab.regency.lineEdit(), Qt.Key.Key_Tab)
    with demo_store.session() as s:
        third = s.get(Meeting, demo_store.demo_meeting_id).findings[2]
        assert third.regency == "Kabupaten Musi Rawas"
    assert "Rupit" not in _items(tab.district)
    tab.regency.setEditText("Kabupaten Musi Rawas Utara")
    assert "Rupit" in _items(tab.district)
