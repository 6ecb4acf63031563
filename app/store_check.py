"""The page check of a store file (`PRAGMA quick_check`), answered in a thread while the store
is already read; the store's first write waits for the answer.

The check reads every page: 60 ms of CPU on a 22 MB store, 570 ms on ten years of meetings
(450 MB). It runs on every open, however the file looks (a failing disk damages a page in the
middle and changes neither size nor time; tests/services/test_store_check_kept.py). Reading
needs no answer: a damaged page read says so itself (SQLITE_CORRUPT becomes the damaged-store
message). Writing does: `guard_writes` holds any statement that is not a read until the check
has passed, and refuses it with the damaged-store message if it has not, so a damaged store is
still never written into.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from app.services.errors import UserError
from app.store_errors import StoreError

#: The statements a check need not answer first: they read (a PRAGMA with "=" sets something,
#: and these few write without one).
_READS = ("SELECT", "EXPLAIN")
_WRITING_PRAGMAS = ("WAL_CHECKPOINT", "OPTIMIZE", "INCREMENTAL_VACUUM")

#: The checks begun while a command runs (`checks_answered`); None outside one.
_begun: list[PageCheck] | None = None


class PageCheck:
    """One check of one file, begun once (`start`), answered once; `wait` raises what it found."""

    def __init__(self, path: Path, check: Callable[[Path], None]) -> None:
        self.path = path
        self._check = check
        self._future: Future[None] = Future()
        self._lock = threading.Lock()
        self._started = False
        if _begun is not None:
            _begun.append(self)

    def start(self) -> PageCheck:
        with self._lock:
            if self._started:
                return self
            self._started = True
        threading.Thread(target=self._run, name="store-check", daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            self._check(self.path)
        except BaseException as exc:  # handed to whoever waits or listens
            self._future.set_exception(exc)
        else:
            self._future.set_result(None)

    @property
    def passed(self) -> bool:
        future = self._future
        return future.done() and future.exception() is None

    def wait(self) -> None:
        """Begin the check if no one has, wait for its answer; a damaged store raises StoreError."""
        self.start()
        self._future.result()

    def when_answered(self, callback: Callable[[BaseException | None], None]) -> None:
        """Call `callback(None)` once the store passed, or with the error it found; in the check's
        thread (or at once, if it has answered)."""
        self._future.add_done_callback(lambda done: callback(done.exception()))


def _is_read(statement: str) -> bool:
    words = statement.lstrip()[:40].upper()
    if words.startswith("PRAGMA"):
        return "=" not in statement and not any(name in words for name in _WRITING_PRAGMAS)
    return words.startswith(_READS)


def guard_writes(engine: Engine, check: PageCheck) -> None:
    """Every statement but a read waits on the engine's connections until `check` has passed."""

    def before_cursor_execute(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if check.passed or _is_read(statement):
            return  # once passed, one attribute read per statement: no need to unhook it
        check.wait()

    event.listen(engine, "before_cursor_execute", before_cursor_execute)


@contextmanager
def checks_answered() -> Iterator[None]:
    """A command's checks are all answered before it ends: a store found damaged fails it with
    the damaged-store message (exit 1) even if it only read, and read nothing damaged."""
    global _begun
    outer, _begun = _begun, []
    begun = _begun
    try:
        yield
    except StoreError:
        raise
    except UserError as exc:
        _wait_all(begun, cause=exc)  # what a damaged store said wrongly is said rightly
        raise
    finally:
        _begun = outer
    _wait_all(begun)


def _wait_all(begun: list[PageCheck], cause: BaseException | None = None) -> None:
    for check in begun:
        try:
            check.wait()
        except StoreError as found:
            raise found from cause
