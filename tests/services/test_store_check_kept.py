"""Every open of a store file checks its pages (`PRAGMA quick_check`), even right after the app
closed it cleanly and even when the damage left the file's size and time as they were.

Issue 15 asked whether that check could be skipped for a file exactly as the app left it (its
size, time and a few pages recorded at close). It cannot cheaply: damage done in place, by a
failing disk or a tool that puts the time back, changes a page in the middle and neither the
size nor the time, and only reading every page finds it. These tests keep that promise.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from app.db import open_store
from app.services import attendance, meetings
from app.store_errors import StoreError

PAGE = 4096


def _closed_store(tmp_path):
    """A store of a few hundred pages, written and closed cleanly by the app."""
    path = tmp_path / "timpora.sqlite"
    store = open_store(path)
    with store.session() as s:
        for n in range(40):
            m = meetings.create_meeting(s, title=f"Rapat Tim PORA {n}", date=dt.date(2024, 1, 1) + dt.timedelta(days=n))
            for guest in range(25):
                attendance.add_guest(s, m.id, name=f"Tamu {n}-{guest} dari Kantor Imigrasi Kelas I")
    store.close()
    assert not path.with_name(path.name + "-wal").exists()  # closed cleanly: all in the file
    assert path.stat().st_size // PAGE > 60
    return path


def _damage_a_middle_page(path) -> bytes:
    """Overwrite the head of a page in the middle of the file (a b-tree header, or an overflow
    page's pointer): in use, since a store that only grew has no free pages."""
    whole = bytearray(path.read_bytes())
    middle = (len(whole) // PAGE // 2) * PAGE
    whole[middle : middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(whole))
    return bytes(whole)


@pytest.mark.parametrize("time_put_back", [False, True], ids=["time changed", "size and time as left"])
def test_a_store_damaged_after_a_clean_close_is_refused(tmp_path, time_put_back):
    path = _closed_store(tmp_path)
    left = path.stat()
    damaged = _damage_a_middle_page(path)
    if time_put_back:
        os.utime(path, ns=(left.st_atime_ns, left.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (left.st_size, left.st_mtime_ns)
    with pytest.raises(StoreError) as refused:
        open_store(path)
    assert "damaged" in str(refused.value) or "rusak" in str(refused.value)
    assert path.read_bytes() == damaged  # nothing written into it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timpora.sqlite"]


def test_the_same_store_undamaged_opens(tmp_path):
    path = _closed_store(tmp_path)
    store = open_store(path)
    try:
        with store.session() as s:
            assert len(meetings.list_meetings(s)) == 40
    finally:
        store.close()
