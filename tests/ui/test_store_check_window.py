"""The window reads the store at once and checks its pages after the first paint: a damaged
store is said once the check answers (the message an open of it has always given), nothing is
written, and an edit typed before the answer waits for it and is refused."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import app.db
from app.db import damaged_store, open_store
from app.services.meetings import get_meeting
from app.ui.application import open_window_store
from tests.support.store_damage import closed_store, damage_a_middle_page, digest


@pytest.fixture
def said(monkeypatch):
    """What the window said in a critical message box (the box itself is not shown)."""
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *_a, **_k: texts.append(text))
    return texts


@pytest.fixture
def hold_check(monkeypatch):
    """hold_check() -> an event: page checks begun from then on answer only once it is set
    (as a large store's check takes its time)."""
    release = threading.Event()
    real = app.db.check_pages

    def slow(path):
        release.wait(10)
        real(path)

    def hold() -> threading.Event:
        monkeypatch.setattr(app.db, "check_pages", slow)
        return release

    yield hold
    release.set()


def _folder(tmp_path):
    folder = tmp_path / "data"  # beside the test's settings file
    folder.mkdir()
    return folder


def _window(qtbot, path):
    from app.ui.main_window import MainWindow

    store = open_window_store(db=str(path), demo=False)  # as run_window opens it
    window = MainWindow(store)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # a field's focus leaves (and saves) in an active window only
        window.show()
        window.activateWindow()
    return window, store


def _type_title(qtbot, window, text: str) -> float:
    """Type a new title in the open meeting and leave the field (which saves it); the seconds it took."""
    title = window.editor.info_tab.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, text)
    started = time.monotonic()
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    return time.monotonic() - started


def test_a_damaged_store_is_said_once_checked_and_not_written(qt_app, qtbot, tmp_path, said):
    path = closed_store(_folder(tmp_path))
    damage_a_middle_page(path)
    before = digest(path)
    window, store = _window(qtbot, path)
    assert window.list_page.model.rowCount() == 40  # read at once, before the check answered
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said == [str(damaged_store(path))]  # the message an open of it has always given
    assert "rusak" in said[0] and str(path) in said[0]
    assert window.store_refused is not None and not window.isVisible()
    assert not window.auto_backup.active()  # a damaged store is not copied
    store.close()
    assert digest(path) == before  # not a byte written
    assert sorted(p.name for p in path.parent.iterdir()) == ["timpora.sqlite"]


def test_an_edit_before_the_answer_waits_for_it_and_is_refused(qt_app, qtbot, tmp_path, said, hold_check):
    path = closed_store(_folder(tmp_path))
    damage_a_middle_page(path)
    before = digest(path)
    held = hold_check()
    window, store = _window(qtbot, path)
    window.open_meeting(1)  # its rows are not on the damaged page: read without the check
    assert not store.page_check.passed
    threading.Timer(0.4, held.set).start()
    waited = _type_title(qtbot, window, "Judul yang tidak boleh tersimpan")
    assert waited >= 0.3  # the save waited for the check's answer
    info = window.editor.info_tab
    assert "rusak" in info.errors["title"].text()  # refused beside the field
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said == [str(damaged_store(path))] and not window.isVisible()
    store.close()
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["timpora.sqlite"]


def test_a_healthy_store_takes_an_edit_made_before_the_answer(qt_app, qtbot, tmp_path, said, hold_check):
    path = closed_store(_folder(tmp_path))
    held = hold_check()
    window, store = _window(qtbot, path)
    window.open_meeting(1)
    threading.Timer(0.3, held.set).start()
    assert _type_title(qtbot, window, "Rapat Tim PORA pertama") >= 0.2
    assert window.editor.info_tab.errors["title"].text() == ""
    qtbot.waitUntil(lambda: store.page_check.passed and window.auto_backup.active(), timeout=10000)
    _type_title(qtbot, window, "Rapat Tim PORA yang pertama")  # the check answered: no wait
    assert said == [] and window.isVisible() and window.store_refused is None
    window.close()
    store.close()
    again = open_store(path)
    try:
        with again.session() as s:
            assert get_meeting(s, 1).title == "Rapat Tim PORA yang pertama"
    finally:
        again.close()


def test_closed_before_the_answer_the_copy_on_close_waits_for_it(qt_app, qtbot, tmp_path, said, hold_check):
    path = closed_store(_folder(tmp_path))
    held = hold_check()
    window, store = _window(qtbot, path)
    assert not window.auto_backup.active()  # no copy of a store not yet checked
    threading.Timer(0.3, held.set).start()
    window.close()  # waits for the answer, then makes the copy on close
    store.close()
    assert store.page_check.passed and said == []
    copies = list((path.parent / "Cadangan").glob("*.sqlite"))
    assert len(copies) == 1 and copies[0].stat().st_size == path.stat().st_size


def test_closed_before_the_answer_a_damaged_store_is_still_said(qt_app, qtbot, tmp_path, said, hold_check):
    path = closed_store(_folder(tmp_path))
    damage_a_middle_page(path)
    before = digest(path)
    held = hold_check()
    window, store = _window(qtbot, path)
    threading.Timer(0.3, held.set).start()
    window.close()
    qtbot.wait(50)  # the answer's own signal, after the close, says nothing more
    store.close()
    assert said == [str(damaged_store(path))] and window.store_refused is not None
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["timpora.sqlite"]
