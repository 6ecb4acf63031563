"""The real minutes, signed twice from the command line: QR code, pdfsig, verify, lock."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.cli.main import main
from app.db import open_store
from app.documents.metadata import read_metadata
from app.documents.qr import parse_payload
from app.models.enums import MeetingStatus
from app.services.meetings import get_meeting
from app.services.records import content_sha256, load_bundle
from tests.export.signing_support import PASSPHRASE, make_certificate, pdfsig, write_p12


@pytest.fixture
def signed_minutes(demo_db, tmp_path, monkeypatch):
    path, meeting_id = demo_db
    db = tmp_path / "store.sqlite"
    shutil.copy(path, db)
    key, cert = make_certificate(common="Antonius Frizky")  # the demo chair's own certificate
    p12 = write_p12(tmp_path / "kantor.p12", key, cert)
    key, cert = make_certificate(common="Dewi Anggraini")  # and the secretary's
    secretary_p12 = write_p12(tmp_path / "notulis.p12", key, cert)
    monkeypatch.setenv("P12_PASS", PASSPHRASE)
    first = tmp_path / "notulen.pdf"
    assert (
        main(
            [
                "--db",
                str(db),
                "pdf",
                str(meeting_id),
                str(first),
                "--sign",
                "chair",
                "--p12",
                str(p12),
                "--passphrase-env",
                "P12_PASS",
            ]
        )
        == 0
    )
    second = tmp_path / "notulen-lengkap.pdf"
    assert (
        main(
            [
                "--db",
                str(db),
                "sign",
                str(first),
                "--as",
                "secretary",
                "--p12",
                str(secretary_p12),
                "--passphrase-env",
                "P12_PASS",
                "-o",
                str(second),
            ]
        )
        == 0
    )
    return db, meeting_id, first, second


def test_pdf_sign_then_sign_gives_two_valid_signatures_and_locks_the_meeting(signed_minutes, capsys):
    db, meeting_id, first, second = signed_minutes
    assert [f.name for f in first.parent.iterdir() if f.name.startswith(".")] == []  # no leftovers
    results = pdfsig(second)
    assert len(results) == 2
    assert all(r["Signature Validation"] == "Signature is Valid." for r in results)
    capsys.readouterr()
    assert main(["--db", str(db), "verify", str(second)]) == 0
    assert "UTUH" in capsys.readouterr().out
    store = open_store(db)
    with store.session() as session:
        assert get_meeting(session, meeting_id).status is MeetingStatus.SIGNED
    store.close()


def test_the_printed_qr_code_scans_back_to_the_record(signed_minutes, tmp_path):
    db, meeting_id, _first, second = signed_minutes
    metadata = read_metadata(second)
    page = metadata.boxes["chair"].page + 1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-f", str(page), "-l", str(page), str(second), str(tmp_path / "p")],
        check=True,
    )
    image = next(tmp_path.glob("p*.png"))
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True)
    code = parse_payload(scanned.stdout.strip())
    store = open_store(db)
    with store.session() as session:
        bundle = load_bundle(session, meeting_id)
        assert code is not None
        assert (code.meeting_uuid, code.revision, code.content_sha256) == (
            bundle.meeting.uuid,
            bundle.meeting.revision,
            content_sha256(bundle),
        )
    store.close()


def test_sign_without_a_certificate_is_a_user_error_and_writes_nothing(demo_db, tmp_path, capsys):
    path, meeting_id = demo_db
    db = tmp_path / "store.sqlite"
    shutil.copy(path, db)
    assert main(["--db", str(db), "pdf", str(meeting_id), str(tmp_path / "x.pdf"), "--sign", "chair"]) == 1
    assert "--p12" in capsys.readouterr().err
    assert list(tmp_path.glob("*.pdf")) == []
