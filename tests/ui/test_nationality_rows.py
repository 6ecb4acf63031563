"""The findings form: one nationality typed as before, a second added as a row (issue 18)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.models import Meeting
from tests.ui.test_editing import _type


def _involved(store, meeting_id: int, index: int = 0) -> list[tuple[str, int | None]]:
    with store.session() as s:
        finding = s.get(Meeting, meeting_id).findings[index]
        return [(n.nationality, n.persons) for n in finding.nationalities]


def test_a_second_nationality_is_added_as_a_row_and_bad_counts_change_nothing(demo_store, window_on, qtbot, tmp_path):
    window = window_on(demo_store)
    window.resize(1366, 800)
    mid = demo_store.demo_meeting_id
    window.open_meeting(mid)
    editor = window.editor
    tab = editor.findings_tab
    editor.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    # one nationality: the two fields of the form, as before
    assert tab.nationality.currentText() == "Tiongkok" and tab.persons.text() == "3"
    assert tab.more_nationalities.rows() == []
    assert _involved(demo_store, mid) == [("CN", 3)]

    qtbot.mouseClick(tab.more_nationalities.add_button, Qt.MouseButton.LeftButton)
    ((combo, persons, _remove),) = tab.more_nationalities.rows()
    assert combo.hasFocus()  # typed into at once
    _type(qtbot, combo.lineEdit(), "Vietnam")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)
    tab.more_nationalities_binder.flush()  # as the pause after typing does
    assert _involved(demo_store, mid) == [("CN", 3), ("VN", None)]
    _type(qtbot, persons, "2")
    qtbot.waitUntil(lambda: _involved(demo_store, mid) == [("CN", 3), ("VN", 2)], timeout=3000)
    assert tab.model.row_at(0).cells[3:] == ("Tiongkok (3), Vietnam (2)", "5")
    window.grab().save(str(Path(tmp_path) / "findings-nationalities.png"))

    # bad numbers: one sentence under the rows, nothing stored changes
    for typed in ("0", "-4", "2000000", "dua"):
        _type(qtbot, persons, typed)
        tab.more_nationalities_binder.flush()
        assert tab.more_nationalities_binder.error.isVisible(), typed
        assert _involved(demo_store, mid) == [("CN", 3), ("VN", 2)], typed
    message = tab.more_nationalities_binder.error.text()
    assert message == "Jumlah orang harus bilangan bulat."  # "dua": Indonesian, one sentence
    _type(qtbot, persons, "0")
    tab.more_nationalities_binder.flush()
    assert tab.more_nationalities_binder.error.text() == "Jumlah orang harus antara 1 dan 1.000.000."
    assert persons.property("invalid") is True  # the refused field is marked, as a single field is
    window.grab().save(str(Path(tmp_path) / "findings-nationalities-refused.png"))
    # the same country twice is refused too
    _type(qtbot, persons, "2")
    _type(qtbot, combo.lineEdit(), "Tiongkok")
    tab.more_nationalities_binder.flush()
    assert "Tiongkok" in tab.more_nationalities_binder.error.text()
    assert _involved(demo_store, mid) == [("CN", 3), ("VN", 2)]
    _type(qtbot, combo.lineEdit(), "Vietnam")
    tab.more_nationalities_binder.flush()
    assert not tab.more_nationalities_binder.error.isVisible() and not persons.property("invalid")

    # the other findings show their own (none) and back again
    tab.table.selectRow(1)
    assert tab.more_nationalities.rows() == [] and tab.nationality.currentText() == ""
    tab.table.selectRow(0)
    assert [r[0].currentText() for r in tab.more_nationalities.rows()] == ["Vietnam"]

    # undo takes the second row back step by step; removing it by its button does the same
    editor.undo_stack.undo()
    assert _involved(demo_store, mid) == [("CN", 3), ("VN", None)]
    editor.undo_stack.undo()
    assert _involved(demo_store, mid) == [("CN", 3)]
    assert tab.more_nationalities.rows() == []
    editor.undo_stack.redo()
    editor.undo_stack.redo()
    assert _involved(demo_store, mid) == [("CN", 3), ("VN", 2)]
    assert [r[1].text() for r in tab.more_nationalities.rows()] == ["2"]
    qtbot.mouseClick(tab.more_nationalities.rows()[0][2], Qt.MouseButton.LeftButton)
    tab.more_nationalities_binder.flush()
    assert _involved(demo_store, mid) == [("CN", 3)]
