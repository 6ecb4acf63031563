"""The whole store as a folder of files, for moving to a new laptop: every meeting as its own
.timpora and the directory (every person and agency, also those no meeting names) as one
directory file, which the folder import (app/services/consolidate.py) reads back.

Unlike `backup export` (one SQLite copy), these are the exchange files anyone can read,
check and import one by one, into an empty store or one that already holds meetings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import typing
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import app
from app.i18n import _
from app.models import Agency, AgencyName, Meeting, Person
from app.services.errors import FormatError, UserError
from app.services.exchange import meeting_package, plain_value, read_record
from app.services.files import remove_stale_partials, write_new_file
from app.services.package import open_package
from app.services.record_rules import check_directory
from app.services.records import AgencyRecord, PersonRecord, agency_record, person_record

DIRECTORY_FORMAT = "notulen-timpora/directory"
DIRECTORY_VERSION = 1
DIRECTORY_NAME = "Direktori"
#: How far into a .json the folder import looks for the directory's format name (it is the
#: first key written), to send the file to the directory's reader rather than the meeting's.
SNIFF_BYTES = 512
#: A title's part of a file name: Windows' limit on a path leaves room for the folder.
TITLE_CHARS = 80


@dataclasses.dataclass(frozen=True)
class FormerNameRecord:
    """A name an agency carried until `renamed_on`: minutes print the name of their day."""

    name: str
    short_name: str
    renamed_on: dt.date


@dataclasses.dataclass(frozen=True)
class DirectoryFile:
    persons: tuple[PersonRecord, ...]
    agencies: tuple[AgencyRecord, ...]
    former_names: dict[str, tuple[FormerNameRecord, ...]]


@dataclasses.dataclass(frozen=True)
class StoreExport:
    meetings: tuple[Path, ...]
    directory: Path
    persons: int
    agencies: int


@dataclasses.dataclass(frozen=True)
class DirectoryImport:
    persons: int
    agencies: int
    new_persons: int
    new_agencies: int


def meeting_file_stem(date: dt.date, title: str) -> str:
    """ "2024-11-21 Rapat Koordinasi …": sorts by date in a folder, safe on Windows and Linux."""
    words = re.sub(r'[<>:"/\\|?*\x00-\x1f\x7f]+', " ", title)
    words = " ".join(words.split())[:TITLE_CHARS].rstrip(" .")
    return f"{date.isoformat()} {words}".strip()


def export_store(session: Session, folder: Path) -> StoreExport:
    """Every meeting as `<date> <title>.timpora` and the directory as `Direktori.json` in `folder`
    (made if missing; files already there are kept, new ones get a number). Each file gets its
    name only once whole (files.write_new_file): an export cut off leaves whole files only."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserError(_("{name} is a file, not a folder.").format(name=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            _("The folder {folder} cannot be created: {error}").format(folder=folder, error=exc.strerror or exc)
        ) from exc
    remove_stale_partials(folder)  # what a killed run of this left there, unseen by any import
    written = []
    rows = session.execute(select(Meeting.id, Meeting.date, Meeting.title).order_by(Meeting.date, Meeting.id))
    for meeting_id, date, title in rows.all():
        package = meeting_package(session, meeting_id, ".timpora")
        written.append(write_new_file(folder, meeting_file_stem(date, title), ".timpora", package))
    document = directory_document(session)
    text = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    target = write_new_file(folder, DIRECTORY_NAME, ".json", text)
    return StoreExport(tuple(written), target, len(document["persons"]), len(document["agencies"]))


def directory_document(session: Session) -> dict[str, typing.Any]:
    """Every agency (with the names it carried before) and every person, as plain JSON."""
    agencies = []
    for agency in session.scalars(select(Agency).order_by(Agency.sort_order, Agency.id)):
        entry = plain_value(agency_record(agency))
        entry["former_names"] = [
            plain_value(FormerNameRecord(f.name, f.short_name, f.renamed_on)) for f in agency.former_names
        ]
        agencies.append(entry)
    persons = [plain_value(person_record(p)) for p in session.scalars(select(Person).order_by(Person.id))]
    return {
        "format": DIRECTORY_FORMAT,
        "version": DIRECTORY_VERSION,
        "app_version": app.__version__,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "agencies": agencies,
        "persons": persons,
    }


