"""`timpora publish` and `timpora import FOLDER`: the commands, a publish killed at random moments,
and a folder of good, duplicate and hostile packages."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.support.postgres import postgresql_only
from tests.support.publishing import build_laptop, fingerprint, publishable_revisions, whole_revisions

ROOT = Path(__file__).resolve().parents[2]


def timpora(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "TIMPORA_LANG": "id"},
    )


@pytest.fixture(scope="module")
def laptop_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("laptop") / "laptop.sqlite"
    build_laptop(path, copies=6)
    return path


@pytest.fixture
def laptop(laptop_template, tmp_path):
    path = tmp_path / "laptop.sqlite"
    shutil.copy(laptop_template, path)
    return path


def _shared(tmp_path) -> Path:
    path = tmp_path / "kanwil" / "bersama.sqlite"
    path.parent.mkdir()
    assert timpora("--db", str(path), "init").returncode == 0
    return path


def test_publish_needs_an_existing_shared_store_and_says_so(laptop, tmp_path):
    missing = tmp_path / "tidak-ada" / "bersama.sqlite"
    result = timpora("--db", str(laptop), "publish", "--to", str(missing))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("timpora: Tidak ada penyimpanan bersama di ")
    assert "timpora --db" in result.stderr and "init" in result.stderr
    assert not missing.parent.exists()  # nothing created by a typing mistake
    empty = timpora("--db", str(laptop), "publish", "--to", "")
    assert empty.returncode == 1 and "Isi dulu letak penyimpanan bersama" in empty.stderr
    itself = timpora("--db", str(laptop), "publish", "--to", str(laptop))
    assert itself.returncode == 1 and "berkas data laptop ini sendiri" in itself.stderr


def test_publish_prints_a_summary_and_a_second_run_changes_nothing(laptop, tmp_path):
    shared = _shared(tmp_path)
    first = timpora("--db", str(laptop), "publish", "--to", str(shared))
    assert first.returncode == 0, first.stderr
    wanted = publishable_revisions(laptop)
    lines = first.stdout.splitlines()
    assert sum(line.startswith("diterbitkan: ") for line in lines) == len(wanted)
    assert lines[-1] == f"{len(wanted)} revisi diterbitkan, 0 dilengkapi, 0 sudah ada, 0 ditolak."
    before = fingerprint(shared)
    second = timpora("--db", str(laptop), "publish", "--to", str(shared))
    assert second.returncode == 0
    assert second.stdout.splitlines()[-1] == f"0 revisi diterbitkan, 0 dilengkapi, {len(wanted)} sudah ada, 0 ditolak."
    assert fingerprint(shared) == before
    only_draft = timpora("--db", str(laptop), "publish", "--to", str(shared), "Rapat-tidak-ada")
    assert only_draft.returncode == 1 and "Rapat-tidak-ada" in only_draft.stderr


def test_a_refused_revision_makes_the_exit_status_1(laptop, tmp_path):
    shared = _shared(tmp_path)
    assert timpora("--db", str(laptop), "publish", "--to", str(shared)).returncode == 0
    with sqlite3.connect(shared) as conn:
        conn.execute("UPDATE meeting_revisions SET content_sha256 = ? WHERE id = 1", ("0" * 64,))
    conn.close()
    result = timpora("--db", str(laptop), "publish", "--to", str(shared))
    assert result.returncode == 1
    refused = [line for line in result.stdout.splitlines() if line.startswith("ditolak: ")]
    assert len(refused) == 1 and "tidak ditimpa" in refused[0]
    assert result.stderr.strip() == "timpora: 1 revisi ditolak; alasannya tertulis di atas."


def test_a_publish_killed_at_random_moments_leaves_whole_revisions_and_the_next_run_completes_it(laptop, tmp_path):
    shared = _shared(tmp_path)
    wanted = publishable_revisions(laptop)
    # How long a whole publish takes here, on a throw-away copy, to spread the kills over it.
    trial = tmp_path / "trial.sqlite"
    shutil.copy(shared, trial)
    started = time.monotonic()
    assert timpora("--db", str(laptop), "publish", "--to", str(trial)).returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(19)
    empty = tmp_path / "empty.sqlite"
    shutil.copy(shared, empty)
    seen: list[list[int]] = []
    for _series in range(2):
        # Each series starts from an empty shared store, is killed three times, then completed.
        shutil.copy(empty, shared)
        counts = []
        for _kill in range(3):
            run = subprocess.Popen(
                [sys.executable, "-m", "app", "--db", str(laptop), "publish", "--to", str(shared)],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.2, duration * 0.8))
            run.send_signal(signal.SIGKILL)
            run.wait(timeout=30)
            with sqlite3.connect(shared) as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            conn.close()
            present = whole_revisions(laptop, shared)  # every revision there is whole
            assert set(present) <= set(wanted)
            counts.append(len(present))
        seen.append(counts)
        final = timpora("--db", str(laptop), "publish", "--to", str(shared))
        assert final.returncode == 0, final.stdout + final.stderr
        assert whole_revisions(laptop, shared) == wanted
    print(f"publish of {len(wanted)} revisions in {duration:.1f} s; revisions there after each kill: {seen}")


def test_two_laptops_publishing_at_once_publish_each_revision_once(laptop, tmp_path):
    """Two copies of one laptop's store publish into one shared store at the same moment: every
    revision is published by exactly one of them, the other finds it there."""
    shared = _shared(tmp_path)
    other = tmp_path / "laptop-2.sqlite"
    shutil.copy(laptop, other)
    wanted = publishable_revisions(laptop)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(db), "publish", "--to", str(shared)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TIMPORA_LANG": "id"},
        )
        for db in (laptop, other)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    published = sum(out.count("\nditerbitkan: ") + out.startswith("diterbitkan: ") for out, _err in outputs)
    there = sum(out.count("sudah ada: ") for out, _err in outputs)
    assert (published, there) == (len(wanted), len(wanted))
    assert whole_revisions(laptop, shared) == wanted


@postgresql_only
def test_a_publish_to_a_server_killed_at_random_moments_leaves_whole_revisions(laptop, backend, postgres_server):
    """The office's shared store on PostgreSQL: a publish killed mid-way (the connection dropped
    with it) leaves whole revisions only, and the next run completes it."""
    wanted = publishable_revisions(laptop)
    rng = random.Random(1919)
    seen: list[list[int]] = []
    for _series in range(2):
        name = postgres_server.create_database(template=postgres_server.store_template())
        shared = postgres_server.url(name)
        try:
            counts = []
            for _kill in range(3):
                run = subprocess.Popen(
                    [sys.executable, "-m", "app", "--db", str(laptop), "publish", "--to", shared],
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                time.sleep(rng.uniform(0.5, 4.0))
                run.send_signal(signal.SIGKILL)
                run.wait(timeout=30)
                present = whole_revisions(laptop, shared)
                assert set(present) <= set(wanted)
                counts.append(len(present))
            seen.append(counts)
            final = timpora("--db", str(laptop), "publish", "--to", shared)
            assert final.returncode == 0, final.stdout + final.stderr
            assert whole_revisions(laptop, shared) == wanted
            again = timpora("--db", str(laptop), "publish", "--to", shared)
            assert again.returncode == 0 and again.stdout.count("sudah ada: ") == len(wanted)
        finally:
            postgres_server.drop_database(name)
    print(f"revisions on the server after each kill: {seen}")


@postgresql_only
def test_two_laptops_publishing_at_once_to_a_server_publish_each_revision_once(laptop, tmp_path, db):
    """The server's own lock (an advisory lock per meeting) keeps two publishes apart."""
    other = tmp_path / "laptop-2.sqlite"
    shutil.copy(laptop, other)
    wanted = publishable_revisions(laptop)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(source), "publish", "--to", db],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TIMPORA_LANG": "id"},
        )
        for source in (laptop, other)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    published = sum(out.count("\nditerbitkan: ") + out.startswith("diterbitkan: ") for out, _err in outputs)
    there = sum(out.count("sudah ada: ") for out, _err in outputs)
    assert (published, there) == (len(wanted), len(wanted))
    assert whole_revisions(laptop, db) == wanted


