"""One vocabulary: the window names things with the words the printed minutes use (Tata Naskah
Dinas), so what the secretary types under a label is found under the same heading on paper."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel

from app.documents import report_wording as report_words
from app.documents import wording
from app.documents.exports import export_minutes
from app.models.enums import ActionStatus, AttendanceStatus, DocumentStatus
from tests.support.pdftools import flat, text


def _plain(label: str) -> str:
    """A label as read: no mnemonic '&', no trailing ':'."""
    return re.sub(r"&(?!&)", "", label).rstrip(":").strip()


def _headers(model) -> list[str]:
    return [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]


def _labels(widget) -> set[str]:
    return {_plain(label.text()).casefold() for label in widget.findChildren(QLabel) if label.text()}


def _items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_windows_tabs_columns_and_labels_are_the_printed_words(demo_store, window_on, tmp_path):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    printed = flat(text(export_minutes_of(demo_store, tmp_path)))

    tabs = {_plain(editor.tabs.tabText(i)) for i in range(editor.tabs.count())}
    for heading in (
        wording.AGENDA,
        wording.PARTICIPANTS,
        wording.FINDINGS,
        wording.CONCLUSIONS,
        wording.PHOTOS_TITLE.capitalize(),
    ):
        assert heading in tabs
        assert heading.casefold() in printed.casefold()
    # The follow-up tab holds both printed sections: the new items and those of earlier meetings.
    assert "Tindak lanjut" in tabs
    reviews = editor.actions_tab.findChildren(QGroupBox)
    assert wording.PREVIOUS_FOLLOW_UP in [box.title() for box in reviews]

    assert _headers(editor.findings_tab.model) == [
        wording.COL_NO,
        wording.COL_CATEGORY,
        wording.COL_LOCATION,
        wording.COL_NATIONALITY,
        wording.COL_PERSONS,
    ]
    assert _headers(editor.actions_tab.model) == [
        wording.COL_NO,
        wording.COL_DESCRIPTION,
        wording.COL_OWNER,
        wording.COL_DUE,
        wording.COL_STATUS,
    ]
    review_headers = _headers(editor.actions_tab.reviews_model)
    assert wording.COL_DESCRIPTION in review_headers and wording.COL_OWNER in review_headers
    for header in ("Kategori", "Lokasi", "Kewarganegaraan", "Jumlah orang", "Uraian", "Penanggung jawab", "Tenggat"):
        assert header in printed  # the demo prints a table of findings and one of action items

    info = _labels(editor.info_tab)
    assert wording.CHAIR.casefold() in info and wording.SECRETARY.casefold() in info
    findings = _labels(editor.findings_tab)
    for word in (
        wording.FINDING_DOCUMENT,
        wording.FINDING_SPONSOR,
        wording.FINDING_SOURCE,
        wording.FINDING_RECOMMENDATION,
        wording.COL_DESCRIPTION,
    ):
        assert word.casefold() in findings, word

    assert _items(editor.actions_tab.status) == [wording.ACTION_STATUS[s] for s in ActionStatus]
    documents = _items(editor.findings_tab.document_status)
    for status in DocumentStatus:
        if wording.DOCUMENT_STATUS[status]:
            assert wording.DOCUMENT_STATUS[status] in documents


def test_an_attendance_with_no_status_yet_reads_the_same_in_the_window_and_on_paper(demo_store, window_on, tmp_path):
    """An invitee whose attendance was not marked: "Belum dikonfirmasi" in the status list, the
    counts and the table by agency, and in the printed "Undangan yang tidak hadir"."""
    from sqlalchemy import select

    from app.models import Attendance
    from app.services.attendance import set_status

    word = wording.ATTENDANCE_STATUS[AttendanceStatus.INVITED]
    assert word == "Belum dikonfirmasi"
    with demo_store.session() as s:
        row = s.scalars(
            select(Attendance).where(Attendance.meeting_id == demo_store.demo_meeting_id).order_by(Attendance.id)
        ).first()
        name = row.person.name
        set_status(s, row.id, AttendanceStatus.INVITED)
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    tab = window.editor.attendance_tab
    assert _items(tab.status) == [wording.ATTENDANCE_STATUS[s] for s in AttendanceStatus]
    assert f"{word} 1" in tab.summary.text()
    assert _headers(tab.by_agency_model)[-1] == word
    shot = tmp_path / "kehadiran.png"
    window.editor.tabs.setCurrentWidget(tab)
    window.grab().save(str(shot))

    printed = flat(text(export_minutes_of(demo_store, tmp_path)))
    absent = printed[printed.index(wording.ABSENT_TITLE) :]
    assert word in absent and name.split(",")[0] in absent
    assert "Diundang" not in printed


def test_the_report_says_penanggung_jawab_like_the_minutes():
    assert report_words.COL_OWNER == wording.COL_OWNER
    assert "PIC" not in report_words.XL_OWNER


def export_minutes_of(store, folder):
    from tests.support.photos import add_demo_photos

    target = folder / "notula.pdf"
    with store.session() as session:
        add_demo_photos(session, store.demo_meeting_id)  # so Lampiran II Dokumentasi is printed
        export_minutes(session, store.demo_meeting_id, target)
    return target


def test_the_laporan_page_uses_the_reports_headings(store, window_on, qtbot):
    from tests.reports.known_store import build_known_store
    from tests.ui.test_report_page import _show

    with store.session() as session:
        build_known_store(session)
    window = window_on(store)
    page = _show(window, qtbot, kind=0, year=2024)

    def headers(name: str) -> list[str]:
        table = page.findChild(object, name)
        return [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]

    w = report_words
    assert headers("report_attendance") == [w.COL_NO, w.COL_AGENCY, w.COL_INVITED, w.COL_PRESENT, w.COL_SHARE]
    assert headers("report_categories") == [w.COL_NO, w.COL_CATEGORY, w.COL_FINDINGS, w.COL_PERSONS]
    assert headers("report_nationalities") == [w.COL_NO, w.COL_NATIONALITY, w.COL_FINDINGS, w.COL_PERSONS]
    assert headers("report_regencies") == [w.COL_NO, w.COL_REGENCY, w.COL_FINDINGS, w.COL_PERSONS]
    assert headers("report_districts") == [w.COL_NO, w.COL_DISTRICT, w.COL_FINDINGS, w.COL_PERSONS]
    assert headers("report_months") == [w.COL_NO, w.COL_MONTH, w.COL_FINDINGS, w.COL_PERSONS]
    assert headers("report_actions") == [w.COL_NO, w.COL_OWNER, w.COL_OPENED, w.COL_DONE, w.COL_OPEN, w.COL_OVERDUE]
    assert headers("report_overdue") == [w.COL_NO, w.COL_DESCRIPTION, w.COL_OWNER, w.COL_DUE, w.COL_DAYS_LATE]
