"""Publishing the laptop's final and signed revisions into a shared store: a SQLite file or the
office's PostgreSQL server (both_backends: the shared store is made on each)."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select, update

from app.db import open_store
from app.models import Meeting, MeetingRevision
from app.models.enums import MeetingStatus
from app.services.meetings import update_meeting
from app.services.printed import printed_record
from app.services.publish import Outcome, publish, publish_summary, revision_line
from app.services.revisions import amend_meeting, finalize_meeting, signed_register
from tests.support.postgres import both_backends
from tests.support.publishing import (
    build_laptop,
    fingerprint,
    publishable_revisions,
    sign,
    whole_revisions,
)


@pytest.fixture(scope="module")
def laptop_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("laptop") / "laptop.sqlite"
    kinds = build_laptop(path, copies=3)
    return path, kinds


@pytest.fixture
def laptop(laptop_template, tmp_path):
    template, kinds = laptop_template
    path = tmp_path / "laptop.sqlite"
    shutil.copy(template, path)
    return path, kinds


pytestmark = both_backends


@pytest.fixture
def shared(empty_db):
    """The office's shared store, made as `timpora init` makes it: a file, or a server database."""
    open_store(empty_db, upgrade_server=True).close()
    return empty_db


def _publish(laptop_path, shared_path, meetings=()):
    source, target = open_store(laptop_path, create=False), open_store(shared_path, create=False)
    try:
        return publish(source, target, meetings)
    finally:
        source.close()
        target.close()


def test_publishes_every_final_and_signed_revision_whole_and_no_draft(laptop, shared):
    path, kinds = laptop
    report = _publish(path, shared)
    wanted = publishable_revisions(path)
    # signed (2 demo + copies), final, amended: revisions 1 and 2; the draft is not among them
    assert len(wanted) == len(kinds["signed"]) + len(kinds["final"]) + 2 * len(kinds["amended"]) + 1
    assert report.count(Outcome.PUBLISHED) == len(wanted) and not report.refused
    assert whole_revisions(path, shared) == wanted
    laptop_store, target = open_store(path), open_store(shared)
    try:
        with laptop_store.session() as mine, target.session() as theirs:
            titles = set(theirs.scalars(select(Meeting.title)))
            assert "Rapat yang masih draf" not in titles
            for meeting in mine.scalars(select(Meeting).where(Meeting.status != MeetingStatus.DRAFT)):
                there = theirs.scalar(select(Meeting).where(Meeting.uuid == meeting.uuid))
                # the same status and revision, the same printed content and register
                assert (there.status, there.revision) == (meeting.status, meeting.revision)
                assert (
                    printed_record(theirs, there.id).content_sha256 == printed_record(mine, meeting.id).content_sha256
                )
                assert signed_register(theirs, there.id) == signed_register(mine, meeting.id)
            amended = mine.get(Meeting, kinds["amended"][0])
            there = theirs.scalar(select(Meeting).where(Meeting.uuid == amended.uuid))
            assert there.venue == "Aula Kantor Imigrasi Lubuklinggau"
            # the earlier revision still prints as it was signed, from the shared store too
            rev1 = theirs.scalar(
                select(MeetingRevision).where(MeetingRevision.meeting_id == there.id, MeetingRevision.revision == 1)
            )
            assert json.loads(rev1.snapshot_json)["meeting"]["venue"] != there.venue
            assert rev1.reason == "Perbaikan nama tempat"
    finally:
        laptop_store.close()
        target.close()


def test_publishing_twice_changes_nothing(laptop, shared):
    path, _kinds = laptop
    _publish(path, shared)
    before = fingerprint(shared)
    laptop_before = fingerprint(path)
    report = _publish(path, shared)
    assert {o.outcome for o in report.outcomes} == {Outcome.ALREADY_THERE}
    assert fingerprint(shared) == before
    assert fingerprint(path) == laptop_before  # the laptop's store is only read
    assert "0 revisi diterbitkan" in publish_summary(report)


