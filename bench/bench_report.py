"""Benchmark of `timpora report` on a 5,000-meeting store (median of 3 whole commands).

    python bench/bench_report.py [--store PATH]

The store (one meeting a day from 2018, 20 attendees, a finding, two action items and two
conclusions each) is built in bulk once and kept at --store. Prints the wall time of the whole
command, from process start to the file written, for the yearly report of 2020 (366 meetings)
as PDF and as Excel, and the time of the figures' queries alone on the whole store.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
RUNS = 3


def build(path: Path) -> None:
    from large_store import build_large_store
    from sqlalchemy import insert

    from app.models import ActionItem, Conclusion
    from app.models.base import utcnow

    store = build_large_store(path, meetings=5000, attendees=20)
    now = utcnow()
    with store.engine.begin() as conn:
        rows = list(conn.exec_driver_sql("SELECT id, date FROM meetings ORDER BY id"))
        actions, conclusions = [], []
        for n, (meeting_id, date) in enumerate(rows):
            held = dt.date.fromisoformat(str(date))
            for position in (1, 2):
                actions.append(
                    dict(
                        uuid=str(uuid.uuid4()),
                        meeting_id=meeting_id,
                        position=position,
                        description=f"Tindak lanjut {position}",
                        owner_agency_name=("Polres", "Kodim", "Kantor Imigrasi")[(n + position) % 3],
                        owner_person_name="",
                        due_date=held + dt.timedelta(days=30 * position),
                        status=("open", "in_progress", "done", "cancelled")[(n + position) % 4],
                        created_at=now,
                        updated_at=now,
                    )
                )
                conclusions.append(
                    dict(
                        uuid=str(uuid.uuid4()),
                        meeting_id=meeting_id,
                        position=position,
                        text=f"Kesimpulan {position} rapat {meeting_id}.",
                        created_at=now,
                        updated_at=now,
                    )
                )
        conn.execute(insert(ActionItem), actions)
        conn.execute(insert(Conclusion), conclusions)
    store.close()


def command(db: Path, out: Path) -> float:
    began = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--db",
            str(db),
            "report",
            "--from",
            "2020-01-01",
            "--to",
            "2020-12-31",
            str(out),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "timpora-bench-report.sqlite")
    args = parser.parse_args()
    if not args.store.exists():
        began = time.perf_counter()
        build(args.store)
        print(f"store built in {time.perf_counter() - began:.1f} s: {args.store}")
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".pdf", ".xlsx"):
            times = [command(args.store, Path(folder) / f"laporan{suffix}") for _ in range(RUNS)]
            print(f"timpora report 2020 (366 meetings) {suffix}: median {statistics.median(times):.2f} s")
    from app.db import open_store
    from app.services.reports import timpora_report

    store = open_store(args.store)
    with store.session() as session:
        times = []
        for _ in range(RUNS):
            began = time.perf_counter()
            timpora_report(session, dt.date(2018, 1, 1), dt.date(2031, 12, 31))
            times.append(time.perf_counter() - began)
    store.close()
    print(f"figures of all 5,000 meetings (queries only): median {statistics.median(times):.2f} s")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUTF8", "1")
    raise SystemExit(main())
