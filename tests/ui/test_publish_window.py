"""Dokumen → Terbitkan ke penyimpanan bersama: a target, then the summary."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db import open_store
from app.models import Meeting
from app.services.revisions import finalize_meeting
from app.ui.documents.publish_dialog import PublishDialog
from app.ui.ops import wait_for_ops
from tests.support.publishing import sign


def _publish(dialog, qtbot, target: str) -> str:
    dialog.target.setText(target)
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    return dialog.summary.toPlainText()


def test_publishing_from_the_window(demo_store, window_on, qtbot, tmp_path):
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        finalize_meeting(session, meeting_id)
        sign(session, meeting_id)
        uuid = session.get(Meeting, meeting_id).uuid
    window = window_on(demo_store)
    menu_texts = [a.text() for a in window.menuBar().actions()[1].menu().actions()]
    assert "Terbit&kan ke penyimpanan bersama…" in menu_texts

    dialog = PublishDialog(window, demo_store)
    qtbot.addWidget(dialog)
    dialog.show()
    missing = tmp_path / "kantor" / "bersama.sqlite"
    text = _publish(dialog, qtbot, str(missing))
    assert text.startswith("Tidak ada penyimpanan bersama di ")
    assert not missing.parent.exists()

    shared = tmp_path / "bersama.sqlite"
    open_store(shared).close()
    text = _publish(dialog, qtbot, str(shared))
    lines = text.splitlines()
    assert lines[-1] == "2 revisi diterbitkan, 0 dilengkapi, 0 sudah ada, 0 ditolak."
    assert any(line.startswith("diterbitkan: Rapat Koordinasi Tim Pengawasan Orang Asing") for line in lines)
    if os.environ.get("TIMPORA_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["TIMPORA_SHOTS"], "terbitkan.png"))
    target = open_store(shared)
    with target.session() as session:
        assert session.scalar(select(Meeting.status).where(Meeting.uuid == uuid)).value == "signed"
    target.close()

    again = _publish(dialog, qtbot, str(shared))
    assert again.splitlines() == ["0 revisi diterbitkan, 0 dilengkapi, 2 sudah ada, 0 ditolak."]
    # the target is remembered for the next time
    second = PublishDialog(window, demo_store)
    qtbot.addWidget(second)
    assert second.target.text() == str(shared)
    wait_for_ops()
