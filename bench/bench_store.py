"""Store benchmark: listing 2,000 meetings of 40 attendees, and importing a 150-attendee meeting.

    python bench/bench_store.py
Targets (issue: foundation): list < 50 ms, import < 200 ms, in process, median of 5.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_store import build_large_store  # noqa: E402

from app.services import attendance, directory, meetings  # noqa: E402
from app.services.exchange import export_meeting, import_bundle, read_exchange_file  # noqa: E402
from app.services.meetings import list_meetings  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="timpora-bench-"))
    t0 = time.perf_counter()
    store = build_large_store(folder / "large.sqlite")
    print(f"built 2,000 meetings x 40 attendees in {time.perf_counter() - t0:.1f} s")

    samples = []
    for _ in range(5):
        with store.session() as session:
            t = time.perf_counter()
            rows = list_meetings(session)
            samples.append(time.perf_counter() - t)
    assert len(rows) == 2000
    print(f"list_meetings (2,000 rows): median {median_ms(samples):.1f} ms (target < 50 ms)")

    # A 150-attendee meeting made in a small store, exported, then imported 5 times under new ids.
    source = build_large_store(folder / "source.sqlite", meetings=0, attendees=0)
    with source.session() as session:
        meeting = meetings.create_meeting(session, title="Rapat besar", date=dt.date(2025, 6, 5))
        for i in range(150):
            person = directory.create_person(session, name=f"Peserta Besar {i}", position="Anggota Tim PORA")
            attendance.invite_person(session, meeting.id, person.id, status="present")
        export_meeting(session, meeting.id, folder / "big.json")
    source.close()
    document = json.loads((folder / "big.json").read_text(encoding="utf-8"))
    samples = []
    for run in range(5):
        document["meeting"]["uuid"] = str(uuid.uuid4())
        for row in document["meeting"]["attendances"]:
            row["uuid"] = str(uuid.uuid4())
        path = folder / f"big-{run}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        t = time.perf_counter()
        with store.session() as session:
            import_bundle(session, read_exchange_file(path))
        samples.append(time.perf_counter() - t)
    print(
        f"import of a 150-attendee meeting (read + check + write + commit): median {median_ms(samples):.1f} ms (target < 200 ms)"
    )
    store.close()


if __name__ == "__main__":
    main()