def test_a_revision_tampered_with_in_the_shared_store_is_refused_not_merged(laptop, shared):
    path, kinds = laptop
    _publish(path, shared)
    target = open_store(shared)
    with target.session() as session:
        uuid = session.scalar(select(Meeting.uuid).where(Meeting.revision == 2))
        meeting_id = session.scalar(select(Meeting.id).where(Meeting.uuid == uuid))
        frozen = session.scalar(
            select(MeetingRevision).where(MeetingRevision.meeting_id == meeting_id, MeetingRevision.revision == 1)
        )
        document = json.loads(frozen.snapshot_json)
        document["meeting"]["title"] = "Judul yang dipalsukan"
        frozen.snapshot_json = json.dumps(document)  # the hash column left as it was
    target.close()
    tampered = fingerprint(shared)
    report = _publish(path, shared)
    refused = [o for o in report.outcomes if o.outcome is Outcome.REFUSED]
    assert [(o.meeting_uuid, o.revision) for o in refused] == [(uuid, 1), (uuid, 2)]
    assert "isi yang berbeda" in refused[0].reason and "tidak ditimpa" in refused[0].reason
    assert "revisi 1 rapat ini ditolak" in refused[1].reason
    assert revision_line(refused[0]).startswith("ditolak: ")
    assert fingerprint(shared) == tampered  # nothing merged, nothing overwritten
    # the other meetings are still there as they were
    assert report.count(Outcome.ALREADY_THERE) == len(report.outcomes) - 2


def test_a_changed_hash_in_the_shared_store_is_refused(laptop, shared):
    path, _kinds = laptop
    _publish(path, shared)
    target = open_store(shared)
    with target.session() as session:
        session.execute(update(MeetingRevision).where(MeetingRevision.id == 1).values(content_sha256="0" * 64))
    target.close()
    report = _publish(path, shared)
    assert report.count(Outcome.REFUSED) == 1


def test_a_revision_altered_on_the_laptop_is_not_published(laptop, shared):
    path, kinds = laptop
    source = open_store(path)
    with source.session() as session:
        meeting = session.get(Meeting, kinds["signed"][0])
        frozen = session.scalar(select(MeetingRevision).where(MeetingRevision.meeting_id == meeting.id))
        document = json.loads(frozen.snapshot_json)
        document["meeting"]["conclusions"] = []
        frozen.snapshot_json = json.dumps(document)
        uuid = meeting.uuid
    source.close()
    report = _publish(path, shared)
    refused = [o for o in report.outcomes if o.outcome is Outcome.REFUSED]
    assert [o.meeting_uuid for o in refused] == [uuid]
    assert "diubah di luar aplikasi" in refused[0].reason
    target = open_store(shared)
    with target.session() as session:
        assert session.scalar(select(Meeting).where(Meeting.uuid == uuid)) is None
    target.close()


def test_a_signature_added_on_the_laptop_later_completes_the_published_revision(laptop, shared):
    path, kinds = laptop
    final = kinds["final"][0]
    _publish(path, shared)
    source = open_store(path)
    with source.session() as session:
        sign(session, final, role="chair")
        uuid = session.get(Meeting, final).uuid
    source.close()
    report = _publish(path, shared)
    completed = [o for o in report.outcomes if o.outcome is Outcome.COMPLETED]
    assert [o.meeting_uuid for o in completed] == [uuid]
    assert "1 tanda tangan ditambahkan" in completed[0].reason
    target = open_store(shared)
    with target.session() as session:
        assert session.scalar(select(Meeting.status).where(Meeting.uuid == uuid)) is MeetingStatus.SIGNED
    target.close()
    again = fingerprint(shared)
    _publish(path, shared)
    assert fingerprint(shared) == again


def test_only_the_meetings_asked_for_and_a_draft_is_said_to_be_one(laptop, shared):
    path, kinds = laptop
    report = _publish(path, shared, [str(kinds["signed"][0]), str(kinds["draft"][0])])
    assert len(report.outcomes) == 1 and report.outcomes[0].outcome is Outcome.PUBLISHED
    assert report.drafts == ("Rapat yang masih draf",)


