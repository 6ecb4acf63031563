"""An edit on a PostgreSQL store whose meeting is no longer held (its claim's connection killed):
it is not written, never lost; the window asks once, to try again or copy the text."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.db import open_store
from app.services import meetings
from app.services.claims import claim_meeting
from tests.support.postgres import postgresql_only

pytestmark = postgresql_only


def kill_claim(window, postgres_server) -> None:
    """The server drops the window's claim connection (as when the network goes away)."""
    from sqlalchemy import text

    pid = window.claim.connection.execute(text("SELECT pg_backend_pid()")).scalar()
    window.claim.connection.commit()
    with postgres_server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def stored_title(store, meeting_id: int) -> str:
    with store.session() as s:
        return meetings.get_meeting(s, meeting_id).title


def button(box, label: str):
    return next(b for b in box.buttons() if b.text().replace("&", "") == label)


@pytest.fixture
def editing(demo_store, window_on, postgres_server, qtbot):
    window = window_on(demo_store)
    meeting_id = demo_store.demo_meeting_id
    window.open_meeting(meeting_id)
    before = stored_title(demo_store, meeting_id)
    kill_claim(window, postgres_server)
    title = window.editor.info_tab.title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (revisi)")
    assert window.editor.flush_all() is False  # refused: not written
    venue = window.editor.info_tab.venue
    venue.setFocus()
    venue.end(False)
    qtbot.keyClicks(venue, " Lt. 2")
    window.editor.flush_all()
    return window, meeting_id, before


def test_an_edit_after_the_claim_was_lost_is_kept_and_saved_on_retry(editing, demo_store, tmp_path):
    window, meeting_id, before = editing
    title = window.editor.info_tab.title
    assert title.text() == before + " (revisi)"  # what was typed is still in the form
    assert stored_title(demo_store, meeting_id) == before  # and nothing was written without the claim
    assert "tidak lagi dipegang" in window.save_state.text()
    box = window.claim_box
    assert box is not None and box.isVisible()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.inherits("QMessageBox")] == [box]
    assert "Yang Anda ketik masih ada di formulir" in box.text()
    window.grab().save(str(tmp_path / "claim-lost.png"))
    box.grab().save(str(tmp_path / "claim-lost-box.png"))
    button(box, "Coba lagi").click()
    assert window.claim_box is None
    assert window.claim is not None
    window.claim.ensure_held()
    assert stored_title(demo_store, meeting_id) == before + " (revisi)"
    with demo_store.session() as s:
        assert meetings.get_meeting(s, meeting_id).venue.endswith(" Lt. 2")
    assert window.editor.refused_fields() == []
    assert window.editor.info_tab.title.text() == before + " (revisi)"  # read again: what was saved
    assert window.statusBar().currentMessage() == "Tersimpan"


def test_a_meeting_taken_meanwhile_by_another_laptop_is_named_and_the_text_can_be_copied(editing, demo_store):
    window, meeting_id, before = editing
    other = open_store(demo_store.location, create=False)
    try:
        taken = claim_meeting(other, meeting_id)  # the other laptop holds it now
        button(window.claim_box, "Coba lagi").click()
        box = window.claim_box  # asked again, naming who holds it
        assert box is not None and "sedang disunting oleh" in box.text()
        assert stored_title(demo_store, meeting_id) == before
        button(box, "Salin teks").click()
        copied = QApplication.clipboard().text()
        assert f"Judul: {before} (revisi)" in copied.splitlines()
        assert window.editor.info_tab.title.text() == before + " (revisi)"
        taken.release()
    finally:
        other.close()
