"""Signed records and their revisions: lock on signing, amend into a new draft revision, register.

A revision is frozen the moment the meeting is finalized (or, for a draft signed directly, first
signed): its exchange-format snapshot, the kop surat it prints under and its content hash go
into `meeting_revisions`. Its minutes are printed from that snapshot from then on (see
app/services/printed.py), so a PDF of that revision reads and matches the same even after the
meeting was amended, a person or agency it names was edited in the directory, its action items
were reviewed at later meetings or the kop surat changed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models import Meeting, MeetingRevision, SignedDocument
from app.models.enums import MeetingStatus, SignerRole
from app.services.errors import ConflictError, ValidationError
from app.services.exchange import bundle_to_document, plain_value, single_nationality_read
from app.services.meetings import field_labels, get_meeting
from app.services.records import content_sha256, load_bundle, office_record
from app.services.validation import clean_text

#: Fields that change with every revision or export, not with what the minutes say.
_VOLATILE = {"status", "revision", "created_at", "updated_at", "exported_at", "app_version", "format", "version"}
_SECTIONS = {
    "agenda": N_("Agenda"),
    "attendances": N_("Attendance"),
    "findings": N_("Findings"),
    "actions": N_("Action items"),
    "reviews": N_("Earlier action items"),
    "conclusions": N_("Conclusions"),
    "attachments": N_("Documentation"),
}
_SHORT = 60


# --- locking ----------------------------------------------------------------------------------


def finalize_meeting(session: Session, meeting_id: int | str) -> Meeting:
    """Draft → final: the record is complete and waits for signatures; edits are refused.

    The revision is frozen now: what its minutes print no longer follows the directory, the
    reviews of its action items at later meetings or the kop surat.
    """
    meeting = get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.DRAFT:
        meeting.status = MeetingStatus.FINAL
        _freeze(session, meeting)
        session.flush()
    return meeting


def reopen_meeting(session: Session, meeting_id: int | str) -> Meeting:
    """Final → draft, while nothing is signed yet; signed minutes are amended instead."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.SIGNED:
        raise ConflictError(_("The minutes of this meeting are signed; amend it to make a new revision."))
    if meeting.status is MeetingStatus.FINAL:
        # Nothing of this revision is signed (that would make it SIGNED): its snapshot is
        # dropped and made again at the next finalization, from what the draft then says.
        frozen = _snapshot(session, meeting, meeting.revision)
        if frozen is not None:
            session.delete(frozen)
            previous = _snapshot(session, meeting, meeting.revision - 1)
            if previous is not None:
                previous.changes = ""
    meeting.status = MeetingStatus.DRAFT
    session.flush()
    return meeting


def _snapshot(session: Session, meeting: Meeting, revision: int) -> MeetingRevision | None:
    return session.scalar(
        select(MeetingRevision).where(MeetingRevision.meeting_id == meeting.id, MeetingRevision.revision == revision)
    )


def frozen_revision(session: Session, meeting: Meeting) -> MeetingRevision | None:
    """The snapshot the minutes of a final or signed meeting print from; None for a draft.

    None too for a meeting finalized by a version of the app that froze only on signing.
    """
    if meeting.status is MeetingStatus.DRAFT:
        return None
    return _snapshot(session, meeting, meeting.revision)


def _current_document(session: Session, meeting: Meeting) -> tuple[dict, str]:
    bundle = load_bundle(session, meeting.id)
    # Attachments are named, not embedded: their bytes stay in the attachments table and
    # their hashes are in the snapshot, so a revision stays small and still checkable.
    return bundle_to_document(bundle, embed_files=False), content_sha256(bundle)


