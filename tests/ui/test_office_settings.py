"""Office settings with the kop surat preview, the first-start setup, and `gui --open FILE`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from app.services.office import get_office
from app.ui.documents.export_dialog import ExportDialog
from app.ui.settings.settings_dialog import SettingsDialog

NEW_OFFICE = "KANTOR IMIGRASI KELAS I TPI PALEMBANG"


def _export(store, qtbot, target: Path) -> str:
    dialog = ExportDialog(None, store, store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.progress.running(), timeout=10_000)
    return subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout


def test_a_new_kop_line_in_the_settings_prints_in_the_next_export(
    demo_store, window_on, qtbot, in_next_modal, tmp_path
):
    window = window_on(demo_store)
    seen = {}

    def edit(dialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        preview = dialog.preview
        qtbot.waitUntil(lambda: preview.image is not None, timeout=10_000)
        seen["first"] = preview.image.height()
        office = dialog.office.edits["office_name"]
        assert office.text() == "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM"
        office.selectAll()
        qtbot.keyClicks(office, NEW_OFFICE)
        qtbot.waitUntil(lambda: preview.renders >= 2 and not preview.busy(), timeout=10_000)
        seen["kop"] = preview.image
        assert dialog.findChild(type(preview), "kop_preview") is preview
        assert dialog.findChild(type(dialog.error), "data_file").text() == str(demo_store.path)
        dialog.accept()

    in_next_modal(edit)
    window.open_settings()
    with demo_store.session() as s:
        assert get_office(s).office_name == NEW_OFFICE
    # The preview is the kop alone: cropped well above half an A4 page at 110 dpi.
    assert 150 < seen["kop"].height() < 0.25 * 297 / 25.4 * 110
    text = _export(demo_store, qtbot, tmp_path / "kop-baru.pdf")
    assert NEW_OFFICE in text and "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM\n" not in text.split("NOTULA RAPAT")[0]


def test_font_emblem_and_a_refused_image(demo_store, qtbot, qt_app, tmp_path):
    dialog = SettingsDialog(None, demo_store)
    qtbot.addWidget(dialog)
    picture = tmp_path / "lambang.png"
    Image.new("RGB", (1200, 1200), (200, 30, 30)).save(picture)
    junk = tmp_path / "bukan-gambar.png"
    junk.write_text("halo")
    assert not dialog.office.load_emblem_file(str(junk))
    assert dialog.office.emblem_note.text() == "Berkas itu bukan gambar yang dapat dibaca aplikasi (PNG atau JPEG)."
    assert dialog.office.load_emblem_file(str(picture))
    assert dialog.office.emblem_note.text() == "600 × 600 piksel"  # scaled to what the kop needs
    assert not dialog.office.emblem_view.pixmap().isNull()
    dialog.office.font.setCurrentIndex(dialog.office.font.findData("serif"))
    dialog.accept()
    with demo_store.session() as s:
        office = get_office(s)
        assert office.font.value == "serif" and office.emblem[:8] == b"\x89PNG\r\n\x1a\n"
    _export(demo_store, qtbot, tmp_path / "times.pdf")
    fonts = subprocess.run(["pdffonts", str(tmp_path / "times.pdf")], capture_output=True, text=True).stdout
    assert "Tinos" in fonts and "Arimo" not in fonts


def test_first_start_with_an_empty_profile_opens_the_setup(store, window_on, qtbot, in_next_modal):
    window = window_on(store)

    def setup(wizard) -> None:
        assert isinstance(wizard, QWizard) and wizard.windowTitle() == "Menyiapkan Notulen Timpora"
        assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Lanjut >"
        wizard.next()
        qtbot.keyClicks(wizard.office.edits["office_name"], "KANTOR IMIGRASI KELAS II TPI BATAM")
        qtbot.keyClicks(wizard.office.edits["ministry"], "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN")
        qtbot.waitUntil(lambda: wizard.preview.image is not None and not wizard.preview.busy(), timeout=10_000)
        wizard.next()
        qtbot.keyClicks(wizard.office.edits["city"], "Batam")
        wizard.office.time_zone.setCurrentIndex(wizard.office.time_zone.findData("WIB"))
        wizard.button(QWizard.WizardButton.FinishButton).click()

    in_next_modal(setup)
    assert window.first_start_if_needed()
    with store.session() as s:
        office = get_office(s)
        assert (office.office_name, office.city) == ("KANTOR IMIGRASI KELAS II TPI BATAM", "Batam")
    assert not window.first_start_if_needed()  # set up: never asked again


def test_gui_open_imports_a_timpora_file_or_shows_the_meeting_already_here(
    demo_store, window_on, qtbot, tmp_path, monkeypatch
):
    from app.cli.main import build_parser
    from app.services.exchange import export_meeting

    assert build_parser().parse_args(["gui", "--open", "rapat.timpora"]).open == "rapat.timpora"
    package = tmp_path / "rapat.timpora"
    with demo_store.session() as s:
        export_meeting(s, demo_store.demo_meeting_id, package)
    from app.db import open_store

    other = open_store(tmp_path / "laptop-lain.sqlite")
    try:
        window = window_on(other)
        window.open_meeting_file(package)
        qtbot.waitUntil(window.in_editor, timeout=10_000)
        assert window.editor.heading.text().startswith("Rapat Koordinasi Tim Pengawasan Orang Asing")
        assert window.statusBar().currentMessage().startswith("Diimpor: Rapat Koordinasi")
        first_id = window.editor.meeting_id
        window.show_list()
        window.open_meeting_file(package)  # the same file again: the meeting already here
        qtbot.waitUntil(window.in_editor, timeout=10_000)
        assert window.editor.meeting_id == first_id
        assert window.statusBar().currentMessage().startswith("Rapat ini sudah ada di sini")
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
        broken = tmp_path / "rusak.timpora"
        broken.write_bytes(b"PK\x03\x04 bukan zip")
        window.open_meeting_file(broken)
        qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
        assert warned[0].startswith("rusak.timpora tidak dapat dibuka.\n\n")
        assert "Traceback" not in warned[0]
    finally:
        from app.ui.ops import wait_for_ops

        wait_for_ops()
        other.close()


def test_title_page_numbers_and_appendix_chosen_in_the_settings(demo_store, qtbot, qt_app, tmp_path):
    dialog = SettingsDialog(None, demo_store)
    qtbot.addWidget(dialog)
    dialog.show()
    combos = dialog.office.page_combos
    assert combos["minutes_title"].currentData() == "notula"  # KBBI's form by default
    dialog.tabs.setCurrentIndex(1)
    for field, value in (
        ("minutes_title", "notulen"),
        ("page_numbering", "top_centre"),
        ("attendance_appendix", "present_list"),
    ):
        combos[field].setCurrentIndex(combos[field].findData(value))
    dialog.grab().save(str(tmp_path / "settings-documents.png"))
    from app.ui.ops import wait_for_ops

    wait_for_ops()  # the kop preview's render, before the dialog goes
    dialog.accept()
    with demo_store.session() as s:
        office = get_office(s)
        assert (office.minutes_title.value, office.page_numbering.value, office.attendance_appendix.value) == (
            "notulen",
            "top_centre",
            "present_list",
        )
    text = _export(demo_store, qtbot, tmp_path / "pilihan.pdf")
    assert "NOTULEN RAPAT" in text and "DAFTAR PESERTA YANG HADIR" in text and "Halaman 1 dari" not in text


def test_the_timestamp_server_is_an_office_setting_and_a_bad_address_is_refused(demo_store, qtbot, qt_app, tmp_path):
    dialog = SettingsDialog(None, demo_store)
    qtbot.addWidget(dialog)
    dialog.show()
    tsa = dialog.office.tsa
    assert tsa.text() == "" and tsa.placeholderText() == "kosong: tanda tangan tanpa cap waktu (luring)"
    qtbot.keyClicks(tsa, "tsa.bsre.go.id")
    dialog.accept()
    assert dialog.isVisible()  # refused, one message, nothing saved
    assert dialog.error.text() == (
        "Alamat server cap waktu (TSA) harus diawali http:// atau https:// dan menyebut nama server."
    )
    with demo_store.session() as s:
        assert get_office(s).tsa_url == ""
    tsa.clear()
    qtbot.keyClicks(tsa, "http://tsa.bsre.go.id/tsr")
    dialog.tabs.setCurrentIndex(1)
    dialog.grab().save(str(tmp_path / "pengaturan-tsa.png"))
    if os.environ.get("TIMPORA_GRAB_DIR"):
        dialog.grab().save(str(Path(os.environ["TIMPORA_GRAB_DIR"]) / "pengaturan-tsa.png"))
    dialog.accept()
    with demo_store.session() as s:
        assert get_office(s).tsa_url == "http://tsa.bsre.go.id/tsr"
