"""Publishing: the final and signed revisions of the laptop's meetings into a shared store.

A published revision is the revision's frozen snapshot (app/services/revisions.py) verbatim,
its entries in the register of signed minutes, the attachments it names and the people and
agencies it references. The shared store's live rows of a meeting are those of the latest
revision published there, written by the import's own path (`document_to_bundle` checks the
snapshot like any file, `import_bundle` writes it, people and agencies matched by uuid), so
the window, the search and the reports of the shared store read it as any other meeting.

Signed revisions never change, so publishing is idempotent and never merges: a revision
already there with the same snapshot and content hash is left as it is (a signature added on
the laptop since is added); one with another content under the same meeting uuid and revision
is refused and reported. Each revision is written in its own transaction of the shared store,
so a publish interrupted at any point leaves whole revisions only; the next run completes it.
Drafts are never published.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Attachment, Meeting, MeetingRevision, SignedDocument
from app.models.enums import MeetingStatus
from app.services.errors import UserError
from app.services.exchange import document_to_bundle, import_bundle
from app.services.meetings import get_meeting
from app.services.printed import snapshot_attachment
from app.services.record_rules import check_attachment
from app.services.records import MeetingBundle, content_sha256, load_bundle

if TYPE_CHECKING:
    from app.db import Store

_REVISION_FIELDS = (
    "uuid",
    "revision",
    "snapshot_json",
    "content_sha256",
    "reason",
    "changes",
    "created_at",
    "updated_at",
)
_SIGNED_FIELDS = (
    "uuid",
    "revision",
    "content_sha256",
    "file_sha256",
    "signer_role",
    "signer_name",
    "certificate_fingerprint",
    "signed_at",
    "filename",
    "created_at",
    "updated_at",
)


class Outcome(StrEnum):
    PUBLISHED = "published"
    #: already there; what the laptop added since (a signature, the reason of an amendment) was added
    COMPLETED = "completed"
    ALREADY_THERE = "already_there"
    REFUSED = "refused"


@dataclass(frozen=True)
class RevisionOutcome:
    meeting_uuid: str
    title: str
    revision: int
    outcome: Outcome
    #: Why it was refused, or what was completed, in the user's language.
    reason: str = ""
    #: Attachments the snapshot names whose bytes the laptop no longer holds (removed in a later
    #: revision): the revision is published without them, as the laptop prints it.
    missing_attachments: int = 0


@dataclass(frozen=True)
class PublishReport:
    outcomes: tuple[RevisionOutcome, ...]
    #: Meetings asked for (or found) that have only a draft: nothing of them was published.
    drafts: tuple[str, ...] = ()

    def count(self, outcome: Outcome) -> int:
        return sum(1 for o in self.outcomes if o.outcome is outcome)

    @property
    def refused(self) -> bool:
        return self.count(Outcome.REFUSED) > 0


class PublishRefused(UserError):
    """This revision cannot be published; the message says why. Nothing of it was written."""


# --- what the laptop has to publish ------------------------------------------------------------


def publishable(session: Session, meetings: Sequence[int | str] = ()) -> tuple[list[tuple[str, int]], list[str]]:
    """(meeting uuid, revision) of every final or signed revision, oldest meeting first, and the
    titles of the meetings that have none (drafts). `meetings` limits it to those (id or uuid)."""
    if meetings:
        chosen = [get_meeting(session, ref) for ref in meetings]
    else:
        chosen = list(session.scalars(select(Meeting).order_by(Meeting.date, Meeting.id)))
    chosen.sort(key=lambda m: (m.date, m.id))
    revisions: list[tuple[str, int]] = []
    drafts: list[str] = []
    for meeting in chosen:
        frozen = session.scalars(
            select(MeetingRevision.revision)
            .where(MeetingRevision.meeting_id == meeting.id)
            .order_by(MeetingRevision.revision)
        ).all()
        # Every frozen revision was final or signed (reopening a final one drops its snapshot);
        # the current one only while it is not a draft again.
        wanted = [r for r in frozen if r < meeting.revision or meeting.status is not MeetingStatus.DRAFT]
        if wanted:
            revisions += [(meeting.uuid, r) for r in wanted]
        elif meetings or meeting.status is MeetingStatus.DRAFT:
            drafts.append(meeting.title)
    return revisions, drafts


def _status_of(meeting: Meeting, revision: int, signed: list[SignedDocument]) -> MeetingStatus:
    if revision == meeting.revision:
        return meeting.status
    return MeetingStatus.SIGNED if signed else MeetingStatus.FINAL


class _LaptopFiles:
    """The laptop's attachment bytes, read one at a time while the shared store writes them
    (what a package is to `import_bundle`): a meeting's photos are never all in memory at once."""

    def __init__(self, source: Session, meeting: Meeting) -> None:
        self.source = source
        self.path = Path(str(source.get_bind().engine.url.database or "store"))
        self.ids: dict[str, int] = dict(
            source.execute(select(Attachment.uuid, Attachment.id).where(Attachment.meeting_id == meeting.id)).all()
        )

    def member_of(self, attachment_uuid: str) -> str:
        return attachment_uuid

    def read(self, attachment_uuid: str) -> bytes:
        return self.source.scalar(select(Attachment.content).where(Attachment.id == self.ids[attachment_uuid])) or b""


