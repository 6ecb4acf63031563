"""Moving to a new laptop as exchange files: `timpora export-all FOLDER` writes every meeting as
its own .timpora and the whole directory (also people no meeting names) as Direktori.json;
`timpora import FOLDER` into an empty store brings back the same meetings and the same people."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.db import open_store
from app.models import Agency, Meeting, Person
from app.services import directory
from app.services.attachments import add_attachment
from app.services.demo import load_demo
from app.services.errors import FormatError
from app.services.exchange import read_exchange_file
from app.services.files import STALE_PARTIAL, remove_stale_partials
from app.services.meetings import create_meeting
from app.services.moving import meeting_file_stem, read_directory_file
from app.services.records import agency_record, content_sha256, load_bundle, person_record

ROOT = Path(__file__).resolve().parents[2]


def timpora(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
        env={**os.environ, "TIMPORA_LANG": "id"},
    )


def _contents(path: Path) -> tuple[dict, set, set]:
    """Each meeting's content hash by uuid, the people and the agencies (with former names)."""
    store = open_store(path, create=False)
    try:
        with store.session() as s:
            meetings = {m.uuid: content_sha256(load_bundle(s, m.id)) for m in s.scalars(select(Meeting))}
            people = {person_record(p) for p in s.scalars(select(Person))}
            agencies = {
                (agency_record(a), tuple((f.name, f.short_name, f.renamed_on) for f in a.former_names))
                for a in s.scalars(select(Agency))
            }
    finally:
        store.close()
    return meetings, people, agencies


def test_export_all_then_import_the_folder_into_an_empty_store_gives_the_same_store(demo_store, tmp_path):
    with demo_store.session() as s:
        loose = directory.create_agency(s, name="Badan Narkotika Nasional Kota Lubuklinggau", short_name="BNNK")
        directory.create_person(s, name="Rahmat Hidayat, S.H.", position="Kepala Seksi", agency_id=loose.id)
        directory.create_person(s, name="Siti Aminah", position="Staf")
        first = s.scalars(select(Meeting).order_by(Meeting.date, Meeting.id)).first()
        taken = meeting_file_stem(first.date, first.title) + ".timpora"
        count = s.query(Meeting).count()
    source = demo_store.path
    demo_store.close()
    folder = tmp_path / "pindah"
    folder.mkdir()
    (folder / taken).write_bytes(b"milik orang lain")  # a file already there is never written over

    exported = timpora("--db", str(source), "export-all", str(folder))
    assert exported.returncode == 0, exported.stderr
    assert (folder / taken).read_bytes() == b"milik orang lain"
    files = sorted(p.name for p in folder.iterdir())
    assert taken.replace(".timpora", " (2).timpora") in files and "Direktori.json" in files
    assert len([f for f in files if f.endswith(".timpora")]) == count + 1
    assert all(not any(c in f for c in '<>:"\\|?*') for f in files)
    (folder / taken).unlink()  # the stranger's file would be refused by the import

    target = tmp_path / "laptop-baru" / "timpora.sqlite"
    assert timpora("--db", str(target), "init").returncode == 0
    imported = timpora("--db", str(target), "import", str(folder))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "direktori: Direktori.json: 18 orang (18 baru), 13 instansi (13 baru)" in imported.stdout, imported.stdout

    meetings, people, agencies = _contents(source)
    assert _contents(target) == (meetings, people, agencies)
    assert len(meetings) == count and any(p.name == "Siti Aminah" for p in people)
    assert any(formers for _record, formers in agencies)  # the demo's renamed agencies keep their history

    again = timpora("--db", str(target), "import", str(folder))  # a second import changes nothing
    assert again.returncode == 0 and _contents(target) == (meetings, people, agencies)


