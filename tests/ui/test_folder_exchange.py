"""Meetings as files a folder at a time from the window (Rapat › Ekspor semua rapat ke folder,
Rapat › Impor folder berkas rapat): on the worker, each ending with a summary in Indonesian."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from pathlib import Path

from PIL import Image
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.db import open_store
from app.models import Attachment, Meeting
from app.services.exchange import export_meeting

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"


def _uuids(store) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(Meeting.uuid)))


def _summary(window, qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: window.folders is not None and window.folders.summary is not None, timeout=30_000)
    box = window.folders.summary
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    return box


def _path_traversal_package(good: Path, target: Path) -> str:
    """A package built to write outside the folder it is read in: its photo stored as the member
    ../../../evil.jpg and named so by its meeting.json. The uuid of its meeting."""
    with zipfile.ZipFile(good) as z:
        document = json.loads(z.read("meeting.json"))
    document["meeting"]["uuid"] = str(uuid.uuid4())
    for group in ("agenda", "attendances", "findings", "actions", "reviews", "conclusions"):
        for row in document["meeting"][group]:
            row["uuid"] = str(uuid.uuid4())
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "JPEG")
    photo = out.getvalue()
    document["meeting"]["attachments"] = [
        {
            "uuid": str(uuid.uuid4()),
            "position": 1,
            "filename": "evil.jpg",
            "sha256": hashlib.sha256(photo).hexdigest(),
            "kind": "photo",
            "media_type": "image/jpeg",
            "caption": "",
            "size": len(photo),
            "file": "../../../evil.jpg",
        }
    ]
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("meeting.json", json.dumps(document))
        z.writestr("../../../evil.jpg", photo)
    return document["meeting"]["uuid"]


def test_a_folder_of_two_good_packages_and_a_hostile_one_imports_the_two(demo_store, window_on, qtbot, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    folder = tmp_path / "kiriman" / "dari kantor"
    folder.mkdir(parents=True)
    with demo_store.session() as s:
        meetings = s.execute(select(Meeting.id, Meeting.uuid, Meeting.title).order_by(Meeting.date)).all()
        assert len(meetings) == 2
        for number, (meeting_id, _uuid, _title) in enumerate(meetings, start=1):
            export_meeting(s, meeting_id, folder / f"rapat-{number}.timpora")
    hostile_uuid = _path_traversal_package(folder / "rapat-1.timpora", folder / "rapat-3-jahat.timpora")

    laptop = open_store(tmp_path / "laptop" / "timpora.sqlite")  # the receiving laptop
    try:
        window = window_on(laptop)
        assert window.import_folder_action.text() == "&Impor folder berkas rapat…"
        assert window.import_folder_action in window.menuBar().actions()[0].menu().actions()
        window.import_meeting_folder(folder)
        box = _summary(window, qtbot)
        box.grab().save(str(SHOTS / "impor-folder-ringkasan.png"))
        window.grab().save(str(SHOTS / "impor-folder-jendela.png"))
        assert box.windowTitle() == "Impor folder berkas rapat"
        assert box.text() == f"2 rapat diimpor, 0 sudah ada, 1 ditolak, dari 3 berkas di {folder}."
        refused = box.informativeText().splitlines()
        assert len(refused) == 1 and refused[0].startswith("ditolak: rapat-3-jahat.timpora: ")
        assert "../../../evil.jpg" in refused[0]  # the reason, in the user's language
        details = box.detailedText().splitlines()
        assert details[:2] == [f"diimpor: rapat-{n}.timpora: {title}" for n, (_i, _u, title) in enumerate(meetings, 1)]
        assert box.icon() is QMessageBox.Icon.Warning
        # The two are in the store and in the list; nothing of the hostile one is, anywhere.
        assert _uuids(laptop) == {u for _i, u, _t in meetings}
        assert hostile_uuid not in _uuids(laptop)
        with laptop.session() as s:
            assert s.scalar(select(func.count(Attachment.id)).where(Attachment.filename == "evil.jpg")) == 0
        assert not list(tmp_path.rglob("evil.jpg"))
        assert window.list_page.model.rowCount() == 2
        box.accept()

        # The same folder again: the two are already here, the hostile one refused again.
        window.import_meeting_folder(folder)
        qtbot.waitUntil(lambda: window.folders.summary is not box and window.folders.summary.isVisible())
        assert window.folders.summary.text() == f"0 rapat diimpor, 2 sudah ada, 1 ditolak, dari 3 berkas di {folder}."
        window.folders.summary.accept()
    finally:
        laptop.close()


def test_export_all_meetings_from_the_window_then_import_them_on_another_laptop(demo_store, window_on, qtbot, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    (folder / "Direktori.json").write_text("milik orang lain")  # never written over
    window = window_on(demo_store)
    assert window.export_folder_action.text() == "Ekspor semua rapat ke &folder…"
    menu = window.menuBar().actions()[0].menu()
    assert window.export_folder_action in menu.actions()
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(menu.isVisible)
    menu.grab().save(str(SHOTS / "menu-rapat.png"))
    menu.hide()
    window.export_meeting_folder(folder)
    box = _summary(window, qtbot)
    box.grab().save(str(SHOTS / "ekspor-semua-rapat-ringkasan.png"))
    assert box.text().startswith("2 rapat dan direktori (") and box.text().endswith(f" di {folder}.")
    assert "Rapat › Impor folder berkas rapat" in box.informativeText()
    assert (folder / "Direktori.json").read_text() == "milik orang lain"
    written = sorted(p.name for p in folder.iterdir())
    assert "Direktori (2).json" in written and len([n for n in written if n.endswith(".timpora")]) == 2
    assert not [n for n in written if n.startswith(".")]  # no temporary file left
    box.accept()
    (folder / "Direktori.json").unlink()  # the stranger's file would be refused by the import

    laptop = open_store(tmp_path / "laptop" / "timpora.sqlite")
    try:
        other = window_on(laptop)
        other.import_meeting_folder(folder)
        summary = _summary(other, qtbot)
        assert summary.text() == f"2 rapat diimpor, 0 sudah ada, 0 ditolak, dari 3 berkas di {folder}."
        assert summary.informativeText() == "" and summary.icon() is QMessageBox.Icon.Information
        assert summary.detailedText().splitlines()[0].startswith("direktori: Direktori (2).json: ")
        assert _uuids(laptop) == _uuids(demo_store)
        summary.accept()
    finally:
        laptop.close()


def test_a_folder_without_meeting_files_is_said_in_one_line(demo_store, window_on, qtbot, tmp_path):
    (tmp_path / "kosong").mkdir()
    (tmp_path / "kosong" / "catatan.txt").write_text("bukan berkas rapat")
    window = window_on(demo_store)
    window.import_meeting_folder(tmp_path / "kosong")
    box = _summary(window, qtbot)
    assert box.text() == f"Tidak ada berkas .timpora atau .json di folder {tmp_path / 'kosong'}."
    assert box.icon() is QMessageBox.Icon.Warning
    box.accept()
