"""The command line contract: output, exit codes, and the demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timpora(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "TIMPORA_LANG": "id", **(env or {})},
    )


def test_demo_prints_an_id_and_meetings_lists_both(tmp_path):
    db = str(tmp_path / "x.sqlite")
    assert timpora("--db", db, "init").returncode == 0
    demo = timpora("--db", db, "demo")
    assert demo.returncode == 0 and demo.stdout.strip().isdigit()
    again = timpora("--db", db, "demo")
    assert again.stdout == demo.stdout  # loading twice does not duplicate
    lines = timpora("--db", db, "meetings").stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].split("\t")[:2] == [demo.stdout.strip(), "2024-11-21"]
    assert "Persiapan Pilkada 2024" in lines[0]
    assert lines[1].split("\t")[1] == "2024-08-15"


def test_demo_never_creates_or_fills_the_users_own_store(tmp_path):
    """Without --db the examples go to the demo store beside the user's own; a --db that does
    not exist is "no such store", as for every command but init."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "TIMPORA_DB": ""}
    demo = timpora("demo", env=env)
    assert demo.returncode == 0, demo.stderr
    folder = tmp_path / "data" / "NotulenTimpora"
    assert (folder / "timpora-demo.sqlite").is_file()
    assert not (folder / "timpora.sqlite").exists()  # the user's own store: not made, not filled
    assert "timpora-demo.sqlite" in demo.stderr and demo.stdout.strip().isdigit()
    listed = timpora("--db", str(folder / "timpora-demo.sqlite"), "meetings", env=env)
    assert len(listed.stdout.splitlines()) == 2
    missing = tmp_path / "salah-ketik" / "timpora.sqlite"
    refused = timpora("--db", str(missing), "demo", env=env)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and "timpora init" in refused.stderr
    assert not missing.parent.exists()


def test_the_store_can_come_from_the_environment(tmp_path):
    db = tmp_path / "env.sqlite"
    assert timpora("init", env={"TIMPORA_DB": str(db)}).returncode == 0
    assert db.exists()


def test_user_errors_exit_1_with_one_line_and_usage_errors_exit_2(tmp_path):
    db = str(tmp_path / "x.sqlite")
    assert timpora("--db", db, "init").returncode == 0
    missing = timpora("--db", db, "export", "42", str(tmp_path / "x.json"))
    assert missing.returncode == 1
    assert missing.stderr.strip() == "timpora: Tidak ada rapat 42."
    assert not (tmp_path / "x.json").exists()
    wrong_suffix = timpora("--db", db, "export", "1", str(tmp_path / "x.docx"))
    assert wrong_suffix.returncode == 1
    assert timpora("--db", db, "no-such-command").returncode == 2
    assert timpora("--db", db, "export").returncode == 2


def test_english_messages_when_asked(tmp_path):
    assert timpora("--db", str(tmp_path / "x.sqlite"), "init").returncode == 0
    result = timpora("--db", str(tmp_path / "x.sqlite"), "--lang", "en", "export", "7", str(tmp_path / "x.json"))
    assert result.stderr.strip() == "timpora: There is no meeting 7."


def test_output_to_a_narrow_code_page_does_not_crash(tmp_path):
    """Redirected output on Windows uses the ANSI code page, which has no 'ễ'."""
    import datetime as dt

    from app.db import open_store
    from app.services.meetings import create_meeting

    db = tmp_path / "x.sqlite"
    store = open_store(db)
    with store.session() as session:
        create_meeting(session, title="Rapat dengan Nguyễn Văn Thành", date=dt.date(2025, 2, 3))
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "meetings"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert result.returncode == 0, result.stderr
    assert b"Rapat dengan Nguy?n V?n Th\xe0nh" in result.stdout  # ă and ễ are not in cp1252


def test_only_init_creates_a_store(tmp_path):
    """A mistyped --db says so; it does not quietly make a folder and an empty store."""
    for db in (tmp_path / "no-folder" / "timpora.sqlite", tmp_path / "typo.sqlite"):
        for args in (["meetings"], ["pdf", "1", str(tmp_path / "x.pdf")], ["export", "1", str(tmp_path / "x.json")]):
            result = timpora("--db", str(db), *args)
            assert result.returncode == 1, (args, result.stderr)
            assert result.stderr.startswith("timpora: Tidak ada berkas data di ") and str(db) in result.stderr
            assert len(result.stderr.splitlines()) == 1
        assert not db.exists() and sorted(p.name for p in tmp_path.iterdir()) == []
    created = timpora("--db", str(tmp_path / "new" / "timpora.sqlite"), "init")
    assert created.returncode == 0 and (tmp_path / "new" / "timpora.sqlite").exists()


def test_certificate_without_a_terminal_says_how_to_give_the_passphrase(tmp_path):
    """No terminal and no --passphrase-env: one message, no EOFError (setsid drops /dev/tty)."""
    for args in (
        ["certificate", "create", "--out", str(tmp_path / "k.p12"), "--office", "Kantor"],
        ["certificate", "show", str(tmp_path / "k.p12")],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "app", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "TIMPORA_LANG": "id"},
        )
        assert result.returncode == 1, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "--passphrase-env" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "k.p12").exists()
