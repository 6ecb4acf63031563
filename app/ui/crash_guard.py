"""Catches what nobody else did: logs it, tells the user on the GUI thread, keeps the app running.

Why the data is safe when this runs: every edit is committed by `with store.session():`, and
an exception leaving that block rolls its unit of work back before it ever reaches this hook.
So an error never leaves half an edit in the file, and the autosaved edits are already in it.
PySide6 hands an exception raised in a slot to `sys.excepthook` and goes on with the event
loop, so after the dialog the user keeps working where it is safe to.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import APP_NAME
from app.logs import current_log_path, setup_logging
from app.services.errors import UserError
from app.ui.crash_dialog import QUIT, CrashDialog

log = logging.getLogger("timpora.crash")

#: Set to 1 to get a hidden action (Ctrl+Alt+Shift+F12) that raises inside a slot: a test hook.
CRASH_TEST_ENV = "TIMPORA_CRASH_TEST"
CRASH_TEST_SHORTCUT = "Ctrl+Alt+Shift+F12"
#: Exit status after the user chose Quit in the dialog.
EXIT_AFTER_CRASH = 3
#: The same error (e.g. in a paint event) is logged in full this often, then counted only.
FULL_LOGS_PER_ERROR = 3


class ForcedCrash(RuntimeError):
    """Raised on purpose by the test hook."""


class CrashGuard(QObject):
    """The installed hooks; `crashed` carries (summary, details) to the GUI thread."""

    crashed = Signal(str, str)
    user_error = Signal(str)

    def __init__(self, window_getter: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self.window_getter = window_getter
        self.dialog: CrashDialog | None = None
        self.count = 0
        #: How Quit ends the event loop; a test puts a recorder here instead of ending its QApplication.
        self.exit_app: Callable[[int], None] = QCoreApplication.exit
        self._seen: dict[str, int] = {}
        self._previous_sys_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        # Queued: the dialog opens after the failing event (a paint, a click) has unwound,
        # whichever thread the error came from.
        self.crashed.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)
        self.user_error.connect(self._show_user_error, Qt.ConnectionType.QueuedConnection)

    # --- hooks: may run on any thread, touch no widget ------------------------------------------

    def handle(self, exc_type: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            self._previous_sys_hook(exc_type, value, tb)
            return
        if isinstance(value, UserError):
            # A message meant for the user that a screen forgot to catch: show it, no alarm.
            log.warning("uncaught user error: %s", value)
            self.user_error.emit(str(value))
            return
        self.count += 1
        details = "".join(traceback.format_exception(exc_type, value, tb))
        self._log(details)
        summary = f"{exc_type.__name__}: {value}" if str(value) else exc_type.__name__
        if QCoreApplication.instance() is None:
            self._previous_sys_hook(exc_type, value, tb)  # no GUI (yet): the plain report
            return
        self.crashed.emit(summary, details)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _log(self, details: str) -> None:
        key = hashlib.sha1(details.encode("utf-8", "replace")).hexdigest()
        seen = self._seen[key] = self._seen.get(key, 0) + 1
        if seen <= FULL_LOGS_PER_ERROR:
            log.critical("unexpected error (%d in this session)\n%s", self.count, details.rstrip())
        else:
            log.critical("the same unexpected error again (%d times)", seen)

    # --- on the GUI thread ------------------------------------------------------------------------

    @Slot(str, str)
    def _show_dialog(self, summary: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time; the log has every error
        try:
            self.dialog = CrashDialog(
                summary=summary, details=details, log_path=current_log_path(), parent=self.window_getter()
            )
            self.dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.dialog.finished.connect(self._finished)
            self.dialog.open()
        except Exception:
            # Raising here would come back through the hook and open the dialog again, forever.
            log.exception("the error dialog itself failed")

    @Slot(int)
    def _finished(self, result: int) -> None:
        if result != QUIT:
            return
        log.info("the user quit after an unexpected error")
        window = self.window_getter()
        if window is not None:
            window.close()  # lets the window save what it holds, as on a normal close
        self.exit_app(EXIT_AFTER_CRASH)

    @Slot(str)
    def _show_user_error(self, message: str) -> None:
        QMessageBox.warning(self.window_getter(), APP_NAME, message)

    def uninstall(self) -> None:
        """Put the previous hooks back (tests)."""
        sys.excepthook = self._previous_sys_hook
        threading.excepthook = self._previous_thread_hook
        self.setParent(None)


def add_forced_crash_action(window: QWidget) -> QAction:
    """The test hook: a hidden action on `window` whose slot raises ForcedCrash."""
    action = QAction("Force an unexpected error (test)", window)
    action.setObjectName("forceCrashAction")
    action.setShortcut(QKeySequence(CRASH_TEST_SHORTCUT))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def raise_forced_crash() -> None:
        raise ForcedCrash("forced by the test hook")

    action.triggered.connect(raise_forced_crash)
    window.addAction(action)
    return action


def install_crash_guard(app_window_getter: Callable[[], QWidget | None]) -> CrashGuard:
    """Log to the rotating file and route every uncaught exception to the crash dialog.

    `app_window_getter` returns the main window (or None): the dialog's parent, and the window
    closed when the user chooses Quit. Call it once the QApplication exists. The guard must be
    kept alive by the caller (it is parented to the QApplication for that reason too).
    """
    setup_logging()
    guard = CrashGuard(app_window_getter)
    if QApplication.instance() is not None:
        guard.setParent(QApplication.instance())
    sys.excepthook = guard.handle
    threading.excepthook = guard.handle_thread
    window = app_window_getter()
    if os.environ.get(CRASH_TEST_ENV) == "1" and window is not None:
        add_forced_crash_action(window)
    return guard
