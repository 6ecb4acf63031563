"""Use cases of the office profile: the kop surat and defaults, one row per store."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import OfficeProfile
from app.models.enums import DocumentFont, Paper, TimeZoneName
from app.services.directory import get_person
from app.services.errors import ValidationError
from app.services.photos import clean_small_picture
from app.services.validation import clean_text

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


def get_office(session: Session) -> OfficeProfile:
    """The profile, created empty on first use."""
    office = session.get(OfficeProfile, 1)
    if office is None:
        office = OfficeProfile(id=1, **{field: "" for field in TEXT_FIELDS})
        session.add(office)
        session.flush()
    return office


def update_office(session: Session, **changes) -> OfficeProfile:
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
        elif field == "tsa_url":
            office.tsa_url = clean_tsa_url(value)
        elif field == "emblem":
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


def _enum(enum_cls, value, field):
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationError(_("{value} is not a valid choice.").format(value=value), field=field) from None


def is_configured(office: OfficeProfile) -> bool:
    """An office is set up once the kop surat names it (the first start asks for this)."""
    return bool(office.office_name.strip())
