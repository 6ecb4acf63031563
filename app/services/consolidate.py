"""Importing `.timpora` files into a store, one file or a whole folder of them.

The Kanwil receives the offices' packages by mail or on a USB stick and puts them in one store.
Every file goes through the import's one safe path (app/services/package.py reads within caps,
app/services/exchange.py checks it all before the store is touched and writes it in one
transaction), so a hostile file in the folder is refused on its own and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Meeting, MeetingRevision
from app.services.errors import ConflictError, UserError
from app.services.exchange import import_streamed, read_package
from app.services.package import Package, open_package
from app.services.records import MeetingBundle, content_sha256, load_bundle

if TYPE_CHECKING:
    from app.db import Store

log = logging.getLogger(__name__)

#: What a folder import reads; anything else in the folder is left alone.
PACKAGE_SUFFIXES = (".timpora", ".json")


class FileOutcome(StrEnum):
    NEW = "new"
    ALREADY_THERE = "already_there"
    REFUSED = "refused"
    #: A directory file (people and agencies, app/services/moving.py), read before the meetings.
    DIRECTORY = "directory"


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: FileOutcome
    meeting_id: int | None = None
    title: str = ""
    #: Why it was refused, in the user's language.
    reason: str = ""


class AlreadyThere(ConflictError):
    """The meeting of this file is in the store with the same content."""

    def __init__(self, message: str, meeting_id: int, title: str) -> None:
        super().__init__(message)
        self.meeting_id = meeting_id
        self.title = title


def import_file(store: Store, path: Path) -> int:
    """Import one .json or .timpora file; return the new meeting's id.

    The file is checked completely before the store is touched; attachments are read again one by
    one while they are written, so memory holds one of them at a time.
    """
    with open_package(Path(path)) as package:
        bundle = read_package(package, stream=True)
        return import_checked(store, bundle, package)


def import_checked(store: Store, bundle: MeetingBundle, package: Package) -> int:
    """Write a file already read and checked (`read_package(..., stream=True)`) in one transaction.

    A meeting already in the store raises AlreadyThere when the content is the same,
    ConflictError when it is not (never duplicated, never overwritten: the stored copy may be
    signed).
    """
    return import_streamed(store.session, package, bundle, check=_refuse_present).meeting_id


def _refuse_present(session: Session, bundle: MeetingBundle) -> None:
    """The meeting is already there: with the same content (its live record or a frozen
    revision) or with another one; each is said as what it is."""
    existing = session.scalar(select(Meeting).where(Meeting.uuid == bundle.meeting.uuid))
    if existing is None:
        return
    known = set(
        session.scalars(select(MeetingRevision.content_sha256).where(MeetingRevision.meeting_id == existing.id))
    )
    known.add(content_sha256(load_bundle(session, existing.id)))
    if content_sha256(bundle) in known:
        raise AlreadyThere(
            _("This meeting is already in the store (id {id}, {title}); it was not imported again.").format(
                id=existing.id, title=existing.title
            ),
            existing.id,
            existing.title,
        )
    raise ConflictError(
        _(
            "Another version of this meeting is already in the store (id {id}, {title}); the file was not "
            "imported and the stored one was not changed."
        ).format(id=existing.id, title=existing.title)
    )


def package_files(folder: Path) -> list[Path]:
    """The files of the folder a folder import reads, by name (not its subfolders)."""
    return sorted(
        (entry for entry in Path(folder).iterdir() if entry.suffix.lower() in PACKAGE_SUFFIXES),
        key=lambda p: p.name.lower(),
    )


def packages_in(folder: Path) -> list[Path]:
    """package_files, or one message when the folder has none (said before any store is opened)."""
    files = package_files(folder)
    if not files:
        raise UserError(_("The folder {folder} holds no .timpora or .json file.").format(folder=folder))
    return files


def import_folder(
    store: Store, folder: Path, *, on_file: Callable[[FileResult], None] | None = None
) -> list[FileResult]:
    """Import every package of the folder, each on its own; one refused file stops nothing.

    A directory file goes first, so its people and agencies (with their names of today and
    before) are in the store when the meetings that name them arrive.
    """
    from app.db import StoreError
    from app.services.moving import is_directory_file

    files = package_files(folder)
    directories = [path for path in files if is_directory_file(path)]
    results = []
    for path in directories + [path for path in files if path not in directories]:
        try:
            if path in directories:
                result = _import_directory_file(store, path)
                results.append(result)
                if on_file is not None:
                    on_file(result)
                continue
            meeting_id = import_file(store, path)
            with store.session() as session:
                title = session.get_one(Meeting, meeting_id).title
            result = FileResult(path, FileOutcome.NEW, meeting_id, title)
        except AlreadyThere as exc:
            result = FileResult(path, FileOutcome.ALREADY_THERE, exc.meeting_id, exc.title)
        except StoreError:
            raise  # the store itself failed: the next file would fail the same way
        except UserError as exc:
            result = FileResult(path, FileOutcome.REFUSED, reason=str(exc))
        except (MemoryError, RecursionError, OSError) as exc:
            # Caps keep a file from coming here; should one all the same, it is refused alone.
            log.exception("importing %s", path)
            result = FileResult(path, FileOutcome.REFUSED, reason=_("it cannot be read ({error})").format(error=exc))
        results.append(result)
        if on_file is not None:
            on_file(result)
    return results


def outcome_counts(results: list[FileResult]) -> dict[FileOutcome, int]:
    """How many files of a folder import had each outcome (every outcome named, 0 when none)."""
    return {outcome: sum(1 for r in results if r.outcome is outcome) for outcome in FileOutcome}


def file_line(result: FileResult, *, with_id: bool = True) -> str:
    """One line on one file of a folder import: what became of it, and why when it was refused.
    `with_id` names the meeting's id, for the command line (the window shows titles only)."""
    if result.outcome is FileOutcome.NEW:
        line = _("new: {file}: {title} (id {id})") if with_id else _("imported: {file}: {title}")
    elif result.outcome is FileOutcome.DIRECTORY:
        line = _("directory: {file}: {title}")
    elif result.outcome is FileOutcome.ALREADY_THERE:
        line = _("already there: {file}: {title} (id {id})") if with_id else _("already here: {file}: {title}")
    else:
        line = _("refused: {file}: {reason}")
    return line.format(file=result.path.name, title=result.title, id=result.meeting_id, reason=result.reason)


def _import_directory_file(store: Store, path: Path) -> FileResult:
    from app.services.moving import import_directory, read_directory_file

    directory = read_directory_file(path)  # checked completely before the store is touched
    with store.session() as session:
        added = import_directory(session, directory)
    summary = _("{persons} people ({new_persons} new), {agencies} agencies ({new_agencies} new)").format(
        persons=added.persons, new_persons=added.new_persons, agencies=added.agencies, new_agencies=added.new_agencies
    )
    return FileResult(path, FileOutcome.DIRECTORY, title=summary)
