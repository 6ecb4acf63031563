"""Meetings as files from the window, a folder at a time: every meeting and the directory into a
folder (what `timpora export-all` writes), and a folder of .timpora/.json files into the store
(what `timpora import FOLDER` reads: each file on the import's one safe path, a refused one on
its own). Both run on the worker (app/ui/ops.py) and end with a summary box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.i18n import _
from app.services.errors import UserError
from app.ui import remembered
from app.ui.ops import Job, run_op

if TYPE_CHECKING:
    from app.db import Store
    from app.services.consolidate import FileResult
    from app.services.moving import StoreExport

#: Refused files named in the box itself; more are in its details (a folder of hundreds).
REFUSED_SHOWN = 12


def export_meetings(store: Store, folder: Path) -> StoreExport:
    """On the worker: every meeting as a .timpora and the directory as Direktori.json in `folder`."""
    from app.services.moving import export_store

    with store.session() as session:
        return export_store(session, folder)


def import_meetings(store: Store, folder: Path, job: Job) -> list[FileResult]:
    """On the worker: every package of the folder imported, each on its own; progress per file."""
    from app.services.consolidate import import_folder, packages_in

    total = len(packages_in(folder))  # none: one message, the store untouched
    done: list[FileResult] = []

    def reported(result: FileResult) -> None:
        done.append(result)
        job.report(
            100 * len(done) // total,
            _("File {count} of {total} done: {name}").format(count=len(done), total=total, name=result.path.name),
        )

    return import_folder(store, folder, on_file=reported)


def import_summary(folder: Path, results: list[FileResult]) -> tuple[str, str, str]:
    """The box's text (how many), its refused files one line each with the reason, and every
    file's line for its details."""
    from app.services.consolidate import FileOutcome, file_line, outcome_counts

    counts = outcome_counts(results)
    text = _("{new} meetings imported, {there} already here, {refused} refused, of {total} files in {folder}.").format(
        new=counts[FileOutcome.NEW],
        there=counts[FileOutcome.ALREADY_THERE],
        refused=counts[FileOutcome.REFUSED],
        total=len(results),
        folder=folder,
    )
    refused = [file_line(r) for r in results if r.outcome is FileOutcome.REFUSED]
    if len(refused) > REFUSED_SHOWN:
        more = len(refused) - REFUSED_SHOWN
        refused = refused[:REFUSED_SHOWN] + [_("… and {count} more; see the details.").format(count=more)]
    details = "\n".join(file_line(r, with_id=False) for r in results)
    return text, "\n".join(refused), details


class FolderExchange(QObject):
    """The window's two folder actions. `before` runs first on the GUI thread (the editor's
    pending typing saved), `say` puts a line in the status bar; `imported` is emitted when an
    import added anything (the list and the directory are read again)."""

    imported = Signal()

    def __init__(self, window: QWidget, store: Store, *, before: Callable[[], None], say: Callable[[str], None]):
        super().__init__(window)
        self.window = window
        self.store = store
        self.before = before
        self.say = say
        self.busy = False
        #: The last summary box (window-modal, not blocking: the tests and screenshots read it).
        self.summary: QMessageBox | None = None

    def _choose(self, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self.window, title, str(remembered.export_folder()))
        return Path(folder) if folder else None

    def _start(self) -> bool:
        if self.busy:
            self.say(_("A folder is still being exported or imported; wait until it is done."))
            return False
        self.busy = True
        self.before()
        return True

    # -- export ------------------------------------------------------------------------------

    def export_all(self, folder: Path | None = None) -> None:
        if folder is None and (folder := self._choose(_("Export all meetings to a folder"))) is None:
            return
        if not self._start():
            return
        remembered.set_export_folder(folder)
        self.say(_("Exporting every meeting to {folder}…").format(folder=folder))
        store = self.store
        run_op(lambda: export_meetings(store, folder), on_success=self._exported, on_failure=self._export_failed)

    def _exported(self, done: StoreExport) -> None:
        self.busy = False
        folder = done.directory.parent
        text = _("{meetings} meetings and the directory ({persons} people, {agencies} agencies) in {folder}.").format(
            meetings=len(done.meetings), persons=done.persons, agencies=done.agencies, folder=folder
        )
        self.say(text)
        self._show(
            QMessageBox.Icon.Information,
            _("Export all meetings to a folder"),
            text,
            _(
                "No file already in the folder was replaced. On the other laptop: Meeting › Import a folder "
                "of meeting files, and choose this folder."
            ),
            "\n".join(path.name for path in (*done.meetings, done.directory)),
        )

    def _export_failed(self, exc: BaseException) -> None:
        self.busy = False
        if not isinstance(exc, UserError):
            raise exc
        self.say(str(exc))
        self._show(QMessageBox.Icon.Warning, _("Export all meetings to a folder"), str(exc))

    # -- import ------------------------------------------------------------------------------

    def import_folder(self, folder: Path | None = None) -> None:
        if folder is None and (folder := self._choose(_("Import a folder of meeting files"))) is None:
            return
        if not self._start():
            return
        self.say(_("Importing the meeting files of {folder}…").format(folder=folder))
        job = Job(self)
        job.on_progress(lambda _percent, text: self.say(text))
        store = self.store
        run_op(
            lambda: import_meetings(store, folder, job),
            on_success=lambda results: self._imported(folder, results),
            on_failure=self._import_failed,
        )

    def _imported(self, folder: Path, results: list[FileResult]) -> None:
        from app.services.consolidate import FileOutcome

        self.busy = False
        if any(r.outcome in (FileOutcome.NEW, FileOutcome.DIRECTORY) for r in results):
            self.imported.emit()
        text, refused, details = import_summary(folder, results)
        self.say(text)
        icon = QMessageBox.Icon.Warning if refused else QMessageBox.Icon.Information
        self._show(icon, _("Import a folder of meeting files"), text, refused, details)

    def _import_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.imported.emit()  # files imported before the store failed are there
        if not isinstance(exc, UserError):
            raise exc
        self.say(str(exc))
        self._show(QMessageBox.Icon.Warning, _("Import a folder of meeting files"), str(exc))

    def _show(self, icon: QMessageBox.Icon, title: str, text: str, more: str = "", details: str = "") -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        if more:
            box.setInformativeText(more)
        if details:
            box.setDetailedText(details)
        if self.summary is not None and shiboken6.isValid(self.summary):
            self.summary.deleteLater()  # one summary box kept at a time
        self.summary = box
        box.open()