def _snapshot_bundle(
    source: Session, meeting: Meeting, frozen: MeetingRevision
) -> tuple[MeetingBundle, _LaptopFiles, int]:
    """The revision as records, checked as a file is, naming the attachments the laptop holds.

    The snapshot must give its own content hash: a laptop store altered behind the app's back is
    not copied into the office's archive. Each attachment is read, checked and let go here, and
    read again while it is written. Returns the bundle to import (attachments streamed from the
    returned files) and how many attachments the snapshot names whose bytes are gone from the
    laptop (removed in a later revision: the revision is published without them, as it prints).
    """
    try:
        document = json.loads(frozen.snapshot_json)
        plain_attachments = document["meeting"].get("attachments", [])
        without_files = {**document, "meeting": {**document["meeting"], "attachments": []}}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _not_whole(frozen.revision) from None
    bundle = document_to_bundle(without_files)
    files = _LaptopFiles(source, meeting)
    hashes = dict(
        source.execute(select(Attachment.uuid, Attachment.sha256).where(Attachment.meeting_id == meeting.id)).all()
    )
    named, kept = [], []
    for index, plain in enumerate(plain_attachments):
        try:
            record = snapshot_attachment(plain)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _not_whole(frozen.revision) from None
        named.append(record)
        if hashes.get(record.uuid) != record.sha256:
            continue
        content = files.read(record.uuid)
        if hashlib.sha256(content).hexdigest() == record.sha256:
            check_attachment(dataclasses.replace(record, content=content), f"meeting.attachments[{index}]")
            kept.append(record)
        del content
    whole = dataclasses.replace(bundle, meeting=dataclasses.replace(bundle.meeting, attachments=tuple(named)))
    if content_sha256(whole) != frozen.content_sha256:
        raise _not_whole(frozen.revision)
    to_import = dataclasses.replace(bundle, meeting=dataclasses.replace(bundle.meeting, attachments=tuple(kept)))
    return to_import, files, len(named) - len(kept)


