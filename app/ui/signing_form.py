"""What the window's two signing dialogs (the minutes', the report's) say alike about certificates."""

from __future__ import annotations

from app.i18n import N_

SELF_ISSUED_NOTE = N_(
    "A certificate the office made itself proves the file was not changed after signing (integrity). "
    "It is not a certified electronic signature (TTE) under PP 71/2019: only a certificate from BSrE "
    "(BSSN) gives that."
)
