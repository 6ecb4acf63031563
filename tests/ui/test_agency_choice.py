"""Every list of agencies ends in "Instansi baru…", which makes one in place and chooses it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from sqlalchemy import select

from app.models import ActionItem, Agency, Meeting, Person
from app.ui.agency_choice import NEW_AGENCY

BNN = "Badan Narkotika Nasional Kota Lubuklinggau"


def _pick_new_agency(qtbot, combo) -> None:
    """Open the list and choose its last entry with the keyboard, as a user does."""
    assert combo.itemText(combo.count() - 1) == "Instansi baru…"
    assert combo.itemData(combo.count() - 1) == NEW_AGENCY
    combo.setFocus()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    view.setCurrentIndex(view.model().index(combo.count() - 1, combo.modelColumn()))
    qtbot.keyClick(view, Qt.Key.Key_Return)


def _fill_dialog(name: str, short: str, *, shots: list | None = None):
    def act(dialog) -> None:
        assert dialog.windowTitle() == "Instansi baru"
        dialog.findChild(QLineEdit, "new_agency_name").setText(name)
        dialog.findChild(QLineEdit, "new_agency_short_name").setText(short)
        if shots is not None:
            shots.append(dialog.grab())
        add = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Tambah")
        add.click()

    return act


def test_an_action_items_owner_made_in_place(demo_store, window_on, qtbot, in_next_modal, tmp_path):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    tab = editor.actions_tab
    editor.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    combo = tab.owner_agency
    before = combo.currentText()
    assert before  # the demo's first action item has an agency in charge
    shots: list = []
    in_next_modal(_fill_dialog(BNN, "BNN Lubuklinggau", shots=shots))
    _pick_new_agency(qtbot, combo)
    qtbot.waitUntil(lambda: combo.currentText() == BNN, timeout=3000)
    tab.owner_agency_binder.flush()
    with demo_store.session() as s:
        agency = s.scalar(select(Agency).where(Agency.name == BNN))
        assert agency is not None and agency.short_name == "BNN Lubuklinggau"
        first = s.get(Meeting, editor.meeting_id).action_items[0]
        assert (first.owner_agency_id, first.owner_agency_name) == (agency.id, BNN)
        # the entry's own text was never saved as an agency, on any action item
        assert not s.scalars(select(ActionItem).where(ActionItem.owner_agency_name.like("%baru%"))).all()
    # every other list of agencies in the meeting now offers it too
    assert editor.findings_tab.reporting_agency.findText("BNN Lubuklinggau") >= 0
    assert editor.attendance_tab.new_agency.findText(BNN) >= 0
    shots[0].save(str(Path(tmp_path) / "new-agency.png"))


def test_cancelled_leaves_the_field_as_it_was(demo_store, window_on, qtbot, in_next_modal):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    tab = window.editor.findings_tab
    window.editor.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    combo = tab.reporting_agency
    before = combo.currentText()
    in_next_modal(lambda dialog: dialog.reject())
    _pick_new_agency(qtbot, combo)
    qtbot.wait(50)
    assert combo.currentText() == before
    tab.reporting_agency_binder.flush()
    with demo_store.session() as s:
        finding = s.get(Meeting, window.editor.meeting_id).findings[0]
        assert finding.reporting_agency == before
        assert s.scalar(select(Agency).where(Agency.name.like("%baru%"))) is None


def test_a_directory_person_gets_a_new_agency_and_keeps_what_was_typed(store, qt_app, qtbot, in_next_modal):
    from app.services import directory
    from app.ui.directory.directory_dialog import DirectoryDialog

    with store.session() as s:
        directory.create_agency(s, name="Kepolisian Resor Lubuklinggau", short_name="Polres")
    dialog = DirectoryDialog(None, store)
    qtbot.addWidget(dialog)
    people = dialog.people
    people.start_new()
    qtbot.keyClicks(people.edits["name"], "Rahmat Hidayat")
    combo = people.agency
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(tidak ada)",
        "Kepolisian Resor Lubuklinggau",
        "Instansi baru…",
    ]
    refused: list[str] = []

    def duplicate_then_new(new_dialog) -> None:
        name = new_dialog.findChild(QLineEdit, "new_agency_name")
        add = next(b for b in new_dialog.findChildren(QPushButton) if b.text() == "&Tambah")
        name.setText("kepolisian resor lubuklinggau")
        add.click()  # the same agency again: refused beside the field, the dialog stays
        refused.extend(label.text() for label in new_dialog.findChildren(type(people.general_error)) if label.text())
        assert new_dialog.isVisible()
        name.setText(BNN)
        add.click()

    in_next_modal(duplicate_then_new)
    _pick_new_agency(qtbot, combo)
    qtbot.waitUntil(lambda: combo.currentText() == BNN, timeout=3000)
    assert refused == ["Instansi kepolisian resor lubuklinggau sudah ada dalam direktori."]
    assert people.edits["name"].text() == "Rahmat Hidayat"  # the form was not reset
    qtbot.mouseClick(people.save_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        person = s.scalar(select(Person).where(Person.name == "Rahmat Hidayat"))
        assert person.agency.name == BNN
    assert QApplication.activeModalWidget() is None
