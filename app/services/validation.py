"""Checks a secretary expects where values are typed: required text, lengths, NIP, times."""

from __future__ import annotations

import datetime as dt
import re

from app.i18n import _, current_language, number
from app.services.errors import ValidationError

NIP_LENGTH = 18
MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 200_000


def clean_text(
    value: object, *, field: str, label: str, required: bool = False, max_length: int = MAX_SHORT_TEXT
) -> str:
    """Strip surrounding blanks; refuse empty required text and text past the column's size."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(_("{label} must be text.").format(label=label), field=field)
    text = value.strip()
    if "\x00" in text:
        raise ValidationError(_("{label} contains a character that cannot be stored.").format(label=label), field=field)
    if required and not text:
        raise ValidationError(_("{label} is required.").format(label=label), field=field)
    if len(text) > max_length:
        raise ValidationError(
            _("{label} is too long ({length} characters; at most {limit}).").format(
                label=label, length=len(text), limit=max_length
            ),
            field=field,
        )
    return text


def digits_only(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value or "")


def clean_nip(value: str | None, *, field: str = "id_number") -> str:
    """A NIP: 18 digits, born yyyymmdd, appointed yyyymm, sex 1 or 2, a sequence."""
    nip = digits_only(value or "")
    if not nip:
        return ""
    if not nip.isdigit() or len(nip) != NIP_LENGTH:
        raise ValidationError(_("A NIP has 18 digits."), field=field)
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(_("The birth date in this NIP is not a real date."), field=field) from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12 or year < born.year + 15:
        raise ValidationError(_("The appointment month in this NIP is not a real month."), field=field)
    if nip[14] not in "12":
        raise ValidationError(_("The sex digit of a NIP is 1 or 2."), field=field)
    return nip


def clean_id_number(value: str | None, *, field: str = "id_number") -> str:
    """NIP (checked fully when it has 18 digits) or NRP (Polri/TNI, digits of other lengths)."""
    number = digits_only(value or "")
    if not number:
        return ""
    if not number.isdigit():
        raise ValidationError(_("A NIP or NRP is made of digits only."), field=field)
    if len(number) == NIP_LENGTH:
        return clean_nip(number, field=field)
    if len(number) > NIP_LENGTH or len(number) < 5:
        raise ValidationError(_("A NIP has 18 digits; an NRP 5 to 17."), field=field)
    return number


def format_id_number(number: str) -> str:
    """A NIP grouped as printed, '19800101 200501 1 001'; anything else unchanged."""
    if len(number) == NIP_LENGTH and number.isdigit():
        return f"{number[0:8]} {number[8:14]} {number[14]} {number[15:18]}"
    return number


def check_time_order(start: dt.time | None, end: dt.time | None, *, field: str = "end_time") -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError(_("The end time must be after the start time."), field=field)


def clean_persons_count(value: object, *, field: str = "persons") -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("The number of persons must be a whole number."), field=field)
    if value < 0 or value > 1_000_000:
        raise ValidationError(_("The number of persons must be between 0 and 1,000,000."), field=field)
    return value


#: Names Windows reserves for devices, with or without an extension.
_RESERVED_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def clean_filename(value: object, *, field: str = "filename") -> str:
    """A bare file name safe to save on Windows or Linux: no folder, no drive, no device, not empty."""
    name = clean_text(value, field=field, label=_("File name"), required=True, max_length=255)
    if (
        any(ch in name for ch in '/\\:*?"<>|')
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in name)
        or name.strip(". ") == ""
        or name.endswith((".", " "))
        or _RESERVED_NAMES.match(name)
    ):
        raise ValidationError(_("{name!r} is not a usable file name.").format(name=name), field=field)
    return name


def clean_position(value: object, *, field: str = "position", limit: int = 1_000_000) -> int:
    """A row's place in its list: a whole number from 1."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limit:
        raise ValidationError(
            _("A position must be a whole number from 1 to {limit}.").format(
                limit=number(limit, lang=current_language())
            ),
            field=field,
        )
    return value
