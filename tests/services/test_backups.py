"""Backups in Cadangan: online copies, checked, rotated; restore keeps the current store aside."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from app.backups import (
    KEEP_LATEST,
    backup_folder,
    backups_to_keep,
    check_backup,
    create_backup,
    list_backups,
    restore_backup,
    rotate_backups,
)
from app.models import Conclusion, Meeting

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2025, 3, 14, 15, 30)


def timpora(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={**os.environ, "TIMPORA_LANG": "id"},
    )


def test_rotation_keeps_ten_then_one_a_day_for_a_month_then_one_a_month_for_a_year():
    hourly = [NOW - dt.timedelta(hours=h) for h in range(0, 500 * 24, 3)]
    keep = backups_to_keep(hourly, NOW)
    newest = sorted(hourly, reverse=True)
    assert set(newest[:KEEP_LATEST]) <= keep
    days = {t.date() for t in keep if NOW - t <= dt.timedelta(days=30)}
    assert len(days) == 31  # today and each of the 30 days before
    older = [t for t in keep if NOW - t > dt.timedelta(days=30)]
    assert len({(t.year, t.month) for t in older}) == len(older)  # at most one a month past 30 days
    assert all(NOW - t <= dt.timedelta(days=366) for t in keep)
    assert len(keep) <= KEEP_LATEST + 31 + 13


def test_backups_are_checked_and_rotated_and_the_store_set_aside_on_restore(demo_store, tmp_path):
    path = demo_store.path
    first = create_backup(path, now=NOW - dt.timedelta(days=2))
    with demo_store.session() as session:
        meetings = session.scalar(select(func.count(Meeting.id)))
        session.execute(Conclusion.__table__.delete())
    second = create_backup(path, now=NOW)
    assert [b.path for b in list_backups(path)] == [second, first]
    assert check_backup(first) is None and check_backup(second) is None
    assert sorted(p.name for p in backup_folder(path).iterdir()) == sorted([first.name, second.name])
    # Restore the older copy while the store is open (as in a running window).
    backup, aside = restore_backup(path, first.name, now=NOW + dt.timedelta(minutes=1))
    assert backup.path == first and aside is not None and aside.parent == backup_folder(path)
    with demo_store.session() as session:
        assert session.scalar(select(func.count(Conclusion.id))) > 0  # the open store sees the backup
        assert session.scalar(select(func.count(Meeting.id))) == meetings
    with sqlite3.connect(aside) as conn:
        assert conn.execute("SELECT count(*) FROM conclusions").fetchone()[0] == 0  # what it was
    conn.close()
    # Many automatic copies later, the copy kept aside is still there.
    for minutes in range(2, 2 + 3 * KEEP_LATEST):
        create_backup(path, now=NOW + dt.timedelta(minutes=minutes), rotate=False)
    rotate_backups(path, now=NOW + dt.timedelta(hours=2))
    left = list_backups(path)
    assert aside in [b.path for b in left]
    assert len([b for b in left if not b.kept_aside]) == KEEP_LATEST + 1  # the ten, and 2 days ago


def test_a_damaged_store_is_brought_back_from_the_command_line(tmp_path):
    db = tmp_path / "timpora.sqlite"
    assert timpora("--db", str(db), "init").returncode == 0
    assert timpora("--db", str(db), "demo").returncode == 0
    made = timpora("--db", str(db), "backup", "create")
    assert made.returncode == 0, made.stderr
    good = Path(made.stdout.strip())
    assert good.parent == tmp_path / "Cadangan" and check_backup(good) is None
    listed = timpora("--db", str(db), "backup", "list").stdout.splitlines()
    assert len(listed) == 1 and listed[0].startswith("1\t") and str(good) in listed[0]
    whole = db.read_bytes()
    db.write_bytes(whole[: len(whole) // 2])
    damaged = timpora("--db", str(db), "meetings")
    assert damaged.returncode == 1 and "timpora backup restore" in damaged.stderr
    refused = timpora("--db", str(db), "backup", "create")
    assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1
    assert [p.name for p in (tmp_path / "Cadangan").iterdir()] == [good.name]  # no half copy left
    restored = timpora("--db", str(db), "backup", "restore")
    assert restored.returncode == 0, restored.stderr
    assert len(timpora("--db", str(db), "meetings").stdout.splitlines()) == 2
    aside = [b for b in list_backups(db) if b.kept_aside]
    assert len(aside) == 1 and aside[0].path.read_bytes() == whole[: len(whole) // 2]
    missing = timpora("--db", str(db), "backup", "restore", "99")
    assert missing.returncode == 1 and "backup list" in missing.stderr
