"""A record that never changes once final: the August minutes, signed, then life goes on.

Sign the minutes of a meeting, review its action items at two later meetings, rename a person
and an agency in the directory, change the kop surat: the signed revision prints the same
content (same text, same content hash) and the signed file still matches the record. Each later
meeting prints the status reviewed there.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from app.documents.exports import export_minutes
from app.documents.metadata import read_metadata
from app.models import Meeting
from app.models.enums import ActionStatus, MeetingStatus
from app.services import actions, directory, meetings
from app.services.office import update_office
from app.services.printed import printed_record
from app.services.revisions import MatchStatus, finalize_meeting, reopen_meeting
from app.signing.minutes import sign_minutes
from app.signing.verification import verify
from tests.support.postgres import both_backends
from tests.support.signing import PASSPHRASE, make_certificate, write_p12

pytestmark = both_backends


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _row_with(text: str, needle: str) -> str:
    """The table row that starts with `needle`: its line and the next (a cell may wrap)."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if needle in line)
    return " ".join(" ".join(lines[at : at + 2]).split())


@pytest.fixture
def august(demo_store, tmp_path):
    """The demo meeting finalized, exported and signed by the chair with a certificate of their own."""
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        finalize_meeting(session, meeting_id)
        unsigned = export_minutes(session, meeting_id, tmp_path / "notulen.pdf").path
    key, cert = make_certificate(common="Antonius Frizky")
    p12 = write_p12(tmp_path / "kantor.p12", key, cert)
    outcome = sign_minutes(
        unsigned,
        p12=p12,
        passphrase=PASSPHRASE,
        role="chair",
        target=tmp_path / "notulen-ttd.pdf",
        db=demo_store.location,
    )
    assert outcome.recorded
    return meeting_id, unsigned, outcome.signed.path


def test_the_signed_revision_prints_the_same_after_reviews_and_directory_edits(demo_store, august, tmp_path):
    meeting_id, unsigned, signed = august
    signed_hash = read_metadata(signed).content_sha256
    before = pdf_text(unsigned)
    with demo_store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting.status is MeetingStatus.SIGNED
        action = meeting.action_items[0]
        action_uuid, description = action.uuid, action.description
        chair, agency = meeting.chair, directory.get_agency(session, action.owner_agency_id)
        old_chair_name = chair.name
        old_status = action.status
    assert old_status is not ActionStatus.DONE
    assert old_chair_name in before

    # Two later meetings review the action: "in progress" in December, "done" in January.
    reviewed = {}
    for date, status in ((dt.date(2024, 12, 19), ActionStatus.IN_PROGRESS), (dt.date(2025, 1, 16), ActionStatus.DONE)):
        with demo_store.session() as session:
            later = meetings.create_follow_up(session, meeting_id, title=f"Rapat evaluasi {date:%B %Y}", date=date)
            review = next(r for r in later.action_reviews if r.action_uuid == action_uuid)
            actions.update_review(session, review.id, status=status, note=f"Dilaporkan {date.isoformat()}")
            finalize_meeting(session, later.id)
            reviewed[status] = later.id
    # The directory and the kop surat move on.
    with demo_store.session() as session:
        directory.update_person(session, chair.id, name="Nama Baru Pimpinan, S.H.", position="Jabatan Baru")
        directory.update_agency(session, agency.id, name="Instansi Berganti Nama")
        update_office(session, office_name="KANTOR YANG BERGANTI NAMA", address="Alamat baru")
        assert session.get(Meeting, meeting_id).action_items[0].status is ActionStatus.DONE  # live status follows

    with demo_store.session() as session:
        again = export_minutes(session, meeting_id, tmp_path / "lagi.pdf").path
        report = verify(signed, session=session)
    assert read_metadata(again).content_sha256 == signed_hash
    after = pdf_text(again)
    assert after == before
    assert "Nama Baru Pimpinan" not in after and "Instansi Berganti Nama" not in after
    assert "KANTOR YANG BERGANTI NAMA" not in after
    first_words = description.split()[0]
    assert "Selesai" not in _row_with(after, first_words)
    assert report.all_intact
    assert report.record is not None and report.record.matches and report.record.status is MatchStatus.CURRENT

    # Each later meeting prints the status reviewed there, not the live one.
    with demo_store.session() as session:
        december = pdf_text(export_minutes(session, reviewed[ActionStatus.IN_PROGRESS], tmp_path / "des.pdf").path)
        january = pdf_text(export_minutes(session, reviewed[ActionStatus.DONE], tmp_path / "jan.pdf").path)
    assert "Dalam" in _row_with(december, first_words) and "proses" in _row_with(december, first_words)
    assert "Selesai" not in _row_with(december, first_words)
    assert "Selesai" in _row_with(january, first_words)


def test_a_final_meeting_prints_its_snapshot_and_a_reopened_one_follows_the_record_again(demo_store):
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        finalize_meeting(session, meeting_id)
        frozen = printed_record(session, meeting_id)
        chair = session.get(Meeting, meeting_id).chair
        directory.update_person(session, chair.id, position="Jabatan Sesudah Final")
        still = printed_record(session, meeting_id)
        assert still.frozen and still.content_sha256 == frozen.content_sha256
        assert still.bundle == frozen.bundle
        reopen_meeting(session, meeting_id)
        live = printed_record(session, meeting_id)
        assert not live.frozen and live.is_draft
        assert live.bundle.chair.position == "Jabatan Sesudah Final"
        assert live.content_sha256 != frozen.content_sha256
        finalize_meeting(session, meeting_id)
        refrozen = printed_record(session, meeting_id)
        assert refrozen.frozen and refrozen.content_sha256 == live.content_sha256


def test_the_snapshot_reads_back_to_the_hash_it_was_frozen_with(demo_store):
    """The frozen bundle is the record itself: its own hash is the stored one (no lossy round trip)."""
    from app.services.records import content_sha256

    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        finalize_meeting(session, meeting_id)
        printed = printed_record(session, meeting_id)
        assert content_sha256(printed.bundle) == printed.content_sha256
