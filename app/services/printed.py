"""What the minutes of a meeting print: the live record of a draft, the frozen one of a final meeting.

Once a meeting is final or signed its printed content never changes again: the minutes are
rendered from the revision's snapshot (app/services/revisions.py), not from the live rows. The
live rows keep moving on purpose (an action item's status follows its reviews at later
meetings, a person's jabatan is corrected in the directory, the kop surat gets a new address),
and none of that may change a record an office has filed, or the content hash its QR code and
signatures carry.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from app.models import Attachment, Meeting, MeetingRevision
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
            snapshot_attachment(
                plain,
                content=_signed_sheet_content(row, plain["sha256"]),
                print_image=row.print_image if row is not None and same else None,
                print_width=row.print_width if row is not None and same else None,
                print_height=row.print_height if row is not None and same else None,
            )
        )
    return dataclasses.replace(bundle, meeting=dataclasses.replace(bundle.meeting, attachments=tuple(attachments)))


def snapshot_attachment(plain: dict[str, Any], **stored: Any) -> AttachmentRecord:
    """An attachment as a frozen snapshot names it; `stored`: its bytes or print copy, where at hand.
    A malformed entry raises KeyError, TypeError or ValueError."""
    return AttachmentRecord(
        uuid=plain["uuid"],
        position=plain["position"],
        filename=plain["filename"],
        sha256=plain["sha256"],
        kind=AttachmentKind(plain.get("kind", AttachmentKind.PHOTO.value)),
        media_type=plain.get("media_type", "application/octet-stream"),
        caption=plain.get("caption", ""),
        size=plain.get("size", 0),
        **stored,
    )


def _signed_sheet_content(row: Attachment | None, sha256: str) -> bytes | None:
    """The scan of the signed daftar hadir, only when its bytes are the ones the revision froze:
    a file swapped under a signature (even with its hash column kept) is not printed."""
    if row is None or row.kind is not AttachmentKind.SIGNED_SHEET:
        return None
    content = row.content
    return content if content and hashlib.sha256(content).hexdigest() == sha256 else None


# --- the verification code a person reads -----------------------------------------------------

#: Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TYPOS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
_CODE = re.compile(r"^[0-9A-Z]{4}-?[0-9A-Z]{4}$")


def verification_code(content_sha256: str) -> str:
    """'7K3Q-M9XD': the first 40 bits of the content hash, for people to read and type.

    Short on purpose: it names one revision's content among a store's records, it is no proof
    against someone who sets out to forge one (the PDF's signatures are that proof).
    """
    raw = bytes.fromhex(content_sha256)[:5]
    text = base64.b32encode(raw).decode("ascii").translate(str.maketrans(_RFC4648, _CROCKFORD))
    return f"{text[:4]}-{text[4:]}"


def normal_code(text: str) -> str | None:
    """A code as typed or scanned ('7k3q m9xd', '7K3QM9XD') in its printed form; None if not one."""
    squeezed = re.sub(r"[\s.]", "", text or "").upper().translate(_TYPOS)
    if not _CODE.match(squeezed):
        return None
    squeezed = squeezed.replace("-", "")
    return f"{squeezed[:4]}-{squeezed[4:]}"


@dataclass(frozen=True)
class CodeMatch:
    """A revision of a meeting in this store whose printed content has the code."""

    meeting_id: int
    meeting_uuid: str
    title: str
    number: str
    revision: int
    current_revision: int
    status: MeetingStatus


def find_by_code(session: Session, code: str, *, revision: int | None = None) -> list[CodeMatch]:
    """The final or signed revisions whose verification code is `code` (and revision, if given).

    Only those carry a code on paper: a draft prints none. Frozen revisions are read from their
    snapshots' stored hashes; a meeting finalized by an older version (no snapshot) is hashed now.
    """
    wanted = normal_code(code)
    if wanted is None:
        return []
    found: dict[tuple[int, int], CodeMatch] = {}

    def keep(meeting: Meeting, rev: int, digest: str) -> None:
        if verification_code(digest) == wanted and (revision is None or revision == rev):
            found[(meeting.id, rev)] = CodeMatch(
                meeting.id, meeting.uuid, meeting.title, meeting.number, rev, meeting.revision, meeting.status
            )

    rows = session.execute(select(MeetingRevision, Meeting).join(Meeting, MeetingRevision.meeting_id == Meeting.id))
    for frozen, meeting in rows:
        keep(meeting, frozen.revision, frozen.content_sha256)
    unfrozen = session.scalars(select(Meeting).where(Meeting.status != MeetingStatus.DRAFT))
    for meeting in unfrozen:
        if (meeting.id, meeting.revision) not in found and frozen_revision(session, meeting) is None:
            keep(meeting, meeting.revision, content_sha256(load_bundle(session, meeting.id)))
    return sorted(found.values(), key=lambda m: (m.meeting_id, m.revision))
