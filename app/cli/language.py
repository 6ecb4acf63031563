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
from pathlib import Path

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
    """The language chosen in the window's settings, if it can be read.

    Read without Qt where Qt's settings file is plain text or the registry: importing QtCore
    costs every command (`timpora report` among them) about half a second.
    """
    import sys

    path = os.environ.get("TIMPORA_SETTINGS")
    if path:
        return _ini_language(Path(path))
    if sys.platform == "win32":
        return _registry_language()
    if sys.platform.startswith("linux"):
        config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        return _ini_language(config / "NotulenTimpora" / "Notulen Timpora.conf")
    return _qt_language()  # macOS keeps it in a property list


def _ini_language(path: Path) -> str | None:
    """`language` of the [General] section, as QSettings writes an INI file."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    value = parser.get("General", "language", fallback=None)
    return value if value in LANGUAGES else None


def _registry_language() -> str | None:  # pragma: no cover - Windows only
    try:
        import winreg

        with winreg.OpenKey(  # type: ignore[attr-defined]  # winreg's names exist on Windows only
            winreg.HKEY_CURRENT_USER,  # type: ignore[attr-defined]
            r"Software\NotulenTimpora\Notulen Timpora",
        ) as key:
            value, _kind = winreg.QueryValueEx(key, "language")  # type: ignore[attr-defined]
    except (ImportError, OSError):
        return None
    return value if value in LANGUAGES else None


def _qt_language() -> str | None:  # pragma: no cover - macOS only
    try:
        from app.ui.remembered import language, ui_settings

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
