"""What the minutes of a meeting print: the live record of a draft, the frozen one of a final meeting.

Once a meeting is final or signed its printed content never changes again: the minutes are
rendered from the revision's snapshot (app/services/revisions.py), not from the live rows. The
live rows keep moving on purpose (an action item's status follows its reviews at later
meetings, a person's jabatan is corrected in the directory, the kop surat gets a new address),
and none of that may change a record an office has filed, or the content hash its QR code and
signatures carry.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.models import Attachment, Meeting
from app.models.enums import AttachmentKind, MeetingStatus
from app.services.exchange import document_to_bundle, read_record
from app.services.meetings import get_meeting
from app.services.records import (
    AttachmentRecord,
    MeetingBundle,
    OfficeRecord,
    content_sha256,
    load_bundle,
    office_record,
)
from app.services.revisions import frozen_revision


@dataclass(frozen=True)
class PrintedRecord:
    """Everything the minutes render from, and the hash their QR code and metadata carry."""

    bundle: MeetingBundle
    office: OfficeRecord
    content_sha256: str
    status: MeetingStatus
    #: printed from the revision's snapshot (final or signed), not from the live rows
    frozen: bool

    @property
    def is_draft(self) -> bool:
        return self.status is MeetingStatus.DRAFT


def printed_record(session: Session, meeting_id: int | str) -> PrintedRecord:
    """The record the minutes of a meeting print, frozen once the meeting is final or signed."""
    meeting: Meeting = get_meeting(session, meeting_id)
    frozen = frozen_revision(session, meeting)
    if frozen is None:
        bundle = load_bundle(session, meeting.id)
        return PrintedRecord(bundle, office_record(session), content_sha256(bundle), meeting.status, frozen=False)
    document = json.loads(frozen.snapshot_json)
    bundle = _bundle_from_snapshot(session, meeting, document)
    office = read_record(OfficeRecord, document["office"], "office") if "office" in document else None
    return PrintedRecord(
        bundle=bundle,
        office=office or office_record(session),
        content_sha256=frozen.content_sha256,
        status=meeting.status,
        frozen=True,
    )


def _bundle_from_snapshot(session: Session, meeting: Meeting, document: dict) -> MeetingBundle:
    """The snapshot's records; photos take their print copies from the attachment rows.

    A snapshot names its attachments by hash instead of embedding them; a row whose bytes no
    longer match that hash (or that is gone) prints no photo rather than another one.
    """
    plain_attachments = document["meeting"].get("attachments", [])
    without_files = {**document, "meeting": {**document["meeting"], "attachments": []}}
    bundle = document_to_bundle(without_files)
    rows = {
        row.uuid: row
        for row in session.scalars(
            select(Attachment).where(Attachment.meeting_id == meeting.id).options(undefer(Attachment.print_image))
        )
    }
    attachments = []
    for plain in plain_attachments:
        row = rows.get(plain["uuid"])
        same = row is not None and row.sha256 == plain["sha256"]
        attachments.append(
            AttachmentRecord(
                uuid=plain["uuid"],
                position=plain["position"],
                filename=plain["filename"],
                sha256=plain["sha256"],
                kind=AttachmentKind(plain.get("kind", AttachmentKind.PHOTO.value)),
                media_type=plain.get("media_type", "application/octet-stream"),
                caption=plain.get("caption", ""),
                size=plain.get("size", 0),
                print_image=row.print_image if same else None,
                print_width=row.print_width if same else None,
                print_height=row.print_height if same else None,
            )
        )
    return dataclasses.replace(bundle, meeting=dataclasses.replace(bundle.meeting, attachments=tuple(attachments)))
