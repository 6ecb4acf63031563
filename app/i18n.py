"""Language of the interface and of messages: gettext catalogs, and Indonesian formatting."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache

from babel.messages.pofile import read_po

from app.assets import translation_path

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_current = os.environ.get("TIMPORA_LANG", DEFAULT_LANGUAGE)
if _current not in LANGUAGES:
    _current = DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r}")
    _current = code


def current_language() -> str:
    return _current


@cache
def _catalog(code: str) -> dict[str, str]:
    """Every .po file of the language, merged: one file per area of the app (core, ui, export).

    The .po files are read directly (babel is already a dependency), so there is no compiled
    .mo that could fall out of step with its source.
    """
    folder = translation_path(code, "LC_MESSAGES")
    merged: dict[str, str] = {}
    for path in sorted(folder.glob("*.po")) if folder.exists() else ():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=code)
        # Plural entries (a tuple of ids) are not used by the app; only singular messages count.
        merged.update(
            {
                m.id: m.string
                for m in catalog
                if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string and not m.fuzzy
            }
        )
    return merged


def gettext(msgid: str, *, lang: str | None = None) -> str:
    """Translate an English message id into the current (or given) language."""
    return _catalog(lang or _current).get(msgid, msgid)


_ = gettext


def N_(msgid: str) -> str:
    """Marks a string for extraction; it is translated later, where it is shown."""
    return msgid


# --- formatting -------------------------------------------------------------------------------


# babel's dates, numbers and territories load their locale data on first use (in a document or
# a dialog), not as the window starts.


def long_date(value: dt.date, *, lang: str = "id") -> str:
    """'Kamis, 21 November 2024': the day name is always computed from the date."""
    from babel.dates import format_date

    return format_date(value, "EEEE, d MMMM y", locale=lang)


def plain_date(value: dt.date, *, lang: str = "id") -> str:
    """'21 November 2024'."""
    from babel.dates import format_date

    return format_date(value, "d MMMM y", locale=lang)


def short_date(value: dt.date, *, lang: str = "id") -> str:
    """'21/11/2024' (Indonesian) or '21/11/2024' in English too: offices use day-first."""
    return value.strftime("%d/%m/%Y")


def clock(value: dt.time) -> str:
    """'09.30': Indonesian documents separate hours and minutes with a dot."""
    return f"{value.hour:02d}.{value.minute:02d}"


def number(value: float | int, *, lang: str = "id") -> str:
    """'1.234,5' in Indonesian."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=lang)


def country_name(code: str | None, *, lang: str = "id") -> str:
    """Country name for an ISO 3166 alpha-2 code: 'CN' -> 'Tiongkok' in Indonesian."""
    if not code:
        return ""
    from babel import Locale

    return Locale.parse(lang).territories.get(code.upper(), code.upper())


def country_names(*, lang: str = "id") -> dict[str, str]:
    """Every two-letter country code with its name, for pickers and validation."""
    from babel import Locale

    territories = Locale.parse(lang).territories
    return {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
    }


def spelled_date(value: dt.date) -> str:
    """'Kamis tanggal dua puluh satu bulan November tahun dua ribu dua puluh empat' (berita acara)."""
    from babel.dates import format_date
    from num2words import num2words

    day_name = format_date(value, "EEEE", locale="id")
    month = format_date(value, "MMMM", locale="id")
    return (
        f"{day_name} tanggal {num2words(value.day, lang='id')} bulan {month} tahun {num2words(value.year, lang='id')}"
    )
