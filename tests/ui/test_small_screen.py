"""1366×768 and long names: no window or dialog is larger than a small laptop's screen, even with
the longest names of a stress directory; lists elide long texts instead of widening their form."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox

from app.services import attendance, directory
from app.services.meetings import update_meeting

#: The smallest screen the app is made for: 1366×768 at 100 %; 1920×1080 at 150 % is 1280×720
#: logical pixels, smaller still. A window's frame and the taskbar take some of it.
SCREEN = (1280, 720)
SHOTS = os.environ.get("TIMPORA_SCREENSHOTS")  # a folder: the screens are saved there too

LONG_PEOPLE = [
    "Prof. Dr. Ir. Raden Mas Bambang Sutrisno Wicaksono Hadiningrat, S.H., M.Hum., Ph.D.",
    "Dr. Hj. Siti Nurhaliza Kusumawardhani Purbaningrum Setyaningsih, S.Sos., M.Si., M.A.P.",
    "Kombes Pol. Drs. Muhammad Abdurrahman Hasibuan Siregar Nasution Harahap, S.I.K., M.H.",
]
LONG_AGENCY = "Kantor Wilayah Kementerian Hukum dan Hak Asasi Manusia Provinsi Sumatera Selatan Bidang Keimigrasian"


@pytest.fixture
def stress_store(demo_store):
    """The demo store with names of 80-odd letters: agency, people, chair, attendees."""
    with demo_store.session() as s:
        agency = directory.create_agency(s, name=LONG_AGENCY, short_name=LONG_AGENCY[:60], sort_order=1)
        people = [
            directory.create_person(
                s,
                name=name,
                position="Kepala Sub Bidang Penindakan dan Pengawasan Keimigrasian Wilayah Sumatera Bagian Selatan",
                agency_id=agency.id,
                id_number=f"1970010119900310{n:02d}",
            )
            for n, name in enumerate(LONG_PEOPLE)
        ]
        for person in people:
            attendance.invite_person(s, demo_store.demo_meeting_id, person.id)
        update_meeting(
            s,
            demo_store.demo_meeting_id,
            chair_id=people[0].id,
            venue="Ruang Rapat Utama Lantai Tiga Gedung Kantor Imigrasi Kelas II Non TPI Muara Enim",
        )
    return demo_store


def _fits(widget, name: str, problems: list[str]) -> None:
    QApplication.processEvents()
    hint = widget.minimumSizeHint()
    size = widget.frameGeometry().size() if widget.isVisible() else widget.size()
    for what, value in (("size", size), ("minimum", hint)):
        if value.width() > SCREEN[0] or value.height() > SCREEN[1]:
            problems.append(f"{name}: {what} {value.width()}×{value.height()}")
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _long_combos(widget) -> list[str]:
    """Lists holding a long name whose width followed it."""
    return [
        f"{type(widget).__name__}: {combo.objectName() or combo.currentText()[:30]} {combo.sizeHint().width()} px"
        for combo in widget.findChildren(QComboBox)
        if combo.isVisibleTo(widget) and combo.sizeHint().width() > 420
    ]


def _dialogs(window, store, tmp_path):
    """Every dialog of the app, as the window opens it, built on the stress store."""
    from app.ui.crash_dialog import CrashDialog
    from app.ui.directory.directory_dialog import DirectoryDialog
    from app.ui.directory.person_import_dialog import PersonImportDialog
    from app.ui.documents.amend_dialog import AmendDialog
    from app.ui.documents.certificate_dialog import CertificateDialog
    from app.ui.documents.export_dialog import ExportDialog
    from app.ui.documents.history_dialog import HistoryDialog
    from app.ui.documents.preview_dialog import PreviewDialog
    from app.ui.documents.sign_dialog import SignDialog
    from app.ui.documents.verify_dialog import VerifyDialog
    from app.ui.meetings.follow_up_page import load_open_actions
    from app.ui.meetings.new_meeting_dialog import NewMeetingDialog
    from app.ui.meetings.next_meeting_dialog import NextMeetingDialog
    from app.ui.reports.sign_dialog import ReportSignDialog
    from app.ui.settings.first_start_dialog import FirstStartDialog
    from app.ui.settings.settings_dialog import SettingsDialog

    mid = store.demo_meeting_id
    with store.session() as s:
        actions = load_open_actions(s)
    yield "baru", NewMeetingDialog(window, store, follow=mid)
    yield "tanda-tangan", SignDialog(window, store, mid)
    yield "tanda-tangan-laporan", ReportSignDialog(window, store, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    yield "ekspor", ExportDialog(window, store, mid)
    yield "pratinjau", PreviewDialog(window, store, mid)
    yield "riwayat", HistoryDialog(window, store, mid)
    yield "periksa", VerifyDialog(window, store)
    yield "amandemen", AmendDialog(window, store, mid, revision=1)
    yield "sertifikat", CertificateDialog(window, store, folder=tmp_path)
    yield "direktori", DirectoryDialog(window, store)
    yield "impor-orang", PersonImportDialog(window, store)
    yield "pengaturan", SettingsDialog(window, store)
    yield "penyiapan", FirstStartDialog(window, store)
    yield "rapat-berikutnya", NextMeetingDialog(window, actions, today=dt.date(2024, 12, 1))
    yield "galat", CrashDialog(summary="x" * 300, details="y\n" * 400, log_path=tmp_path / "log.txt", parent=window)


def test_no_window_or_dialog_is_larger_than_a_small_screen(stress_store, window_on, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSize

    from app.ui.ops import wait_for_ops

    # The test's screen (offscreen: 800×800) stands in for the laptop's 1280×720 logical pixels.
    monkeypatch.setattr("app.ui.widgets.screen_room", lambda _widget: QSize(*SCREEN))

    window = window_on(stress_store)
    problems: list[str] = []
    widened: list[str] = []
    _fits(window, "daftar-rapat", problems)
    window.open_meeting(stress_store.demo_meeting_id)
    editor = window.editor
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        tab = editor.tabs.widget(index)
        if hasattr(tab, "table") and tab.model.rowCount():
            tab.table.selectRow(tab.model.rowCount() - 1)  # the long names are last
        _fits(window, f"rapat-{index + 1}-{editor.tabs.tabText(index).replace('&', '').lower()}", problems)
        widened += _long_combos(tab)
    for name, dialog in _dialogs(window, stress_store, tmp_path):
        dialog.show()
        qtbot.waitExposed(dialog)
        _fits(dialog, name, problems)
        widened += _long_combos(dialog)
        dialog.close()
        wait_for_ops()
    assert problems == []
    assert widened == []


def test_a_long_choice_ends_in_an_ellipsis_and_keeps_its_whole_text_as_tooltip(qt_app, qtbot, tmp_path):
    from app.ui.widgets import elide_combo

    combo = elide_combo(QComboBox())
    qtbot.addWidget(combo)
    combo.addItem(LONG_PEOPLE[0], 1)
    combo.addItem("Andi Saputra", 2)
    assert combo.sizeHint().width() < 300  # not the 600-odd px the name would take
    assert combo.toolTip() == LONG_PEOPLE[0]
    assert combo.itemData(0, 3) == LONG_PEOPLE[0]  # Qt.ToolTipRole: the list's entries too
    combo.resize(260, combo.sizeHint().height())
    combo.show()
    qtbot.waitExposed(combo)
    image = combo.grab().toImage()
    image.save(str(tmp_path / "combo.png"))
    combo.setCurrentIndex(1)
    assert combo.toolTip() == "Andi Saputra"
