"""Minutes out of the door: export in the background (with cancel), preview page by page, print."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from app.ui.documents.export_dialog import ExportDialog
from app.ui.documents.export_job import ExportKind
from app.ui.documents.preview_dialog import PreviewDialog
from app.ui.documents.printing import prepare_printer


def pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _export_through(dialog: ExportDialog, qtbot, target: Path) -> None:
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.progress.running(), timeout=10_000)


def test_export_the_demo_minutes_from_the_window(demo_store, window_on, qtbot, in_next_modal, tmp_path, loop_watch):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    target = tmp_path / "notulen.pdf"
    seen = {}

    def export(dialog) -> None:
        assert isinstance(dialog, ExportDialog) and dialog.kind() is ExportKind.MINUTES
        assert dialog.target.text().endswith(".pdf") and "Notulen 2024-11-21" in dialog.target.text()
        qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
        loop_watch.start()
        _export_through(dialog, qtbot, target)
        seen["stall"] = loop_watch.stop()
        seen["ticks"] = loop_watch.ticks
        seen["done"] = dialog.done_text.text()
        assert dialog.open_file_button.isVisible() and dialog.open_folder_button.isVisible()
        dialog.close_button.click()

    in_next_modal(export)
    qtbot.mouseClick(window.documents.buttons["export"], Qt.MouseButton.LeftButton)
    assert seen["done"].startswith("Tersimpan: notulen.pdf (6 halaman)")
    text = pdftext(target)
    assert "NOTULA RAPAT" in text and "Antonius Frizky" in text and "Halaman 1 dari 6" in text
    assert "DAFTAR HADIR" in text  # the appendix, asked for by default
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial file left
    assert seen["ticks"] >= 3 and seen["stall"] < 0.1, seen  # the window kept answering


def test_blank_sheet_f4_and_timpora_package(demo_store, qtbot, qt_app, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("app.ui.desktop.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = ExportDialog(None, demo_store, demo_store.demo_meeting_id, kind=ExportKind.SHEET)
    qtbot.addWidget(dialog)
    dialog.paper.setCurrentIndex(dialog.paper.findData("f4"))
    assert not dialog.attendance.isEnabled()
    _export_through(dialog, qtbot, tmp_path / "daftar-hadir")  # the suffix is added
    sheet = tmp_path / "daftar-hadir.pdf"
    qtbot.mouseClick(dialog.open_file_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(sheet), str(tmp_path)]
    assert "DAFTAR HADIR" in pdftext(sheet)
    assert "609.449 x 935.433" in subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True).stdout  # F4
    dialog.set_kind(ExportKind.PACKAGE)
    assert not dialog.paper.isEnabled() and dialog.target.text().endswith(".timpora")
    _export_through(dialog, qtbot, tmp_path / "rapat.timpora")
    import zipfile

    assert "meeting.json" in zipfile.ZipFile(tmp_path / "rapat.timpora").namelist()


def test_a_cancelled_export_leaves_no_file(demo_store, qtbot, qt_app, tmp_path):
    dialog = ExportDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "batal.pdf"
    dialog.target.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and dialog.progress.cancel_button.isEnabled()
    qtbot.mouseClick(dialog.progress.cancel_button, Qt.MouseButton.LeftButton)  # the worker is still busy
    qtbot.waitUntil(lambda: not dialog.progress.running(), timeout=10_000)
    assert dialog.error.text() == "Ekspor dibatalkan; tidak ada berkas yang ditulis."
    assert list(tmp_path.glob("*batal*")) == []
    # The same dialog exports normally afterwards.
    _export_through(dialog, qtbot, target)
    assert target.exists() and list(tmp_path.glob(".batal*")) == []


def test_a_target_in_a_missing_folder_is_refused_before_any_work(demo_store, qtbot, qt_app, tmp_path):
    dialog = ExportDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.target.setText(str(tmp_path / "tidak-ada" / "x.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.progress.running()
    assert dialog.error.text().endswith("tidak-ada tidak ada.") and dialog.error.isVisibleTo(dialog)


def test_preview_pages_zoom_copies_and_print(demo_store, qtbot, qt_app, tmp_path):
    dialog = PreviewDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.pdf_path is not None, timeout=10_000)
    assert dialog.page_count() == 6 and dialog.page_label.text() == "Halaman 1 dari 6"
    assert dialog.windowTitle().startswith("Pratinjau dan cetak — Rapat Koordinasi")
    before = dialog.zoom_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom_label.text() != before and dialog.zoom_label.text().endswith("%")
    dialog.fit_page()
    # The blank daftar hadir: the newest choice wins, the older file is gone.
    first = dialog.pdf_path
    dialog.kind.setCurrentIndex(dialog.kind.findData("sheet"))
    qtbot.waitUntil(lambda: dialog.pdf_path != first and not dialog.progress.running(), timeout=10_000)
    assert dialog.page_count() == 2 and not first.exists()
    assert not dialog.attendance.isEnabled()
    # One copy per person who attended, plus the archive copy.
    qtbot.mouseClick(dialog.every_attendee, Qt.MouseButton.LeftButton)
    assert dialog.copies.value() == 15
    assert dialog.copies_hint.text() == "14 yang hadir + 1 untuk arsip"
    # Printing to a PDF printer (which cannot make copies itself) sends every copy.
    dialog.copies.setValue(3)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "cetak.pdf"
    printer.setOutputFileName(str(printed))
    prepare_printer(printer, paper=dialog.paper.currentData(), copies=dialog.copies.value(), name="uji")
    dialog.print_to(printer)
    qtbot.waitUntil(lambda: not dialog.progress.running(), timeout=20_000)
    assert dialog.message.text() == "Dikirim ke pencetak: 6 halaman (3 rangkap)."
    assert pdf_pages(printed) == 6
    folder = dialog._folder
    dialog.close_button.click()
    assert not folder.exists()  # preview files are cleaned up


def test_without_a_kop_the_export_dialog_warns_before_printing(demo_store, qtbot, qt_app, tmp_path):
    from app.services.office import update_office

    dialog = ExportDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.no_letterhead.isVisible()  # the demo office has its kop
    dialog.close()
    with demo_store.session() as session:
        update_office(
            session, ministry="", directorate="", regional_office="", office_name="", address="", email="", phone=""
        )
        session.commit()
    dialog = ExportDialog(None, demo_store, demo_store.demo_meeting_id, kind=ExportKind.SHEET)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.no_letterhead.isVisible() and "kop surat" in dialog.no_letterhead.text()
    dialog.grab().save(str(tmp_path / "export-without-kop.png"))
    dialog.set_kind(ExportKind.PACKAGE)
    assert not dialog.no_letterhead.isVisible()  # a .timpora file has no kop to miss
    dialog.set_kind(ExportKind.MINUTES)
    assert dialog.no_letterhead.isVisible()
    _export_through(dialog, qtbot, tmp_path / "tanpa-kop.pdf")
    assert "tanpa kop surat" in dialog.done_text.text()


def test_lampiran_i_chosen_for_one_export(demo_store, qtbot, qt_app, tmp_path):
    dialog = ExportDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.appendix_form.currentData() == "signatures" and dialog.appendix_form.isEnabled()
    dialog.attendance.setChecked(False)
    assert not dialog.appendix_form.isEnabled()
    dialog.attendance.setChecked(True)
    dialog.appendix_form.setCurrentIndex(dialog.appendix_form.findData("present_list"))
    dialog.grab().save(str(tmp_path / "export-lampiran.png"))
    _export_through(dialog, qtbot, tmp_path / "daftar-peserta.pdf")
    text = pdftext(tmp_path / "daftar-peserta.pdf")
    assert "DAFTAR PESERTA YANG HADIR" in text and "Tanda Tangan" not in text
