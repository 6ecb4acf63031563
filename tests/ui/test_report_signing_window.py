"""Signing the Timpora report from the Laporan page: the head of office's signature, checked by
pdfsig and `timpora verify`; no register entry and no meeting locked; refusals leave no file."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt

from app.cli.main import main
from app.models.enums import MeetingStatus
from app.services.meetings import list_meetings
from app.ui.reports.sign_dialog import ReportSignDialog
from tests.reports.known_store import build_known_store
from tests.support.signing import PASSPHRASE, make_certificate, minutes_pdf, pdfsig, write_p12

SIGNED = "laporan-timpora-2024-01-01-2024-12-31-ttd-kepala.pdf"


def _page(store, window_on, qtbot):
    with store.session() as session:
        build_known_store(session)
    window = window_on(store)
    window.resize(1280, 860)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    page = window.report_page
    page.kind.setCurrentIndex(0)
    page.year.setValue(2024)
    return window, page


def _fill(dialog: ReportSignDialog, qtbot, *, p12: Path, folder: Path, passphrase: str = PASSPHRASE) -> None:
    dialog.p12.setText(str(p12))
    dialog.folder.setText(str(folder))
    qtbot.waitUntil(lambda: dialog.ready, timeout=20_000)
    dialog.passphrase.setFocus()
    qtbot.keyClicks(dialog.passphrase, passphrase)


def _sign(dialog: ReportSignDialog, qtbot) -> None:
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.progress.running(), timeout=30_000)


def _statuses(store) -> list[MeetingStatus]:
    with store.session() as session:
        return [m.status for m in list_meetings(session)]


def test_the_head_signs_the_years_report_from_the_laporan_page(
    store, window_on, qtbot, in_next_modal, signer_p12, tmp_path
):
    window, page = _page(store, window_on, qtbot)
    before = _statuses(store)
    folder = tmp_path / "ttd"
    folder.mkdir()
    window.grab().save(str(tmp_path / "laporan-sebelum.png"))
    seen: dict = {}

    def sign(dialog) -> None:
        assert isinstance(dialog, ReportSignDialog)
        seen["title"] = dialog.windowTitle()
        seen["signer"] = dialog.signer.text()
        assert dialog.passphrase.echoMode() is dialog.passphrase.EchoMode.Password
        assert dialog.fresh.isChecked()
        _fill(dialog, qtbot, p12=signer_p12, folder=folder)
        dialog.grab().save(str(tmp_path / "tanda-tangani-laporan.png"))
        _sign(dialog, qtbot)
        assert dialog.error.isHidden(), dialog.error.text()
        seen["path"] = dialog.result.path
        seen["outcome"] = dialog.outcome.text()
        seen["verdict"] = dialog.verification.verdict.text()
        seen["rows"] = dialog.verification.table.rowCount()
        seen["signed as"] = dialog.verification.table.item(0, 0).text()
        seen["passphrase"] = dialog.passphrase.text()
        seen["can sign again"] = dialog.sign_button.isEnabled()
        dialog.resize(760, 820)
        dialog.grab().save(str(tmp_path / "laporan-ditandatangani.png"))
        dialog.close_button.click()

    in_next_modal(sign)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert seen["title"] == "Tanda tangani laporan"
    assert seen["signer"] == "Kepala Kantor — Antonius Frizky, S.C.P."
    assert seen["path"] == folder / SIGNED
    assert seen["verdict"] == "Utuh: 1 tanda tangan, tidak ada yang berubah sejak ditandatangani."
    assert (seen["rows"], seen["signed as"]) == (1, "Kepala Kantor")
    assert "Laporan ditandatangani oleh Kepala Kantor (periode 1 Januari 2024 s.d. 31 Desember 2024)" in seen["outcome"]
    assert "tidak dicatat dalam register" in seen["outcome"]
    assert seen["passphrase"] == "" and not seen["can sign again"]
    # The report made now stays beside its signed copy, unsigned.
    assert {p.name for p in folder.iterdir()} == {"laporan-timpora-2024-01-01-2024-12-31.pdf", SIGNED}
    assert pdfsig(folder / "laporan-timpora-2024-01-01-2024-12-31.pdf") == []
    signatures = pdfsig(folder / SIGNED)
    assert len(signatures) == 1
    assert signatures[0]["Signature Field Name"] == "TTE_KepalaKantor"
    assert signatures[0]["Signature Validation"] == "Signature is Valid."
    assert signatures[0]["Signer Certificate Common Name"] == "Antonius Frizky"
    assert main(["--db", str(store.path), "verify", str(folder / SIGNED)]) == 0
    # A report belongs to no meeting: none is locked by its signature.
    assert _statuses(store) == before and MeetingStatus.SIGNED not in before
    settings = Path(os.environ["TIMPORA_SETTINGS"]).read_text(encoding="utf-8")
    assert PASSPHRASE not in settings and "penandatangan.p12" in settings


def test_another_persons_certificate_is_refused_and_leaves_no_signed_file(
    store, window_on, qtbot, in_next_modal, tmp_path
):
    _window, page = _page(store, window_on, qtbot)
    key, cert = make_certificate(common="Dewi Anggraini")
    p12 = write_p12(tmp_path / "dewi.p12", key, cert)
    folder = tmp_path / "ttd"
    folder.mkdir()
    seen: dict = {}

    def sign(dialog) -> None:
        _fill(dialog, qtbot, p12=p12, folder=folder)
        _sign(dialog, qtbot)
        seen["refused"] = dialog.error.text()
        seen["files"] = sorted(p.name for p in folder.iterdir())
        # Openly on the head's behalf ("a.n."), the same certificate signs, under the name the refusal freed.
        dialog.on_behalf.setChecked(True)
        dialog.existing.setChecked(True)
        dialog.source.setText(str(folder / "laporan-timpora-2024-01-01-2024-12-31.pdf"))
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        _sign(dialog, qtbot)
        assert dialog.error.isHidden(), dialog.error.text()
        seen["path"] = dialog.result.path
        dialog.close_button.click()

    in_next_modal(sign)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert "Antonius Frizky" in seen["refused"]
    assert seen["files"] == ["laporan-timpora-2024-01-01-2024-12-31.pdf"]  # the report made, nothing signed
    assert seen["path"] == folder / SIGNED
    assert pdfsig(seen["path"])[0]["Signature Validation"] == "Signature is Valid."


def test_minutes_chosen_as_the_pdf_to_sign_are_refused(store, window_on, qtbot, in_next_modal, signer_p12, tmp_path):
    _window, page = _page(store, window_on, qtbot)
    minutes = tmp_path / "notula.pdf"
    minutes_pdf(minutes)
    seen: dict = {}

    def sign(dialog) -> None:
        _fill(dialog, qtbot, p12=signer_p12, folder=tmp_path)
        dialog.existing.setChecked(True)
        dialog.source.setText(str(minutes))
        _sign(dialog, qtbot)
        seen["refused"] = dialog.error.text()
        seen["can sign"] = dialog.sign_button.isEnabled()
        dialog.close_button.click()

    in_next_modal(sign)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    assert seen["refused"] == (
        "Berkas ini adalah notula rapat: yang menandatanganinya pimpinan rapat dan notulis, bukan Kepala Kantor."
    )
    assert seen["can sign"]
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["notula.pdf"]
