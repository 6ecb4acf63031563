"""Signing from the window: chair then secretary, verified by `timpora verify`; the signed meeting
is locked in the list and the editor; amending makes revision 2; the history lists both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from app.models.enums import MeetingStatus
from app.services.meetings import get_meeting
from app.services.revisions import signed_register
from app.ui import remembered
from app.ui.documents.certificate_dialog import CertificateDialog
from app.ui.documents.sign_dialog import SignDialog
from app.ui.documents.verify_dialog import VerifyDialog
from tests.support.signing import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _sign(dialog: SignDialog, qtbot, role: str, passphrase: str = PASSPHRASE) -> None:
    qtbot.mouseClick(dialog.role_buttons[role], Qt.MouseButton.LeftButton)
    dialog.passphrase.setFocus()
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.progress.running(), timeout=20_000)


def timpora(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def signed(demo_store, window_on, qtbot, in_next_modal, signer_p12, secretary_p12, tmp_path, loop_watch):
    """The demo minutes signed from the window by the chair, then the secretary, in one PDF."""
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    folder = tmp_path / "ttd"
    folder.mkdir()
    seen: dict = {}

    def sign_both(dialog) -> None:
        assert isinstance(dialog, SignDialog)
        assert dialog.passphrase.echoMode() is dialog.passphrase.EchoMode.Password
        assert dialog.role_buttons["chair"].isChecked() and dialog.fresh.isChecked()
        assert "Antonius Frizky" in dialog.role_buttons["chair"].text()
        dialog.p12.setText(str(signer_p12))
        dialog.folder.setText(str(folder))
        qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)  # as long as typing the passphrase takes
        loop_watch.start()
        _sign(dialog, qtbot, "chair")
        seen["stall"] = loop_watch.stop()
        assert dialog.error.isHidden(), dialog.error.text()
        seen["first"] = dialog.result.path
        # The secretary is offered next, on the file the chair just signed.
        assert dialog.role_buttons["secretary"].isChecked() and dialog.existing.isChecked()
        assert dialog.source.text() == str(dialog.result.path)
        assert dialog.passphrase.text() == ""  # never kept, not even in the field
        dialog.p12.setText(str(secretary_p12))  # the secretary signs with her own certificate
        _sign(dialog, qtbot, "secretary")
        seen["second"] = dialog.result.path
        seen["verdict"] = dialog.verification.verdict.text()
        seen["rows"] = dialog.verification.table.rowCount()
        seen["outcome"] = dialog.outcome.text()
        dialog.close_button.click()

    in_next_modal(sign_both)
    qtbot.mouseClick(window.documents.buttons["sign"], Qt.MouseButton.LeftButton)
    return window, demo_store, seen


def test_sign_as_chair_and_secretary_and_timpora_verify_accepts_it(signed):
    window, store, seen = signed
    final = seen["second"]
    assert final.name.endswith("-ttd-pimpinan-notulis.pdf") and seen["first"].name.endswith("-ttd-pimpinan.pdf")
    assert seen["verdict"] == "Utuh: 2 tanda tangan, tidak ada yang berubah sejak ditandatangani."
    assert seen["rows"] == 2
    assert "Dicatat dalam register (revisi 1); rapat kini terkunci karena sudah ditandatangani." in seen["outcome"]
    assert seen["stall"] < 0.1, seen["stall"]
    result = timpora("--db", str(store.path), "verify", str(final))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("UTUH") == 2
    with store.session() as s:
        assert get_meeting(s, store.demo_meeting_id).status is MeetingStatus.SIGNED
        assert [e.role.value for e in signed_register(s, store.demo_meeting_id)] == ["chair", "secretary"]
    assert remembered.certificate_path() is not None and "notulis.p12" in str(remembered.certificate_path())
    assert PASSPHRASE not in Path(os.environ["TIMPORA_SETTINGS"]).read_text(encoding="utf-8")


def test_the_signed_meeting_is_locked_and_edits_are_refused(signed, qtbot, monkeypatch):
    window, store, _seen = signed
    editor = window.editor
    assert editor.locked_banner.isVisible()
    assert (
        "Revisi 1 notulen ini sudah ditandatangani oleh Pimpinan Rapat (Antonius Frizky), Notulis (Dewi Anggraini)"
        in editor.locked_text.text()
    )
    title = editor.info_tab.title
    qtbot.keyClicks(title, " DIUBAH")
    with store.session() as s:
        assert "DIUBAH" not in get_meeting(s, store.demo_meeting_id).title
    # Deleting is refused with the reason.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_meeting()
    assert (
        window.statusBar().currentMessage() == "Notulen yang sudah ditandatangani adalah arsip dan tidak dapat dihapus."
    )
    # The list shows the padlock and why.
    page = window.list_page
    row = page.model.row_of(store.demo_meeting_id)
    index = page.model.index(row, 3)
    assert page.model.data(index) == "Ditandatangani"
    assert page.model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    assert page.model.data(index, Qt.ItemDataRole.ToolTipRole).startswith("Terkunci: notulen sudah ditandatangani")
    from app.services.meetings import create_meeting

    with store.session() as s:
        draft_id = create_meeting(s, title="Rapat draf", date=__import__("datetime").date(2025, 1, 9)).id
    page.refresh()
    draft = page.model.index(page.model.row_of(draft_id), 3)
    assert page.model.data(draft) == "Draf" and page.model.data(draft, Qt.ItemDataRole.DecorationRole) is None


def test_amend_makes_revision_two_and_the_history_lists_it(signed, qtbot, in_next_modal):
    window, store, seen = signed
    window.open_meeting(store.demo_meeting_id)
    editor = window.editor

    def amend(dialog) -> None:
        assert dialog.amend_button.text() == "&Buat revisi 2"
        qtbot.mouseClick(dialog.amend_button, Qt.MouseButton.LeftButton)  # no reason yet: refused
        assert dialog.isVisible() and dialog.error.text() == "Alasan perubahan wajib diisi."
        qtbot.keyClicks(dialog.reason, "Nama perwakilan Polres salah tulis.")
        qtbot.mouseClick(dialog.amend_button, Qt.MouseButton.LeftButton)

    in_next_modal(amend)
    qtbot.mouseClick(editor.amend_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        meeting = get_meeting(s, store.demo_meeting_id)
        assert (meeting.revision, meeting.status) == (2, MeetingStatus.DRAFT)
    assert not editor.locked_banner.isVisible() and editor.info_tab.isEnabled()
    assert window.statusBar().currentMessage() == "Revisi 2 dibuka untuk diubah."
    qtbot.keyClicks(editor.info_tab.title, " (revisi)")
    assert editor.flush_all()

    def read_history(dialog) -> None:
        revisions, register = dialog.revisions, dialog.register
        assert (
            revisions.item(0, 0).text() == "1" and revisions.item(0, 2).text() == "Nama perwakilan Polres salah tulis."
        )
        assert revisions.item(1, 0).text() == "2" and revisions.item(1, 2).text() == "sedang diubah (draf)"
        assert register.rowCount() == 2
        assert [register.item(r, 1).text() for r in range(2)] == ["Pimpinan Rapat", "Notulis"]
        # Both rows name their file alike; the one made on this laptop tells where it is.
        assert [register.item(r, 4).text() for r in range(2)] == [
            register.item(0, 4).text(),
            seen["second"].name,
        ]
        assert "/" not in register.item(0, 4).text()
        assert register.item(1, 4).toolTip() == str(seen["second"])
        dialog.reject()

    in_next_modal(read_history)
    qtbot.mouseClick(window.documents.buttons["history"], Qt.MouseButton.LeftButton)
    # The old signed file still verifies, now as an earlier revision of the record.
    result = timpora("--db", str(store.path), "verify", str(seen["second"]))
    assert result.returncode == 0 and "revisi 1" in result.stdout.lower()


def test_a_wrong_passphrase_is_one_clear_sentence_and_signs_nothing(demo_store, qtbot, qt_app, signer_p12, tmp_path):
    dialog = SignDialog(None, demo_store, demo_store.demo_meeting_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.p12.setText(str(signer_p12))
    dialog.folder.setText(str(tmp_path))
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Ketik frasa sandi sertifikat."
    _sign(dialog, qtbot, "chair", passphrase="salah-sekali")
    assert dialog.error.text() == "Frasa sandi untuk berkas sertifikat penandatangan.p12 salah."
    assert list(tmp_path.glob("*.pdf")) == []
    with demo_store.session() as s:
        assert get_meeting(s, demo_store.demo_meeting_id).status is MeetingStatus.DRAFT


def test_verify_dialog_takes_a_dropped_pdf_and_says_when_it_is_not_intact(signed, qtbot, tmp_path):
    window, store, seen = signed
    dialog = VerifyDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seen["second"]))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    dialog.dropEvent(drop)
    qtbot.waitUntil(lambda: dialog.view.isVisible(), timeout=20_000)
    assert dialog.view.verdict.text().startswith("Utuh: 2 tanda tangan")
    details = dialog.view.details.text()
    assert "PDF cocok dengan rekaman: revisi 1, revisi yang berlaku." in details
    assert "Berkas ini persis tercatat dalam register notulen bertanda tangan." in details
    assert dialog.view.table.item(0, 3).text() == "Ya"
    assert dialog.view.table.item(0, 1).text().startswith("Antonius Frizky, Kantor Imigrasi")  # who signed
    # A copy with one byte changed inside the signed range.
    from tests.support.signing import flip_byte

    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(seen["second"].read_bytes())
    flip_byte(broken, 2000)
    dialog.check(broken)
    qtbot.waitUntil(lambda: dialog.view.isVisible(), timeout=20_000)
    assert dialog.view.verdict.text().startswith("TIDAK UTUH")
    # A copy painted over after signing with an unsigned signature widget: every signed byte intact.
    from tests.signing.attacks import add_unsigned_signature_widget

    painted = tmp_path / "dicat.pdf"
    painted.write_bytes(add_unsigned_signature_widget(seen["second"].read_bytes()))
    dialog.check(painted)
    qtbot.waitUntil(lambda: dialog.view.isVisible() and dialog.view.report is not None, timeout=20_000)
    qtbot.waitUntil(lambda: "TTE_Saksi" in dialog.view.details.text(), timeout=20_000)
    assert dialog.view.verdict.text().startswith("TIDAK UTUH")
    details = dialog.view.details.text()
    assert (
        "Kolom tanda tangan kosong 'TTE_Saksi' dengan gambarnya sendiri ditambahkan setelah ditandatangani." in details
    )
    assert "cocok dengan rekaman" not in details
    assert "Berkas tidak utuh, sehingga tidak dicocokkan dengan rekaman." in details
    # Not a PDF at all.
    junk = tmp_path / "bukan.pdf"
    junk.write_text("halo")
    dialog.check(junk)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10_000)
    assert dialog.error.text() == "bukan.pdf bukan berkas PDF."


def test_the_office_certificate_dialog_says_what_it_is_not_and_makes_one(
    demo_store, qtbot, qt_app, tmp_path, loop_watch
):
    dialog = CertificateDialog(None, demo_store, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.findChild(type(dialog.message), "explanation").text()
    assert "<b>bukan</b> tanda tangan elektronik tersertifikasi (TTE) menurut PP 71/2019" in text and "BSrE" in text
    assert dialog.office.text() == "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM"  # from the office profile
    qtbot.keyClicks(dialog.passphrase, "kantor-2024")
    qtbot.keyClicks(dialog.again, "kantor-2025")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Kedua frasa sandi tidak sama."
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "kantor-2024")
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    loop_watch.start()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=20_000)
    assert loop_watch.stop() < 0.1
    assert (tmp_path / "sertifikat-kantor.p12").exists()
    assert remembered.certificate_path() == tmp_path / "sertifikat-kantor.p12"
    assert dialog.passphrase.text() == "" and dialog.message.text().startswith(
        "Selesai: sertifikat-kantor.p12, berlaku sampai"
    )


def test_an_rsa_3072_office_key_is_opened_in_a_helper_process_without_freezing_the_window(
    qtbot, qt_app, tmp_path, loop_watch
):
    from app.services.errors import UserError
    from app.signing.certificates import create_office_certificate
    from app.ui.key_loader import open_identity
    from app.ui.ops import run_op

    p12 = tmp_path / "kantor.p12"
    create_office_certificate("KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM", "kantor-2024", p12)
    opened = []
    loop_watch.start()
    run_op(lambda: open_identity(p12, "kantor-2024"), on_success=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    # In this process cryptography's check of an RSA-3072 key alone holds the interpreter ~0.1 s.
    assert loop_watch.stop() < 0.1
    identity = opened[0]
    assert identity.info.subject_name == "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM" and identity.info.self_issued
    assert identity.private_key.key_size == 3072
    failed = []
    run_op(lambda: open_identity(p12, "salah-sekali"), on_failure=failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=20_000)
    assert (
        isinstance(failed[0], UserError) and str(failed[0]) == "Frasa sandi untuk berkas sertifikat kantor.p12 salah."
    )


def test_finalize_locks_and_reopen_unlocks_an_unsigned_meeting(demo_store, window_on, qtbot):
    window = window_on(demo_store)
    window.open_meeting(demo_store.demo_meeting_id)
    editor = window.editor
    window.documents.finalize()
    assert editor.locked_banner.isVisible() and not editor.info_tab.isEnabled()
    assert editor.locked_text.text().startswith("Rapat ini sudah final")
    assert editor.reopen_button.isVisible() and not editor.amend_button.isVisible()
    qtbot.mouseClick(editor.reopen_button, Qt.MouseButton.LeftButton)
    assert not editor.locked_banner.isVisible() and editor.info_tab.isEnabled()
    assert window.statusBar().currentMessage() == "Rapat kembali menjadi draf dan dapat diubah."
    with demo_store.session() as s:
        assert get_meeting(s, demo_store.demo_meeting_id).status is MeetingStatus.DRAFT


def test_the_certificate_dialog_makes_a_personal_certificate_for_a_person_of_the_directory(
    demo_store, qtbot, qt_app, tmp_path, loop_watch
):
    from app.services.directory import certificate_holders
    from app.signing.certificates import load_identity
    from app.signing.signers import BoxPerson, is_holder

    with demo_store.session() as s:
        holders = certificate_holders(s)
    chair = next(h for h in holders if h.name.startswith("Dewi Anggraini"))
    dialog = CertificateDialog(None, demo_store, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    # Everyone of the directory with a NIP, after the office.
    assert dialog.holder.count() == len(holders) + 1 and dialog.holder.itemText(0) == "Kantor (sertifikat kantor)"
    dialog.holder.setCurrentIndex(holders.index(chair) + 1)
    assert dialog.windowTitle() == "Buat sertifikat pribadi"
    assert dialog.subject.text() == f"Dalam sertifikat: {chair.name}, NIP {chair.id_number}, {chair.position}"
    text = dialog.explanation.text()
    assert f"diterbitkan untuk <b>{chair.name}</b>" in text and "<b>bukan</b> tanda tangan elektronik" in text
    assert Path(dialog.target.text()) == tmp_path / "sertifikat-dewi-anggraini.p12"
    qtbot.keyClicks(dialog.passphrase, "pimpinan-2024")
    qtbot.keyClicks(dialog.again, "pimpinan-2042")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Kedua frasa sandi tidak sama." and not any(tmp_path.glob("*.p12"))
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "pimpinan-2024")
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    dialog.grab().save(str(tmp_path / "sertifikat-pribadi.png"))
    if os.environ.get("TIMPORA_GRAB_DIR"):
        dialog.grab().save(str(Path(os.environ["TIMPORA_GRAB_DIR"]) / "sertifikat-pribadi.png"))
    loop_watch.start()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=20_000)
    assert loop_watch.stop() < 0.1
    assert dialog.message.text().startswith("Selesai: sertifikat-dewi-anggraini.p12, berlaku sampai")
    info = load_identity(tmp_path / "sertifikat-dewi-anggraini.p12", "pimpinan-2024").info
    # The same certificate `timpora certificate create --person` makes: it names the person, NIP and jabatan.
    assert info.subject_name == chair.name and info.serial_attribute == chair.id_number
    assert info.title == chair.position[:64] and info.self_issued and not info.is_office
    assert info.organization == "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM"
    assert is_holder(info, BoxPerson(chair.name, chair.position, chair.id_number))
    assert remembered.certificate_path() == tmp_path / "sertifikat-dewi-anggraini.p12"
    # Back to the office: the suggested name follows, the office explanation returns.
    dialog.holder.setCurrentIndex(0)
    assert dialog.windowTitle() == "Buat sertifikat kantor"
    assert Path(dialog.target.text()).name == "sertifikat-kantor.p12"
