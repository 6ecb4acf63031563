"""Opening a .timpora (or .json) meeting file given to the window: `timpora gui --open FILE`, as the
Windows installer registers it for a double-click. Imported if new, else the meeting already here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.db import Store
from app.i18n import _
from app.models import Meeting


@dataclass(frozen=True)
class Opened:
    meeting_id: int
    imported: bool
    title: str


def open_meeting_file(store: Store, path: Path) -> Opened:
    """On the worker: read and check the file, then import it unless its meeting is already here."""
    from app.services.exchange import import_bundle, read_exchange_file

    bundle = read_exchange_file(Path(path))
    with store.session() as session:
        existing = session.scalar(select(Meeting).where(Meeting.uuid == bundle.meeting.uuid))
        if existing is not None:
            return Opened(existing.id, False, existing.title)
        meeting = import_bundle(session, bundle)
        return Opened(meeting.id, True, meeting.title)


def opened_message(opened: Opened) -> str:
    if opened.imported:
        return _("Imported: {title}.").format(title=opened.title)
    return _("This meeting was already here; it is opened as it is stored: {title}.").format(title=opened.title)
