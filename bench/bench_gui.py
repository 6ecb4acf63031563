"""Benchmark of the window on a large store: 2,000 meetings of 40 attendees each (median of 5).

    python bench/bench_gui.py [--store PATH]

Prints: start to a usable main window (a fresh process), each search keystroke, opening a
150-attendee meeting in the editor, and the longest event-loop stall seen during the last two.
The store is built once (about a minute) and kept at --store for later runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = 5
MEETINGS, ATTENDEES, BIG = 2000, 40, 150
FIRST = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Intan", "Joko", "Kartika", "Lestari"]
LAST = ["Saputra", "Wibowo", "Siregar", "Nasution", "Hidayat", "Rahmawati", "Pratama", "Kurniawan", "Lubis", "Harahap"]


def build_store(path: Path) -> int:
    """Fill a store with plain INSERTs (the triggers keep the search index, as in real use)."""
    from sqlalchemy import text

    from app.db import open_store
    from app.services.demo import load_demo

    store = open_store(path)
    with store.session() as s:
        load_demo(s)
    start = dt.date(2015, 1, 5)
    with store.engine.begin() as conn:
        for m in range(MEETINGS):
            count = BIG if m == MEETINGS // 2 else ATTENDEES
            conn.execute(
                text(
                    "INSERT INTO meetings (uuid, number, title, kind, level, area, date, start_time, time_zone, venue, city,"
                    " opening_notes, closing_notes, classification, status, revision) VALUES (:u, :n, :t, 'rakor',"
                    " 'regency_city', '', :d, '09:00:00.000000', 'WIB', 'Aula', 'Lubuklinggau', 'Rapat dibuka.', '',"
                    " 'ordinary', 'draft', 1)"
                ),
                {
                    "u": str(uuid.uuid4()),
                    "n": f"{m:05d}",
                    "t": f"Rapat Koordinasi Tim PORA ke-{m} Kecamatan {LAST[m % 10]}",
                    "d": (start + dt.timedelta(days=m * 2)).isoformat(),
                },
            )
            meeting_id = conn.execute(text("SELECT last_insert_rowid()")).scalar()
            conn.execute(
                text(
                    "INSERT INTO attendances (uuid, meeting_id, position, name, id_number, rank, position_title, agency_name,"
                    " agency_order, status, deputy_name, deputy_id_number, deputy_rank, deputy_position, note)"
                    " VALUES (:u, :m, :p, :n, '', '', 'Staf', 'Polres Lubuklinggau', 30, 'present', '', '', '', '', '')"
                ),
                [
                    {
                        "u": str(uuid.uuid4()),
                        "m": meeting_id,
                        "p": p + 1,
                        "n": f"{FIRST[(m + p) % 12]} {LAST[(m * 7 + p) % 10]} {m}-{p}",
                    }
                    for p in range(count)
                ],
            )
    with store.session() as s:
        big = s.execute(
            text("SELECT meeting_id FROM attendances GROUP BY meeting_id HAVING count(*) = :n"), {"n": BIG}
        ).scalar()
    store.close()
    return int(big)


def child_start(db: str, t0: float) -> None:
    """Run in a fresh process: the time from process start to a shown, filled main window."""
    from app.db import open_store
    from app.ui.application import make_qt_app
    from app.ui.main_window import MainWindow

    app = make_qt_app()
    store = open_store(db)
    window = MainWindow(store)
    window.show()
    app.processEvents()
    assert window.list_page.model.rowCount() > 1000
    print(f"{time.time() - t0:.4f}")
    store.close()


def measure_start(db: Path) -> float:
    times = []
    env = dict(os.environ, TIMPORA_SETTINGS=str(Path(tempfile.mkdtemp()) / "s.ini"))
    for _ in range(RUNS):
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, __file__, "--child-start", str(db), str(t0)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times)


class StallWatch:
    """A 5 ms timer: the longest gap between its ticks is the longest the event loop was stuck."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def measure_in_window(db: Path, big_id: int) -> dict[str, float]:
    os.environ["TIMPORA_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "s.ini")
    from PySide6.QtTest import QTest

    from app.db import open_store
    from app.ui.application import make_qt_app
    from app.ui.harness import pad_none_refcount
    from app.ui.main_window import MainWindow

    pad_none_refcount()
    app = make_qt_app()
    store = open_store(db)
    window = MainWindow(store)
    window.show()
    app.processEvents()
    watch = StallWatch()
    QTest.qWait(50)
    keystrokes, opens = [], []
    search = window.list_page.search
    for run in range(RUNS):
        search.clear()
        QTest.qWait(20)
        for char in "hendra sir"[: 6 + run % 4]:
            t0 = time.perf_counter()
            QTest.keyClick(search, char)
            app.processEvents()
            keystrokes.append(time.perf_counter() - t0)
            QTest.qWait(10)
    search.clear()
    other = window.list_page.model.row_at(0).id
    for _run in range(RUNS):
        window.open_meeting(other)
        QTest.qWait(20)
        t0 = time.perf_counter()
        window.open_meeting(big_id)
        app.processEvents()
        opens.append(time.perf_counter() - t0)
        assert window.editor.attendance_tab.model.rowCount() == BIG
        QTest.qWait(20)
    window.close()
    store.close()
    return {
        "search keystroke (median)": statistics.median(keystrokes),
        "search keystroke (slowest)": max(keystrokes),
        "open 150-attendee meeting": statistics.median(opens),
        "longest event-loop stall": watch.longest,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", default=str(Path(tempfile.gettempdir()) / "timpora-bench-2000.sqlite"))
    parser.add_argument("--child-start", nargs=2, metavar=("DB", "T0"))
    args = parser.parse_args()
    if args.child_start:
        child_start(args.child_start[0], float(args.child_start[1]))
        return
    db = Path(args.store)
    marker = db.with_suffix(".big")
    if not db.exists() or not marker.exists():
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        marker.write_text(str(build_store(db)))
        print(f"built the store ({MEETINGS} meetings × {ATTENDEES} attendees) in {time.perf_counter() - t0:.1f} s")
    big_id = int(marker.read_text())
    print(f"start to usable main window: {measure_start(db) * 1000:.0f} ms")
    for name, seconds in measure_in_window(db, big_id).items():
        print(f"{name}: {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
