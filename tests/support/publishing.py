"""A laptop store with signed, final, amended and draft meetings, and what a shared store must hold."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import inspect, select, text

from app.db import open_store
from app.models import Agency, Attachment, Meeting, MeetingRevision, Person, SignedDocument
from app.services.demo import load_demo
from app.services.duplicate import duplicate_meeting
from app.services.meetings import update_meeting
from app.services.printed import printed_record
from app.services.records import content_sha256, load_bundle
from app.services.revisions import amend_meeting, finalize_meeting, record_signature
from tests.support.photos import add_demo_photos
from tests.support.postgres import engine_of


def sign(session, meeting_id: int, *, role: str = "chair", file_hash: str | None = None) -> None:
    record = printed_record(session, meeting_id)
    record_signature(
        session,
        meeting_id,
        role=role,
        file_sha256=file_hash or hashlib.sha256(f"{meeting_id}-{role}-{record.content_sha256}".encode()).hexdigest(),
        content_sha256=record.content_sha256,
        signer_name="Antonius Frizky, S.C.P.",
        fingerprint="c" * 64,
        filename=f"notulen-{meeting_id}.pdf",
    )


def build_laptop(path: Path, *, copies: int = 3) -> dict[str, list[int]]:
    """The demo meetings plus `copies` copies of the November meeting, with photos:
    signed (chair and secretary), final, amended into a signed revision 2, and one draft."""
    store = open_store(path)
    kinds: dict[str, list[int]] = {"signed": [], "final": [], "amended": [], "draft": []}
    try:
        with store.session() as session:
            demo = load_demo(session)
            add_demo_photos(session, demo)
        with store.session() as session:
            ids = [demo] + [duplicate_meeting(session, demo).id for _ in range(copies)]
            draft = duplicate_meeting(session, demo).id
            update_meeting(session, draft, title="Rapat yang masih draf")
            kinds["draft"].append(draft)
        for index, meeting_id in enumerate(ids):
            with store.session() as session:
                finalize_meeting(session, meeting_id)
                if index % 3 == 2:
                    kinds["final"].append(meeting_id)
                    continue
                sign(session, meeting_id, role="chair")
                sign(session, meeting_id, role="secretary")
            if index % 3 == 1:
                with store.session() as session:
                    amend_meeting(session, meeting_id, "Perbaikan nama tempat")
                    update_meeting(session, meeting_id, venue="Aula Kantor Imigrasi Lubuklinggau")
                with store.session() as session:
                    finalize_meeting(session, meeting_id)
                    sign(session, meeting_id, role="chair")
                kinds["amended"].append(meeting_id)
            else:
                kinds["signed"].append(meeting_id)
    finally:
        store.close()
    return kinds


def fingerprint(location: Path | str) -> dict[str, tuple[int, str]]:
    """Every table's row count and a hash of all its rows: equal means nothing changed.
    `location`: a SQLite file or a server store's URL."""
    engine = engine_of(str(location))
    try:
        with engine.connect() as conn:
            result = {}
            for table in sorted(inspect(conn).get_table_names()):
                rows = sorted(repr(tuple(row)) for row in conn.execute(text(f'SELECT * FROM "{table}"')))
                result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
            return result
    finally:
        engine.dispose()


def whole_revisions(laptop: Path, shared: Path | str) -> list[tuple[str, int]]:
    """(meeting uuid, revision) of every revision in the shared store, each checked to be whole:
    the laptop's snapshot and hash, its signed files, the attachments it names with their bytes,
    the people and agencies it references, and live rows that are those of the latest one."""
    source, target = open_store(laptop, create=False), open_store(shared, create=False)
    found = []
    try:
        with source.session() as mine, target.session() as theirs:
            for frozen, meeting in theirs.execute(
                select(MeetingRevision, Meeting).join(Meeting, MeetingRevision.meeting_id == Meeting.id)
            ):
                original = mine.scalar(
                    select(MeetingRevision)
                    .join(Meeting, MeetingRevision.meeting_id == Meeting.id)
                    .where(Meeting.uuid == meeting.uuid, MeetingRevision.revision == frozen.revision)
                )
                assert original is not None, (meeting.uuid, frozen.revision)
                assert (frozen.snapshot_json, frozen.content_sha256) == (
                    original.snapshot_json,
                    original.content_sha256,
                )
                signed = {
                    (d.uuid, d.file_sha256)
                    for d in theirs.scalars(
                        select(SignedDocument).where(
                            SignedDocument.meeting_id == meeting.id, SignedDocument.revision == frozen.revision
                        )
                    )
                }
                expected = {
                    (d.uuid, d.file_sha256)
                    for d in mine.scalars(
                        select(SignedDocument)
                        .join(Meeting, SignedDocument.meeting_id == Meeting.id)
                        .where(Meeting.uuid == meeting.uuid, SignedDocument.revision == original.revision)
                    )
                }
                assert signed == expected, (meeting.title, frozen.revision)
                document = json.loads(frozen.snapshot_json)
                for plain in document["meeting"]["attachments"]:
                    row = theirs.scalar(select(Attachment).where(Attachment.uuid == plain["uuid"]))
                    assert row is not None and row.meeting_id == meeting.id, plain["filename"]
                    assert hashlib.sha256(row.content).hexdigest() == plain["sha256"]
                persons = {p["uuid"] for p in document["persons"]}
                agencies = {a["uuid"] for a in document["agencies"]}
                assert set(theirs.scalars(select(Person.uuid).where(Person.uuid.in_(persons)))) == persons
                assert set(theirs.scalars(select(Agency.uuid).where(Agency.uuid.in_(agencies)))) == agencies
                latest = max(
                    theirs.scalars(select(MeetingRevision.revision).where(MeetingRevision.meeting_id == meeting.id))
                )
                assert meeting.revision == latest
                if frozen.revision == latest:
                    assert content_sha256(load_bundle(theirs, meeting.id)) == frozen.content_sha256
                found.append((meeting.uuid, frozen.revision))
    finally:
        source.close()
        target.close()
    return sorted(found)


def publishable_revisions(laptop: Path) -> list[tuple[str, int]]:
    from app.services.publish import publishable

    store = open_store(laptop, create=False)
    try:
        with store.session() as session:
            return sorted(publishable(session)[0])
    finally:
        store.close()
