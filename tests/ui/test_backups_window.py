"""The window's safety: automatic backups, "Pulihkan dari cadangan…", and the import of a hostile
package through the window with the same streamed, capped reader as `timpora import`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.backups import backup_folder, check_backup, create_backup, list_backups
from app.models import Meeting

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"
TAKEN = dt.datetime(2025, 3, 14, 9, 30, 5)


def _meetings(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count(Meeting.id)))


def _when_modal(qtbot, act) -> list:
    """Call `act(dialog)` on the next modal dialog, from inside its exec()."""
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QApplication.instance().processEvents()
            from PySide6.QtCore import QTimer

            QTimer.singleShot(50, look)
            return
        seen.append(dialog)
        act(dialog)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, look)
    return seen


def test_automatic_backups_when_due_and_on_every_close(demo_store, window_on, qtbot):
    from app.ui.ops import wait_for_ops

    older = create_backup(demo_store.path, now=dt.datetime.now() - dt.timedelta(minutes=61))
    window = window_on(demo_store)
    assert window.auto_backup.active()
    window.auto_backup.take_if_due()  # the newest is over an hour old: a copy
    qtbot.waitUntil(lambda: window.auto_backup.last is not None, timeout=10_000)
    first = window.auto_backup.last
    assert first.parent == backup_folder(demo_store.path) and check_backup(first) is None
    window.auto_backup.take_if_due()  # within the hour: nothing new
    wait_for_ops()
    QApplication.processEvents()
    assert [b.path for b in list_backups(demo_store.path)] == [first, older]
    window.close()  # on every close: a copy (of two in one second the rotation keeps the newer)
    closing = window.auto_backup.last
    assert closing != first and closing.exists() and check_backup(closing) is None
    assert older.exists() and list_backups(demo_store.path)[0].path == closing
    assert not window.auto_backup.active()


def test_a_failed_backup_is_one_message_not_a_crash(demo_store, window_on, qtbot, monkeypatch):
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    backup_folder(demo_store.path).write_text("a file where the folder should be")
    window = window_on(demo_store)
    window.auto_backup.take_if_due()
    qtbot.waitUntil(lambda: bool(warned), timeout=10_000)
    assert warned[0].startswith("Cadangan otomatis tidak dibuat: Folder cadangan ")
    assert "Traceback" not in warned[0]
    assert window.statusBar().currentMessage() == warned[0]
    window.close()  # the copy on closing fails too: the status bar, no second box
    assert len(warned) == 1


def test_restore_from_backup_in_the_window(demo_store, window_on, qtbot, monkeypatch):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = demo_store.path
    before = _meetings(demo_store)
    backup = create_backup(path, now=TAKEN)
    with demo_store.session() as s:
        s.delete(s.get(Meeting, demo_store.demo_meeting_id))
        other = s.scalar(select(Meeting.id))
    window = window_on(demo_store)
    window.open_meeting(other)  # the restore closes the meeting being edited
    assert _meetings(demo_store) == before - 1
    questions = []

    def answer(parent, title, text, *args):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert "Pulihkan dari &cadangan…" in [a.text() for a in window.menuBar().actions()[-1].menu().actions()]

    def choose(dialog) -> None:
        assert dialog.windowTitle() == "Pulihkan dari cadangan"
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 0).text() == "14-03-2025 09:30:05"
        assert dialog.table.item(0, 1).text() == str(before)
        dialog.grab().save(str(SHOTS / "restore-dialog.png"))
        dialog.accept()

    shown = _when_modal(qtbot, choose)
    window.restore_action.trigger()
    assert shown, "the dialog was not shown"
    assert questions and f"cadangan 14-03-2025 09:30:05 ({before} rapat)" in questions[0]
    assert _meetings(demo_store) == before  # the window's own store reads the restored file
    assert not window.in_editor() and window.editor.meeting_id is None
    assert window.list_page.model.rowCount() == before
    assert window.statusBar().currentMessage().startswith("Cadangan 14-03-2025 09:30:05 dipulihkan.")
    kept = [b for b in list_backups(path) if b.kept_aside]
    assert len(kept) == 1
    with sqlite3.connect(kept[0].path) as conn:  # the store as it was, one meeting fewer
        assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == before - 1
    conn.close()
    assert backup.exists() and check_backup(path) is None
    window.grab().save(str(SHOTS / "restore-done.png"))
    # The store watch does not call the window's own restore "another program".
    assert not window.store_watch.check()


def test_restore_dialog_lists_every_backup_with_its_meetings(demo_store, qt_app, qtbot):
    from app.ui.backups_view import RestoreDialog, backup_rows

    SHOTS.mkdir(parents=True, exist_ok=True)
    create_backup(demo_store.path, now=TAKEN)
    with demo_store.session() as s:
        s.delete(s.get(Meeting, demo_store.demo_meeting_id))
    create_backup(demo_store.path, now=TAKEN + dt.timedelta(hours=2))
    (backup_folder(demo_store.path) / "timpora-20250314-120000.sqlite").write_bytes(b"not a store")
    dialog = RestoreDialog(None, demo_store.path, backup_rows(demo_store.path))
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [[dialog.table.item(r, c).text() for c in range(2)] for r in range(dialog.table.rowCount())]
    assert texts == [["14-03-2025 12:00:00", "?"], ["14-03-2025 11:30:05", "1"], ["14-03-2025 09:30:05", "2"]]
    assert dialog.chosen().backup.taken_at == dt.datetime(2025, 3, 14, 12, 0)
    dialog.grab().save(str(SHOTS / "restore-dialog-list.png"))


# --- a hostile package through the window ---------------------------------------------------------


@pytest.mark.parametrize("case", ["ratio bomb", "attachment over 50 MB declared"])
def test_a_hostile_package_through_the_window_is_refused_as_on_the_command_line(
    demo_store, window_on, qtbot, tmp_path, monkeypatch, case
):
    from app.services.errors import UserError
    from app.services.exchange import bundle_to_document, read_package
    from app.services.package import open_package
    from app.services.records import load_bundle

    with demo_store.session() as s:
        document = bundle_to_document(load_bundle(s, demo_store.demo_meeting_id, with_content=True), embed_files=False)
    document["meeting"]["uuid"] = "8f0c56a4-5a8e-4d38-9d57-3c6bb1d9e2f1"
    content = b"\x00" * (30 * 1024 * 1024) if case == "ratio bomb" else b"\x00" * 1024
    entry = {
        "uuid": "0b5d2f6e-1f7a-4c1e-9a55-7f4a3e2d1c0b",
        "position": 1,
        "filename": "data.bin",
        "sha256": hashlib.sha256(content).hexdigest(),
        "kind": "file",
        "media_type": "application/octet-stream",
        "caption": "",
        "size": len(content),
        "file": "attachments/z.bin",
    }
    document["meeting"]["attachments"] = [entry]
    hostile = tmp_path / "kiriman.timpora"
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("meeting.json", json.dumps(document))
        z.writestr("attachments/z.bin", content)
    if case != "ratio bomb":
        # The member claims 60 MB in its headers: judged before a byte is inflated.
        raw = bytearray(hostile.read_bytes())
        declared = (60 * 1024 * 1024).to_bytes(4, "little")
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = raw.rfind(signature)
            raw[at + offset : at + offset + 4] = declared
        hostile.write_bytes(bytes(raw))
    with pytest.raises(UserError) as refused, open_package(hostile) as package:
        read_package(package, stream=True)  # what `timpora import` says
    before = _meetings(demo_store)
    names = sorted(p.name for p in demo_store.path.parent.iterdir())
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    window = window_on(demo_store)
    window.open_meeting_file(hostile)
    qtbot.waitUntil(lambda: bool(warned), timeout=20_000)
    assert warned[0] == f"kiriman.timpora tidak dapat dibuka.\n\n{refused.value}"
    assert _meetings(demo_store) == before
    assert sorted(p.name for p in demo_store.path.parent.iterdir()) == names


def test_all_data_moves_to_another_laptop_through_the_window(demo_store, window_on, qtbot, tmp_path, monkeypatch):
    from app.db import open_store

    SHOTS.mkdir(parents=True, exist_ok=True)
    before = _meetings(demo_store)
    moved = tmp_path / "usb" / "NotulenTimpora-semua-20250314.sqlite"
    moved.parent.mkdir()
    window = window_on(demo_store)
    window.export_all(moved)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Seluruh data diekspor"), timeout=20_000)
    assert check_backup(moved) is None

    laptop = open_store(tmp_path / "laptop" / "timpora.sqlite")  # the new laptop's first start
    try:
        other = window_on(laptop)
        assert _meetings(laptop) == 0
        monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)

        def from_file(dialog) -> None:
            assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
            dialog.grab().save(str(SHOTS / "restore-dialog-empty.png"))
            dialog.use_file(moved)

        shown = _when_modal(qtbot, from_file)
        other.restore_action.trigger()
        assert shown
        assert _meetings(laptop) == before
        assert other.list_page.model.rowCount() == before
        assert other.statusBar().currentMessage().startswith("Cadangan ")
    finally:
        from app.ui.ops import wait_for_ops

        wait_for_ops()
        other.close()
        laptop.close()


def test_finalizing_minutes_takes_a_copy_at_once(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    create_backup(demo_store.path)  # a fresh copy: the hourly rule alone would wait
    window.open_meeting(demo_store.demo_meeting_id)
    window.documents.finalize()
    assert window.statusBar().currentMessage().startswith("Rapat sudah final")
    qtbot.waitUntil(lambda: window.auto_backup.last is not None, timeout=10_000)
    with sqlite3.connect(window.auto_backup.last) as conn:
        status = conn.execute("SELECT status FROM meetings WHERE id = ?", (demo_store.demo_meeting_id,)).fetchone()[0]
    conn.close()
    assert status.lower() == "final"


def test_a_restore_from_the_command_line_is_told_to_the_open_window(demo_store, window_on, qtbot):
    from app.backups import restore_backup

    before = _meetings(demo_store)
    taken = create_backup(demo_store.path, now=TAKEN)
    with demo_store.session() as s:
        s.delete(s.get(Meeting, demo_store.demo_meeting_id))
    window = window_on(demo_store)
    assert window.list_page.model.rowCount() == before - 1
    restore_backup(demo_store.path, taken.name)  # as `timpora backup restore` does, beside the window
    qtbot.waitUntil(lambda: window.list_page.model.rowCount() == before, timeout=10_000)
    assert window.statusBar().currentMessage().startswith("Berkas data diubah oleh program lain")


def test_a_refused_restore_is_one_message_and_the_store_stays(demo_store, window_on, qtbot, tmp_path, monkeypatch):
    before = _meetings(demo_store)
    bogus = tmp_path / "bukan-cadangan.sqlite"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    window = window_on(demo_store)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    shown = _when_modal(qtbot, lambda dialog: dialog.use_file(bogus))
    window.restore_action.trigger()
    assert shown and len(warned) == 1
    assert warned[0].startswith("Cadangan bukan-cadangan.sqlite tidak dapat dipulihkan")
    assert "Traceback" not in warned[0]
    assert _meetings(demo_store) == before and window.list_page.model.rowCount() == before
    assert QApplication.overrideCursor() is None
