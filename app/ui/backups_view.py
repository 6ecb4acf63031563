"""The window's backups: taken by themselves while the window is open, and put back on request.

Automatic copies follow the issue's policy: one when the window starts if the newest is more
than an hour old, then at most hourly while it stays open, and one on every close. They are
taken on the worker (a 235 MB store takes about 1.5 s), so typing never waits for them; a
failure is told once in a message box, later ones in the status bar, and never stops the work.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.backups import Backup, backup_folder, backup_if_due, create_backup, export_store, list_backups, meetings_in
from app.i18n import _
from app.services.errors import UserError
from app.ui.ops import run_op

#: How often the window looks whether an hourly copy is due (the copy itself is at most hourly).
CHECK_EVERY_MS = 10 * 60 * 1000
#: After the first paint: starting stays quick, and a copy is not taken of a store left at once.
FIRST_CHECK_MS = 5_000

#: What a failed copy raises: a store fault (UserError) or the file system saying no.
BACKUP_FAILURES = (UserError, OSError, sqlite3.Error)


def backup_failure_text(exc: BaseException) -> str:
    return _("The automatic backup was not made: {reason}").format(reason=exc)


class AutoBackup(QObject):
    """Takes the window's automatic copies; `failed` is called on the GUI thread with the text."""

    def __init__(self, store_path: Path, failed: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path)
        self._failed = failed
        self.last: Path | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.take_if_due)

    def start(self) -> None:
        """From the window's first showing: a check soon, then every ten minutes."""
        if not self._timer.isActive():
            self._timer.start()
            QTimer.singleShot(FIRST_CHECK_MS, self, self.take_if_due)

    def stop(self) -> None:
        self._timer.stop()

    def active(self) -> bool:
        return self._timer.isActive()

    def take_if_due(self) -> None:
        """On the worker: a copy if the newest automatic one is an hour old (or there is none)."""
        if self._busy or not self.store_path.is_file():
            return
        self._busy = True
        run_op(lambda: backup_if_due(self.store_path), on_success=self._done, on_failure=self._failure)

    def take_after_milestone(self) -> None:
        """Minutes finalized or signed: a copy now on the worker, whatever the hour (while open)."""
        if self._busy or not self.active() or not self.store_path.is_file():
            return
        self._busy = True
        run_op(lambda: create_backup(self.store_path), on_success=self._done, on_failure=self._failure)

    def take_now(self) -> None:
        """Closing: a copy every time, waited for (the worker is idle by then)."""
        try:
            self.last = create_backup(self.store_path)
        except BACKUP_FAILURES as exc:
            self._failed(backup_failure_text(exc))

    def _done(self, path: Path | None) -> None:
        self._busy = False
        if path is not None:
            self.last = path

    def _failure(self, exc: BaseException) -> None:
        self._busy = False
        if not isinstance(exc, BACKUP_FAILURES):
            raise exc  # a bug, for the crash guard
        self._failed(backup_failure_text(exc))


@dataclass(frozen=True)
class BackupRow:
    backup: Backup
    meetings: int | None


def backup_rows(store_path: Path) -> list[BackupRow]:
    """The store's backups, newest first, each with how many meetings it holds."""
    return [BackupRow(b, meetings_in(b.path)) for b in list_backups(store_path)]


def describe(row: BackupRow) -> str:
    """One line for the question before restoring."""
    count = "?" if row.meetings is None else str(row.meetings)
    return _("the backup of {time} ({count} meetings)").format(time=_when(row.backup.taken_at), count=count)


def export_whole_store(store_path: Path, target: Path) -> Path:
    """On the worker: the whole store as one checked file (`timpora backup export`)."""
    return export_store(store_path, target)


def export_file_name(today: dt.date) -> str:
    return f"NotulenTimpora-semua-{today:%Y%m%d}.sqlite"


def _when(moment: dt.datetime) -> str:
    return moment.strftime("%d-%m-%Y %H:%M:%S")


class RestoreDialog(QDialog):
    """Lists the backups (time, meetings, size) and returns the one chosen; it restores nothing."""

    def __init__(self, parent: QWidget | None, store_path: Path, rows: list[BackupRow]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        self.rows = rows
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Choose the backup to put in place of the data file {path}. The data file as it is now "
                "is kept in {folder} first, so this can be taken back."
            ).format(path=store_path, folder=backup_folder(store_path))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels([_("Taken at"), _("Meetings"), _("Size"), _("Note")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for index, row in enumerate(rows):
            note = _("the data file as it was before a restore") if row.backup.kept_aside else ""
            if row.meetings is None:
                note = _("cannot be read; it will be checked before a restore")
            count = "?" if row.meetings is None else str(row.meetings)
            cells = (_when(row.backup.taken_at), count, f"{row.backup.size / 1024 / 1024:.1f} MB", note)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(str(row.backup.path))
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table, 1)
        if not rows:
            empty = QLabel(_("There are no backups yet; one is made when the window closes."))
            empty.setWordWrap(True)
            layout.addWidget(empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # A whole-store export from another laptop (or kept on a stick) is chosen as a file.
        self.file_button = buttons.addButton(_("From another &file…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.clicked.connect(self.choose_file)
        self.outside: BackupRow | None = None
        self.restore_button = buttons.addButton(_("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(rows))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if rows:
            self.table.selectRow(0)
        self.resize(640, 380)

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Restore from backup"), str(Path.home()), _("Notulen Timpora data files (*.sqlite)")
        )
        if path:
            self.use_file(Path(path))

    def use_file(self, path: Path) -> None:
        """A file outside Cadangan: restored like a backup (checked the same way first)."""
        stat = path.stat()
        taken = dt.datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)
        self.outside = BackupRow(Backup(path, taken, stat.st_size), meetings_in(path))
        self.accept()

    def chosen(self) -> BackupRow | None:
        if self.outside is not None:
            return self.outside
        selected = self.table.selectionModel().selectedRows()
        return self.rows[selected[0].row()] if selected else None
