"""The exchange format: one meeting as versioned JSON, or a .timpora zip of it plus attachments.

The format is described by docs/exchange-format.schema.json. Import is all or nothing: the file
is read and checked completely before the store is touched, and written in one transaction.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import hashlib
import io
import json
import types
import typing
import uuid as uuid_module
import zipfile
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

import app
from app.i18n import _
from app.models import (
    ActionItem,
    ActionReview,
    Agency,
    AgendaItem,
    Attachment,
    Attendance,
    Conclusion,
    Finding,
    FindingNationality,
    Meeting,
    Person,
)
from app.models.enums import AttachmentKind
from app.services.actions import relink_reviews
from app.services.errors import ConflictError, FormatError
from app.services.files import write_atomically
from app.services.package import PACKAGE_JSON, Package, open_package
from app.services.photos import make_print_copy
from app.services.record_rules import check_attachment, check_records
from app.services.records import (
    MEETING_SCALARS,
    AgencyRecord,
    AttachmentRecord,
    FindingRecord,
    MeetingBundle,
    MeetingRecord,
    PersonRecord,
    load_bundle,
)

FORMAT_NAME = "notulen-timpora/meeting"
#: 2: a finding lists `nationalities` (issue 18); version 1 files say one `nationality` and
#: `persons`, still read (as one row). An older app refuses a version 2 file rather than
#: silently dropping every nationality of it.
FORMAT_VERSION = 2
#: What SQLite stores in an INTEGER; a bigger number in a file is refused, not overflowed.
_INT_RANGE = range(-(2**63), 2**63)

# Fields computed again on import instead of travelling in the file.
_DERIVED_ATTACHMENT_FIELDS = {"content", "print_image", "print_width", "print_height"}


# --- records to plain JSON ---------------------------------------------------------------------


def _plain(value: typing.Any) -> typing.Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def plain_value(value: typing.Any) -> typing.Any:
    """A record (or any value in one) as plain JSON: enums as values, bytes as base64."""
    return _plain(value)


def bundle_to_document(bundle: MeetingBundle, *, embed_files: bool) -> dict:
    """The exchange document; attachments are embedded as base64 or named as files in a zip."""
    meeting = _plain(bundle.meeting)
    for plain, record in zip(meeting["attachments"], bundle.meeting.attachments):
        for name in _DERIVED_ATTACHMENT_FIELDS:
            plain.pop(name, None)
        if embed_files:
            plain["data"] = base64.b64encode(record.content or b"").decode("ascii")
        else:
            plain["file"] = attachment_member(record)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": app.__version__,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "meeting": meeting,
        "persons": _plain(bundle.persons),
        "agencies": _plain(bundle.agencies),
    }


def attachment_member(record: AttachmentRecord) -> str:
    suffix = Path(record.filename).suffix.lower()[:10]
    return f"attachments/{record.uuid}{suffix}"


# --- plain JSON to records ---------------------------------------------------------------------


class _Reader:
    """Turns untrusted JSON into records, naming the exact place of the first problem."""

    def __init__(self, package: Package | None = None, *, stream: bool = False) -> None:
        self.package = package
        # Streaming: a package's attachment is checked when read, then let go; the import reads
        # it again, so a meeting's attachments are never all in memory at once.
        self.stream = stream and package is not None

    def fail(self, where: str, what: str) -> typing.NoReturn:
        raise FormatError(_("The file is not a valid meeting file: {where}: {what}").format(where=where, what=what))

    def record(self, cls: typing.Any, data: typing.Any, where: str) -> typing.Any:
        if not isinstance(data, dict):
            self.fail(where, _("expected an object"))
        if cls is FindingRecord:
            data = single_nationality_read(data)
        hints = typing.get_type_hints(cls)
        values = {}
        for f in dataclasses.fields(cls):
            if f.name in _DERIVED_ATTACHMENT_FIELDS and cls is AttachmentRecord:
                continue
            place = f"{where}.{f.name}"
            if f.name not in data or data[f.name] is None:
                required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                if required:
                    self.fail(place, _("missing"))
                if f.name in data and not _optional(hints[f.name]):
                    self.fail(place, _("must not be empty"))
                continue
            values[f.name] = self.value(hints[f.name], data[f.name], place)
            if f.name == "uuid" or f.name.endswith("_uuid"):
                values[f.name] = self.uuid(values[f.name], place)
        if cls is AttachmentRecord:
            values["content"] = self.attachment_content(data, where)
            if self.stream and "file" in data and "data" not in data:
                record = cls(**values)
                check_attachment(record, where)
                assert self.package is not None  # streaming needs the package (see __init__)
                self.package.remember(record.uuid, data["file"])
                return dataclasses.replace(record, content=None)
        return cls(**values)

    def value(self, hint: typing.Any, data: typing.Any, where: str) -> typing.Any:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(hint) if a is not type(None)]
            return self.value(inner[0], data, where)
        if origin is tuple:
            item_type = typing.get_args(hint)[0]
            if not isinstance(data, list):
                self.fail(where, _("expected a list"))
            return tuple(self.value(item_type, item, f"{where}[{i}]") for i, item in enumerate(data))
        if dataclasses.is_dataclass(hint):
            return self.record(hint, data, where)
        if isinstance(hint, type) and issubclass(hint, Enum):
            try:
                return hint(data)
            except ValueError:
                self.fail(where, _("unknown value {value!r}").format(value=data))
        if hint is bool:
            if not isinstance(data, bool):
                self.fail(where, _("expected true or false"))
            return data
        if hint is int:
            if isinstance(data, bool) or not isinstance(data, int):
                self.fail(where, _("expected a whole number"))
            if data not in _INT_RANGE:
                self.fail(where, _("the number is too large"))
            return data
        if hint is str:
            if not isinstance(data, str):
                self.fail(where, _("expected text"))
            if "\x00" in data:
                self.fail(where, _("contains a NUL character"))
            try:
                data.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate such as "\ud800" from a JSON escape
                self.fail(where, _("contains a character that is not valid text"))
            return data
        if hint is bytes:
            return self.base64(data, where)
        parsers: dict[typing.Any, Callable[[str], typing.Any]] = {
            dt.date: dt.date.fromisoformat,
            dt.time: dt.time.fromisoformat,
            dt.datetime: dt.datetime.fromisoformat,
        }
        if hint in parsers:
            if not isinstance(data, str):
                self.fail(where, _("expected a date or time as text"))
            try:
                parsed = parsers[hint](data)
            except ValueError:
                self.fail(where, _("{value!r} is not a valid date or time").format(value=data))
            if hint is dt.date and isinstance(parsed, dt.datetime):
                parsed = parsed.date()
            if hint is dt.time and parsed.tzinfo is not None:
                self.fail(where, _("a time of day without a time zone is expected"))
            if hint is dt.datetime and parsed.tzinfo is not None:
                # The store keeps UTC without a zone; an aware moment is the same moment in UTC.
                parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
            return parsed
        raise TypeError(f"no reader for {hint!r}")  # a bug in the record definitions

    def uuid(self, value: str | None, where: str) -> str | None:
        """The canonical spelling (lower case, hyphens, no braces): one meeting, one identifier."""
        if value is None:
            return None
        try:
            return str(uuid_module.UUID(value))
        except ValueError:
            self.fail(where, _("not a UUID"))

    def base64(self, data: object, where: str) -> bytes:
        if not isinstance(data, str):
            self.fail(where, _("expected base64 text"))
        try:
            return base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            self.fail(where, _("not valid base64"))

    def attachment_content(self, data: dict, where: str) -> bytes:
        if "data" in data:
            content = self.base64(data["data"], f"{where}.data")
        elif isinstance(data.get("file"), str):
            if self.package is None or not self.package.has(data["file"]):
                self.fail(f"{where}.file", _("the package has no file {name}").format(name=data["file"]))
            content = self.package.read(data["file"])
        else:
            self.fail(where, _("the attachment has neither data nor file"))
        if hashlib.sha256(content).hexdigest() != data.get("sha256"):
            self.fail(f"{where}.sha256", _("the attachment does not match its hash"))
        return content


def single_nationality_read(finding: dict) -> dict:
    """A finding as written before issue 18 (one `nationality`, `persons`) in today's shape: its
    one row of `nationalities`, none when it named neither (as migration finding_nationalities)."""
    if "nationalities" in finding or not ({"nationality", "persons"} & finding.keys()):
        return finding
    code, persons = finding.get("nationality", ""), finding.get("persons")
    rest = {k: v for k, v in finding.items() if k not in ("nationality", "persons")}
    named = code != "" or persons is not None
    return {**rest, "nationalities": [{"nationality": code, "persons": persons}] if named else []}


def read_record(cls: type[typing.Any], data: object, where: str) -> typing.Any:
    """One record of type `cls` from plain JSON, checked like a file's (see `_Reader`)."""
    return _Reader().record(cls, data, where)


