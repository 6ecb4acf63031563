"""The window's side of the store's page check (app/store_check.py): begun once the window has
painted, so the first paint does not pay for reading every page, and its answer brought from
the check's thread to the window's."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.db import Store
from app.services.errors import UserError


class PageCheckWatch(QObject):
    """`answered` carries None once the store passed (at once for a server: it checks its own
    pages), else the StoreError the check raised (the damaged-store message)."""

    answered = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.check = store.page_check
        self._armed = self._begun = False

    def begin_after_paint(self, window: QWidget) -> None:
        """Begin the check once `window` has painted (a second at most, should it not paint)."""
        if self._armed:
            return
        self._armed = True
        if self.check is None or self.check.passed:  # a server's, a new store's, or answered
            self._begin()
            return
        window.installEventFilter(self)
        QTimer.singleShot(1000, self, self._begin)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._begin)  # after the whole first paint of the window
        return False

    def _begin(self) -> None:
        if self._begun:
            return
        self._begun = True
        if self.check is None:
            self.answered.emit(None)
            return
        self.check.when_answered(self._from_check_thread)
        self.check.start()  # (a write made before this began it already)

    def settle(self) -> BaseException | None:
        """Wait here for the answer (begun now if need be): None if the store passed, else the
        StoreError. For a window closed before the check answered: its copy on close waits."""
        if self.check is None:
            return None
        try:
            self.check.wait()
        except UserError as exc:
            return exc
        return None

    def _from_check_thread(self, error: BaseException | None) -> None:
        # Queued to the window's thread; a window already gone has no one left to tell.
        with suppress(RuntimeError):
            self.answered.emit(error)
