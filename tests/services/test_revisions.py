"""Signing locks a meeting, amending opens a new revision, the register and old revisions stay."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Meeting, MeetingRevision, SignedDocument
from app.models.enums import MeetingStatus, SignerRole
from app.services import conclusions, meetings
from app.services.directory import update_person
from app.services.errors import ConflictError, ValidationError
from app.services.records import content_sha256, load_bundle
from app.services.revisions import (
    MatchStatus,
    amend_meeting,
    describe_changes,
    finalize_meeting,
    match_record,
    record_signature,
    reopen_meeting,
    revision_changes,
    revision_document,
    revision_history,
    signed_register,
)
from tests.support.postgres import both_backends

pytestmark = both_backends


def _live_hash(session, meeting_id) -> str:
    return content_sha256(load_bundle(session, meeting_id))


def _sign(session, meeting_id, *, role="chair", digest=None, file_hash="f" * 64, revision=None):
    return record_signature(
        session,
        meeting_id,
        role=role,
        file_sha256=file_hash,
        content_sha256=digest or _live_hash(session, meeting_id),
        signer_name="Antonius Frizky, S.C.P.",
        fingerprint="c" * 64,
        filename="notulen.pdf",
        revision=revision,
    )


def test_signing_locks_the_meeting_and_freezes_its_revision(demo_store):
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        digest = _live_hash(session, meeting_id)
        _sign(session, meeting_id)
    with demo_store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting.status is MeetingStatus.SIGNED and meeting.revision == 1
        [row] = session.scalars(select(SignedDocument)).all()
        assert (row.revision, row.signer_role, row.content_sha256, row.file_sha256) == (
            1,
            SignerRole.CHAIR,
            digest,
            "f" * 64,
        )
        [frozen] = session.scalars(select(MeetingRevision).where(MeetingRevision.meeting_id == meeting_id)).all()
        assert (frozen.revision, frozen.content_sha256) == (1, digest)
        assert revision_document(session, meeting_id, 1)["meeting"]["title"] == meeting.title


def test_a_pdf_of_other_content_is_not_registered(demo_store):
    meeting_id = demo_store.demo_meeting_id
    with pytest.raises(ConflictError, match="make the PDF again|buat PDF lagi"), demo_store.session() as session:
        _sign(session, meeting_id, digest="0" * 64)
    with demo_store.session() as session:
        assert session.get(Meeting, meeting_id).status is MeetingStatus.DRAFT
        assert session.scalars(select(SignedDocument)).all() == []
        assert session.scalars(select(MeetingRevision).where(MeetingRevision.meeting_id == meeting_id)).all() == []


def test_the_second_signer_after_a_directory_edit_still_matches_the_frozen_revision(demo_store):
    """People are shared with the directory; the signed revision is matched by its snapshot."""
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        digest = _live_hash(session, meeting_id)
        _sign(session, meeting_id)
        chair = session.get(Meeting, meeting_id).chair
        update_person(session, chair.id, phone="0811-0000-0000")
        assert _live_hash(session, meeting_id) == digest  # not printed: not part of the content
        update_person(session, chair.id, position="Kepala Kantor Imigrasi (jabatan baru)")
        assert _live_hash(session, meeting_id) != digest
        _sign(session, meeting_id, role="secretary", digest=digest)
        match = match_record(session, session.get(Meeting, meeting_id).uuid, revision=1, content_sha256=digest)
        assert match.status is MatchStatus.CURRENT and match.matches


def test_amend_opens_revision_2_and_keeps_revision_1_readable(demo_store):
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        first_hash = _live_hash(session, meeting_id)
        _sign(session, meeting_id, file_hash="1" * 64)
        _sign(session, meeting_id, role="secretary", file_hash="2" * 64)
        old_venue = session.get(Meeting, meeting_id).venue
    with demo_store.session() as session:
        meeting = amend_meeting(session, meeting_id, "Tempat rapat salah ketik")
        assert (meeting.revision, meeting.status) == (2, MeetingStatus.DRAFT)
        meetings.update_meeting(session, meeting_id, venue="Hotel Dermaga Lubuklinggau")
        conclusions.add_conclusion(session, meeting_id, "Rapat berikutnya pada bulan Februari 2025.")
    with demo_store.session() as session:
        assert revision_document(session, meeting_id, 1)["meeting"]["venue"] == old_venue
        assert revision_document(session, meeting_id, 2)["meeting"]["venue"] == "Hotel Dermaga Lubuklinggau"
        # On demand while revision 2 is a draft ...
        changes = revision_changes(session, meeting_id, 1)
        assert {
            "section": "meeting",
            "field": "venue",
            "old": old_venue,
            "new": "Hotel Dermaga Lubuklinggau",
        } in changes
        assert any(c["section"] == "conclusions" and c["change"] == "added" for c in changes)
        second_hash = _live_hash(session, meeting_id)
        assert second_hash != first_hash
        # ... and stored once revision 2 is signed.
        _sign(session, meeting_id, file_hash="3" * 64)
        stored = session.scalar(
            select(MeetingRevision).where(MeetingRevision.meeting_id == meeting_id, MeetingRevision.revision == 1)
        )
        assert stored.reason == "Tempat rapat salah ketik" and "Hotel Dermaga" in stored.changes
    with demo_store.session() as session:
        history = revision_history(session, meeting_id)
        assert [h.revision for h in history] == [1, 2]
        assert any(line.startswith("Venue") or line.startswith("Tempat") for line in history[0].changes)
        assert any(line.startswith("Kesimpulan: ditambahkan “Rapat berikutnya") for line in history[0].changes)
        register = signed_register(session, meeting_id)
        assert [(e.revision, e.role.value, e.file_sha256[0]) for e in register] == [
            (1, "chair", "1"),
            (1, "secretary", "2"),
            (2, "chair", "3"),
        ]
        uuid = session.get(Meeting, meeting_id).uuid
        assert match_record(session, uuid, revision=2, content_sha256=second_hash).status is MatchStatus.CURRENT
        earlier = match_record(session, uuid, revision=1, content_sha256=first_hash)
        assert earlier.status is MatchStatus.EARLIER_REVISION and earlier.current_revision == 2
        assert match_record(session, uuid, revision=1, content_sha256=second_hash).status is MatchStatus.DIFFERENT
        assert (
            match_record(session, uuid, revision=7, content_sha256=second_hash).status is MatchStatus.UNKNOWN_REVISION
        )
        missing = match_record(session, "00000000-0000-4000-8000-000000000000", revision=1, content_sha256=first_hash)
        assert missing.status is MatchStatus.NOT_IN_STORE and not missing.matches


def test_a_revision_1_pdf_is_not_registered_after_the_amendment(demo_store):
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        first_hash = _live_hash(session, meeting_id)
        _sign(session, meeting_id)
        amend_meeting(session, meeting_id, "Koreksi daftar hadir")
    with pytest.raises(ConflictError, match="revision 1|revisi 1"), demo_store.session() as session:
        _sign(session, meeting_id, role="secretary", digest=first_hash, revision=1)


def test_amend_needs_a_reason_and_a_locked_meeting(demo_store):
    meeting_id = demo_store.demo_meeting_id
    with pytest.raises(ConflictError, match="draf|draft"), demo_store.session() as session:
        amend_meeting(session, meeting_id, "Tidak perlu")
    with demo_store.session() as session:
        _sign(session, meeting_id)
    with pytest.raises(ValidationError, match="Alasan perubahan"), demo_store.session() as session:
        amend_meeting(session, meeting_id, "   ")
    with demo_store.session() as session:
        assert session.get(Meeting, meeting_id).revision == 1


def test_final_meetings_reopen_but_signed_ones_are_amended(demo_store):
    meeting_id = demo_store.demo_meeting_id
    with demo_store.session() as session:
        assert finalize_meeting(session, meeting_id).status is MeetingStatus.FINAL
        assert reopen_meeting(session, meeting_id).status is MeetingStatus.DRAFT
        finalize_meeting(session, meeting_id)
        _sign(session, meeting_id)  # a final meeting is what gets signed
        with pytest.raises(ConflictError):
            reopen_meeting(session, meeting_id)


def test_changes_read_in_indonesian():
    lines = describe_changes(
        [
            {"section": "meeting", "field": "venue", "old": "Aula", "new": "Hotel"},
            {"section": "findings", "uuid": "x", "change": "removed", "label": "Overstay"},
            {"section": "agenda", "uuid": "y", "change": "changed", "label": "Pembukaan", "fields": ["time"]},
        ]
    )
    assert lines[1:] == ["Temuan: dihapus “Overstay”", "Susunan acara: diubah “Pembukaan” (time)"]
    assert lines[0].endswith(": “Aula” → “Hotel”")