def _optional(hint: typing.Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint)


def document_to_bundle(document: typing.Any, package: Package | None = None, *, stream: bool = False) -> MeetingBundle:
    """Check a parsed exchange document completely and return its records.

    With `stream`, attachments read from the package are checked there and left out of the
    records (content None); `import_bundle` given the same package reads them again one by one.
    """
    reader = _Reader(package, stream=stream)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise FormatError(_("The file is not a Notulen Timpora meeting file."))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError(_("The file does not say which format version it is in."))
    if version > FORMAT_VERSION:
        raise FormatError(
            _(
                "The file is in format version {version}, newer than this app reads ({supported}); update the app."
            ).format(version=version, supported=FORMAT_VERSION)
        )
    if isinstance(document.get("meeting"), dict) and document["meeting"].get("date") in (None, ""):
        raise FormatError(_("The meeting in the file has no date."))
    meeting = reader.record(MeetingRecord, document.get("meeting"), "meeting")
    persons = reader.value(tuple[PersonRecord, ...], document.get("persons", []), "persons")
    agencies = reader.value(tuple[AgencyRecord, ...], document.get("agencies", []), "agencies")
    bundle = MeetingBundle(meeting=meeting, persons=persons, agencies=agencies)
    _check_bundle(bundle)
    return bundle


