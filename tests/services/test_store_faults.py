"""Faults of the store itself: each has its own message naming the file, exit 1, and no loss."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from app.db import BUSY_TIMEOUT_MS, open_store
from app.services.errors import UserError

ROOT = Path(__file__).resolve().parents[2]


def timpora(*args: str, prefix: tuple[str, ...] = (), preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "TIMPORA_LANG": "id"},
        preexec_fn=preexec_fn,
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A store with the demo meetings, and a new meeting with a 3 MB attachment to import."""
    folder = tmp_path_factory.mktemp("faults")
    db = folder / "seed.sqlite"
    assert timpora("--db", str(db), "init").returncode == 0
    assert timpora("--db", str(db), "demo").returncode == 0
    exported = folder / "demo.json"
    assert timpora("--db", str(db), "export", "2", str(exported)).returncode == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    m = document["meeting"]
    m["uuid"] = str(uuid.uuid4())
    for group in ("agenda", "attendances", "findings", "actions", "reviews", "conclusions"):
        for row in m[group]:
            row["uuid"] = str(uuid.uuid4())
    content = os.urandom(3 * 1024 * 1024)
    m["attachments"] = [
        {
            "uuid": str(uuid.uuid4()),
            "position": 1,
            "filename": "lampiran.bin",
            "sha256": hashlib.sha256(content).hexdigest(),
            "kind": "file",
            "media_type": "application/octet-stream",
            "size": len(content),
            "data": base64.b64encode(content).decode(),
        }
    ]
    new = folder / "new.json"
    new.write_text(json.dumps(document), encoding="utf-8")
    return db, new


@pytest.fixture
def store_copy(seeded, tmp_path):
    db, new = seeded
    folder = tmp_path / "data"
    folder.mkdir()
    copy = folder / "timpora.sqlite"
    shutil.copyfile(db, copy)
    return copy, new


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def assert_one_line(result: subprocess.CompletedProcess, *needles: str) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_a_lock_held_past_the_busy_timeout(store_copy):
    db, new = store_copy
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, sys, time
                c = sqlite3.connect({str(db)!r}, isolation_level=None)
                c.execute("BEGIN IMMEDIATE")
                c.execute("DELETE FROM conclusions WHERE 0")
                print("locked", flush=True)
                time.sleep({BUSY_TIMEOUT_MS / 1000 + 4})
                c.execute("ROLLBACK")
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = timpora("--db", str(db), "import", str(new))
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=30)
    assert_one_line(result, str(db), "terkunci", f"{BUSY_TIMEOUT_MS // 1000} detik")
    assert waited >= BUSY_TIMEOUT_MS / 1000  # it waited before giving up
    listed = timpora("--db", str(db), "meetings").stdout.splitlines()
    assert len(listed) == 2  # nothing half-imported
    assert timpora("--db", str(db), "import", str(new)).returncode == 0  # and fine once free


def _unprivileged() -> tuple[str, ...]:
    """Run as root without its power over files (a user namespace), so permissions bite."""
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"probe-{uuid.uuid4()}"
    probe.write_text("x")
    probe.chmod(0o444)
    try:
        if os.geteuid() != 0:
            return ()
        if shutil.which("unshare") is None:
            pytest.skip("running as root without unshare: permissions cannot be tested")
        check = subprocess.run(["unshare", "-U", "sh", "-c", f"echo y >> {probe}"], capture_output=True)
        if check.returncode == 0:
            pytest.skip("unshare -U does not drop root's power over files here")
        return ("unshare", "-U")
    finally:
        probe.unlink()


def test_a_read_only_store(store_copy):
    db, new = store_copy
    prefix = _unprivileged()
    db.chmod(0o444)
    before = listing(db.parent)
    try:
        result = timpora("--db", str(db), "import", str(new), prefix=prefix)
        assert_one_line(result, str(db), "hanya-baca")
        assert listing(db.parent) == before
    finally:
        db.chmod(0o644)


