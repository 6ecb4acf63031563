"""The window (PySide6). Qt is used only below this package."""

from app.ui.none_refcount import guard_none_refcount

guard_none_refcount()  # before any Qt call: see app/ui/none_refcount.py
