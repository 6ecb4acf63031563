"""The command line speaks the window's language, argparse's own words included.

`timpora --help` is printed while the arguments are parsed, so the language is chosen before
the parser is built: `--lang` on the command line, else TIMPORA_LANG, else the language chosen
in the window's settings, else Indonesian. argparse looks its words ("usage: ", "options",
"the following arguments are required: %s", …) up through its module's `_` and `ngettext` at
the moment it prints them; they are pointed at the app's catalogs, whose argparse.po holds
those words in Indonesian (argparse's msgids, as gettext would look them up in its domain).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from app.i18n import LANGUAGES, gettext, set_language


def language_asked(argv: Sequence[str]) -> str | None:
    """The value of `--lang X` or `--lang=X` before any subcommand, if it is a known language."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            return value if value in LANGUAGES else None
    return None


def window_language() -> str | None:
    """The language chosen in the window's settings (Qt's settings store), if it can be read."""
    try:
        from app.ui.remembered import language, ui_settings
    except ImportError:  # pragma: no cover - a bundle always carries Qt
        return None
    try:
        return language() if ui_settings().contains("language") else None
    except Exception:  # noqa: BLE001 - the help must print whatever the settings hold
        return None


def choose_language(argv: Sequence[str]) -> None:
    code = language_asked(argv)
    if code is None and not os.environ.get("TIMPORA_LANG"):
        code = window_language()
    if code in LANGUAGES:
        set_language(code)
    speak_argparse()


def _ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def speak_argparse() -> None:
    """argparse's words from the app's catalogs, in the current language (looked up when shown)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
