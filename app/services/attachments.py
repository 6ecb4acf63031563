"""Use cases of the documentation (dokumentasi): photos and files attached to a meeting."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Attachment
from app.models.enums import AttachmentKind
from app.services.errors import FormatError, NotFoundError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import move_to, next_position, renumber
from app.services.package import MAX_ATTACHMENT_BYTES
from app.services.photos import PHOTO_MEDIA_TYPES, make_print_copy, sniff_media_type
from app.services.validation import clean_filename, clean_text


def get_attachment(session: Session, attachment_id: int) -> Attachment:
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFoundError(_("The attachment no longer exists."))
    return attachment


def build_attachment(*, filename: str, content: bytes, caption: str = "", position: int = 1) -> Attachment:
    """An attachment row with hash, media type and (for photos) the print copy."""
    if not content:
        raise FormatError(_("The file {name} is empty.").format(name=filename))
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise FormatError(_("The file {name} is larger than 50 MB.").format(name=filename))
    media_type = sniff_media_type(content, filename)
    attachment = Attachment(
        position=position,
        filename=clean_filename(Path(filename).name),
        media_type=media_type,
        caption=clean_text(caption, field="caption", label=_("Caption"), max_length=2000),
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content=content,
        kind=AttachmentKind.FILE,
    )
    # Only JPEG and PNG print as photos; another picture (GIF, HEIC) is kept as a file.
    if media_type in PHOTO_MEDIA_TYPES:
        attachment.kind = AttachmentKind.PHOTO
        attachment.print_image, attachment.print_width, attachment.print_height = make_print_copy(content)
    return attachment


def add_attachment(
    session: Session, meeting_id: int | str, *, filename: str, content: bytes, caption: str = ""
) -> Attachment:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    attachment = build_attachment(
        filename=filename, content=content, caption=caption, position=next_position(meeting.attachments)
    )
    meeting.attachments.append(attachment)
    session.flush()
    return attachment


def add_attachment_file(session: Session, meeting_id: int | str, path: Path, *, caption: str = "") -> Attachment:
    try:
        if Path(path).stat().st_size > MAX_ATTACHMENT_BYTES:  # refused before it is read
            raise FormatError(_("The file {name} is larger than 50 MB.").format(name=Path(path).name))
        content = Path(path).read_bytes()
    except OSError as exc:
        raise FormatError(_("The file {name} cannot be read: {error}").format(name=path, error=exc.strerror)) from exc
    return add_attachment(session, meeting_id, filename=Path(path).name, content=content, caption=caption)


def update_caption(session: Session, attachment_id: int, caption: str) -> Attachment:
    attachment = get_attachment(session, attachment_id)
    ensure_editable(attachment.meeting)
    attachment.caption = clean_text(caption, field="caption", label=_("Caption"), max_length=2000)
    session.flush()
    return attachment


def delete_attachment(session: Session, attachment_id: int) -> None:
    attachment = get_attachment(session, attachment_id)
    meeting = attachment.meeting
    ensure_editable(meeting)
    meeting.attachments.remove(attachment)
    renumber(meeting.attachments)
    session.flush()


def move_attachment(session: Session, attachment_id: int, new_position: int) -> None:
    attachment = get_attachment(session, attachment_id)
    ensure_editable(attachment.meeting)
    move_to(attachment.meeting.attachments, attachment, new_position)
    session.flush()
