"""The whole store out as one file (`timpora backup export`) and back in on another laptop
(`timpora backup restore FILE`): every meeting, person, agency, register entry and revision; a
file carrying a schema of its own making is refused with one line and changes nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.backups import backup_folder, export_store, list_backups
from app.models import SignedDocument
from app.models.enums import SignerRole
from app.models.office import OfficeProfile
from app.services.errors import UserError

ROOT = Path(__file__).resolve().parents[2]


def timpora(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "TIMPORA_LANG": "id"},
    )


def _tables(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%' ORDER BY name"
            )
        ]
        tables = {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    conn.close()
    return tables


@pytest.fixture
def office_store(demo_store):
    """The demo store with its office named and one signed minutes in the register."""
    with demo_store.session() as s:
        office = s.get(OfficeProfile, 1) or OfficeProfile(id=1)
        office.office_name = "KANTOR IMIGRASI KELAS II NON TPI LUBUKLINGGAU"
        s.add(office)
        s.add(
            SignedDocument(
                meeting_id=demo_store.demo_meeting_id,
                revision=1,
                content_sha256="c" * 64,
                file_sha256="f" * 64,
                signer_role=SignerRole.CHAIR,
                signer_name="Ketua",
                filename="notulen.pdf",
            )
        )
    return demo_store


def test_the_whole_store_goes_to_a_new_laptop_and_comes_back_whole(office_store, tmp_path):
    source = office_store.path
    moved = tmp_path / "usb" / "NotulenTimpora-semua.sqlite"
    moved.parent.mkdir()
    done = timpora("--db", str(source), "backup", "export", str(moved))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(moved)
    assert sorted(p.name for p in moved.parent.iterdir()) == [moved.name]  # no partial file left

    laptop = tmp_path / "laptop" / "timpora.sqlite"
    laptop.parent.mkdir()
    assert timpora("--db", str(laptop), "init").returncode == 0
    restored = timpora("--db", str(laptop), "backup", "restore", str(moved))
    assert restored.returncode == 0, restored.stderr
    expected = _tables(source)
    assert expected["signed_documents"] and expected["persons"] and expected["meeting_revisions"]
    assert _tables(laptop) == expected  # every row of every table, the register included
    assert [b.kept_aside for b in list_backups(laptop)] == [True]  # the empty store, kept aside
    listed = timpora("--db", str(laptop), "meetings")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 2


def test_an_exported_file_with_a_trigger_of_its_own_is_refused(office_store, tmp_path):
    moved = export_store(office_store.path, tmp_path / "kiriman.sqlite")
    with sqlite3.connect(moved) as conn:
        conn.execute("CREATE TRIGGER sapu AFTER INSERT ON meetings BEGIN DELETE FROM persons; END")
    conn.close()
    laptop = tmp_path / "laptop" / "timpora.sqlite"
    laptop.parent.mkdir()
    assert timpora("--db", str(laptop), "init").returncode == 0
    before = {p.name: p.read_bytes() for p in laptop.parent.iterdir()}
    refused = timpora("--db", str(laptop), "backup", "restore", str(moved))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        "timpora: Cadangan kiriman.sqlite tidak dapat dipulihkan: tabelnya bukan yang dibuat Notulen Timpora (sapu)."
    ]
    assert {p.name: p.read_bytes() for p in laptop.parent.iterdir()} == before
    assert not backup_folder(laptop).exists()


def test_export_refuses_the_store_itself_and_a_missing_folder(office_store, tmp_path):
    with pytest.raises(UserError, match="selain berkas data itu sendiri"):
        export_store(office_store.path, office_store.path)
    with pytest.raises(UserError, match="tidak ada"):
        export_store(office_store.path, tmp_path / "tidak-ada" / "semua.sqlite")
