"""Scale benchmark (issue 15): ten years of meetings, in process, on stores of growing size.

    python bench/bench_scale.py [--sizes 1000 5000 20000] [--runs 5]

Each store holds N meetings of 40 attendees, 5 agenda items, 5 findings and 5 action items
(about 3 % of the actions still open, as in an office that follows up). Stores are built once
and kept in bench/.cache (gitignored); building 20,000 takes a few minutes on two cores.

Prints per size (median of --runs; wall time and, in brackets, this process's CPU time): the follow-ups view's first show (read + build + paint) and
a status change in it, list_meetings, a search keystroke (the list page's filter: search plus
list model) and its slowest, load_bundle of a 40-attendee meeting, and the SQL statements each
of these screens sends.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CACHE = Path(__file__).resolve().parent / ".cache"
#: Bump when the shape of the built store changes: older cached stores are then rebuilt.
SHAPE = 4  # 4: nationalities in finding_nationalities (issue 18)
ATTENDEES, AGENDA, FINDINGS, ACTIONS = 40, 5, 5, 5
OPEN_SHARE = 0.03
AGENCIES = [
    "Kantor Imigrasi Kelas II Non TPI Muara Enim",
    "Kepolisian Resor Lubuklinggau",
    "Komando Distrik Militer 0406",
    "Badan Intelijen Negara Daerah",
    "Badan Kesatuan Bangsa dan Politik Kota Lubuklinggau",
    "Dinas Tenaga Kerja",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Kejaksaan Negeri Lubuklinggau",
]
FIRST = ["Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Intan", "Joko", "Kartika", "Lestari"]
LAST = ["Saputra", "Wibowo", "Siregar", "Nasution", "Hidayat", "Rahmawati", "Pratama", "Kurniawan", "Lubis", "Harahap"]
PLACES = ["Lubuklinggau", "Musi Rawas", "Muratara", "Tugumulyo", "Megang Sakti"]
KEYSTROKES = "tim pora lubuk"


def _rows(cur, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    marks = ", ".join("?" for _ in columns)
    cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def build(path: Path, meetings: int, seed: int = 15) -> None:
    """Fill a new store with plain INSERTs in one transaction (the triggers note every meeting),
    then rebuild the search rows once, as a session's commit would."""
    from app.db import open_store
    from app.services.search_index import refresh_search_index

    rng = random.Random(seed)
    store = open_store(path)
    now = dt.datetime(2026, 1, 1, 8, 0).isoformat(sep=" ")
    start = dt.date(2016, 1, 4)

    def uid() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    with store.engine.begin() as conn:
        cur = conn.connection.driver_connection.cursor()
        _rows(
            cur,
            "agencies",
            ("uuid", "name", "short_name", "sort_order", "created_at", "updated_at"),
            [(uid(), name, name.split(" ")[0], n, now, now) for n, name in enumerate(AGENCIES)],
        )
        meeting_columns = [
            "id",
            "uuid",
            "number",
            "title",
            "kind",
            "level",
            "area",
            "date",
            "start_time",
            "end_time",
            "time_zone",
            "venue",
            "city",
            "opening_notes",
            "closing_notes",
            "classification",
            "status",
            "revision",
            "created_at",
            "updated_at",
        ]
        attendance_columns = [
            "uuid",
            "meeting_id",
            "position",
            "name",
            "id_number",
            "rank",
            "position_title",
            "agency_name",
            "agency_order",
            "status",
            "deputy_name",
            "deputy_id_number",
            "deputy_rank",
            "deputy_position",
            "note",
            "created_at",
            "updated_at",
        ]
        agenda_columns = [
            "uuid",
            "meeting_id",
            "position",
            "title",
            "presenter_name",
            "discussion",
            "created_at",
            "updated_at",
        ]
        finding_columns = [
            "uuid",
            "meeting_id",
            "position",
            "category",
            "location",
            "document_status",
            "sponsor",
            "reporting_agency",
            "description",
            "recommendation",
            "created_at",
            "updated_at",
        ]
        action_columns = [
            "uuid",
            "meeting_id",
            "position",
            "description",
            "owner_agency_name",
            "owner_person_name",
            "due_date",
            "status",
            "created_at",
            "updated_at",
        ]
        batch = 1000
        for first in range(1, meetings + 1, batch):
            ms, att, ag, fi, ac = [], [], [], [], []
            for mid in range(first, min(first + batch, meetings + 1)):
                day = start + dt.timedelta(days=(mid * 3650) // max(meetings, 1))
                place = rng.choice(PLACES)
                ms.append(
                    (
                        mid,
                        uid(),
                        f"{mid}/TIMPORA/{day.year}",
                        f"Rapat Koordinasi Tim PORA ke-{mid} wilayah {place}",
                        "rakor",
                        "regency_city",
                        "",
                        day.isoformat(),
                        "09:00:00.000000",
                        "12:00:00.000000",
                        "WIB",
                        "Aula Kantor Imigrasi",
                        "Lubuklinggau",
                        "Rapat dibuka oleh Ketua Tim PORA.",
                        "",
                        "ordinary",
                        rng.choice(["draft", "final", "signed"]),
                        1,
                        now,
                        now,
                    )  # fmt: skip
                )
                for pos in range(1, ATTENDEES + 1):
                    agency = rng.randrange(len(AGENCIES))
                    att.append(
                        (
                            uid(),
                            mid,
                            pos,
                            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                            "",
                            "",
                            "Anggota Tim PORA",
                            AGENCIES[agency],
                            agency,
                            rng.choice(["present", "present", "present", "excused", "represented"]),
                            "",
                            "",
                            "",
                            "",
                            "",
                            now,
                            now,
                        )  # fmt: skip
                    )
                for pos in range(1, AGENDA + 1):
                    ag.append((uid(), mid, pos, f"Acara {pos}", "", f"Pembahasan {place} ke-{pos}.", now, now))
                for pos in range(1, FINDINGS + 1):
                    fi.append(
                        (
                            uid(),
                            mid,
                            pos,
                            rng.choice(["Overstay", "TKA ilegal", "Penyalahgunaan izin tinggal"]),
                            f"Kecamatan {place}",
                            "visit_visa",
                            "PT Sawit Makmur",
                            AGENCIES[pos % len(AGENCIES)],
                            "WNA melebihi izin tinggal.",
                            "",
                            now,
                            now,
                        )  # fmt: skip
                    )
                for pos in range(1, ACTIONS + 1):
                    status = "open" if rng.random() < OPEN_SHARE else rng.choice(["done", "done", "cancelled"])
                    if status == "open" and rng.random() < 0.3:
                        status = "in_progress"
                    ac.append(
                        (
                            uid(),
                            mid,
                            pos,
                            f"Tindak lanjut {pos} rapat ke-{mid}: pendataan WNA di {place}",
                            AGENCIES[rng.randrange(len(AGENCIES))],
                            "",
                            (day + dt.timedelta(days=30)).isoformat(),
                            status,
                            now,
                            now,
                        )  # fmt: skip
                    )
            _rows(cur, "meetings", tuple(meeting_columns), ms)
            _rows(cur, "attendances", tuple(attendance_columns), att)
            _rows(cur, "agenda_items", tuple(agenda_columns), ag)
            _rows(cur, "findings", tuple(finding_columns), fi)
            # one nationality each (issue 18: rows of their own), spread as the random pick was
            cur.execute(
                "INSERT INTO finding_nationalities (finding_id, position, nationality, persons)"
                " SELECT id, 1, CASE id % 4 WHEN 0 THEN 'CN' WHEN 1 THEN 'MY' WHEN 2 THEN 'IN' ELSE 'KR' END,"
                " 1 + id % 6 FROM findings WHERE id NOT IN (SELECT finding_id FROM finding_nationalities)"
            )
            _rows(cur, "action_items", tuple(action_columns), ac)
        cur.close()
        refresh_search_index(conn)
    store.close()


def cached_store(meetings: int) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"scale-{meetings}-v{SHAPE}.sqlite"
    if not path.exists():
        t0 = time.perf_counter()
        partial = path.with_suffix(".building")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        build(partial, meetings)
        partial.rename(path)
        print(f"  built {meetings:,} meetings in {time.perf_counter() - t0:.0f} s", flush=True)
    return path


class Counter:
    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        self.count += 1

    def take(self) -> int:
        count, self.count = self.count, 0
        return count


def clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """(wall, CPU of this process) since start: on a shared machine the CPU time is the code's
    own cost, the wall time also holds the waits for a core."""
    wall, cpu = clock()
    return wall - start[0], cpu - start[1]


def median_ms(samples: list[tuple[float, float]], digits: int = 1) -> str:
    wall = statistics.median(s[0] for s in samples) * 1000
    cpu = statistics.median(s[1] for s in samples) * 1000
    return f"{wall:.{digits}f} ms (CPU {cpu:.{digits}f})"


def measure(meetings: int, runs: int) -> dict[str, str]:
    from PySide6.QtWidgets import QApplication

    from app.db import open_store
    from app.models.enums import ActionStatus
    from app.services.meetings import list_meetings
    from app.services.records import load_bundle
    from app.ui.harness import pad_none_refcount

    try:
        from app.ui.application import keep_out_of_collections
    except ImportError:  # the code before it, measured side by side
        import gc

        def keep_out_of_collections() -> None:
            gc.collect()

    from app.ui.meetings.follow_up_page import FollowUpPage
    from app.ui.meetings.list_page import ListPage

    app = QApplication.instance() or QApplication([])
    pad_none_refcount(200_000)  # processEvents() from a script (see app/ui/harness.py)
    store = open_store(cached_store(meetings))
    counter = Counter(store.engine)
    out: dict[str, str] = {}
    try:
        # Follow-ups: a new page, read, built, shown and painted.
        shows, pages = [], []
        for _ in range(runs):
            counter.take()
            t = clock()
            page = FollowUpPage(store)
            page.resize(1200, 700)
            page.refresh()
            page.show()
            app.processEvents()
            page.grab()  # the first paint, as the screen gets it
            shows.append(since(t))
            statements = counter.take()
            pages.append(page)
        page = pages[-1]
        for other in pages[:-1]:
            other.close()
        shown = len(page.actions)
        out["follow-ups first show"] = f"{median_ms(shows, 0)}, {shown:,} open"
        out["follow-ups first show: SQL statements"] = str(statements)
        # A status change: saved, its one row updated, the next paint.
        changes = []
        action_id = page.actions[0].id
        for n in range(runs):
            status = ActionStatus.IN_PROGRESS if n % 2 == 0 else ActionStatus.OPEN
            counter.take()
            t = clock()
            page.set_status(action_id, status)
            app.processEvents()
            page.tree.viewport().repaint()
            changes.append(since(t))
            statements = counter.take()
        out["status change"] = median_ms(changes)
        out["status change: SQL statements"] = str(statements)
        page.close()
        # The window's meeting list: read (refresh) and painted, as at start-up or after a change.
        list_page = ListPage(store)
        list_page.resize(1200, 700)
        list_page.show()
        app.processEvents()
        keep_out_of_collections()  # as the app does once its window is shown
        lists = []
        for _ in range(runs):
            counter.take()
            t = clock()
            list_page.refresh()
            list_page.grab()  # the paint asks for the rows on screen
            lists.append(since(t))
            statements = counter.take()
        assert list_page.model.rowCount() == meetings
        out["the window's list: read and paint"] = median_ms(lists)
        out["the window's list: SQL statements"] = str(statements)
        # Search keystrokes through the list page (search + filter, then the paint).
        strokes = []
        for _ in range(runs):
            for n in range(1, len(KEYSTROKES) + 1):
                counter.take()
                t = clock()
                list_page.search.setText(KEYSTROKES[:n])  # textChanged -> apply_filter
                list_page.grab()
                strokes.append(since(t))
                statements = counter.take()
            list_page.search.clear()
        out["search keystroke"] = f"{median_ms(strokes)}, slowest {max(s[0] for s in strokes) * 1000:.0f} ms"
        out["search keystroke: SQL statements"] = str(statements)
        list_page.close()
        # Every meeting's summary, as the command line's `timpora meetings` reads them.
        lists = []
        for _ in range(runs):
            counter.take()
            t = clock()
            with store.session() as session:
                rows = list_meetings(session)
            lists.append(since(t))
            statements = counter.take()
        assert len(rows) == meetings
        out["list_meetings, every row"] = median_ms(lists)
        out["list_meetings: SQL statements"] = str(statements)
        bundles = []
        for _ in range(runs):
            counter.take()
            t = clock()
            with store.session() as session:
                load_bundle(session, meetings // 2)
            bundles.append(since(t))
            statements = counter.take()
        out["load_bundle (40 attendees)"] = median_ms(bundles)
        out["load_bundle: SQL statements"] = str(statements)
    finally:
        store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        print(f"{size:,} meetings …", flush=True)
        results[size] = measure(size, args.runs)
    names = list(next(iter(results.values())))
    width = max(len(n) for n in names) + 2
    print()
    print("| " + "".ljust(width) + " | " + " | ".join(f"{s:,}" for s in results) + " |")
    print("|" + "-" * (width + 2) + "|" + "|".join("---" for _ in results) + "|")
    for name in names:
        print("| " + name.ljust(width) + " | " + " | ".join(results[s][name] for s in results) + " |")


if __name__ == "__main__":
    main()