def _check_bundle(bundle: MeetingBundle) -> None:
    m = bundle.meeting
    if not m.title.strip():
        raise FormatError(_("The meeting in the file has no title."))
    check_records(bundle)  # the editor's rules
    seen: set[str] = set()
    groups: dict[str, Iterable[typing.Any]] = {
        "meeting": [m],
        "agenda": m.agenda,
        "attendances": m.attendances,
        "findings": m.findings,
        "actions": m.actions,
        "reviews": m.reviews,
        "conclusions": m.conclusions,
        "attachments": m.attachments,
        "persons": bundle.persons,
        "agencies": bundle.agencies,
    }
    for rows in groups.values():
        for row in rows:
            if row.uuid in seen:
                raise FormatError(_("The file uses the identifier {uuid} twice.").format(uuid=row.uuid))
            seen.add(row.uuid)
    known_persons = {p.uuid for p in bundle.persons}
    references = [m.chair_uuid, m.secretary_uuid]
    references += [a.presenter_uuid for a in m.agenda] + [r.person_uuid for r in m.attendances]
    references += [a.owner_person_uuid for a in m.actions]
    for ref in references:
        if ref is not None and ref not in known_persons:
            raise FormatError(_("The file refers to a person it does not contain ({uuid}).").format(uuid=ref))
    known_agencies = {a.uuid for a in bundle.agencies}
    agency_references = [p.agency_uuid for p in bundle.persons] + [a.owner_agency_uuid for a in m.actions]
    for ref in agency_references:
        if ref is not None and ref not in known_agencies:
            raise FormatError(_("The file refers to an agency it does not contain ({uuid}).").format(uuid=ref))
    people = [r.person_uuid for r in m.attendances if r.person_uuid]
    if len(people) != len(set(people)):
        raise FormatError(_("The file lists the same person twice in the attendance."))


