"""Helpers for scripts that drive the window from Python (screenshots, benchmarks), not the app."""

from __future__ import annotations

from app.ui.none_refcount import guard_none_refcount


def pad_none_refcount(times: int = 1_000_000) -> None:
    """Kept for the scripts that call it: importing app.ui now guards None's reference count
    for the whole process (app/ui/none_refcount.py); `times` is no longer used."""
    del times
    guard_none_refcount()
