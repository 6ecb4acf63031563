"""The export use cases the window and the command line call: load records, render, write safely.

Rendering happens in memory from plain records; the file is then written beside its target
and renamed over it, so a crash, a full disk or a PDF viewer holding the old file never leaves
a half-written PDF behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from app.documents.attendance_sheet import render_attendance_sheet
from app.documents.letterhead import has_letterhead
from app.documents.metadata import SignatureBox
from app.documents.minutes import RenderedPdf, render_minutes
from app.i18n import _
from app.models.enums import AttendanceAppendix, Paper
from app.services.errors import UserError, ValidationError
from app.services.files import write_atomically
from app.services.printed import PrintedRecord, printed_record
from app.services.records import MeetingRecord, load_bundle, office_record


@dataclass(frozen=True)
class ExportResult:
    """What was written, and what the user or the signing step should know about it."""

    path: Path
    pages: int
    size: int
    #: signature spaces ("chair", "secretary") as stamped into the PDF (minutes only)
    boxes: dict[str, SignatureBox] = field(default_factory=dict)
    qr_box: SignatureBox | None = None
    #: characters no shipped font can draw: they print as empty boxes
    missing_characters: tuple[str, ...] = ()
    #: printed without a kop surat (the office profile has none): the caller warns
    without_letterhead: bool = False


def export_minutes(
    session: Session,
    meeting_id: int | str,
    target: Path | str,
    *,
    paper: Paper | str | None = None,
    include_attendance: bool = True,
    with_qr: bool = True,
    attendance_appendix: AttendanceAppendix | str | None = None,
) -> ExportResult:
    """Write the minutes of a meeting (with its daftar hadir unless asked not to) to `target`.

    The verification QR code (meeting, revision, content hash) is printed under the signatures,
    so a printout can be checked against any copy of the record. A final or signed meeting is
    printed from its frozen revision (`printed_record`): the same content, always.
    `attendance_appendix` chooses Lampiran I (daftar hadir to sign, or the list of those
    present); without it the office's setting decides.
    """
    target = _checked_target(target)
    paper = _paper(paper)
    printed = printed_record(session, meeting_id)
    meeting = printed.bundle.meeting
    # (a draft gets none: a code on a draft would claim what the draft is not)
    appendix = _attendance_appendix(attendance_appendix) or AttendanceAppendix(printed.office.attendance_appendix)
    if include_attendance and appendix is AttendanceAppendix.SCAN and not _has_signed_sheet(printed):
        raise UserError(
            _(
                "Appendix I is to be the scan of the signed attendance list, but none is attached to this "
                "meeting: attach one in the Attendance tab, or choose another form of Appendix I."
            )
        )
    qr_png = verification_qr(meeting, printed.content_sha256) if with_qr and not printed.is_draft else None
    rendered = render_minutes(
        printed.bundle,
        printed.office,
        paper=paper,
        include_attendance=include_attendance,
        qr_png=qr_png,
        content_sha256=printed.content_sha256,
        attendance_appendix=_attendance_appendix(attendance_appendix),
    )
    write_atomically(target, rendered.data)
    _register(session, meeting_id, printed, rendered, target)
    return ExportResult(
        path=target,
        pages=rendered.pages,
        size=len(rendered.data),
        boxes=rendered.boxes,
        qr_box=rendered.qr_box,
        missing_characters=rendered.missing_characters,
        without_letterhead=not has_letterhead(printed.office),
    )


def _register(
    session: Session, meeting_id: int | str, printed: PrintedRecord, rendered: RenderedPdf, target: Path
) -> None:
    """Every written copy goes into the register of rendered copies: a verification code copied onto
    other content then names a revision whose genuine files this store knows (services/rendered.py)."""
    from app.services.meetings import get_meeting
    from app.services.rendered import register_render

    register_render(
        session,
        get_meeting(session, meeting_id).id,
        revision=printed.bundle.meeting.revision,
        content_sha256=printed.content_sha256,
        data=rendered.data,
        pages=rendered.pages,
        filename=target.name,
    )


def verification_qr(meeting: MeetingRecord, content_sha256: str) -> bytes:
    """The QR code: 'Notula rapat <nomor>, revisi N, kode verifikasi XXXX-XXXX', which any phone shows."""
    from app.documents import wording
    from app.documents.qr import qr_png, readable_payload
    from app.i18n import plain_date

    name = meeting.number.strip() or wording.QR_NAME_BY_DATE.format(date=plain_date(meeting.date))
    return qr_png(readable_payload(name, meeting.revision, content_sha256))


def export_attendance_sheet(
    session: Session, meeting_id: int | str, target: Path | str, *, paper: Paper | str | None = None
) -> ExportResult:
    """Write the blank daftar hadir of a meeting, to print before it starts."""
    target = _checked_target(target)
    paper = _paper(paper)
    bundle = load_bundle(session, meeting_id)
    office = office_record(session)
    rendered = render_attendance_sheet(bundle, office, paper=paper)
    write_atomically(target, rendered.data)
    return ExportResult(
        path=target,
        pages=rendered.pages,
        size=len(rendered.data),
        missing_characters=rendered.missing_characters,
        without_letterhead=not has_letterhead(office),
    )


def _checked_target(target: Path | str) -> Path:
    """Refuse, before any work, a target whose folder is missing or that is a folder itself."""
    path = Path(target).expanduser()
    if path.is_dir():
        raise UserError(_("{name} is a folder; give the name of the PDF file to write.").format(name=path))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=path.parent))
    return path.resolve()


def _has_signed_sheet(printed: PrintedRecord) -> bool:
    from app.models.enums import AttachmentKind

    return any(a.kind is AttachmentKind.SIGNED_SHEET and a.content for a in printed.bundle.meeting.attachments)


def _attendance_appendix(value: AttendanceAppendix | str | None) -> AttendanceAppendix | None:
    if value is None:
        return None
    try:
        return AttendanceAppendix(value)
    except ValueError:
        raise ValidationError(_("{value} is not a valid choice.").format(value=value), field="attendance") from None


def _paper(paper: Paper | str | None) -> Paper | None:
    if paper is None:
        return None
    try:
        return Paper(str(paper).lower())
    except ValueError:
        raise ValidationError(_("Paper must be A4 or F4."), field="paper") from None