# --- reading and writing files -------------------------------------------------------------------


def read_exchange_file(path: Path) -> MeetingBundle:
    """Read and check a .json or .timpora file without touching any store (within every cap)."""
    with open_package(Path(path)) as package:
        return read_package(package)


def read_package(package: Package, *, stream: bool = False) -> MeetingBundle:
    """Check an opened file completely; with `stream`, keep the package open for `import_bundle`."""
    try:
        text = package.meeting_json.decode("utf-8-sig")
        package.meeting_json = b""  # one copy of a big file in memory at a time, not three
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError covers JSONDecodeError and a number of more than 4,300 digits.
        raise FormatError(
            _("The file {name} is not a meeting file (it is not valid JSON).").format(name=package.path.name)
        ) from None
    del text
    return document_to_bundle(document, package, stream=stream)


def export_meeting(session: Session, meeting_id: int | str, target: Path) -> Path:
    """Write the meeting to `target`: .json (attachments embedded) or .timpora (zip)."""
    target = Path(target)
    _package_kind(target.suffix)
    if not target.parent.exists():
        raise FormatError(_("The folder {folder} does not exist.").format(folder=target.parent))
    write_atomically(target, meeting_package(session, meeting_id, target.suffix))
    return target


def _package_kind(suffix: str) -> str:
    """.json or .timpora, whatever the case it was typed in; anything else refused."""
    if suffix.lower() not in (".json", ".timpora"):
        raise FormatError(_("Export to a .json or .timpora file."))
    return suffix.lower()


