"""Benchmark of the window's document work on the demo meeting (median of 5), offscreen.

    python bench/bench_documents_window.py

Prints, for each job the window runs on its worker, the wall time from the click to the result
on screen and the longest gap between ticks of a 10 ms timer on the GUI thread meanwhile (a
stalled window shows as a long gap): minutes export, preview render, printing the minutes to a
PDF printer, signing as chair then secretary with an office certificate (RSA-3072), and the kop
surat preview.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PASSPHRASE = "kantor-timpora-2024"


class Watch:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.longest, self._last = 0.0, None

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.longest = max(self.longest, now - self._last)
        self._last = now

    def start(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()  # a stall before the first tick counts
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self._tick()  # and the time since the last tick
        return self.longest


def run(app, watch: Watch, start, done) -> tuple[float, float]:
    """(seconds until done, longest stall) for one job started by `start()`."""
    watch.start()
    began = time.perf_counter()
    start()
    while not done():
        app.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - began
    return took, watch.stop()


def main() -> None:
    work = Path(tempfile.mkdtemp())
    os.environ["TIMPORA_SETTINGS"] = str(work / "settings.ini")
    from app.ui.harness import pad_none_refcount

    pad_none_refcount()
    from PySide6.QtPrintSupport import QPrinter

    from app.db import open_store
    from app.services.demo import load_demo
    from app.signing.certificates import create_office_certificate
    from app.ui.application import make_qt_app
    from app.ui.documents.export_dialog import ExportDialog
    from app.ui.documents.preview_dialog import PreviewDialog
    from app.ui.documents.printing import prepare_printer
    from app.ui.documents.sign_dialog import SignDialog
    from app.ui.ops import wait_for_ops
    from app.ui.settings.settings_dialog import SettingsDialog

    app = make_qt_app()
    from PySide6.QtWidgets import QWidget

    host = QWidget()  # the dialogs' parent, as the main window is in the app: Qt deletes them in order
    watch = Watch()
    p12 = work / "kantor.p12"
    create_office_certificate("KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM", PASSPHRASE, p12)
    # One certificate signs one box: the office signs the chair's (a.n.), the secretary her own.
    from app.signing.certificates import create_personal_certificate

    secretary_p12 = work / "notulis.p12"
    create_personal_certificate(
        "Dewi Anggraini, S.Kom.",
        "199203252015032001",
        "Analis Keimigrasian Ahli Pertama",
        "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM",
        PASSPHRASE,
        secretary_p12,
    )
    figures: dict[str, list[tuple[float, float]]] = {}

    def note(name: str, value: tuple[float, float]) -> None:
        figures.setdefault(name, []).append(value)

    for number in range(RUNS):
        store = open_store(work / f"demo-{number}.sqlite")
        with store.session() as session:
            meeting_id = load_demo(session)
        export = ExportDialog(host, store, meeting_id)
        export.show()
        run(app, watch, lambda: None, lambda: export.ready)
        export.target.setText(str(work / f"notulen-{number}.pdf"))
        note("export minutes (6 pages)", run(app, watch, export.start, lambda: not export.progress.running()))
        export.close()

        preview = PreviewDialog(host, store, meeting_id)
        note("preview render", run(app, watch, preview.show, lambda: preview.pdf_path is not None))
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(work / f"cetak-{number}.pdf"))
        prepare_printer(printer, paper=preview.paper.currentData(), copies=1, name="bench")
        note(
            "print 6 pages (300 dpi)",
            run(app, watch, lambda: preview.print_to(printer), lambda: not preview.progress.running()),
        )
        preview.done(0)

        sign = SignDialog(host, store, meeting_id)
        sign.show()
        run(app, watch, lambda: None, lambda: sign.ready)
        folder = work / f"ttd-{number}"
        folder.mkdir()
        sign.p12.setText(str(p12))
        sign.folder.setText(str(folder))
        for role, certificate in (("chair", p12), ("secretary", secretary_p12)):
            sign.role_buttons[role].setChecked(True)
            sign.p12.setText(str(certificate))
            sign.on_behalf.setChecked(role == "chair")
            sign.passphrase.setText(PASSPHRASE)
            note(f"sign as {role} (+ verify)", run(app, watch, sign.start, lambda: not sign.progress.running()))
            assert not sign.error.isVisible(), sign.error.text()
        sign.close()

        settings = SettingsDialog(host, store)
        settings.show()
        note("kop surat preview", run(app, watch, lambda: None, lambda: settings.preview.image is not None))
        settings.reject()
        wait_for_ops()
        store.close()

    host.deleteLater()
    print(f"{'job':32} {'median s':>9} {'longest stall ms':>17}")
    for name, values in figures.items():
        took = statistics.median(v[0] for v in values)
        stall = statistics.median(v[1] for v in values)
        print(f"{name:32} {took:9.3f} {stall * 1000:17.0f}")
    print(f"(worst stall over all runs: {max(v[1] for vs in figures.values() for v in vs) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
