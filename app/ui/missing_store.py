"""The window's first start: the store it would open is not there, so it asks before making one.

Only `timpora init` and this question create a store. A mistyped --db or a store on a USB stick
that is not plugged in must not quietly become a new empty store (and a folder) that the user
then fills, so nothing is written before the answer, and "Quit" leaves the disk as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from app import APP_NAME
from app.i18n import _


class Answer(Enum):
    CREATE = "create"
    CHOOSE = "choose"
    QUIT = "quit"


@dataclass(frozen=True)
class StoreToOpen:
    """What the window opens after the question: `db` as run_window takes it, and whether the
    store may be created there (only after the user said so)."""

    db: str | None
    create: bool


class MissingStoreQuestion(QMessageBox):
    """Create it here (the path shown), choose another data file, or quit."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setIcon(QMessageBox.Icon.Question)
        self.setText(_("There is no data file at this place yet:"))
        self.setInformativeText(
            f"{path}\n\n"
            + _(
                "Create a new, empty data file here, or choose the data file you already have "
                "(for example one copied from another laptop)?"
            )
        )
        self.choices: dict[Answer, QPushButton] = {
            Answer.CREATE: self.addButton(_("&Create it here"), QMessageBox.ButtonRole.AcceptRole),
            Answer.CHOOSE: self.addButton(_("C&hoose another data file…"), QMessageBox.ButtonRole.ActionRole),
            Answer.QUIT: self.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole),
        }
        self.setDefaultButton(self.choices[Answer.CREATE])
        self.setEscapeButton(self.choices[Answer.QUIT])

    def answer(self) -> Answer:
        clicked = self.clickedButton()
        return next((a for a, button in self.choices.items() if button is clicked), Answer.QUIT)


def choose_data_file(parent: QWidget | None, start: Path) -> Path | None:
    """An existing data file the user picks (a test replaces this)."""
    folder = start.parent if start.parent.is_dir() else Path.home()
    path, _chosen = QFileDialog.getOpenFileName(
        parent, _("Choose a data file"), str(folder), _("Notulen Timpora data files (*.sqlite);;All files (*)")
    )
    return Path(path) if path else None


def store_to_open(db: str | None, *, demo: bool) -> StoreToOpen | None:
    """Ask when the store the window would open does not exist; None when the user quits.

    The demo store and a server store are never asked about (the demo is made on purpose, a
    server says itself whether its database exists).
    """
    from app.db import DB_ENV, resolve_db_path
    from app.db_server import server_url

    if demo or server_url(db if db else os.environ.get(DB_ENV)) is not None:
        return StoreToOpen(db, create=True)
    path = resolve_db_path(db)
    if path.exists():
        return StoreToOpen(db, create=False)
    while True:
        question = MissingStoreQuestion(path)
        question.exec()
        answer = question.answer()
        question.deleteLater()
        if answer is Answer.CREATE:
            return StoreToOpen(db, create=True)
        if answer is Answer.QUIT:
            return None
        chosen = choose_data_file(None, path)
        if chosen is not None and chosen.is_file():
            return StoreToOpen(str(chosen), create=False)
        # The file dialog was cancelled: the question again, not a silent quit.