def meeting_package(session: Session, meeting_id: int | str, suffix: str) -> bytes:
    """The bytes of the meeting's exchange file: `suffix` .json (attachments embedded) or .timpora (zip)."""
    suffix = _package_kind(suffix)
    bundle = load_bundle(session, meeting_id, with_content=True)
    document = bundle_to_document(bundle, embed_files=(suffix == ".json"))
    text = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    if suffix == ".json":
        return text
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(PACKAGE_JSON, text)
        for record in bundle.meeting.attachments:
            # Photos are already compressed; storing them saves time and changes nothing.
            package.writestr(attachment_member(record), record.content or b"", compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


# --- into the store ---------------------------------------------------------------------------------


def import_bundle(session: Session, bundle: MeetingBundle, package: Package | None = None) -> Meeting:
    """Write a checked bundle into the store; a meeting already there is refused, not duplicated.

    Attachments left out of a streamed bundle are read from `package`, one at a time.
    """
    m = bundle.meeting
    existing = session.scalar(select(Meeting).where(Meeting.uuid == m.uuid))
    if existing is not None:
        raise ConflictError(
            _("This meeting is already in the store (id {id}, {title}); it was not imported again.").format(
                id=existing.id, title=existing.title
            )
        )
    _refuse_taken_uuids(session, m)
    agencies = _merge_agencies(session, bundle.agencies)
    persons = _merge_persons(session, bundle.persons, agencies)
    meeting = Meeting(
        **{name: getattr(m, name) for name in MEETING_SCALARS},
        chair=persons.get(m.chair_uuid or ""),
        secretary=persons.get(m.secretary_uuid or ""),
    )
    # The earlier meeting may not be here (yet): its uuid is kept, and linked when it arrives.
    meeting.follows_uuid = m.follows_uuid
    if m.follows_uuid:
        meeting.follows = session.scalar(select(Meeting).where(Meeting.uuid == m.follows_uuid))
        meeting.follows_uuid = m.follows_uuid
    meeting.agenda_items = [
        AgendaItem(
            uuid=a.uuid,
            position=a.position,
            time=a.time,
            title=a.title,
            presenter=persons.get(a.presenter_uuid or ""),
            presenter_name=a.presenter_name,
            discussion=a.discussion,
        )
        for a in m.agenda
    ]
    meeting.attendances = [
        Attendance(
            person=persons.get(r.person_uuid or ""),
            **{f.name: getattr(r, f.name) for f in dataclasses.fields(r) if f.name != "person_uuid"},
        )
        for r in m.attendances
    ]
    meeting.findings = [_finding(f) for f in m.findings]
    meeting.action_items = [
        ActionItem(
            uuid=a.uuid,
            position=a.position,
            description=a.description,
            owner_agency_id=agencies[a.owner_agency_uuid].id if a.owner_agency_uuid in agencies else None,
            owner_agency_name=a.owner_agency_name,
            owner_person_id=persons[a.owner_person_uuid].id if a.owner_person_uuid in persons else None,
            owner_person_name=a.owner_person_name,
            due_date=a.due_date,
            status=a.status,
        )
        for a in m.actions
    ]
    live_actions = {
        action.uuid: action
        for action in session.scalars(select(ActionItem).where(ActionItem.uuid.in_([r.action_uuid for r in m.reviews])))
    }
    meeting.action_reviews = [
        ActionReview(action=live_actions.get(r.action_uuid), **dataclasses.asdict(r)) for r in m.reviews
    ]
    meeting.conclusions = [Conclusion(**dataclasses.asdict(c)) for c in m.conclusions]
    meeting.attachments = [_attachment(a) for a in m.attachments if a.content is not None]
    session.add(meeting)
    session.flush()
    streamed = [a for a in m.attachments if a.content is None]
    if streamed and package is None:
        raise TypeError("a streamed bundle is imported with its package")  # a bug in the caller
    for record in streamed:
        assert package is not None  # refused above
        content = package.read(attachment_member_of(record, package))
        if hashlib.sha256(content).hexdigest() != record.sha256:
            raise FormatError(_("The package {name} changed while it was imported.").format(name=package.path.name))
        attachment = _attachment(dataclasses.replace(record, content=content))
        del content
        meeting.attachments.append(attachment)
        session.flush()
        session.expire(attachment, ["content"])  # written; the next one may have the memory
    relink_reviews(session, meeting.action_items)
    _link_waiting_follow_ups(session, meeting)
    return meeting


def _finding(record: FindingRecord) -> Finding:
    finding = Finding(
        **{f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "nationalities"}
    )
    finding.nationalities = [
        FindingNationality(position=n, nationality=row.nationality, persons=row.persons)
        for n, row in enumerate(record.nationalities, start=1)
    ]
    return finding


def _link_waiting_follow_ups(session: Session, meeting: Meeting) -> None:
    """Meetings imported before this one that follow it are linked to it now."""
    session.execute(
        update(Meeting)
        .where(Meeting.follows_uuid == meeting.uuid, Meeting.follows_id.is_(None))
        .values(follows_id=meeting.id)
        .execution_options(synchronize_session="fetch")
    )


def attachment_member_of(record: AttachmentRecord, package: Package) -> str:
    """The member a streamed attachment was read from (remembered by the package)."""
    return package.member_of(record.uuid)


def _refuse_taken_uuids(session: Session, m: MeetingRecord) -> None:
    """A row of this meeting whose identifier another meeting already uses (a copied file given
    only a new meeting uuid) is refused with a message, not left to the unique index."""
    for model, rows in (
        (AgendaItem, m.agenda),
        (Attendance, m.attendances),
        (Finding, m.findings),
        (ActionItem, m.actions),
        (ActionReview, m.reviews),
        (Conclusion, m.conclusions),
        (Attachment, m.attachments),
    ):
        uuids = [row.uuid for row in rows]
        for chunk in range(0, len(uuids), 500):
            taken = session.scalar(select(model.uuid).where(model.uuid.in_(uuids[chunk : chunk + 500])).limit(1))
            if taken is not None:
                raise ConflictError(
                    _(
                        "The file reuses the identifier {uuid} of a row already in the store; "
                        "it is a copy of another meeting and was not imported."
                    ).format(uuid=taken)
                )


def _attachment(record: AttachmentRecord) -> Attachment:
    values = {
        f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name not in _DERIVED_ATTACHMENT_FIELDS
    }
    attachment = Attachment(content=record.content, **values)
    if record.kind is AttachmentKind.PHOTO and record.content:
        attachment.print_image, attachment.print_width, attachment.print_height = make_print_copy(record.content)
    return attachment


def _merge_agencies(session: Session, records: tuple[AgencyRecord, ...]) -> dict[str, Agency]:
    """Agencies by uuid: the store's own entry where it has one, else a new entry from the file."""
    found = {a.uuid: a for a in session.scalars(select(Agency).where(Agency.uuid.in_([r.uuid for r in records])))}
    for record in records:
        if record.uuid not in found:
            agency = Agency(**dataclasses.asdict(record))
            session.add(agency)
            found[record.uuid] = agency
    return found


def _merge_persons(
    session: Session, records: tuple[PersonRecord, ...], agencies: dict[str, Agency]
) -> dict[str, Person]:
    """People by uuid; the directory's own entries are kept as they are (they may be newer)."""
    found = {p.uuid: p for p in session.scalars(select(Person).where(Person.uuid.in_([r.uuid for r in records])))}
    for record in records:
        if record.uuid not in found:
            values = dataclasses.asdict(record)
            agency_uuid = values.pop("agency_uuid")
            person = Person(agency=agencies.get(agency_uuid), **values)
            session.add(person)
            found[record.uuid] = person
    return found


def import_file(session: Session, path: Path) -> Meeting:
    return import_bundle(session, read_exchange_file(path))


#: Two imports bringing the same new people may race; the loser tries again and finds them.
IMPORT_ATTEMPTS = 3


@dataclasses.dataclass(frozen=True)
class Imported:
    meeting_id: int
    title: str
    #: False when the meeting was already in the store (only with `existing_ok`).
    imported: bool


def import_streamed(
    sessions: typing.Callable[[], typing.ContextManager[Session]],
    package: Package,
    bundle: MeetingBundle,
    *,
    existing_ok: bool = False,
    check: typing.Callable[[Session, MeetingBundle], None] | None = None,
) -> Imported:
    """Write a bundle read with `read_package(package, stream=True)`, in one transaction.

    The command line and the window both import this way: the file was checked completely
    and within every cap before, and attachments are read again one at a time while written.
    `sessions` opens a unit of work (`Store.session`); a race on new people is tried again.
    With `existing_ok`, a meeting already in the store is found rather than refused; `check`
    looks at the store first, in the same transaction (the folder import's "already there").
    """
    from sqlalchemy.exc import IntegrityError

    for attempt in range(IMPORT_ATTEMPTS):
        try:
            with sessions() as session:
                if check is not None:
                    check(session, bundle)
                if existing_ok:
                    existing = session.scalar(select(Meeting).where(Meeting.uuid == bundle.meeting.uuid))
                    if existing is not None:
                        return Imported(existing.id, existing.title, False)
                meeting = import_bundle(session, bundle, package)
                result = Imported(meeting.id, meeting.title, True)
            return result
        except IntegrityError:
            # Another import wrote the same new people or agencies between our look-up and our
            # write; the next attempt finds them there and keeps them.
            if attempt + 1 == IMPORT_ATTEMPTS:
                raise ConflictError(
                    _("Another import changed the store at the same time; try this import again.")
                ) from None
    raise AssertionError("unreachable")
