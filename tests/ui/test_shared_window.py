"""Two windows (two laptops) on one PostgreSQL store: a meeting opens in one editor at a time."""

from __future__ import annotations

import getpass
import socket

import pytest

from app.db import open_store
from tests.support.postgres import postgresql_only

pytestmark = postgresql_only


@pytest.fixture
def second_laptop(demo_store):
    other = open_store(demo_store.location, create=False)
    yield other
    other.close()


def test_a_meeting_open_in_one_window_is_refused_in_the_other_with_the_holders_name(
    demo_store, second_laptop, window_on, tmp_path
):
    first, second = window_on(demo_store), window_on(second_laptop)
    meeting_id = demo_store.demo_meeting_id
    first.open_meeting(meeting_id)
    assert first.pages.currentWidget() is first.editor_page
    second.open_meeting(meeting_id)
    shown = second.statusBar().currentMessage()
    assert f"sedang disunting oleh {getpass.getuser()}@{socket.gethostname()}" in shown
    assert second.pages.currentWidget() is second.list_page  # not opened, nothing to overwrite
    second.grab().save(str(tmp_path / "held.png"))
    other_id = next(m for m in (1, 2) if m != meeting_id)
    second.open_meeting(other_id)  # another meeting is free
    assert second.pages.currentWidget() is second.editor_page
    first.show_list()  # back at the list: the first lets go
    second.open_meeting(meeting_id)
    assert second.pages.currentWidget() is second.editor_page
    assert second.claim is not None and second.claim.meeting_id == meeting_id


def test_the_settings_name_the_server_and_offer_no_folder(demo_store, window_on, in_next_modal, tmp_path):
    from PySide6.QtWidgets import QLabel, QPushButton

    from app.ui.settings.settings_dialog import SettingsDialog

    window = window_on(demo_store)
    seen = {}

    def look(dialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.tabs.setCurrentIndex(2)
        seen["label"] = dialog.findChild(QLabel, "data_file").text()
        buttons = [b for b in dialog.findChildren(QPushButton) if "folder" in b.text()]
        assert buttons  # the button is there, only hidden
        seen["folder buttons shown"] = [b for b in buttons if b.isVisibleTo(dialog)]
        dialog.grab().save(str(tmp_path / "settings.png"))
        dialog.accept()

    in_next_modal(look)
    window.open_settings()
    assert seen["label"] == demo_store.location and demo_store.location.startswith("postgresql+psycopg://")
    assert seen["folder buttons shown"] == []


def test_another_laptops_changes_show_in_the_list_and_our_own_are_not_news(demo_store, second_laptop, window_on, qtbot):
    import datetime as dt

    from PySide6.QtCore import Qt

    from app.services.meetings import create_meeting, update_meeting

    window = window_on(demo_store)
    assert window.store_watch.watching()
    assert window.list_page.model.rowCount() == 2
    assert not window.store_watch.check()
    with second_laptop.session() as s:
        other_id = create_meeting(s, title="Rapat dari laptop Heru", date=dt.date(2025, 3, 6)).id
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == 3, timeout=5000)  # the watch's own timer
    # Our own saves (in the editor, the meeting held here) are not news; the other's are, and
    # they leave the meeting open here and its undo history alone.
    meeting_id = demo_store.demo_meeting_id
    window.open_meeting(meeting_id)
    info = window.editor.info_tab
    info.city.setFocus()
    info.city.end(False)
    qtbot.keyClicks(info.city, " Utara")
    qtbot.keyClick(info.city, Qt.Key.Key_Tab)
    assert window.editor.undo_stack.count() == 1
    assert not window.store_watch.check()
    with second_laptop.session() as s:
        update_meeting(s, other_id, title="Rapat yang diubah di laptop Heru")
    assert window.store_watch.check()
    assert window.editor.undo_stack.count() == 1
    assert info.city.text().endswith(" Utara")
    window.show_list()
    titles = [window.list_page.model.index(r, c).data() for r in range(3) for c in range(4)]
    assert "Rapat yang diubah di laptop Heru" in titles
    # A rollback announces nothing.
    try:
        with second_laptop.session() as s:
            create_meeting(s, title="Tidak jadi", date=dt.date(2025, 3, 7))
            raise RuntimeError("changed my mind")
    except RuntimeError:
        pass
    assert not window.store_watch.check()


def test_a_meeting_open_on_another_laptop_is_not_finalized_from_the_list(demo_store, second_laptop, window_on):
    import datetime as dt

    from app.services.claims import claim_meeting
    from app.services.meetings import create_meeting, get_meeting

    with demo_store.session() as s:
        draft = create_meeting(s, title="Rapat yang masih draf", date=dt.date(2025, 3, 6)).id
    window = window_on(demo_store)
    window.list_page.refresh()
    window.list_page.select(draft)
    assert window.list_page.current_id() == draft
    elsewhere = claim_meeting(second_laptop, draft)  # open in a window on the other laptop
    try:
        window.documents.finalize()
        assert "sedang disunting oleh" in window.statusBar().currentMessage()
        with demo_store.session() as s:
            assert get_meeting(s, draft).status.value == "draft"  # nothing changed
    finally:
        elsewhere.release()
    window.documents.finalize()
    with demo_store.session() as s:
        assert get_meeting(s, draft).status.value == "final"
    claim_meeting(second_laptop, draft).release()  # the window let go of it after finalizing
