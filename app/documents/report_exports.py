"""The report use cases the command line (and later the window) call: count, render, write safely."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from app.documents import report_wording as words
from app.documents.metadata import SignatureBox
from app.documents.signature_block import Signatory
from app.i18n import _
from app.models.enums import Paper
from app.services.errors import UserError
from app.services.files import write_atomically
from app.services.office import get_office
from app.services.records import office_record

#: What `export_report` writes, by the target's suffix.
FORMATS = (".pdf", ".xlsx")


@dataclass(frozen=True)
class ReportResult:
    path: Path
    #: pages of the PDF (0 for a workbook)
    pages: int
    size: int
    #: no meeting was held in the period: the file says so
    empty: bool
    #: where the head of office signs ("head"), for a signature field later (PDF only)
    boxes: dict[str, SignatureBox] = field(default_factory=dict)
    missing_characters: tuple[str, ...] = ()


def head_of_office(session: Session) -> Signatory:
    """The office's default chair signs its reports: the Kepala Kantor chairs the Tim PORA."""
    person = get_office(session).default_chair
    if person is None:
        return Signatory(role="head", caption=words.HEAD_CAPTION)
    return Signatory(
        role="head",
        caption=f"{person.position}," if person.position else words.HEAD_CAPTION,
        name=person.name,
        rank=person.rank,
        id_number=person.id_number,
        signature_image=person.signature_image,
    )


def _target(target: Path | str) -> Path:
    path = Path(target).expanduser()
    if path.suffix.lower() not in FORMATS:
        raise UserError(_("A report is written as .pdf or .xlsx, not {name}.").format(name=path.name))
    if path.is_dir():
        raise UserError(_("{name} is a folder; give the name of the file to write.").format(name=path))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    return path.resolve()


def export_report(
    session: Session,
    start: dt.date | None,
    end: dt.date | None,
    target: Path | str,
    *,
    issued: dt.date,
    paper: Paper | str | None = None,
) -> ReportResult:
    """Write the period's report as a PDF, or its recap as an Excel workbook, by the target's suffix.

    `issued` is the date of the signature line (the command line gives today's).
    """
    from app.services.reports import check_period

    path = _target(target)
    check_period(start, end)
    if path.suffix.lower() == ".xlsx":
        from app.documents.recap import render_recap
        from app.services.reports import timpora_recap

        recap = timpora_recap(session, start, end)
        data = render_recap(recap)
        write_atomically(path, data)
        return ReportResult(path=path, pages=0, size=len(data), empty=not recap.meetings)
    from app.documents.report import render_report
    from app.services.reports import timpora_report

    report = timpora_report(session, start, end)
    rendered = render_report(report, office_record(session), head=head_of_office(session), issued=issued, paper=paper)
    write_atomically(path, rendered.data)
    return ReportResult(
        path=path,
        pages=rendered.pages,
        size=len(rendered.data),
        empty=report.is_empty,
        boxes=rendered.boxes,
        missing_characters=rendered.missing_characters,
    )
