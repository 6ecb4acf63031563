"""The scan of the daftar hadir signed by hand at the meeting, printed as Lampiran I.

A photo (JPEG/PNG) or a PDF from a scanner or a phone. It is kept with the meeting as an
attachment of its own kind (one per meeting; a new one replaces the old), so its hash is part of
the record's content hash and a signed revision's snapshot names it: it cannot be swapped under
a signature.

What is printed is never the file itself: every page of a PDF is drawn into pixels by PDFium
(Chrome's PDF engine) and only those pixels enter the minutes. So no JavaScript, form, action,
font or colour space of the scan reaches the filed PDF, and the minutes stay PDF/A. A file that
carries such things is refused anyway (a scanner writes none), as is one claiming more pages,
bytes or pixels than a sheet of signatures needs: the file may come from anyone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Attachment
from app.models.enums import AttachmentKind
from app.services.errors import FormatError, UserError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import next_position, renumber
from app.services.photos import PHOTO_MEDIA_TYPES, check_picture, make_print_copy, sniff_picture

#: A daftar hadir of 150 attendees is a handful of pages; a scan at 300 dpi is ~1 MB a page.
MAX_SCAN_PAGES = 20
MAX_SCAN_BYTES = 30 * 1024 * 1024
#: Long side of a page drawn for print: ~170 dpi on A4, signatures stay legible.
PAGE_LONG_SIDE = 2000
PAGE_QUALITY = 80
#: A page larger than A0 (in points) is no sheet of paper.
MAX_PAGE_POINTS = 3400
#: Markers of active content, looked for in the raw bytes as well as asked of PDFium.
_ACTIVE = (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/Launch", b"/AcroForm", b"/EmbeddedFile", b"/RichMedia")


@dataclass(frozen=True)
class ScanPage:
    """One page of the scan as printed: a JPEG and its size in pixels."""

    jpeg: bytes
    width: int
    height: int


def _refuse(name: str, reason: str) -> FormatError:
    return FormatError(
        _("{name} cannot be attached as the signed attendance list: {reason}").format(name=name, reason=reason)
    )


def scan_pages(content: bytes, media_type: str) -> list[ScanPage]:
    """The pages to print, from a stored scan (already checked when it was attached)."""
    if media_type in PHOTO_MEDIA_TYPES:
        jpeg, width, height = make_print_copy(content, long_side=PAGE_LONG_SIDE)
        return [ScanPage(jpeg, width, height)]
    return _pdf_pages(content, name="")


def _pdf_pages(content: bytes, *, name: str) -> list[ScanPage]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as exc:
        raise _refuse(name, _("the PDF cannot be opened (damaged or protected by a password).")) from exc
    try:
        count = len(pdf)
        if count < 1 or count > MAX_SCAN_PAGES:
            raise _refuse(name, _("it has {count} pages; at most {limit}.").format(count=count, limit=MAX_SCAN_PAGES))
        if pdfium_c.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0 or pdfium_c.FPDF_GetFormType(pdf.raw) != 0:
            raise _refuse(name, _("it contains scripts or form fields, which a scan never has."))
        if pdfium_c.FPDFDoc_GetAttachmentCount(pdf.raw) > 0:
            raise _refuse(name, _("it contains scripts or form fields, which a scan never has."))
        pages = []
        for index in range(count):
            page = pdf[index]
            try:
                width, height = page.get_size()
                if not (1 <= width <= MAX_PAGE_POINTS and 1 <= height <= MAX_PAGE_POINTS):
                    raise _refuse(name, _("a page is not the size of a sheet of paper."))
                # pixels capped whatever the page claims: a long side of PAGE_LONG_SIDE at most
                scale = min(200 / 72, PAGE_LONG_SIDE / max(width, height))
                image = page.render(scale=scale).to_pil().convert("RGB")
            except pdfium.PdfiumError as exc:
                raise _refuse(name, _("a page cannot be drawn.")) from exc
            finally:
                page.close()
            out = io.BytesIO()
            image.save(out, "JPEG", quality=PAGE_QUALITY, optimize=True)
            pages.append(ScanPage(out.getvalue(), image.width, image.height))
        return pages
    finally:
        pdf.close()


def check_scan(content: bytes, filename: str) -> str:
    """The scan's media type, after checking everything that will be printed of it."""
    if not content:
        raise _refuse(filename, _("the file is empty."))
    if len(content) > MAX_SCAN_BYTES:
        raise _refuse(filename, _("it is larger than {mb} MB.").format(mb=MAX_SCAN_BYTES // (1024 * 1024)))
    picture = sniff_picture(content)
    if picture:
        try:
            check_picture(content)
        except FormatError as exc:
            raise _refuse(filename, str(exc)) from None
        return picture
    if not content.startswith(b"%PDF-"):
        raise _refuse(filename, _("it is neither a PDF nor a JPEG or PNG picture."))
    if any(marker in content for marker in _ACTIVE):
        raise _refuse(filename, _("it contains scripts or form fields, which a scan never has."))
    _pdf_pages(content, name=filename)  # every page drawn once: what fails, fails now
    return "application/pdf"


def signed_sheet(session: Session, meeting_id: int | str) -> Attachment | None:
    """The meeting's scan of the signed daftar hadir, if one is attached."""
    meeting = get_meeting(session, meeting_id)
    return next((a for a in meeting.attachments if a.kind is AttachmentKind.SIGNED_SHEET), None)


def attach_signed_sheet(session: Session, meeting_id: int | str, *, filename: str, content: bytes) -> Attachment:
    """Attach (or replace) the scan of the signed daftar hadir; refused whole when anything is wrong."""
    from app.services.attachments import build_attachment

    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    media_type = check_scan(content, filename)
    attachment = build_attachment(filename=filename, content=content, position=1)
    attachment.kind = AttachmentKind.SIGNED_SHEET
    attachment.media_type = media_type
    attachment.print_image = attachment.print_width = attachment.print_height = None
    old = signed_sheet(session, meeting.id)
    if old is not None:
        meeting.attachments.remove(old)
        renumber(meeting.attachments)
    attachment.position = next_position(meeting.attachments)
    meeting.attachments.append(attachment)
    session.flush()
    return attachment


def attach_signed_sheet_file(session: Session, meeting_id: int | str, path: str) -> Attachment:
    from pathlib import Path

    file = Path(path)
    try:
        if file.stat().st_size > MAX_SCAN_BYTES:  # refused before it is read
            raise _refuse(file.name, _("it is larger than {mb} MB.").format(mb=MAX_SCAN_BYTES // (1024 * 1024)))
        content = file.read_bytes()
    except OSError as exc:
        raise UserError(_("The file {name} cannot be read: {error}").format(name=path, error=exc.strerror)) from exc
    return attach_signed_sheet(session, meeting_id, filename=file.name, content=content)
