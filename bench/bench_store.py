"""Store benchmark: listing 2,000 meetings of 40 attendees, and importing a 150-attendee meeting.

    python bench/bench_store.py [--into STORE --photos N]

Targets (issue: foundation): list < 50 ms, import < 200 ms, in process, median of 5. With
--into, the meeting (and N photos of 4000 x 3000, as a .timpora package) is imported into a
copy of STORE instead, e.g. bench_scale.py's bench/.cache/scale-20000-v4.sqlite (issue 15:
< 150 ms at 20,000 meetings).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from large_store import build_large_store  # noqa: E402

from app.db import open_store  # noqa: E402
from app.services import attachments, attendance, directory, meetings  # noqa: E402
from app.services.exchange import export_meeting, import_bundle, import_file, read_exchange_file  # noqa: E402
from app.services.meetings import list_meetings  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _photo(n: int) -> bytes:
    """A phone's photo: 4000 x 3000, with the fine detail that keeps a JPEG near 3.5 MB."""
    import os

    from PIL import Image

    coarse = Image.frombytes("RGB", (250, 188), os.urandom(250 * 188 * 3)).resize(
        (4000, 3000), Image.Resampling.BICUBIC
    )
    grain = Image.frombytes("RGB", (4000, 3000), os.urandom(4000 * 3000 * 3))
    out = io.BytesIO()
    Image.blend(coarse, grain, 0.08).save(out, "JPEG", quality=90)
    return out.getvalue()


def big_meeting_file(folder: Path, name: str, *, photos: int = 0) -> None:
    """The 150-attendee meeting (with `photos` phone photos), made in a small store of its own in
    `folder` and exported there as `name` (.json or .timpora)."""
    source = build_large_store(folder / "source.sqlite", meetings=0, attendees=0)
    with source.session() as session:
        meeting = meetings.create_meeting(session, title="Rapat besar", date=dt.date(2025, 6, 5))
        for i in range(150):
            person = directory.create_person(session, name=f"Peserta Besar {i}", position="Anggota Tim PORA")
            attendance.invite_person(session, meeting.id, person.id, status="present")
        for n in range(photos):
            attachments.add_attachment(session, meeting.id, filename=f"foto-{n + 1}.jpg", content=_photo(n))
        export_meeting(session, meeting.id, folder / name)
    source.close()


def _with_new_uuids(package: Path, target: Path) -> None:
    """The same .timpora under new meeting and attendance ids: imported again, not refused."""
    with zipfile.ZipFile(package) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "meeting.json":
                document = json.loads(data)
                document["meeting"]["uuid"] = str(uuid.uuid4())
                for key in ("attendances", "attachments"):
                    for row in document["meeting"].get(key, []):
                        row["uuid"] = str(uuid.uuid4())
                data = json.dumps(document).encode("utf-8")
            new.writestr(info, data)


def import_into(store_path: Path, photos: int) -> None:
    """The 150-attendee meeting with `photos` photos, imported 5 times into a copy of a store."""
    folder = Path(tempfile.mkdtemp(prefix="timpora-bench-"))
    copy = folder / "store.sqlite"
    shutil.copyfile(store_path, copy)
    big_meeting_file(folder, "big.timpora", photos=photos)
    store = open_store(copy)
    store.wait_checked()
    with store.session() as session:
        count = len(meetings.meeting_ids(session))
    samples = []
    for run in range(5):
        path = folder / f"big-{run}.timpora"
        _with_new_uuids(folder / "big.timpora", path)
        t = time.perf_counter()
        with store.session() as session:
            import_file(session, path)
        samples.append(time.perf_counter() - t)
    store.close()
    size = (folder / "big.timpora").stat().st_size / 1e6
    print(
        f"import of a 150-attendee meeting with {photos} photos ({size:.1f} MB) into {count:,} meetings "
        f"(read + check + write + commit): median {median_ms(samples):.1f} ms (target < 150 ms)"
    )
    shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--into", type=Path, help="import into a copy of this store instead")
    parser.add_argument("--photos", type=int, default=0)
    args = parser.parse_args()
    if args.into:
        import_into(args.into, args.photos)
        return
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
    big_meeting_file(folder, "big.json")
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
