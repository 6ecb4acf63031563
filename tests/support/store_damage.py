"""A store file written and closed cleanly by the app, then damaged in place as a failing disk
would: the head of a page in the middle overwritten (an attendance leaf page: neither the
meeting list nor the first meetings read it, so only the page check finds it)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from app.db import open_store
from app.services import attendance, meetings

PAGE = 4096


def closed_store(folder: Path) -> Path:
    """A store of a few hundred pages, written and closed cleanly by the app."""
    path = folder / "timpora.sqlite"
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


def damage_a_middle_page(path: Path) -> bytes:
    """Overwrite the head of a page in the middle of the file (a b-tree header, or an overflow
    page's pointer): in use, since a store that only grew has no free pages."""
    whole = bytearray(path.read_bytes())
    middle = (len(whole) // PAGE // 2) * PAGE
    whole[middle : middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(whole))
    return bytes(whole)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
