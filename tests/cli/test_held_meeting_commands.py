"""The command line on a shared server respects a meeting held by a window on another laptop: a
command that would change it says in one line who holds it, exits 1, and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cli.main import main
from app.db import open_store
from app.models import Meeting, SignedDocument
from app.models.enums import MeetingStatus
from app.services.claims import claim_meeting
from app.services.records import content_sha256, load_bundle
from tests.support.postgres import postgresql_only
from tests.support.signing import PASSPHRASE, minutes_pdf, register_as_rendered

pytestmark = postgresql_only
ENV = "TIMPORA_TEST_PASSPHRASE"


@pytest.fixture
def held(demo_store, tmp_path, monkeypatch):
    """The demo meeting's minutes PDF and an office certificate; the meeting open in a window on
    another laptop (its claim, on a store of its own)."""
    monkeypatch.setenv(ENV, PASSPHRASE)
    monkeypatch.setenv("TIMPORA_DB", str(tmp_path / "bukan-ini.sqlite"))  # never the user's own store
    db = demo_store.location
    pdf = tmp_path / "notulen.pdf"
    with demo_store.session() as session:
        bundle = load_bundle(session, demo_store.demo_meeting_id)
        digest = content_sha256(bundle)
    minutes_pdf(pdf, pages=2, meeting_uuid=bundle.meeting.uuid, revision=bundle.meeting.revision, content_sha256=digest)
    register_as_rendered(demo_store, pdf, demo_store.demo_meeting_id)
    p12 = tmp_path / "kantor.p12"
    assert main(["--db", db, "certificate", "create", "--out", str(p12), "--passphrase-env", ENV]) == 0
    laptop = open_store(db, create=False)
    claim = claim_meeting(laptop, demo_store.demo_meeting_id)
    yield db, pdf, p12, claim
    claim.release()
    laptop.close()


def unchanged(store) -> tuple[MeetingStatus, int]:
    with store.session() as session:
        status = session.get(Meeting, store.demo_meeting_id).status
        return status, session.scalar(select(func.count()).select_from(SignedDocument))


def one_line_naming_the_holder(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("timpora: Rapat ini sedang disunting oleh "), err
    assert "Traceback" not in err


def test_signing_a_meeting_held_elsewhere_is_refused_naming_who_holds_it(held, demo_store, tmp_path, capsys):
    db, pdf, p12, claim = held
    before = unchanged(demo_store)
    out = tmp_path / "ttd.pdf"
    argv = ["--db", db, "sign", str(pdf), "--p12", str(p12), "--as", "chair", "--on-behalf"]
    argv += ["--passphrase-env", ENV, "-o", str(out)]
    capsys.readouterr()
    assert main(argv) == 1
    one_line_naming_the_holder(capsys.readouterr().err)
    assert not out.exists()
    assert unchanged(demo_store) == before
    claim.release()  # the window let go: now it signs
    assert main(argv) == 0
    assert out.exists()
    assert unchanged(demo_store)[0] is MeetingStatus.SIGNED


def test_pdf_sign_of_a_meeting_held_elsewhere_neither_finalizes_nor_signs(held, demo_store, tmp_path, capsys):
    db, _pdf, p12, claim = held
    meeting = str(demo_store.demo_meeting_id)
    before = unchanged(demo_store)
    assert before[0] is MeetingStatus.DRAFT
    out = tmp_path / "notulen-ttd.pdf"
    argv = ["--db", db, "pdf", meeting, str(out), "--sign", "chair", "--p12", str(p12), "--passphrase-env", ENV]
    capsys.readouterr()
    assert main([*argv, "--on-behalf"]) == 1
    one_line_naming_the_holder(capsys.readouterr().err)
    assert not out.exists()
    assert unchanged(demo_store) == before  # not even finalized
    # Printing a draft changes nothing: it is not refused.
    draft = tmp_path / "draf.pdf"
    assert main(["--db", db, "pdf", meeting, str(draft)]) == 0
    assert draft.exists()
    assert unchanged(demo_store) == before