def _not_whole(revision: int) -> PublishRefused:
    return PublishRefused(
        _(
            "On this laptop, revision {revision} does not match its own content hash: the data file was "
            "changed outside the app. It is not published."
        ).format(revision=revision)
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- one revision --------------------------------------------------------------------------------


def publish_revision(source: Session, target: Session, meeting_uuid: str, revision: int) -> RevisionOutcome:
    """Publish one revision into `target` (flushed, not committed: the caller commits it alone).

    Raises PublishRefused, with nothing written, when the shared store holds another content
    under this meeting and revision or the laptop's revision is not whole.
    """
    _hold(target, meeting_uuid)
    meeting = source.scalar(select(Meeting).where(Meeting.uuid == meeting_uuid))
    assert meeting is not None
    frozen = source.scalar(
        select(MeetingRevision).where(MeetingRevision.meeting_id == meeting.id, MeetingRevision.revision == revision)
    )
    assert frozen is not None
    signed = [d for d in meeting.signed_documents if d.revision == revision]
    result: dict[str, Any] = dict(meeting_uuid=meeting.uuid, title=meeting.title, revision=revision)

    there = target.scalar(select(Meeting).where(Meeting.uuid == meeting.uuid))
    there_frozen = (
        target.scalar(
            select(MeetingRevision).where(MeetingRevision.meeting_id == there.id, MeetingRevision.revision == revision)
        )
        if there is not None
        else None
    )
    if there is not None and there_frozen is not None:
        added = _complete(target, there, there_frozen, frozen, signed)
        if added:
            return RevisionOutcome(**result, outcome=Outcome.COMPLETED, reason=added)
        return RevisionOutcome(**result, outcome=Outcome.ALREADY_THERE)

    bundle, files, missing = _snapshot_bundle(source, meeting, frozen)
    if there is not None:
        latest = target.scalar(
            select(MeetingRevision.revision)
            .where(MeetingRevision.meeting_id == there.id)
            .order_by(MeetingRevision.revision.desc())
            .limit(1)
        )
        if there.revision == revision and content_sha256(load_bundle(target, there.id)) != frozen.content_sha256:
            # Imported there from a package, or written there directly: never overwritten.
            raise _different(revision)
        if max(there.revision, latest or 0) > revision:
            # A later revision is already there: its live rows stay, this one joins the history.
            _add_revision(target, there, frozen, signed)
            return RevisionOutcome(**result, outcome=Outcome.PUBLISHED, missing_attachments=missing)
    placed = _place(target, there, bundle, files)
    placed.revision = revision
    placed.status = _status_of(meeting, revision, signed)
    _add_revision(target, placed, frozen, signed)
    return RevisionOutcome(**result, outcome=Outcome.PUBLISHED, missing_attachments=missing)


def _hold(target: Session, meeting_uuid: str) -> None:
    """Take the shared store's write lock for this meeting before reading what is there.

    Two laptops publishing at once must not both read "not there yet" and then both write (the
    later one would carry over a history read before the other's commit). SQLite: the file's
    write lock from the first statement (BEGIN IMMEDIATE, waiting up to the busy timeout);
    PostgreSQL: a lock on the meeting's uuid for the transaction.
    """
    dialect = target.get_bind().dialect.name
    if dialect == "sqlite":
        target.connection().exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        target.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"timpora-publish:{meeting_uuid}"})


def _different(revision: int) -> PublishRefused:
    return PublishRefused(
        _(
            "The shared store already holds revision {revision} of this meeting with another content; "
            "it was not overwritten. Ask the office which copy is the signed one."
        ).format(revision=revision)
    )


def _complete(
    target: Session,
    there: Meeting,
    there_frozen: MeetingRevision,
    frozen: MeetingRevision,
    signed: list[SignedDocument],
) -> str:
    """The same revision is there: check it is the same, add what the laptop added since."""
    same = there_frozen.content_sha256 == frozen.content_sha256 and _digest(there_frozen.snapshot_json) == _digest(
        frozen.snapshot_json
    )
    if not same:
        raise _different(frozen.revision)
    registered = {
        d.uuid: d
        for d in target.scalars(
            select(SignedDocument).where(
                SignedDocument.meeting_id == there.id, SignedDocument.revision == frozen.revision
            )
        )
    }
    for document in signed:
        known = registered.get(document.uuid)
        if known is not None and (known.file_sha256, known.content_sha256) != (
            document.file_sha256,
            document.content_sha256,
        ):
            raise PublishRefused(
                _(
                    "The shared store registers another signed file under the same entry for revision {revision}; "
                    "it was not overwritten."
                ).format(revision=frozen.revision)
            )
    new = [d for d in signed if d.uuid not in registered]
    notes = []
    for document in new:
        target.add(SignedDocument(meeting_id=there.id, **{f: getattr(document, f) for f in _SIGNED_FIELDS}))
    if new:
        notes.append(_("{count} signature(s) added").format(count=len(new)))
        if there.revision == frozen.revision and there.status is not MeetingStatus.SIGNED:
            there.status = MeetingStatus.SIGNED
    # The reason of an amendment and what it changed are written on the earlier revision when
    # the next one is made: filled in, never rewritten.
    for name in ("reason", "changes"):
        if getattr(frozen, name) and not getattr(there_frozen, name):
            setattr(there_frozen, name, getattr(frozen, name))
            notes.append(_("the amendment's note added") if name == "reason" else _("the changes listed"))
    target.flush()
    return ", ".join(notes)