def test_a_read_only_folder(store_copy):
    db, new = store_copy
    prefix = _unprivileged()
    db.parent.chmod(0o555)
    before = listing(db.parent)
    try:
        result = timpora("--db", str(db), "import", str(new), prefix=prefix)
        line = assert_one_line(result, str(db.parent), "Folder")
        assert "bukan berkas data" not in line
        assert listing(db.parent) == before
    finally:
        db.parent.chmod(0o755)


def test_a_truncated_store_and_a_damaged_page(store_copy):
    db, new = store_copy
    whole = db.read_bytes()
    damaged = bytearray(whole)
    damaged[4096 * 5 : 4096 * 6] = os.urandom(4096)
    for name, content in (("truncated", whole[: len(whole) // 2]), ("damaged page", bytes(damaged))):
        db.write_bytes(content)
        for args in (("import", str(new)), ("meetings",), ("pdf", "2", str(db.parent.parent / "x.pdf"))):
            line = assert_one_line(timpora("--db", str(db), *args), str(db), "rusak", "cadangan")
            assert "bukan berkas data" not in line, name
            assert db.read_bytes() == content, (name, args)  # nothing written into it
            assert sorted(p.name for p in db.parent.iterdir()) == ["timpora.sqlite"]


def test_check_reads_every_page(store_copy):
    db, _ = store_copy
    whole = timpora("--db", str(db), "check")
    assert whole.returncode == 0 and str(db) in whole.stdout, whole.stderr
    damaged = bytearray(db.read_bytes())
    damaged[4096 * 5 : 4096 * 6] = os.urandom(4096)
    db.write_bytes(bytes(damaged))
    result = timpora("--db", str(db), "check")
    assert_one_line(result, str(db), "rusak", "backup restore")
    assert result.stdout.strip()  # what SQLite found, on stdout
    assert db.read_bytes() == bytes(damaged)


def test_a_full_disk(store_copy):
    """RLIMIT_FSIZE lets no file grow past the store's size: the import's WAL cannot be written."""
    db, new = store_copy
    before = db.read_bytes()
    limit = len(before) + 64 * 1024

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = timpora("--db", str(db), "import", str(new), preexec_fn=small_disk)
    assert_one_line(result, str(db), "tidak dapat ditulis", "Tidak ada yang disimpan")
    assert db.read_bytes() == before
    assert len(timpora("--db", str(db), "meetings").stdout.splitlines()) == 2


def test_a_newer_schema_leaves_nothing_beside_the_store(store_copy):
    db, _ = store_copy
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = listing(db.parent)
    assert list(before) == ["timpora.sqlite"]
    for args in (("meetings",), ("init",)):
        assert_one_line(timpora("--db", str(db), *args), str(db), "versi yang lebih baru")
        assert listing(db.parent) == before
    with pytest.raises(UserError):
        open_store(db)
    assert listing(db.parent) == before


def test_a_file_that_is_not_a_store_keeps_its_own_message(tmp_path):
    bogus = tmp_path / "catatan.sqlite"
    bogus.write_bytes(b"Bukan SQLite sama sekali. " * 200)
    assert_one_line(timpora("--db", str(bogus), "meetings"), str(bogus), "bukan berkas data Notulen Timpora")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catatan.sqlite"]


def test_concurrent_imports_of_the_same_new_people(store_copy, tmp_path):
    """Four imports at once, each a different meeting bringing the same people new to the store."""
    db, new = store_copy
    # A store without the demo's people: the imports bring them all at once.
    fresh = tmp_path / "fresh.sqlite"
    assert timpora("--db", str(fresh), "init").returncode == 0
    document = json.loads(new.read_text(encoding="utf-8"))
    document["meeting"]["attachments"] = []
    files = []
    for index in range(4):
        doc = json.loads(json.dumps(document))
        doc["meeting"]["uuid"] = str(uuid.uuid4())
        for group in ("agenda", "attendances", "findings", "actions", "reviews", "conclusions"):
            for row in doc["meeting"][group]:
                row["uuid"] = str(uuid.uuid4())
        files.append(tmp_path / f"m{index}.json")
        files[-1].write_text(json.dumps(doc), encoding="utf-8")
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(fresh), "import", str(f)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for f in files
    ]
    outcomes = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
    assert all(code == 0 for code, _ in outcomes), outcomes
    with sqlite3.connect(fresh) as conn:
        persons = conn.execute("SELECT count(*), count(DISTINCT uuid) FROM persons").fetchone()
    conn.close()
    assert persons[0] == persons[1] == len(document["persons"])


def test_kill_9_during_an_import_leaves_all_or_nothing(seeded, tmp_path):
    """An import written attachment by attachment is still one transaction: killed at any moment,
    the store is whole and holds the meeting completely or not at all."""
    import signal
    import zipfile

    db, new = seeded
    document = json.loads(new.read_text(encoding="utf-8"))
    m = document["meeting"]
    package = tmp_path / "tiga.timpora"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as z:
        m["attachments"] = []
        for position in range(1, 4):
            content = os.urandom(12 * 1024 * 1024)
            member = f"attachments/{position}.bin"
            m["attachments"].append(
                {
                    "uuid": str(uuid.uuid4()),
                    "position": position,
                    "filename": f"berkas{position}.bin",
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "kind": "file",
                    "media_type": "application/octet-stream",
                    "size": len(content),
                    "file": member,
                }
            )
            z.writestr(member, content)
        z.writestr("meeting.json", json.dumps(document))
    outcomes = set()
    for delay in (0.8, 1.2, 1.6, 2.0, 2.6, 3.4):
        store = tmp_path / f"kill-{delay}" / "timpora.sqlite"
        store.parent.mkdir()
        shutil.copyfile(db, store)
        run = subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(store), "import", str(package)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        with sqlite3.connect(store) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            row = conn.execute("SELECT id FROM meetings WHERE uuid = ?", (m["uuid"],)).fetchone()
            attachments = conn.execute(
                "SELECT count(*) FROM attachments WHERE meeting_id = ?", (row[0] if row else -1,)
            ).fetchone()[0]
        conn.close()
        assert (row is None and attachments == 0) or (row is not None and attachments == 3), (delay, row, attachments)
        outcomes.add(row is not None)
        assert timpora("--db", str(store), "meetings").returncode == 0
    print(
        f"killed imports: {'some finished' if True in outcomes else 'none finished'}, "
        f"{'some were cut short' if False in outcomes else 'none cut short'}"
    )


def test_a_damaged_store_is_read_at_once_and_its_first_write_waits_for_the_check(store_copy, monkeypatch):
    """The store opens for reading before its pages are checked (app/store_check.py); a write
    made while the check is still under way waits for its answer, and a damaged store refuses it
    with the damaged-store message, nothing written. A healthy one takes the write."""
    import datetime as dt
    import threading

    import app.db
    from app.db import StoreError, open_store
    from app.services import meetings

    db, _ = store_copy
    held = threading.Event()
    real_check = app.db.check_pages

    def slow_check(path):
        held.wait(10)  # the check answers only once the write below is waiting
        real_check(path)

    monkeypatch.setattr(app.db, "check_pages", slow_check)

    def write_while_checking(store):
        threading.Timer(0.3, held.set).start()
        started = time.monotonic()
        with store.session() as s:
            meetings.create_meeting(s, title="Rapat selama pemeriksaan", date=dt.date(2024, 6, 1))
        return time.monotonic() - started

    store = open_store(db)
    try:
        assert store.page_check is not None and not store.page_check.passed
        assert write_while_checking(store) >= 0.25  # it waited for the check
        assert store.page_check.passed
    finally:
        store.close()

    held.clear()
    # A page the first reads do not touch (an attendance leaf): the middle page of the small
    # seeded store can be one of the schema's, which even the revision's read refuses.
    from tests.support.store_damage import closed_store, damage_a_middle_page

    folder = db.parent.parent / "damaged"
    folder.mkdir()
    db = closed_store(folder)
    damaged = damage_a_middle_page(db)
    store = open_store(db)
    try:
        with store.session() as s:  # reading the first pages needs no answer
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar()
        with pytest.raises(StoreError) as refused:
            write_while_checking(store)
    finally:
        store.close()
    assert "rusak" in str(refused.value) or "damaged" in str(refused.value)
    assert db.read_bytes() == damaged
    assert sorted(p.name for p in db.parent.iterdir()) == ["timpora.sqlite"]
