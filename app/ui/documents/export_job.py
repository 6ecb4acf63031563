"""The exports the window runs on the worker: minutes, blank daftar hadir, .timpora package.

Each is written first to a partial file beside its target (the export writers already write
atomically), and only renamed to the target on the GUI thread once the export finished and the
user did not cancel it meanwhile. Cancel and rename both happen on the GUI thread, one after the
other, so a cancelled export can never leave its file behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.db import Store
from app.i18n import _
from app.models.enums import Paper
from app.services.errors import UserError
from app.ui.ops import Cancelled, Job


class ExportKind(StrEnum):
    MINUTES = "minutes"
    SHEET = "sheet"
    PACKAGE = "package"

    @property
    def suffix(self) -> str:
        return ".timpora" if self is ExportKind.PACKAGE else ".pdf"


@dataclass(frozen=True)
class ExportRequest:
    kind: ExportKind
    meeting_id: int
    target: Path
    paper: Paper | None = None
    include_attendance: bool = True
    #: Lampiran I: "signatures" or "present_list"; None follows the office's setting
    attendance_appendix: str | None = None


@dataclass(frozen=True)
class ExportOutcome:
    request: ExportRequest
    #: The finished file under a temporary name; renamed to the target by `complete_export`.
    partial: Path
    pages: int | None
    size: int
    missing_characters: tuple[str, ...] = ()
    without_letterhead: bool = False


def suggested_name(*, title: str, date: dt.date, revision: int, kind: ExportKind) -> str:
    """ "Notulen 2024-11-21 Rapat Koordinasi ….pdf": sorts by date in a folder, safe on Windows."""
    prefix = {ExportKind.MINUTES: "Notulen", ExportKind.SHEET: "Daftar Hadir", ExportKind.PACKAGE: "Rapat"}[kind]
    words = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", title)
    words = " ".join(words.split())[:60].rstrip(" .")
    revision_part = f" rev{revision}" if revision > 1 and kind is ExportKind.MINUTES else ""
    return f"{prefix} {date.isoformat()} {words}{revision_part}".strip() + kind.suffix


def partial_path(target: Path) -> Path:
    # Same folder (the rename must not cross disks), same suffix (the .timpora writer checks it).
    return target.with_name(f".{target.stem}.partial-{secrets.token_hex(4)}{target.suffix}")


def check_target(target: Path, kind: ExportKind) -> Path:
    """Refuse, before any work, a target the export cannot write."""
    target = Path(target).expanduser()
    if target.suffix.lower() != kind.suffix:
        target = target.with_name(target.name + kind.suffix)
    if target.is_dir():
        raise UserError(_("{name} is a folder; give the name of the file to write.").format(name=target))
    if not target.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=target.parent))
    return target


def run_export(store: Store, request: ExportRequest, job: Job) -> ExportOutcome:
    """On the worker: write the export to a partial file; Cancelled if the user stopped it."""
    from app.documents.page import build_listener

    partial = partial_path(request.target)
    total = {"flowables": 1}

    def listen(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            total["flowables"] = max(int(value), 1)
        elif kind == "PROGRESS":
            job.report(20 + 70 * int(value) // total["flowables"], _("Laying out the pages…"))
        elif kind == "PAGE":
            job.check()

    token = build_listener.set(listen)
    try:
        job.report(5, _("Reading the record…"))
        outcome = _write(store, request, partial)
        job.report(100, _("Finished."))
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        build_listener.reset(token)
    return outcome


def _write(store: Store, request: ExportRequest, partial: Path) -> ExportOutcome:
    with store.session() as session:
        if request.kind is ExportKind.PACKAGE:
            from app.services.exchange import export_meeting

            export_meeting(session, request.meeting_id, partial)
            return ExportOutcome(request, partial, None, partial.stat().st_size)
        if request.kind is ExportKind.SHEET:
            from app.documents.exports import export_attendance_sheet

            result = export_attendance_sheet(session, request.meeting_id, partial, paper=request.paper)
        else:
            from app.documents.exports import export_minutes

            result = export_minutes(
                session,
                request.meeting_id,
                partial,
                paper=request.paper,
                include_attendance=request.include_attendance,
                attendance_appendix=request.attendance_appendix,
            )
    return ExportOutcome(
        request, partial, result.pages, result.size, result.missing_characters, result.without_letterhead
    )


def complete_export(outcome: ExportOutcome, job: Job) -> Path:
    """On the GUI thread: rename the partial file to its target, or discard it if cancelled."""
    if job.cancelled:
        outcome.partial.unlink(missing_ok=True)
        raise Cancelled()
    target = outcome.request.target
    try:
        os.replace(outcome.partial, target)
    except OSError as exc:
        outcome.partial.unlink(missing_ok=True)
        raise UserError(
            _("The file {name} cannot be written ({error}). Is it open in another program?").format(
                name=target, error=exc.strerror or exc
            )
        ) from exc
    return target
