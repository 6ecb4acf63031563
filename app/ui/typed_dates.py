"""Dates as a secretary types them: "31/12/2026", "1-3-27", "21 Nov 2024", "besok", "hari ini".

No Qt here: the date field (app/ui/widgets.py) asks this module what a text means and shows
the answer beside the field. Whatever cannot be read is refused with one sentence, never
guessed into another date. Month and day names come from babel, in Indonesian and English,
so "21 Agustus 2024", "21 Agu 2024", "21 August 2024" and the field's own "Kamis, 21 November
2024" are all read. "Today" is always passed in: nothing here looks at the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import cache

from babel.dates import get_day_names, get_month_names

from app.services.errors import ValidationError

#: Words for a day relative to today, Indonesian and English.
RELATIVE_DAYS = {
    "hari ini": 0,
    "hariini": 0,
    "sekarang": 0,
    "today": 0,
    "besok": 1,
    "besuk": 1,
    "tomorrow": 1,
    "lusa": 2,
    "kemarin": -1,
    "yesterday": -1,
}

#: Spellings offices use that babel does not list (old spelling, three-letter forms).
EXTRA_MONTHS = {"pebruari": 2, "peb": 2, "agt": 8, "agus": 8, "nop": 11, "nopember": 11, "sept": 9}

_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_RUN = re.compile(r"(\d{2})(\d{2})(\d{4}|\d{2})")  # 31122026 or 311226
_WORDS = re.compile(r"(\d{1,2})\s*[\s.\-/]\s*([^\W\d_]+)\.?(?:\s*[\s.\-/,]\s*(\d{2}|\d{4}))?")


@cache
def month_numbers() -> dict[str, int]:
    """Every month name and abbreviation (Indonesian, English) in lower case -> 1..12."""
    names: dict[str, int] = dict(EXTRA_MONTHS)
    for locale in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.casefold().rstrip(".")] = number
    return names


@cache
def day_names() -> frozenset[str]:
    return frozenset(
        name.casefold()
        for locale in ("id", "en")
        for width in ("wide", "abbreviated")
        for name in get_day_names(width, locale=locale).values()
    )


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= (today.year % 100) + 30 else 1900
    return year


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(_tr("There is no such date: “{text}”.").format(text=original), field="date") from None


def _tr(msgid: str) -> str:
    from app.i18n import _

    return _(msgid)


def read_date(text: str, *, today: dt.date) -> dt.date | None:
    """The date a typed text means; None for an empty text; ValidationError if it means none.

    Numbers are day first (Indonesian and British use): 03/04/2025 is 3 April. A two-digit year
    is this century unless that lies more than 30 years ahead.
    """
    original = text.strip()
    value = " ".join(original.casefold().split())
    if not value:
        return None
    if value in RELATIVE_DAYS:
        return today + dt.timedelta(days=RELATIVE_DAYS[value])
    # A leading day name ("Kamis, 21 November 2024") is read past; the date itself decides.
    head, _sep, rest = value.partition(",")
    if rest and head.strip() in day_names():
        value = rest.strip()
    elif value.split(" ", 1)[0] in day_names() and " " in value:
        value = value.split(" ", 1)[1]
    if match := _ISO.fullmatch(value):
        return _make(int(match[1]), int(match[2]), int(match[3]), original)
    if match := _NUMERIC.fullmatch(value):
        year = _year(match[3], today) if match[3] else today.year
        return _make(year, int(match[2]), int(match[1]), original)
    if match := _RUN.fullmatch(value):
        return _make(_year(match[3], today), int(match[2]), int(match[1]), original)
    if match := _WORDS.fullmatch(value):
        month = month_numbers().get(match[2].rstrip("."))
        if month is not None:
            year = _year(match[3], today) if match[3] else today.year
            return _make(year, month, int(match[1]), original)
    raise ValidationError(
        _tr("“{text}” is not a date this field can read; write it as dd/mm/yyyy, for example 21/11/2024.").format(
            text=original
        ),
        field="date",
    )


def same_weekday_next_month(after: dt.date, *, today: dt.date | None = None) -> dt.date:
    """The meeting after `after`: the same weekday in the same week of the next month.

    The 3rd Thursday of November gives the 3rd Thursday of December; a 5th Friday that the next
    month lacks gives its last Friday (31 January 2025 -> 28 February 2025). With `today`, a
    month already past is skipped, so the default never lies before today.
    """
    week = (after.day - 1) // 7  # 0..4
    year, month = after.year, after.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        days = calendar.monthrange(year, month)[1]
        first = dt.date(year, month, 1)
        offset = (after.weekday() - first.weekday()) % 7
        candidate_day = 1 + offset + 7 * week
        while candidate_day > days:
            candidate_day -= 7
        candidate = dt.date(year, month, candidate_day)
        if today is None or candidate >= today:
            return candidate