def _add_revision(target: Session, meeting: Meeting, frozen: MeetingRevision, signed: list[SignedDocument]) -> None:
    target.add(MeetingRevision(meeting_id=meeting.id, **{f: getattr(frozen, f) for f in _REVISION_FIELDS}))
    for document in signed:
        target.add(SignedDocument(meeting_id=meeting.id, **{f: getattr(document, f) for f in _SIGNED_FIELDS}))
    target.flush()


def _place(target: Session, there: Meeting | None, bundle: MeetingBundle, files: _LaptopFiles) -> Meeting:
    """The meeting's live rows in the shared store become this revision's, by the import's path.

    An earlier revision there is replaced: its history (frozen revisions, register) is carried
    over, and the meetings and reviews there that point at it point at the new rows again.
    """
    carried: list[dict] = []
    register: list[dict] = []
    followers: list[int] = []
    if there is not None:
        carried = [
            {f: getattr(row, f) for f in _REVISION_FIELDS}
            for row in target.scalars(select(MeetingRevision).where(MeetingRevision.meeting_id == there.id))
        ]
        register = [
            {f: getattr(row, f) for f in _SIGNED_FIELDS}
            for row in target.scalars(select(SignedDocument).where(SignedDocument.meeting_id == there.id))
        ]
        followers = list(target.scalars(select(Meeting.id).where(Meeting.follows_id == there.id)))
        target.delete(there)
        target.flush()
        target.expunge_all()  # rows removed by the cascade must not be found in the identity map
    placed = import_bundle(target, bundle, files)  # type: ignore[arg-type]  # reads like a package
    for values in carried:
        target.add(MeetingRevision(meeting_id=placed.id, **values))
    for values in register:
        target.add(SignedDocument(meeting_id=placed.id, **values))
    for follower in followers:
        row = target.get(Meeting, follower)
        if row is not None:
            row.follows_id = placed.id
    _link_followers(target, placed)
    target.flush()
    return placed


def _link_followers(target: Session, placed: Meeting) -> None:
    """Meetings published before the one they follow up point at it now it has arrived (their
    snapshot names it; the link is not part of what the minutes say, so no hash changes)."""
    needle = json.dumps({"follows_uuid": placed.uuid})[1:-1]  # '"follows_uuid": "<uuid>"'
    rows = target.execute(
        select(Meeting, MeetingRevision.snapshot_json)
        .join(
            MeetingRevision,
            (MeetingRevision.meeting_id == Meeting.id) & (MeetingRevision.revision == Meeting.revision),
        )
        .where(Meeting.follows_id.is_(None), Meeting.id != placed.id, MeetingRevision.snapshot_json.contains(needle))
    ).all()
    for meeting, snapshot in rows:
        if json.loads(snapshot)["meeting"].get("follows_uuid") == placed.uuid:
            meeting.follows_id = placed.id


def open_shared_store(target: str, source: Store | None = None) -> Store:
    """The shared store, which must exist: publishing never creates one by a typing mistake."""
    from app.db import NoStoreError, open_store

    if not str(target).strip():  # an empty path would mean the default store: the laptop's own
        raise UserError(_("Give the shared store first."))
    if source is not None and _same_file(target, source.path):
        raise UserError(_("The shared store is this laptop's own data file; choose the office's shared store."))
    try:
        return open_store(target, create=False)
    except NoStoreError:
        raise UserError(
            _(
                "There is no shared store at {target}. It must exist before anything is published to it: "
                "the office creates it once (`timpora --db {target} init`) and gives its place to every laptop."
            ).format(target=target)
        ) from None


