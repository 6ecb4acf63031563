"""Periksa PDF takes the code of a paper copy: typed sloppily or pasted from a phone's QR reader."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from app.documents.exports import export_minutes
from app.documents.qr import readable_payload
from app.services.printed import printed_record, verification_code
from app.services.revisions import amend_meeting, finalize_meeting
from app.ui.documents.verify_dialog import VerifyDialog
from app.ui.ops import wait_for_ops


def _ask(dialog, qtbot, text: str) -> str:
    check = dialog.code_check
    check.field.setText(text)
    qtbot.mouseClick(check.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not check.result.text().startswith("Mencari"), timeout=10_000)
    return check.result.text()


def test_the_code_of_a_paper_copy_names_the_meeting_and_revision(demo_store, qt_app, qtbot, tmp_path):
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        finalize_meeting(session, meeting_id)
        printed = printed_record(session, meeting_id)
    code = verification_code(printed.content_sha256)
    meeting = printed.bundle.meeting
    dialog = VerifyDialog(None, demo_store)
    qtbot.addWidget(dialog)
    dialog.show()

    answer = _ask(dialog, qtbot, code.lower().replace("-", " "))
    assert f"Kode {code} menunjuk revisi 1 dari “{meeting.title}” ({meeting.number})" in answer
    assert "(final)" in answer
    # Nothing rendered yet: the register of copies has none to compare the paper with.
    assert "Penyimpanan ini tidak mencatat salinan yang dibuatnya untuk revisi itu" in answer
    with demo_store.session() as session:
        pages = export_minutes(session, meeting_id, tmp_path / "notula.pdf").pages
    answer = _ask(dialog, qtbot, code)
    assert (
        "Kode dapat disalin ke kertas apa pun: bandingkan kertasnya dengan salinan asli. "
        f"Penyimpanan ini membuat 1 salinan revisi itu ({pages} halaman)."
    ) in answer
    if os.environ.get("TIMPORA_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["TIMPORA_SHOTS"], "periksa-kode.png"))
    # The text a phone shows for the QR code, pasted whole.
    assert "menunjuk revisi 1" in _ask(dialog, qtbot, readable_payload(meeting.number, 1, printed.content_sha256))
    # Another revision, another code, not a code at all.
    assert "Tidak ada notulen final" in _ask(dialog, qtbot, readable_payload(meeting.number, 2, printed.content_sha256))
    assert "Tidak ada notulen final" in _ask(dialog, qtbot, "ZZZZ-ZZZZ")
    assert "bukan kode verifikasi" in _ask(dialog, qtbot, "halo")
    # Amended since: the paper still names revision 1, and says there is a newer one.
    with demo_store.session() as session:
        amend_meeting(session, meeting_id, "Koreksi daftar hadir")
    answer = _ask(dialog, qtbot, code)
    assert "menunjuk revisi 1" in answer and "revisi yang berlaku: 2" in answer
    wait_for_ops()


def test_a_photo_of_the_page_is_read_and_looked_up(demo_store, qt_app, qtbot, tmp_path):
    import subprocess

    from app.documents.exports import export_minutes

    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        finalize_meeting(session, meeting_id)
        result = export_minutes(session, meeting_id, tmp_path / "notulen.pdf")
    page = result.qr_box.page + 1
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(result.path),
            str(tmp_path / "foto"),
        ],
        check=True,
    )
    dialog = VerifyDialog(None, demo_store)
    qtbot.addWidget(dialog)
    dialog.show()
    check = dialog.code_check
    check.read_picture(tmp_path / "foto.png")
    qtbot.waitUntil(lambda: "menunjuk revisi 1" in check.result.text(), timeout=20_000)
    assert check.field.text().startswith("Notula rapat W6.IMI.IMI.12-GR.01.01-1121 (contoh), revisi 1, kode verifikasi")
    if os.environ.get("TIMPORA_SHOTS"):
        dialog.grab().save(os.path.join(os.environ["TIMPORA_SHOTS"], "periksa-foto.png"))
    (tmp_path / "kosong.png").write_bytes((tmp_path / "foto.png").read_bytes()[:100])
    check.read_picture(tmp_path / "kosong.png")
    qtbot.waitUntil(lambda: "tidak dapat dibaca sebagai gambar" in check.result.text(), timeout=20_000)
    wait_for_ops()
