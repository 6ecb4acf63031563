"""Another program writes the store under the window: the window reads it again, never writes
back what it showed before."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from app.db import open_store
from app.services.meetings import create_meeting, get_meeting, update_meeting

ROOT = Path(__file__).resolve().parents[2]


def test_a_change_by_another_program_is_read_again(demo_store, window_on, qtbot, tmp_path):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    info = window.editor.info_tab
    assert not window.store_watch.check()  # nothing yet
    # Our own saves are ours: no alarm.
    info.city.end(False)
    qtbot.keyClicks(info.city, " Utara")
    qtbot.keyClick(info.city, Qt.Key.Key_Tab)
    assert not window.store_watch.check()
    # Another program (here a second process, as the command line would be) changes the venue.
    script = (
        "import sys; from app.db import open_store; from app.services.meetings import update_meeting; "
        "s = open_store(sys.argv[1]); c = s.session().__enter__(); "
        "update_meeting(c, sys.argv[2], venue='Aula Polres Lubuklinggau'); c.commit(); s.close()"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(demo_store.path), str(demo_store.demo_meeting_id)],
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert window.store_watch.check()
    assert info.venue.text() == "Aula Polres Lubuklinggau"  # shown again, not the old one
    assert window.editor.undo_stack.count() == 0  # no undo can write the old city back
    assert window.statusBar().currentMessage() == (
        "Berkas data diubah oleh program lain; yang tampil sudah dibaca ulang."
    )
    with demo_store.session() as s:
        assert get_meeting(s, demo_store.demo_meeting_id).city.endswith(" Utara")  # ours kept


def test_a_meeting_added_elsewhere_appears_in_the_list(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    assert window.list_page.model.rowCount() == 2
    other = open_store(demo_store.path)  # another connection, as another program has
    try:
        with other.session() as s:
            create_meeting(s, title="Rapat dari baris perintah", date=dt.date(2025, 3, 6))
    finally:
        other.close()
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 3, timeout=5000)  # the watch's own timer


def test_the_open_meeting_deleted_elsewhere_goes_back_to_the_list(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    with demo_store.session() as s:
        meeting = create_meeting(s, title="Rapat sementara", date=dt.date(2025, 3, 6))
        update_meeting(s, meeting.id, venue="Aula")
        meeting_id = meeting.id
    window.list_page.refresh()
    window.open_meeting(meeting_id)
    assert not window.store_watch.check()  # the writes so far were this window's own
    other = open_store(demo_store.path)
    try:
        from app.services.meetings import delete_meeting

        with other.session() as s:
            delete_meeting(s, meeting_id)
    finally:
        other.close()
    assert window.store_watch.check()
    assert not window.in_editor()
