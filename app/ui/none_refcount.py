"""A guard against PySide6 6.12's lost references to None, on Python 3.11.

PySide6 6.12.0 hands back None from every wrapped method that returns void (`setText`,
`update`, `processEvents`, …) without the reference it owes: each call leaves None's count one
lower. From Python 3.12 None is immortal (PEP 683) and such losses are ignored; on 3.11 None's
count (about 5,000 after start-up) runs down after as many calls, and Python aborts with
"deallocating None" minutes into ordinary use. PySide6 6.11 does not lose them, but its QtPdf
comes only in the large Addons wheel (the 3 MB PySide6-Pdf wheel starts at 6.12); the Windows
bundle runs Python 3.13 and never needs this; the development and CI machines run 3.11.

So on Python < 3.12 with PySide6 ≥ 6.12 the app raises None's count once, out of reach of any
session's calls, before Qt is used (app/ui/__init__.py). An extra count on None is harmless:
None is never freed anyway. Drop this when a PySide6 release gives the references back (the
test in tests/ui/test_none_refcount.py says whether the installed one does).
"""

from __future__ import annotations

import ctypes
import sys

#: Added to None's count: a million void calls a second would take 12 days to use it up.
PADDING = 1 << 40


def affected(python: tuple[int, int] = sys.version_info[:2], pyside: tuple[int, int] | None = None) -> bool:
    """Whether this Python and PySide6 lose references to None fatally."""
    if python >= (3, 12):
        return False
    if pyside is None:
        from PySide6 import __version_info__

        pyside = (int(__version_info__[0]), int(__version_info__[1]))
    return pyside >= (6, 12)


def guard_none_refcount() -> bool:
    """Raise None's reference count out of reach where it is needed; True if it was raised."""
    if not affected():
        return False
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the first field of the object
    if count.value != sys.getrefcount(None) - 1:  # an unusual build (debug): not the layout assumed
        for _ in range(1_000_000):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
        return True
    count.value += PADDING  # under the GIL: no other thread changes it meanwhile
    return True