def is_directory_file(path: Path) -> bool:
    """The folder import's routing only; the directory's reader checks the whole file."""
    if Path(path).suffix.lower() != ".json":
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return f'"{DIRECTORY_FORMAT}"'.encode() in head


def read_directory_file(path: Path) -> DirectoryFile:
    """Read and check a directory file completely (within the packages' caps), touching no store."""
    with open_package(Path(path)) as package:
        try:
            document = json.loads(package.meeting_json.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise FormatError(
                _("The file {name} is not a directory file (it is not valid JSON).").format(name=Path(path).name)
            ) from None
    if not isinstance(document, dict) or document.get("format") != DIRECTORY_FORMAT:
        raise FormatError(_("The file is not a Notulen Timpora directory file."))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= DIRECTORY_VERSION:
        raise FormatError(
            _("The directory file is in format version {version}, which this app does not read.").format(
                version=version
            )
        )
    agencies_in, persons_in = document.get("agencies"), document.get("persons")
    if not isinstance(agencies_in, list) or not isinstance(persons_in, list):
        raise FormatError(_("The directory file lists no agencies or no persons."))
    agencies: list[AgencyRecord] = []
    former_names: dict[str, tuple[FormerNameRecord, ...]] = {}
    for index, entry in enumerate(agencies_in):
        where = f"agencies[{index}]"
        formers: object = []
        if isinstance(entry, dict):  # anything else is refused by read_record, naming the place
            entry = dict(entry)
            formers = entry.pop("former_names", [])
        record = read_record(AgencyRecord, entry, where)
        names = tuple(
            read_record(FormerNameRecord, f, f"{where}.former_names[{n}]")
            for n, f in enumerate(formers if isinstance(formers, list) else [formers])
        )
        if len({f.renamed_on for f in names}) != len(names):
            raise FormatError(
                _("The directory file gives agency {name} two names ending on one day.").format(name=record.name)
            )
        former_names[record.uuid] = names
        agencies.append(record)
    persons = [read_record(PersonRecord, entry, f"persons[{n}]") for n, entry in enumerate(persons_in)]
    check_directory(persons, agencies)
    seen: set[str] = set()
    for row in [*persons, *agencies]:
        if row.uuid in seen:
            raise FormatError(_("The file uses the identifier {uuid} twice.").format(uuid=row.uuid))
        seen.add(row.uuid)
    known = {a.uuid for a in agencies}
    for person in persons:
        if person.agency_uuid is not None and person.agency_uuid not in known:
            raise FormatError(
                _("The file refers to an agency it does not contain ({uuid}).").format(uuid=person.agency_uuid)
            )
    return DirectoryFile(tuple(persons), tuple(agencies), former_names)


def import_directory(session: Session, directory: DirectoryFile) -> DirectoryImport:
    """Add the people and agencies the store lacks; its own entries are kept as they are
    (they may be newer), as a meeting import keeps them."""
    agencies = {
        a.uuid: a for a in session.scalars(select(Agency).where(Agency.uuid.in_([r.uuid for r in directory.agencies])))
    }
    new_agencies = 0
    for record in directory.agencies:
        if record.uuid in agencies:
            continue
        agency = Agency(**dataclasses.asdict(record))
        agency.former_names = [
            AgencyName(name=f.name, short_name=f.short_name, renamed_on=f.renamed_on)
            for f in directory.former_names.get(record.uuid, ())
        ]
        session.add(agency)
        agencies[record.uuid] = agency
        new_agencies += 1
    present = set(session.scalars(select(Person.uuid).where(Person.uuid.in_([r.uuid for r in directory.persons]))))
    new_persons = 0
    for person in directory.persons:
        if person.uuid in present:
            continue
        values = dataclasses.asdict(person)
        agency_uuid = values.pop("agency_uuid")
        session.add(Person(agency=agencies.get(agency_uuid) if agency_uuid else None, **values))
        new_persons += 1
    session.flush()
    return DirectoryImport(len(directory.persons), len(directory.agencies), new_persons, new_agencies)
