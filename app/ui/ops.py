"""Slow work off the GUI thread: run a callable on the worker, get its result back on the GUI thread.

    run_op(lambda: export(...), on_success=show_done, on_failure=show_error)

The callable runs on one worker thread (the store has one writer, so work is serialized as in
Anki's collection ops). It must never touch a widget: only the callbacks do, and they run on the
GUI thread. A UserError reaches `on_failure`; anything else is a bug and is re-raised there when
no failure callback is given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

_pool: QThreadPool | None = None
_running: set[_Relay] = set()


def worker_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Relay(QObject):
    """Lives on the GUI thread; the worker's signals are queued to it."""

    finished = Signal(bool, object)

    def __init__(
        self, on_success: Callable[[Any], None] | None, on_failure: Callable[[BaseException], None] | None
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(bool, object)
    def _deliver(self, ok: bool, payload: object) -> None:
        _running.discard(self)
        if _owner_gone(self._on_success if ok else self._on_failure):
            return  # the widget that asked was closed meanwhile (a dialog, a preview): nobody to tell
        if ok:
            if self._on_success is not None:
                self._on_success(payload)
        elif self._on_failure is not None:
            self._on_failure(payload)  # type: ignore[arg-type]
        else:
            raise payload  # type: ignore[misc]


def _owner_gone(callback: Callable[..., None] | None) -> bool:
    """The callback is a method of a Qt object whose C++ side was deleted while the work ran."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            self._relay.finished.emit(False, exc)
        else:
            self._relay.finished.emit(True, result)


def run_op(
    work: Callable[[], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
) -> None:
    """Start `work` on the worker thread; exactly one callback follows on the GUI thread."""
    relay = _Relay(on_success, on_failure)
    _running.add(relay)
    worker_pool().start(_Task(work, relay))


def wait_for_ops(timeout_ms: int = 30_000) -> bool:
    """Block until the worker is idle (closing the window, tests)."""
    return worker_pool().waitForDone(timeout_ms)


class Cancelled(Exception):
    """The user cancelled the work: not an error, nothing to report but that."""


class Job(QObject):
    """What long work (export, print, sign) reports through and is cancelled by.

    Made on the GUI thread; `report()` and `check()` are called by the work on the worker and
    reach `progressed` listeners queued on the GUI thread. `cancel()` is for the GUI thread: the
    work sees it at its next `report()`/`check()` and stops with Cancelled.
    """

    progressed = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()

    def on_progress(self, slot: Callable[[int, str], None]) -> None:
        self.progressed.connect(slot, Qt.ConnectionType.QueuedConnection)

    def report(self, percent: int, text: str = "") -> None:
        self.check()
        self.progressed.emit(max(0, min(100, int(percent))), text)

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


#: What signing and checking import: pyHanko, cryptography, asn1crypto (half a second, once).
SIGNING_MODULES = (
    "app.ui.key_loader",
    "app.signing.certificates",
    "app.signing.minutes",
    "app.signing.pades",
    "app.signing.verification",
    "app.documents.exports",
    "pyhanko.sign.signers",
)
#: What an export imports: reportlab and the renderers.
EXPORT_MODULES = ("app.documents.exports", "app.services.exchange")


def warm_up(modules: tuple[str, ...], *, on_ready: Callable[[Any], None] | None = None) -> None:
    """Import modules on the worker while the user reads a dialog.

    A first import of a large library holds the interpreter for tens of milliseconds at a time
    (loading its compiled code); done here, it never does so in the middle of the user's job,
    and the GUI thread later finds the modules already loaded."""
    import importlib

    def loaded(result: Any) -> None:
        settle_heap()
        if on_ready is not None:
            on_ready(result)

    run_op(lambda: [importlib.import_module(name) for name in modules], on_success=loaded)


def settle_heap() -> None:
    """Move what is alive now (modules, the window) out of reach of the garbage collector.

    A full collection walks every object and holds the interpreter meanwhile: with pyHanko and
    reportlab loaded that took up to 80 ms, a visible stall if it falls in the middle of signing
    on the worker. Objects loaded once and kept for the app's life need no such walk."""
    import gc

    gc.freeze()


def delete_when_idle(obj: QObject) -> None:
    """Delete a closed dialog once every op started so far has reported back (a late callback
    may still show its result in it); until then it stays, hidden."""
    from shiboken6 import isValid

    if not isValid(obj):
        return
    if _running:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(200, lambda: delete_when_idle(obj))
    else:
        obj.deleteLater()


def run_dialog(dialog: Any) -> int:
    """exec() a dialog of the window, then let it go (parented dialogs otherwise live on)."""
    try:
        return dialog.exec()
    finally:
        delete_when_idle(dialog)