def test_follow_up_links_survive_a_later_revision_replacing_the_earlier_one(laptop, shared):
    """The November meeting follows the August one; August amended and published again keeps it so."""
    path, _kinds = laptop
    _publish(path, shared)
    source = open_store(path)
    with source.session() as session:
        august = session.scalar(select(Meeting).where(Meeting.uuid.like("%15082024a001")))
        amend_meeting(session, august.id, "Tempat rapat diperbaiki")
        update_meeting(session, august.id, venue="Ruang Rapat Kantor Imigrasi")
        finalize_meeting(session, august.id)
    source.close()
    report = _publish(path, shared)
    assert [(o.revision, o.outcome) for o in report.outcomes if o.meeting_uuid.endswith("15082024a001")] == [
        (1, Outcome.COMPLETED),  # the reason of the amendment is written on revision 1
        (2, Outcome.PUBLISHED),
    ]
    target = open_store(shared)
    with target.session() as session:
        november = session.scalar(select(Meeting).where(Meeting.uuid.like("%21112024a001")))
        assert november.follows is not None and november.follows.uuid.endswith("15082024a001")
        assert november.follows.venue == "Ruang Rapat Kantor Imigrasi" and november.follows.revision == 2
        # its reviews of August's action items point at the live items again
        reviews = [r for r in november.action_reviews if r.action_uuid]
        assert reviews and all(r.action is not None for r in reviews)
    target.close()
    assert whole_revisions(path, shared) == publishable_revisions(path)


def test_an_amendment_still_in_draft_publishes_only_the_signed_revision_before_it(laptop, shared):
    path, kinds = laptop
    signed = kinds["signed"][0]
    source = open_store(path)
    with source.session() as session:
        amend_meeting(session, signed, "Masih dikerjakan")
        update_meeting(session, signed, venue="Belum final")
        uuid = session.get(Meeting, signed).uuid
    source.close()
    report = _publish(path, shared, [uuid])
    assert [(o.revision, o.outcome) for o in report.outcomes] == [(1, Outcome.PUBLISHED)]
    target = open_store(shared)
    with target.session() as session:
        there = session.scalar(select(Meeting).where(Meeting.uuid == uuid))
        assert (there.revision, there.status) == (1, MeetingStatus.SIGNED)
        assert there.venue != "Belum final"
    target.close()


def test_a_photo_removed_in_a_later_revision_is_said_to_be_missing_from_the_earlier_one(laptop, shared):
    """The laptop no longer holds its bytes (it prints revision 1 without it too): published
    without it, and the summary says so."""
    from app.models import Attachment
    from app.services.attachments import delete_attachment

    path, kinds = laptop
    meeting_id = kinds["signed"][0]
    source = open_store(path)
    with source.session() as session:
        amend_meeting(session, meeting_id, "Foto salah")
        photo = session.scalar(select(Attachment.id).where(Attachment.meeting_id == meeting_id).limit(1))
        delete_attachment(session, photo)
        finalize_meeting(session, meeting_id)
        uuid = session.get(Meeting, meeting_id).uuid
    source.close()
    report = _publish(path, shared, [uuid])
    assert [(o.revision, o.outcome, o.missing_attachments) for o in report.outcomes] == [
        (1, Outcome.PUBLISHED, 1),
        (2, Outcome.PUBLISHED, 0),
    ]
    assert revision_line(report.outcomes[0]).endswith("(tanpa 1 lampiran yang sudah tidak ada di laptop ini)")
    target = open_store(shared)
    with target.session() as session:
        there = session.scalar(select(Meeting).where(Meeting.uuid == uuid))
        assert len(there.attachments) == 2 and there.revision == 2
    target.close()


def test_a_meeting_published_before_the_one_it_follows_up_is_linked_when_that_one_arrives(laptop, shared):
    path, _kinds = laptop
    _publish(path, shared, ["5d1c2a8e-6f0b-4c1e-9a51-21112024a001"])  # November only
    target = open_store(shared)
    with target.session() as session:
        assert session.scalar(select(Meeting).where(Meeting.uuid.like("%21112024a001"))).follows is None
    target.close()
    _publish(path, shared, ["5d1c2a8e-6f0b-4c1e-9a51-15082024a001"])  # then August
    target = open_store(shared)
    with target.session() as session:
        november = session.scalar(select(Meeting).where(Meeting.uuid.like("%21112024a001")))
        assert november.follows is not None and november.follows.uuid.endswith("15082024a001")
        assert all(r.action is not None for r in november.action_reviews)
    target.close()