def _freeze(session: Session, meeting: Meeting, *, reason: str = "") -> MeetingRevision:
    """The snapshot of the meeting's current revision, made now if it does not exist yet."""
    frozen = _snapshot(session, meeting, meeting.revision)
    if frozen is None:
        document, digest = _current_document(session, meeting)
        # The kop surat is printed on every page: frozen with the record (not part of its hash).
        document["office"] = plain_value(office_record(session))
        frozen = MeetingRevision(
            meeting_id=meeting.id,
            revision=meeting.revision,
            snapshot_json=json.dumps(document, ensure_ascii=False, sort_keys=True),
            content_sha256=digest,
            reason=reason,
            changes="",
        )
        session.add(frozen)
        previous = _snapshot(session, meeting, meeting.revision - 1)
        if previous is not None and not previous.changes:
            previous.changes = json.dumps(
                diff_documents(json.loads(previous.snapshot_json), document), ensure_ascii=False
            )
    elif reason:
        frozen.reason = reason
    session.flush()
    return frozen


def record_signature(
    session: Session,
    meeting_id: int | str,
    *,
    role: SignerRole | str,
    file_sha256: str,
    content_sha256: str,
    signer_name: str,
    fingerprint: str,
    filename: str,
    revision: int | None = None,
    signed_at: dt.datetime | None = None,
) -> SignedDocument:
    """Register a signed PDF of the meeting's current revision and lock the meeting (SIGNED)."""
    meeting = get_meeting(session, meeting_id)
    check_signable_record(session, meeting, revision=revision or meeting.revision, content_sha256=content_sha256)
    meeting.status = MeetingStatus.SIGNED
    _freeze(session, meeting)
    when = (signed_at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    document = SignedDocument(
        revision=meeting.revision,
        content_sha256=content_sha256,
        file_sha256=file_sha256,
        signer_role=SignerRole(role),
        signer_name=signer_name[:200],
        certificate_fingerprint=fingerprint,
        signed_at=when,
        filename=filename[:255],
    )
    meeting.signed_documents.append(document)
    session.flush()
    return document


def check_signable_record(session: Session, meeting: Meeting, *, revision: int, content_sha256: str) -> None:
    """Refuse to register a PDF that is not of the meeting's current revision and content."""
    if revision != meeting.revision:
        raise ConflictError(
            _(
                "This PDF is revision {document} of the minutes, but the meeting is now at revision {current}; "
                "make the PDF again."
            ).format(document=revision, current=meeting.revision)
        )
    frozen = frozen_revision(session, meeting)
    if frozen is not None:
        # Final or signed: the revision is frozen and printed from its snapshot; the people it
        # names may have been edited in the directory since.
        matches = frozen.content_sha256 == content_sha256
    else:
        matches = content_sha256 == _current_document(session, meeting)[1]
    if not matches:
        raise ConflictError(_("The meeting was changed after this PDF was made; make the PDF again and sign that one."))


def amend_meeting(session: Session, meeting_id: int | str, reason: str) -> Meeting:
    """Open a new draft revision of a signed or final meeting; the old one stays readable."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.DRAFT:
        raise ConflictError(_("This meeting is still a draft; change it directly, no amendment is needed."))
    reason = clean_text(reason, field="reason", label=_("Reason for the amendment"), required=True, max_length=2000)
    _freeze(session, meeting, reason=reason)
    meeting.revision += 1
    meeting.status = MeetingStatus.DRAFT
    session.flush()
    return meeting


# --- reading revisions and the register -------------------------------------------------------


@dataclass(frozen=True)
class RevisionSummary:
    revision: int
    content_sha256: str
    reason: str
    #: Field-level changes to the next revision, as lines in the user's language.
    changes: tuple[str, ...]
    created_at: dt.datetime | None


@dataclass(frozen=True)
class SignedEntry:
    revision: int
    role: SignerRole
    signer_name: str
    signed_at: dt.datetime
    file_sha256: str
    content_sha256: str
    fingerprint: str
    filename: str


def revision_history(session: Session, meeting_id: int | str) -> list[RevisionSummary]:
    """Every frozen revision of the meeting, oldest first."""
    meeting = get_meeting(session, meeting_id)
    rows = session.scalars(
        select(MeetingRevision).where(MeetingRevision.meeting_id == meeting.id).order_by(MeetingRevision.revision)
    )
    return [
        RevisionSummary(
            revision=row.revision,
            content_sha256=row.content_sha256,
            reason=row.reason,
            changes=tuple(describe_changes(revision_changes(session, meeting.id, row.revision))),
            created_at=row.created_at,
        )
        for row in rows
    ]


def revision_document(session: Session, meeting_id: int | str, revision: int) -> dict:
    """The exchange-format document of one revision: frozen snapshot, or the live record."""
    meeting = get_meeting(session, meeting_id)
    if revision == meeting.revision and meeting.status is MeetingStatus.DRAFT:
        return _current_document(session, meeting)[0]
    frozen = _snapshot(session, meeting, revision)
    if frozen is None:
        if revision == meeting.revision:
            return _current_document(session, meeting)[0]
        raise ValidationError(_("The meeting has no revision {revision}.").format(revision=revision), field="revision")
    return json.loads(frozen.snapshot_json)


def revision_changes(session: Session, meeting_id: int | str, revision: int) -> list[dict]:
    """What changed from `revision` to the next one (stored once known, else computed now)."""
    meeting = get_meeting(session, meeting_id)
    frozen = _snapshot(session, meeting, revision)
    if frozen is not None and frozen.changes:
        return json.loads(frozen.changes)
    if revision >= meeting.revision:
        return []
    return diff_documents(
        revision_document(session, meeting.id, revision), revision_document(session, meeting.id, revision + 1)
    )


def signed_register(session: Session, meeting_id: int | str) -> list[SignedEntry]:
    """Every signed PDF of the meeting, all revisions, in signing order."""
    meeting = get_meeting(session, meeting_id)
    return [
        SignedEntry(
            revision=d.revision,
            role=d.signer_role,
            signer_name=d.signer_name,
            signed_at=d.signed_at,
            file_sha256=d.file_sha256,
            content_sha256=d.content_sha256,
            fingerprint=d.certificate_fingerprint,
            filename=d.filename,
        )
        for d in meeting.signed_documents
    ]


def is_registered(session: Session, file_sha256: str) -> bool:
    """Was exactly this file signed and registered here?"""
    return (
        session.scalar(select(SignedDocument.id).where(SignedDocument.file_sha256 == file_sha256).limit(1)) is not None
    )


# --- matching a PDF with the record -----------------------------------------------------------


class MatchStatus(StrEnum):
    CURRENT = "current"
    EARLIER_REVISION = "earlier_revision"
    DIFFERENT = "different"
    UNKNOWN_REVISION = "unknown_revision"
    NOT_IN_STORE = "not_in_store"


@dataclass(frozen=True)
class RecordMatch:
    status: MatchStatus
    document_revision: int
    meeting_id: int | None = None
    current_revision: int | None = None
    #: One sentence for the user.
    message: str = ""

    @property
    def matches(self) -> bool:
        return self.status in (MatchStatus.CURRENT, MatchStatus.EARLIER_REVISION)


def match_record(session: Session, meeting_uuid: str, *, revision: int, content_sha256: str) -> RecordMatch:
    """Does a PDF's (uuid, revision, content hash) match this store's record of that revision?"""
    meeting = session.scalar(select(Meeting).where(Meeting.uuid == meeting_uuid.strip().lower()))
    if meeting is None:
        return RecordMatch(
            MatchStatus.NOT_IN_STORE, revision, message=_("This store has no record of the meeting in this PDF.")
        )
    base = dict(document_revision=revision, meeting_id=meeting.id, current_revision=meeting.revision)
    frozen = _snapshot(session, meeting, revision)
    if revision > meeting.revision or (revision < meeting.revision and frozen is None):
        return RecordMatch(
            MatchStatus.UNKNOWN_REVISION,
            **base,
            message=_(
                "This store does not hold revision {revision} of the meeting (it is at revision {current})."
            ).format(revision=revision, current=meeting.revision),
        )
    known = {frozen.content_sha256} if frozen is not None else set()
    if revision == meeting.revision:
        known.add(_current_document(session, meeting)[1])
    if content_sha256 not in known:
        return RecordMatch(
            MatchStatus.DIFFERENT,
            **base,
            message=_("The PDF does not match revision {revision} of the record: its content is different.").format(
                revision=revision
            ),
        )
    if revision == meeting.revision:
        return RecordMatch(
            MatchStatus.CURRENT,
            **base,
            message=_("The PDF matches the record: revision {revision}, the current one.").format(revision=revision),
        )
    return RecordMatch(
        MatchStatus.EARLIER_REVISION,
        **base,
        message=_(
            "The PDF matches revision {revision} of the record; the meeting has since been amended (current revision: {current})."
        ).format(revision=revision, current=meeting.revision),
    )


# --- differences between revisions -----------------------------------------------------------


def _short(value: object) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def diff_documents(old: dict, new: dict) -> list[dict]:
    """Field-level differences between two exchange documents of one meeting."""
    changes: list[dict] = []
    old_meeting, new_meeting = _today_shape(old.get("meeting", {})), _today_shape(new.get("meeting", {}))
    for field in sorted(set(old_meeting) | set(new_meeting)):
        if field in _VOLATILE or field in _SECTIONS:
            continue
        if old_meeting.get(field) != new_meeting.get(field):
            changes.append(
                {
                    "section": "meeting",
                    "field": field,
                    "old": _short(old_meeting.get(field)),
                    "new": _short(new_meeting.get(field)),
                }
            )
    for section in _SECTIONS:
        before = {row["uuid"]: row for row in old_meeting.get(section, [])}
        after = {row["uuid"]: row for row in new_meeting.get(section, [])}
        for uuid in before.keys() - after.keys():
            changes.append({"section": section, "uuid": uuid, "change": "removed", "label": _row_label(before[uuid])})
        for uuid in after.keys() - before.keys():
            changes.append({"section": section, "uuid": uuid, "change": "added", "label": _row_label(after[uuid])})
        for uuid in before.keys() & after.keys():
            fields = sorted(
                f
                for f in set(before[uuid]) | set(after[uuid])
                if f not in _VOLATILE and before[uuid].get(f) != after[uuid].get(f)
            )
            if fields:
                changes.append(
                    {
                        "section": section,
                        "uuid": uuid,
                        "change": "changed",
                        "label": _row_label(after[uuid]),
                        "fields": fields,
                    }
                )
    return changes


def _today_shape(meeting: dict) -> dict:
    """A revision frozen before issue 18 names one nationality per finding: compared as the list
    it is read as, so an amendment that left its findings alone shows no change there."""
    if not meeting.get("findings"):
        return meeting
    return {**meeting, "findings": [single_nationality_read(f) for f in meeting["findings"]]}


def _row_label(row: dict) -> str:
    for key in ("title", "name", "description", "text", "category", "filename"):
        if row.get(key):
            return _short(row[key])
    return ""


def describe_changes(changes: list[dict]) -> list[str]:
    """The changes as short lines in the user's language."""
    labels = {
        **field_labels(),
        "kind": _("Kind of meeting"),
        "level": _("Team level"),
        "chair_uuid": _("Meeting chair"),
        "secretary_uuid": _("Minute taker"),
        "classification": _("Classification"),
        "time_zone": _("Time zone"),
        "follows_uuid": _("Earlier meeting"),
    }
    lines = []
    for change in changes:
        if change["section"] == "meeting":
            lines.append(
                _("{field}: “{old}” → “{new}”").format(
                    field=labels.get(change["field"], change["field"]), old=change["old"], new=change["new"]
                )
            )
            continue
        section = _(_SECTIONS[change["section"]])
        template = {
            "added": N_("{section}: added “{label}”"),
            "removed": N_("{section}: removed “{label}”"),
            "changed": N_("{section}: changed “{label}” ({fields})"),
        }[change["change"]]
        lines.append(
            _(template).format(
                section=section, label=change.get("label", ""), fields=", ".join(change.get("fields", []))
            )
        )
    return lines
