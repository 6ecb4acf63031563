"""Use cases of the findings (temuan) reported about foreigners in the area."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import N_, _, country_names
from app.models import Finding
from app.models.enums import DocumentStatus
from app.services.errors import NotFoundError, ValidationError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import move_to, next_position, renumber
from app.services.validation import clean_persons_count, clean_text

#: The categories offices usually report; a finding may also name a new one.
USUAL_CATEGORIES = (
    N_("Misuse of stay permit"),
    N_("Overstay"),
    N_("Illegal foreign worker"),
    N_("Foreigner without documents"),
    N_("Mixed marriage"),
    N_("Refugee"),
    N_("Espionage"),
    N_("Spreading radical or intolerant ideology"),
    N_("Fictitious foreign investment / human trafficking"),
    N_("Foreigner on the voter list"),
)

TEXT_FIELDS = {
    "location": (N_("Location"), 300),
    "regency": (N_("Regency/city"), 120),
    "district": (N_("District (kecamatan)"), 120),
    "sponsor": (N_("Sponsor or employer"), 300),
    "reporting_agency": (N_("Reporting agency"), 200),
    "description": (N_("Description"), 200_000),
    "recommendation": (N_("Recommendation"), 200_000),
}


def get_finding(session: Session, finding_id: int) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(_("The finding no longer exists."))
    return finding


def _apply(finding: Finding, changes: dict) -> None:
    for field, value in changes.items():
        if field == "category":
            finding.category = clean_text(value, field="category", label=_("Category"), required=True, max_length=200)
        elif field in TEXT_FIELDS:
            label, size = TEXT_FIELDS[field]
            setattr(finding, field, clean_text(value, field=field, label=_(label), max_length=size))
        elif field == "nationality":
            code = (value or "").strip().upper()
            if code and code not in country_names():
                raise ValidationError(_("{code} is not a known country code.").format(code=code), field="nationality")
            finding.nationality = code
        elif field == "persons":
            finding.persons = clean_persons_count(value)
        elif field == "document_status":
            try:
                finding.document_status = DocumentStatus(value)
            except ValueError:
                raise ValidationError(_("{value} is not a valid choice.").format(value=value), field=field) from None
        else:
            raise TypeError(f"unknown finding field {field!r}")


def add_finding(session: Session, meeting_id: int | str, *, category: str, **fields: Any) -> Finding:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    finding = Finding(
        position=next_position(meeting.findings),
        nationality="",
        document_status=DocumentStatus.UNKNOWN,
        **{field: "" for field in TEXT_FIELDS},
    )
    _apply(finding, {"category": category, **fields})
    meeting.findings.append(finding)
    session.flush()
    return finding


def update_finding(session: Session, finding_id: int, **changes: Any) -> Finding:
    finding = get_finding(session, finding_id)
    ensure_editable(finding.meeting)
    _apply(finding, changes)
    session.flush()
    return finding


def delete_finding(session: Session, finding_id: int) -> None:
    finding = get_finding(session, finding_id)
    meeting = finding.meeting
    ensure_editable(meeting)
    meeting.findings.remove(finding)
    renumber(meeting.findings)
    session.flush()


def move_finding(session: Session, finding_id: int, new_position: int) -> None:
    finding = get_finding(session, finding_id)
    ensure_editable(finding.meeting)
    move_to(finding.meeting.findings, finding, new_position)
    session.flush()


# --- where: kabupaten/kota and kecamatan ---------------------------------------------------------


def place_text(location: str, district: str = "", regency: str = "") -> str:
    """Where a finding was, as printed: "Desa Sukamaju, Kecamatan Tugumulyo, Kabupaten Musi Rawas".

    The location as written comes first; the kecamatan and the kabupaten/kota follow unless the
    text already names them (records migrated from a free text name them there).
    """
    location = (location or "").strip()
    said = location.casefold()
    kecamatan = ""
    if district and not any(f"{word} {district}".casefold() in said for word in ("kecamatan", "kec.")):
        kecamatan = f"Kecamatan {district}"
    if kecamatan and regency and said.endswith(regency.casefold()):
        # "Desa X, Kabupaten Y" + Z -> "Desa X, Kecamatan Z, Kabupaten Y": smaller before larger
        head = location[: len(location) - len(regency)].rstrip(" ,")
        return ", ".join(part for part in (head, kecamatan, location[len(location) - len(regency) :]) if part)
    parts = [part for part in (location, kecamatan) if part]
    if regency and regency.casefold() not in said:
        parts.append(regency)
    return ", ".join(parts)


@dataclass(frozen=True)
class AreaChoices:
    """The kabupaten/kota a finding's picker offers, and the kecamatan known in each."""

    regencies: tuple[str, ...]
    districts: dict[str, tuple[str, ...]]


_AREA_PART = re.compile(r"\s*(?:,|;|\bdan\b|\band\b)\s*", re.IGNORECASE)


def regencies_of_area(area: str) -> list[str]:
    """The kabupaten/kota an office's working area names: "Kota Lubuklinggau, Kabupaten Musi
    Rawas dan Kabupaten Musi Rawas Utara" -> three; other words are left out."""
    found = []
    for part in _AREA_PART.split(area or ""):
        part = " ".join(part.split())
        match = re.match(r"(?i:(kabupaten|kab\.|kota))\s+(.+)", part)
        if match:
            kind = "Kota" if match.group(1).lower() == "kota" else "Kabupaten"
            found.append(f"{kind} {match.group(2)}")
    return found


def area_choices(session: Session) -> AreaChoices:
    """The office's area first, then every kabupaten/kota and kecamatan already written in a
    finding: the list grows as the secretary types new ones (two queries)."""
    from sqlalchemy import select

    from app.models import OfficeProfile

    office_area = session.scalar(select(OfficeProfile.area).order_by(OfficeProfile.id).limit(1)) or ""
    office = regencies_of_area(office_area)
    districts: dict[str, set[str]] = {regency: set() for regency in office}
    rows = session.execute(select(Finding.regency, Finding.district).where(Finding.regency != "").distinct())
    for regency, district in rows:
        known = districts.setdefault(regency, set())
        if district:
            known.add(district)
    others = sorted((r for r in districts if r not in office), key=str.casefold)
    return AreaChoices(
        regencies=(*office, *others),
        districts={r: tuple(sorted(d, key=str.casefold)) for r, d in districts.items()},
    )