def test_the_directory_file_alone_brings_the_people(demo_store, tmp_path):
    source = demo_store.path
    demo_store.close()
    assert timpora("--db", str(source), "export-all", str(tmp_path / "keluar")).returncode == 0
    target = tmp_path / "b.sqlite"
    assert timpora("--db", str(target), "init").returncode == 0
    done = timpora("--db", str(target), "import", str(tmp_path / "keluar" / "Direktori.json"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "16 orang (16 baru), 12 instansi (12 baru)"
    _meetings, people, agencies = _contents(source)
    assert _contents(target) == ({}, people, agencies)


def test_a_wrong_directory_file_is_refused_whole(tmp_path):
    document = {
        "format": "notulen-timpora/directory",
        "version": 1,
        "agencies": [],
        "persons": [{"uuid": "7d3c9d2e-6c1e-4a55-9e8c-1b2a3c4d5e6f", "name": "A", "agency_uuid": None}],
    }
    path = tmp_path / "Direktori.json"
    path.write_text(json.dumps(document))
    assert len(read_directory_file(path).persons) == 1
    document["persons"][0]["agency_uuid"] = "0d3c9d2e-6c1e-4a55-9e8c-1b2a3c4d5e6f"
    path.write_text(json.dumps(document))
    with pytest.raises(FormatError, match="0d3c9d2e"):
        read_directory_file(path)
    document["persons"] = [document["persons"][0] | {"agency_uuid": None}] * 2
    path.write_text(json.dumps(document))
    with pytest.raises(FormatError, match="7d3c9d2e"):
        read_directory_file(path)
    document["version"] = 9
    path.write_text(json.dumps(document))
    with pytest.raises(FormatError):
        read_directory_file(path)


def test_file_names_are_safe_and_dated():
    assert meeting_file_stem(dt.date(2024, 11, 21), ' Rapat: "Koordinasi" a/b\\c?* \x07 ..') == (
        "2024-11-21 Rapat Koordinasi a b c"
    )
    assert len(meeting_file_stem(dt.date(2024, 1, 2), "x" * 500)) == 11 + 80


PARTIAL = re.compile(r"^\..+\.(timpora|json)\.[a-z0-9_]{8}\.part$")


def _whole_files_in(folder: Path) -> int:
    """Every file of an export-all folder an import reads is whole; the only others are its hidden
    temporary files. How many whole meeting files there are."""
    meetings = 0
    for entry in folder.iterdir() if folder.exists() else ():
        if entry.name.startswith("."):
            assert PARTIAL.match(entry.name), entry.name
            continue
        assert entry.stat().st_size > 0, entry.name
        if entry.suffix == ".timpora":
            read_exchange_file(entry)  # a cut-off zip or JSON is refused here
            meetings += 1
        else:
            assert entry.name == "Direktori.json", entry.name
            read_directory_file(entry)
    return meetings


def test_an_export_all_killed_at_random_moments_leaves_only_whole_files(tmp_path):
    """Killed (SIGKILL, as a closed laptop lid or a dead battery does it) anywhere in the run, an
    export-all leaves no empty or half-written file under a package's name; the next run clears
    the temporary files of the killed one once they are stale."""
    source = tmp_path / "timpora.sqlite"
    store = open_store(source)
    # A photo that does not compress, so writing each package takes a while.
    noise = Image.frombytes("RGB", (900, 700), random.Random(5).randbytes(900 * 700 * 3))
    photo = io.BytesIO()
    noise.save(photo, "JPEG", quality=95)
    try:
        with store.session() as s:
            load_demo(s)
            for number in range(16):
                meeting = create_meeting(
                    s, title=f"Rapat Evaluasi {number + 1}", date=dt.date(2025, 1, 6) + dt.timedelta(weeks=number)
                )
                add_attachment(s, meeting.id, filename="dokumentasi.jpg", content=photo.getvalue(), caption="Foto")
            count = s.query(Meeting).count()
    finally:
        store.close()
    started = time.monotonic()
    assert timpora("--db", str(source), "export-all", str(tmp_path / "percobaan")).returncode == 0
    duration = time.monotonic() - started
    assert _whole_files_in(tmp_path / "percobaan") == count

    rng = random.Random(11)
    found = []
    for kill in range(5):
        folder = tmp_path / f"pindah-{kill}"
        run = subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(source), "export-all", str(folder)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, duration * 0.9))
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        found.append(_whole_files_in(folder))
    print(f"export-all of {count} meetings in {duration:.1f} s; whole meeting files after each kill: {found}")
    assert any(0 < n < count for n in found), found  # some kills did land in the middle of the export

    # A temporary file left by a killed run goes at the next run into that folder once it is stale
    # (a younger one may be another run's, still being written).
    folder = tmp_path / "pindah-0"
    folder.mkdir(exist_ok=True)
    stale = folder / ".2025-01-06 Rapat Evaluasi 1.timpora.k1ll3d_x.part"
    stale.write_bytes(b"PK\x03\x04 half")
    fresh = folder / ".Direktori.json.stillgo.part"
    fresh.write_bytes(b"{")
    old = time.time() - STALE_PARTIAL.total_seconds() - 60
    os.utime(stale, (old, old))
    again = timpora("--db", str(source), "export-all", str(folder))
    assert again.returncode == 0, again.stderr
    assert not stale.exists() and fresh.exists()
    assert remove_stale_partials(folder) == []


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard-links", "fat-stick"])
def test_a_new_file_never_replaces_one_already_there(tmp_path, monkeypatch, hard_links):
    from app.services import files

    if not hard_links:  # a FAT or exFAT stick: os.link refuses, the name is checked, then renamed
        monkeypatch.setattr(files.os, "link", lambda *_a: (_ for _ in ()).throw(PermissionError(1, "no links")))
    (tmp_path / "Direktori.json").write_bytes(b"milik orang lain")
    first = files.write_new_file(tmp_path, "Direktori", ".json", b"{}")
    second = files.write_new_file(tmp_path, "Direktori", ".json", b"[]")
    assert (first.name, second.name) == ("Direktori (2).json", "Direktori (3).json")
    assert [p.read_bytes() for p in (tmp_path / "Direktori.json", first, second)] == [b"milik orang lain", b"{}", b"[]"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Direktori (2).json", "Direktori (3).json", "Direktori.json"]