# --- a folder of packages ----------------------------------------------------------------------


def _export(db: Path, meeting: str, target: Path) -> Path:
    result = timpora("--db", str(db), "export", meeting, str(target))
    assert result.returncode == 0, result.stderr
    return target


def test_a_folder_of_good_duplicate_and_hostile_packages(laptop, tmp_path):
    kanwil = _shared(tmp_path)
    inbox = tmp_path / "kotak masuk"
    inbox.mkdir()
    ids = [line.split("\t")[0] for line in timpora("--db", str(laptop), "meetings").stdout.splitlines()]
    good = [_export(laptop, ids[i], inbox / f"{i}-rapat.timpora") for i in range(3)]
    _export(laptop, ids[3], inbox / "3-rapat.json")
    shutil.copy(good[0], inbox / "0-rapat-salinan.timpora")  # the same meeting sent twice
    # the same meeting, another content: refused, the first one kept
    with zipfile.ZipFile(good[1]) as z:
        members = {name: z.read(name) for name in z.namelist()}
    document = json.loads(members["meeting.json"])
    document["meeting"]["title"] = "Judul yang diubah orang lain"
    with zipfile.ZipFile(inbox / "1-rapat-diubah.timpora", "w") as z:
        for name, data in members.items():
            z.writestr(name, json.dumps(document) if name == "meeting.json" else data)
    # hostile files
    (inbox / "a-terpotong.timpora").write_bytes(good[2].read_bytes()[:300])
    with pytest.warns(UserWarning), zipfile.ZipFile(inbox / "b-dua-meeting.timpora", "w") as z:
        z.writestr("meeting.json", b"{}")
        z.writestr("meeting.json", b"{}")
    traversal = json.loads(members["meeting.json"])
    traversal["meeting"]["uuid"] = "0b5e0f8e-0000-4000-8000-000000000001"
    traversal["meeting"]["attachments"] = [
        {**traversal["meeting"]["attachments"][0], "filename": "../../../etc/cron.d/x"}
    ]
    with zipfile.ZipFile(inbox / "c-jalur.timpora", "w") as z:
        for name, data in members.items():
            z.writestr(name, json.dumps(traversal) if name == "meeting.json" else data)
    (inbox / "d-bukan-zip.timpora").write_bytes(b"MZ\x90\x00" + os.urandom(2000))
    (inbox / "e-folder.timpora").mkdir()
    (inbox / "f-nol.timpora").symlink_to("/dev/zero")
    (inbox / "catatan.txt").write_text("bukan paket", encoding="utf-8")  # not read at all
    before_files = sorted(p.name for p in inbox.iterdir())

    result = timpora("--db", str(kanwil), "import", str(inbox))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "timpora: 7 berkas ditolak; alasannya tertulis di atas."
    lines = result.stdout.splitlines()
    by_file = {line.split(": ")[1]: line.split(": ")[0] for line in lines[:-1]}
    assert by_file == {
        "0-rapat-salinan.timpora": "baru",  # read first (by name): the copy
        "0-rapat.timpora": "sudah ada",
        "1-rapat-diubah.timpora": "baru",  # read first: the other content came first
        "1-rapat.timpora": "ditolak",
        "2-rapat.timpora": "baru",
        "3-rapat.json": "baru",
        "a-terpotong.timpora": "ditolak",
        "b-dua-meeting.timpora": "ditolak",
        "c-jalur.timpora": "ditolak",
        "d-bukan-zip.timpora": "ditolak",
        "e-folder.timpora": "ditolak",
        "f-nol.timpora": "ditolak",
    }
    assert lines[-1] == f"4 baru, 1 sudah ada, 7 ditolak, dari 12 berkas di {inbox}."
    assert "Versi lain rapat ini sudah ada" in next(line for line in lines if line.startswith("ditolak: 1-rapat"))
    assert sorted(p.name for p in inbox.iterdir()) == before_files  # nothing written beside them
    assert not (tmp_path / "etc").exists()
    listed = timpora("--db", str(kanwil), "meetings").stdout.splitlines()
    assert len(listed) == 4
    assert "Judul yang diubah orang lain" in "\n".join(listed)
    # again: everything good is already there, the hostile ones are refused again
    again = timpora("--db", str(kanwil), "import", str(inbox))
    assert again.stdout.splitlines()[-1] == f"0 baru, 5 sudah ada, 7 ditolak, dari 12 berkas di {inbox}."
