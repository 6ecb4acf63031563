"""The attendance tab attaches the scan of the signed daftar hadir; the export dialog offers it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from app.services.scanned_sheet import signed_sheet
from app.ui.ops import wait_for_ops
from tests.documents.test_scanned_sheet import scan_pdf


def _grab(widget, name: str) -> None:
    folder = os.environ.get("TIMPORA_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def test_the_attendance_tab_attaches_a_scan_and_shows_its_name(demo_store, window_on, qtbot, tmp_path, monkeypatch):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    editor.tabs.setCurrentWidget(editor.attendance_tab)
    tab = editor.attendance_tab
    assert tab.scan_button.text().replace("&", "") == "Lampirkan pindaian daftar hadir…"
    assert "Belum ada pindaian" in tab.scan_label.text()
    # a file that is no scan: one message, nothing attached
    fake = tmp_path / "bukan.pdf"
    fake.write_bytes(b"MZ not a pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(fake), ""))
    tab.scan_button.click()
    wait_for_ops()
    qtbot.waitUntil(lambda: "tidak dapat dilampirkan" in window.statusBar().currentMessage(), timeout=5000)
    with demo_store.session() as session:
        assert signed_sheet(session, demo_store.demo_meeting_id) is None
    scan = tmp_path / "daftar-hadir-ttd.pdf"
    scan.write_bytes(scan_pdf(2))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    tab.scan_button.click()
    wait_for_ops()
    qtbot.waitUntil(lambda: "daftar-hadir-ttd.pdf" in tab.scan_label.text(), timeout=5000)
    with demo_store.session() as session:
        assert signed_sheet(session, demo_store.demo_meeting_id).filename == "daftar-hadir-ttd.pdf"
    window.resize(1280, 800)
    _grab(window, "attendance-tab-scan.png")


def test_the_export_dialog_offers_the_scan_as_lampiran_one(demo_store, qtbot, qt_app, tmp_path):
    from PySide6.QtCore import Qt

    from app.services.scanned_sheet import attach_signed_sheet
    from app.ui.documents.export_dialog import ExportDialog
    from tests.support import pdftools

    with demo_store.session() as session:
        attach_signed_sheet(session, demo_store.demo_meeting_id, filename="ttd.pdf", content=scan_pdf(1))
    dialog = ExportDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    index = dialog.appendix_form.findData("scan")
    assert dialog.appendix_form.itemText(index) == "Pindaian daftar hadir yang ditandatangani saat rapat"
    dialog.appendix_form.setCurrentIndex(index)
    _grab(dialog, "export-dialog-scan.png")
    dialog.target.setText(str(tmp_path / "notula.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.progress.running(), timeout=20_000)
    assert "pindaian lembar yang ditandatangani" in pdftools.text(tmp_path / "notula.pdf")
