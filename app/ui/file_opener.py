"""Opening a .timpora (or .json) meeting file given to the window: `timpora gui --open FILE`, as the
Windows installer registers it for a double-click. Imported if new, else the meeting already here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.db import Store
from app.i18n import _


@dataclass(frozen=True)
class Opened:
    meeting_id: int
    imported: bool
    title: str


def open_meeting_file(store: Store, path: Path) -> Opened:
    """On the worker: read and check the file, then import it unless its meeting is already here.

    The same streamed reader as `timpora import`: every cap applies, the file is checked
    completely before the store is touched, attachments are held one at a time."""
    from app.services.exchange import import_streamed, read_package
    from app.services.package import open_package

    with open_package(Path(path)) as package:
        bundle = read_package(package, stream=True)
        done = import_streamed(store.session, package, bundle, existing_ok=True)
    return Opened(done.meeting_id, done.imported, done.title)


def opened_message(opened: Opened) -> str:
    if opened.imported:
        return _("Imported: {title}.").format(title=opened.title)
    return _("This meeting was already here; it is opened as it is stored: {title}.").format(title=opened.title)
