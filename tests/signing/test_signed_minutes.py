"""The real minutes, signed twice from the command line: QR code, pdfsig, verify, lock."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.cli.main import main
from app.db import open_store
from app.documents.metadata import read_metadata
from app.documents.qr import parse_readable
from app.models.enums import MeetingStatus
from app.services.meetings import get_meeting
from app.services.printed import find_by_code, verification_code
from tests.support import pdftools
from tests.support.postgres import both_backends
from tests.support.signing import PASSPHRASE, make_certificate, pdfsig, write_p12

pytestmark = both_backends


@pytest.fixture
def signed_minutes(demo_store, tmp_path, monkeypatch):
    """The demo minutes signed by the chair then the secretary, registered in the store (a file
    or a server database: `db` is what --db is given)."""
    db, meeting_id = demo_store.location, demo_store.demo_meeting_id
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


def test_the_printed_qr_code_reads_as_a_sentence_and_finds_the_record(signed_minutes, tmp_path):
    db, meeting_id, _first, second = signed_minutes
    metadata = read_metadata(second)
    page = metadata.boxes["chair"].page + 1
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-f", str(page), "-l", str(page), str(second), str(tmp_path / "p")],
        check=True,
    )
    image = next(tmp_path.glob("p*.png"))
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True)
    text = scanned.stdout.strip()
    code = verification_code(metadata.content_sha256)
    # What a phone shows: the meeting's number, its revision and the code printed under it.
    assert text == f"Notula rapat W6.IMI.IMI.12-GR.01.01-1121 (contoh), revisi 1, kode verifikasi {code}"
    assert f"Kode verifikasi {code} (revisi 1)" in pdftools.flat(pdftools.text(second))
    readable = parse_readable(text)
    store = open_store(db)
    with store.session() as session:
        [found] = find_by_code(session, readable.code, revision=readable.revision)
        assert (found.meeting_id, found.meeting_uuid, found.revision) == (meeting_id, metadata.meeting_uuid, 1)
        # The code typed from the paper, sloppily, finds it too; another revision does not.
        assert [m.meeting_id for m in find_by_code(session, code.lower().replace("-", " "))] == [meeting_id]
        assert find_by_code(session, code, revision=2) == []
    store.close()


def test_sign_without_a_certificate_is_a_user_error_and_writes_nothing(demo_db, tmp_path, capsys):
    path, meeting_id = demo_db
    db = tmp_path / "store.sqlite"
    shutil.copy(path, db)
    assert main(["--db", str(db), "pdf", str(meeting_id), str(tmp_path / "x.pdf"), "--sign", "chair"]) == 1
    assert "--p12" in capsys.readouterr().err
    assert list(tmp_path.glob("*.pdf")) == []
