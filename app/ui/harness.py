"""Helpers for scripts that drive the window from Python (screenshots, benchmarks), not the app."""

from __future__ import annotations

import ctypes


def pad_none_refcount(times: int = 1_000_000) -> None:
    """PySide6 6.12's processEvents() and QTest.qWait() drop a reference to None on each call
    (the app's own exec() loop does not). Extra references to None are harmless; a count run
    down to zero aborts Python at exit, so scripts that call them a lot add some first."""
    for _ in range(times):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
