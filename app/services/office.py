"""Use cases of the office profile: the kop surat and defaults, one row per store."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import OfficeProfile
from app.models.enums import AttendanceAppendix, DocumentFont, MinutesTitle, PageNumbering, Paper, TimeZoneName
from app.services.directory import get_person
from app.services.errors import ValidationError
from app.services.validation import clean_text

if TYPE_CHECKING:
    from app.services.records import OfficeRecord

TEXT_FIELDS = {
    "ministry": 200,
    "directorate": 200,
    "regional_office": 200,
    "office_name": 200,
    "address": 300,
    "phone": 100,
    "website": 200,
    "email": 200,
    "city": 100,
    "area": 300,
}

#: Settings of the printed page: the title word, where page numbers go, what Lampiran I is.
PAGE_SETTINGS = {
    "minutes_title": MinutesTitle,
    "page_numbering": PageNumbering,
    "attendance_appendix": AttendanceAppendix,
}


def get_office(session: Session) -> OfficeProfile:
    """The profile, created empty on first use."""
    office = session.get(OfficeProfile, 1)
    if office is None:
        office = OfficeProfile(id=1, **{field: "" for field in TEXT_FIELDS})
        session.add(office)
        session.flush()
    return office


def update_office(session: Session, **changes: Any) -> OfficeProfile:
    office = get_office(session)
    for field, value in changes.items():
        if field in TEXT_FIELDS:
            setattr(office, field, clean_text(value, field=field, label=field, max_length=TEXT_FIELDS[field]))
        elif field == "time_zone":
            office.time_zone = _enum(TimeZoneName, value, field)
        elif field == "paper":
            office.paper = _enum(Paper, value, field)
        elif field == "font":
            office.font = _enum(DocumentFont, value, field)
        elif field in PAGE_SETTINGS:
            setattr(office, field, _enum(PAGE_SETTINGS[field], value, field))
        elif field == "tsa_url":
            office.tsa_url = clean_tsa_url(value)
        elif field == "emblem":
            from app.services.photos import clean_small_picture  # Pillow: not as the window starts

            office.emblem = clean_small_picture(value, field="emblem", label=_("Emblem"))
        elif field in ("default_chair_id", "default_secretary_id"):
            setattr(office, field, None if value is None else get_person(session, value).id)
        else:
            raise TypeError(f"unknown office field {field!r}")
    session.flush()
    return office


def clean_tsa_url(value: str | None) -> str:
    """The timestamp server's URL as it will be used ("" for none: offline, no timestamps)."""
    from urllib.parse import urlsplit

    url = (value or "").strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not host
        or len(url) > 300
        or any(c.isspace() for c in url)
    ):
        raise ValidationError(
            _("The timestamp server (TSA) address must begin with http:// or https:// and name a server."),
            field="tsa_url",
        )
    return url


def _enum(enum_cls: type[Enum], value: object, field: str) -> Any:
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationError(_("{value} is not a valid choice.").format(value=value), field=field) from None


#: The office profile's fields that make up the kop surat's lines (the contacts alone make none).
LETTERHEAD_FIELDS = ("ministry", "directorate", "regional_office", "office_name", "address")


def has_letterhead(office: OfficeProfile | OfficeRecord) -> bool:
    """Whether an office (the profile or its plain record) has a kop surat to print."""
    return any(str(getattr(office, name, "") or "").strip() for name in LETTERHEAD_FIELDS)


def missing_letterhead_warning() -> str:
    """Said before an official document is printed without a kop surat (window and command line)."""
    return _(
        "The office profile has no kop surat (letterhead): this document will be printed without one. "
        "Fill in the kop surat under Tools → Settings before printing an official copy."
    )


def is_configured(office: OfficeProfile) -> bool:
    """An office is set up once the kop surat names it (the first start asks for this)."""
    return bool(office.office_name.strip())