def _same_file(target: str, path: Path) -> bool:
    try:
        return Path(target).resolve() == Path(path).resolve()
    except (OSError, ValueError):
        return False


def revision_line(outcome: RevisionOutcome) -> str:
    """One line of the summary, in the user's language."""
    template = {
        Outcome.PUBLISHED: _("published: {title}, revision {revision}"),
        Outcome.COMPLETED: _("completed: {title}, revision {revision}: {reason}"),
        Outcome.ALREADY_THERE: _("already there: {title}, revision {revision}"),
        Outcome.REFUSED: _("refused: {title}, revision {revision}: {reason}"),
    }[outcome.outcome]
    line = template.format(title=outcome.title, revision=outcome.revision, reason=outcome.reason)
    if outcome.missing_attachments:
        line += " " + _("(without {count} attachment(s) no longer on this laptop)").format(
            count=outcome.missing_attachments
        )
    return line


def publish_summary(report: PublishReport) -> str:
    if not report.outcomes:
        return _("Nothing to publish: no meeting is final or signed.")
    return _(
        "{published} revision(s) published, {completed} completed, {there} already there, {refused} refused."
    ).format(
        published=report.count(Outcome.PUBLISHED),
        completed=report.count(Outcome.COMPLETED),
        there=report.count(Outcome.ALREADY_THERE),
        refused=report.count(Outcome.REFUSED),
    )


# --- the whole publish ---------------------------------------------------------------------------


def publish(
    source: Store,
    target: Store,
    meetings: Sequence[int | str] = (),
    *,
    on_revision: Callable[[RevisionOutcome], None] | None = None,
) -> PublishReport:
    """Publish every final and signed revision (of `meetings`, or all) from `source` into `target`.

    Each revision is one transaction of the shared store. A refused revision is reported and the
    later revisions of its meeting are refused with it (they would build on a history that is not
    the laptop's); other meetings go on.
    """
    outcomes: list[RevisionOutcome] = []
    with source.session() as reading:
        wanted, drafts = publishable(reading, meetings)
        blocked: dict[str, int] = {}
        for meeting_uuid, revision in wanted:
            if meeting_uuid in blocked:
                outcome = RevisionOutcome(
                    meeting_uuid,
                    _title(reading, meeting_uuid),
                    revision,
                    Outcome.REFUSED,
                    _("revision {revision} of this meeting was refused, so the later ones are not published").format(
                        revision=blocked[meeting_uuid]
                    ),
                )
            else:
                outcome = _publish_one(reading, target, meeting_uuid, revision)
                if outcome.outcome is Outcome.REFUSED:
                    blocked[meeting_uuid] = revision
            outcomes.append(outcome)
            if on_revision is not None:
                on_revision(outcome)
        reading.rollback()  # the laptop's store is only read
    return PublishReport(tuple(outcomes), tuple(drafts))


def _title(session: Session, meeting_uuid: str) -> str:
    return session.scalar(select(Meeting.title).where(Meeting.uuid == meeting_uuid)) or meeting_uuid


def _publish_one(reading: Session, target: Store, meeting_uuid: str, revision: int) -> RevisionOutcome:
    from app.db import StoreError

    for attempt in range(3):
        try:
            with target.session() as writing:
                return publish_revision(reading, writing, meeting_uuid, revision)
        except IntegrityError:
            # Another publish or import wrote the same people or rows between our look-up and
            # our write: the next attempt finds them there.
            if attempt == 2:
                return RevisionOutcome(
                    meeting_uuid,
                    _title(reading, meeting_uuid),
                    revision,
                    Outcome.REFUSED,
                    _("another program changed the shared store at the same time; publish again"),
                )
        except StoreError:
            raise  # the shared store itself failed (gone, locked, full): the whole publish stops
        except UserError as exc:
            return RevisionOutcome(meeting_uuid, _title(reading, meeting_uuid), revision, Outcome.REFUSED, str(exc))
    raise AssertionError("unreachable")
