"""The Laporan page: a period's figures and the report's own charts in the window, and its export."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.ui.ops import wait_for_ops
from tests.reports.known_store import DUKCAPIL, POLRES, build_known_store
from tests.support import pdftools


def _known(store):
    with store.session() as session:
        build_known_store(session)
    return store


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _show(window, qtbot, *, kind: int, year: int):
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    page = window.report_page
    assert window.pages.currentWidget() is page
    page.kind.setCurrentIndex(kind)
    page.year.setValue(year)
    page.loaded = None
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.loaded is not None, timeout=20_000)
    return page


def _inked(label) -> bool:
    image = label.pixmap().toImage()
    white = QColor(Qt.GlobalColor.white).rgb()
    return any(image.pixel(x, y) != white for x in range(0, image.width(), 7) for y in range(0, image.height(), 7))


def test_the_year_in_the_window(store, window_on, qtbot, tmp_path):
    window = window_on(_known(store))
    window.resize(1280, 860)
    page = _show(window, qtbot, kind=0, year=2024)
    assert (page.start.date().toPython(), page.end.date().toPython()) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert page.summary.text() == (
        "2 rapat; 6 hadir dari 9 undangan; 4 temuan melibatkan 5 orang asing; "
        "4 rencana tindak lanjut: 1 selesai, 2 terlambat pada 31/12/2024."
    )
    assert [row[0] for row in _cells(page.findChild(object, "report_meetings"))] == ["18/01/2024", "21/03/2024"]
    attendance = _cells(page.findChild(object, "report_attendance"))
    assert attendance[1] == ["2", POLRES, "1", "0", "0%"]
    assert page.findChild(object, "report_never").text() == f"Tidak pernah hadir: {POLRES}; {DUKCAPIL}"
    assert _cells(page.findChild(object, "report_nationalities")) == [
        ["1", "Tiongkok", "1", "3"],
        ["2", "Amerika Serikat", "1", "1"],
        ["3", "Vietnam", "1", "1"],
        ["4", "Tidak diketahui", "1", "0"],
    ]
    assert [row[4] for row in _cells(page.findChild(object, "report_overdue"))] == ["305", "184"]
    for name in ("attendance", "categories", "nationalities", "months", "actions"):
        chart = page.findChild(object, f"chart_{name}")
        assert chart is not None and _inked(chart), name
    page.tabs.setCurrentIndex(2)
    qtbot.wait(50)
    window.grab().save(str(tmp_path / "laporan.png"))


def test_a_quarter_without_meetings_says_so(store, window_on, qtbot):
    window = window_on(_known(store))
    page = _show(window, qtbot, kind=4, year=2024)  # Triwulan IV 2024
    assert (page.start.date().toPython(), page.end.date().toPython()) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    assert page.summary.text() == "Tidak ada rapat yang tercatat dalam periode ini."
    assert page.findChild(object, "report_meetings") is None


def test_a_range_that_ends_before_it_starts_is_refused_in_place(store, window_on, qtbot):
    window = window_on(_known(store))
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    page = window.report_page
    page.kind.setCurrentIndex(page.kind.count() - 1)
    assert page.start.isEnabled() and not page.year.isEnabled()
    page.start.setDate(dt.date(2024, 5, 1))
    page.end.setDate(dt.date(2024, 4, 30))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert page.summary.text() == "Periode berakhir (2024-04-30) sebelum dimulai (2024-05-01)."
    assert page.loaded is None


def test_export_to_pdf_and_excel(store, window_on, qtbot, tmp_path):
    window = window_on(_known(store))
    page = _show(window, qtbot, kind=0, year=2024)
    messages = []
    page.message.connect(messages.append)
    page.export_to(tmp_path / "laporan.pdf", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    page.export_to(tmp_path / "rekap.xlsx", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    wait_for_ops()
    qtbot.waitUntil(lambda: len(messages) == 2)
    assert messages == ["laporan.pdf tersimpan.", "rekap.xlsx tersimpan."]
    assert "TAHUN 2024" in pdftools.text(tmp_path / "laporan.pdf")
    assert load_workbook(tmp_path / "rekap.xlsx").sheetnames == ["Temuan", "Tindak lanjut", "Kehadiran"]
    page.export_to(tmp_path / "laporan.docx", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    wait_for_ops()
    qtbot.waitUntil(lambda: len(messages) == 3)
    assert messages[2] == "Laporan ditulis sebagai .pdf atau .xlsx, bukan laporan.docx."
