"""Every open of a store file checks its pages (`PRAGMA quick_check`), even right after the app
closed it cleanly and even when the damage left the file's size and time as they were.

Issue 15 asked whether that check could be skipped for a file exactly as the app left it (its
size, time and a few pages recorded at close). It cannot cheaply: damage done in place, by a
failing disk or a tool that puts the time back, changes a page in the middle and neither the
size nor the time, and only reading every page finds it. These tests keep that promise: the
store opens for reading at once, and its first write waits for the check, which refuses it.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from app.db import open_store
from app.services import meetings
from app.store_errors import StoreError
from tests.support.store_damage import closed_store, damage_a_middle_page


@pytest.mark.parametrize("time_put_back", [False, True], ids=["time changed", "size and time as left"])
def test_a_store_damaged_after_a_clean_close_is_refused(tmp_path, time_put_back):
    path = closed_store(tmp_path)
    left = path.stat()
    damaged = damage_a_middle_page(path)
    if time_put_back:
        os.utime(path, ns=(left.st_atime_ns, left.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (left.st_size, left.st_mtime_ns)
    # Opened for reading at once; its first write waits for the page check, which refuses it.
    store = open_store(path)
    try:
        with pytest.raises(StoreError) as refused, store.session() as s:
            meetings.create_meeting(s, title="Rapat sesudah kerusakan", date=dt.date(2024, 6, 1))
        with pytest.raises(StoreError) as checked:
            store.wait_checked()
    finally:
        store.close()
    for error in (refused.value, checked.value):
        assert "damaged" in str(error) or "rusak" in str(error)
    assert path.read_bytes() == damaged  # nothing written into it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timpora.sqlite"]


def test_the_same_store_undamaged_opens(tmp_path):
    path = closed_store(tmp_path)
    store = open_store(path)
    try:
        with store.session() as s:
            assert len(meetings.list_meetings(s)) == 40
        store.wait_checked()
    finally:
        store.close()
