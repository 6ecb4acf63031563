"""Dates that can be typed: every format read, what was understood shown, nothing dropped or altered."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from app.services.errors import ValidationError
from app.services.records import load_bundle
from app.ui.typed_dates import read_date, same_weekday_next_month

TODAY = dt.date(2026, 12, 2)  # a Wednesday; never the real today


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("31/12/2026", dt.date(2026, 12, 31)),
        ("18/03/2027", dt.date(2027, 3, 18)),
        ("1-3-27", dt.date(2027, 3, 1)),
        ("5.6.2025", dt.date(2025, 6, 5)),
        ("18/3", dt.date(2026, 3, 18)),
        ("31122026", dt.date(2026, 12, 31)),
        ("21 Nov 2024", dt.date(2024, 11, 21)),
        ("21 november 2024", dt.date(2024, 11, 21)),
        ("17 Agustus 2025", dt.date(2025, 8, 17)),
        ("17 Agu 25", dt.date(2025, 8, 17)),
        ("1 Des", dt.date(2026, 12, 1)),
        ("Kamis, 21 November 2024", dt.date(2024, 11, 21)),
        ("Thursday, 21 November 2024", dt.date(2024, 11, 21)),
        ("2024-11-21", dt.date(2024, 11, 21)),
        ("hari ini", TODAY),
        ("  Hari  Ini ", TODAY),
        ("besok", dt.date(2026, 12, 3)),
        ("lusa", dt.date(2026, 12, 4)),
        ("kemarin", dt.date(2026, 12, 1)),
        ("", None),
    ],
)
def test_every_typed_form_of_a_date_is_read(text, meant):
    assert read_date(text, today=TODAY) == meant


@pytest.mark.parametrize(
    "text", ["31/02/2025", "tanpa tenggat31122026", "besok lusa", "21 Foo 2024", "13/13/13", "abc"]
)
def test_what_is_no_date_is_refused_with_one_sentence(text):
    with pytest.raises(ValidationError) as refused:
        read_date(text, today=TODAY)
    assert text.strip() in str(refused.value)


@pytest.mark.parametrize(
    ("meeting", "today", "follow_up"),
    [
        (dt.date(2024, 11, 21), None, dt.date(2024, 12, 19)),  # 3rd Thursday -> 3rd Thursday
        (dt.date(2025, 1, 31), None, dt.date(2025, 2, 28)),  # a 5th Friday February lacks: its last
        (dt.date(2024, 12, 30), None, dt.date(2025, 1, 27)),  # over the year's end
        (dt.date(2024, 1, 31), None, dt.date(2024, 2, 28)),  # last Wednesday of a leap February
        (dt.date(2024, 11, 21), TODAY, dt.date(2026, 12, 17)),  # never before today
    ],
)
def test_a_follow_up_defaults_to_the_same_weekday_next_month(meeting, today, follow_up):
    found = same_weekday_next_month(meeting, today=today)
    assert found == follow_up and found.weekday() == meeting.weekday()


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr("app.ui.widgets.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def actions(demo_store, window_on, fixed_today):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.actions_tab)
    return window, editor, editor.actions_tab, demo_store


def _due_dates(store, meeting_id):
    with store.session() as s:
        return [a.due_date for a in load_bundle(s, meeting_id).meeting.actions]


def _type_into(qtbot, field, text):
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.edit, text)


def test_a_due_date_typed_whole_is_saved_and_shown_as_understood(actions, qtbot, tmp_path):
    window, editor, tab, store = actions
    tab.table.selectRow(0)
    _type_into(qtbot, tab.due_date, "31/12/2026")
    assert tab.due_date.understood.text() == "Kamis, 31 Desember 2026"
    qtbot.keyClick(tab.due_date.edit, Qt.Key.Key_Tab)
    assert _due_dates(store, editor.meeting_id)[0] == dt.date(2026, 12, 31)
    assert tab.due_date.text() == "31/12/2026"
    _type_into(qtbot, tab.due_date, "besok")
    assert tab.due_date.understood.text() == "Kamis, 3 Desember 2026"
    qtbot.keyClick(tab.due_date.edit, Qt.Key.Key_Tab)
    assert _due_dates(store, editor.meeting_id)[0] == dt.date(2026, 12, 3)
    assert tab.due_date.text() == "03/12/2026"  # what "besok" meant, written out
    tab.grab().save(str(tmp_path / "due-date.png"))


def test_an_unreadable_date_is_kept_as_typed_and_marked_beside_the_field(actions, qtbot):
    window, editor, tab, store = actions
    tab.table.selectRow(0)
    before = _due_dates(store, editor.meeting_id)
    _type_into(qtbot, tab.due_date, "31/02/2027")
    qtbot.keyClick(tab.due_date.edit, Qt.Key.Key_Tab)
    assert tab.due_date.text() == "31/02/2027"  # kept, not turned into 3 March
    assert tab.due_date.understood.text() == "bukan tanggal — disimpan seperti diketik"
    assert tab.due_date.edit.property("invalid") is True
    assert tab.due_date_binder.error.text() == "Tanggal ini tidak ada: “31/02/2027”."
    assert _due_dates(store, editor.meeting_id) == before
    _type_into(qtbot, tab.due_date, "")  # emptied: no due date, said beside
    qtbot.keyClick(tab.due_date.edit, Qt.Key.Key_Tab)
    assert _due_dates(store, editor.meeting_id)[0] is None
    assert tab.due_date.understood.text() == "tanpa tenggat" and tab.due_date.edit.property("invalid") is False


def test_calendars_open_on_the_value_else_the_meeting_else_today(actions, qtbot, qt_app):
    window, editor, tab, store = actions
    tab.table.selectRow(0)
    _type_into(qtbot, tab.due_date, "")
    qtbot.keyClick(tab.due_date.edit, Qt.Key.Key_Tab)
    tab.due_date.open_calendar()  # no due date: the meeting's date
    assert tab.due_date.calendar.selectedDate() == QDate(2024, 11, 21)
    tab.due_date.calendar.hide()
    _type_into(qtbot, tab.due_date, "5 Jan 2025")
    qtbot.keyClick(tab.due_date.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert tab.due_date.calendar.isVisible() and tab.due_date.calendar.selectedDate() == QDate(2025, 1, 5)
    tab.due_date.calendar.clicked.emit(QDate(2025, 1, 9))  # a day picked in the calendar
    assert tab.due_date.text() == "09/01/2025" and not tab.due_date.calendar.isVisible()
    qtbot.keyClick(tab.due_date.edit, Qt.Key.Key_Tab)
    assert _due_dates(store, editor.meeting_id)[0] == dt.date(2025, 1, 9)
    editor.tabs.setCurrentWidget(editor.info_tab)
    editor.info_tab.date.open_calendar()
    assert editor.info_tab.date.calendar.selectedDate() == QDate(2024, 11, 21)
    editor.info_tab.date.calendar.hide()


def test_the_meeting_date_typed_in_the_information_tab(actions, qtbot):
    window, editor, _tab, store = actions
    editor.tabs.setCurrentWidget(editor.info_tab)
    date = editor.info_tab.date
    _type_into(qtbot, date, "18/03/2027")
    qtbot.keyClick(date.edit, Qt.Key.Key_Tab)
    with store.session() as s:
        assert load_bundle(s, editor.meeting_id).meeting.date == dt.date(2027, 3, 18)
    assert editor.subheading.text().startswith("Kamis, 18 Maret 2027")


def test_new_meeting_dates(demo_store, qtbot, qt_app, fixed_today):
    from app.ui.meetings.new_meeting_dialog import NewMeetingDialog

    dialog = NewMeetingDialog(None, demo_store)
    qtbot.addWidget(dialog)
    assert dialog.date.value() == TODAY
    dialog.date.open_calendar()
    assert dialog.date.calendar.selectedDate() == QDate(2026, 12, 2)
    dialog.date.calendar.hide()
    dialog.follows.setCurrentIndex(dialog.follows.findData(demo_store.demo_meeting_id))
    # 21 November 2024 was the 3rd Thursday: the 3rd Thursday of a month not yet past.
    assert dialog.date.value() == dt.date(2026, 12, 17)
    assert dialog.date.understood.text() == "Kamis, 17 Desember 2026"
    dialog.date.edit.clear()
    qtbot.keyClicks(dialog.date.edit, "18/03/2027")
    dialog.follows.setCurrentIndex(0)  # a date typed stays when the choice changes
    assert dialog.date.text() == "18/03/2027"
    qtbot.keyClicks(dialog.title, "Rapat lanjutan")
    with demo_store.session() as s:
        meeting_id = dialog.create(s)
    with demo_store.session() as s:
        assert load_bundle(s, meeting_id).meeting.date == dt.date(2027, 3, 18)
    dialog.date.edit.setText("tanggal 18")  # refused by the dialog, beside the date
    dialog.create_in = lambda work: work(None)
    dialog.accept()
    assert dialog.errors["date"].text().startswith("“tanggal 18” bukan tanggal")
    assert dialog.result() == 0


def test_a_refusal_in_the_new_meeting_dialog_goes_when_the_field_is_typed_in(demo_store, qtbot, qt_app, fixed_today):
    from app.ui.meetings.new_meeting_dialog import NewMeetingDialog

    dialog = NewMeetingDialog(None, demo_store)
    qtbot.addWidget(dialog)

    def create_in(work):
        with demo_store.session() as session:
            return work(session)

    dialog.create_in = create_in
    dialog.accept()  # no title
    assert dialog.errors["title"].text() == "Judul wajib diisi."
    qtbot.keyClicks(dialog.title, "R")
    assert dialog.errors["title"].text() == ""


@pytest.mark.parametrize(("today_is", "warned"), [(dt.date(2024, 11, 20), True), (dt.date(2024, 11, 21), False)])
def test_signing_minutes_dated_in_the_future_warns(demo_store, qtbot, qt_app, monkeypatch, today_is, warned):
    from app.ui.documents.sign_dialog import SignDialog
    from app.ui.ops import wait_for_ops

    monkeypatch.setattr("app.ui.widgets.today", lambda: today_is)
    monkeypatch.setattr("app.ui.documents.sign_dialog.today", lambda: today_is)
    dialog = SignDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.future_warning.isVisible() is warned
    if warned:
        assert dialog.future_warning.text().startswith("Rapat ini bertanggal Kamis, 21 November 2024, yang belum tiba.")
    wait_for_ops()
