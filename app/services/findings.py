"""Use cases of the findings (temuan) reported about foreigners in the area."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import N_, _, country_name, country_names
from app.models import Finding, FindingNationality
from app.models.enums import DocumentStatus
from app.services.errors import NotFoundError, ValidationError
from app.services.meetings import ensure_editable, get_meeting
from app.services.ordering import move_to, next_position, renumber
from app.services.validation import clean_text

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

#: Rows of nationalities one finding may list (more than any real finding; bounds a file too).
MAX_NATIONALITIES = 100
#: Persons of one nationality in one finding: at least one (none is no row), at most this.
MAX_PERSONS = 1_000_000

#: (ISO alpha-2 or "", persons or None): one nationality of a finding, as the editor gives it.
Involved = tuple[str, int | None]

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
        elif field == "nationalities":
            _set_nationalities(finding, clean_nationalities(value))
        elif field == "more_nationalities":
            # Every row after the first (the window's added rows), the first kept as it is.
            first = [(n.nationality, n.persons) for n in finding.nationalities[:1]] or [("", None)]
            _set_nationalities(finding, clean_nationalities([*first, *value]))
        elif field in ("nationality", "persons"):
            # The first row, as the form's own two fields show it: a finding with one
            # nationality is entered as quickly as before there could be several.
            rows = [(n.nationality, n.persons) for n in finding.nationalities] or [("", None)]
            code, persons = rows[0]
            rows[0] = (value, persons) if field == "nationality" else (code, value)
            _set_nationalities(finding, clean_nationalities(rows, first_field=field))
        elif field == "document_status":
            try:
                finding.document_status = DocumentStatus(value)
            except ValueError:
                raise ValidationError(_("{value} is not a valid choice.").format(value=value), field=field) from None
        else:
            raise TypeError(f"unknown finding field {field!r}")


def clean_nationalities(value: object, *, first_field: str | None = None) -> list[Involved]:
    """The rows as stored: codes known and upper case, persons 1 to 1,000,000 or not said, no
    country twice; rows that say nothing are left out. The first problem is a ValidationError
    (its field: `first_field` for the first row, the form's own field, else "nationalities")."""
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"nationalities must be a list, not {type(value).__name__}")
    if len(value) > MAX_NATIONALITIES:
        raise ValidationError(
            _("A finding lists at most {limit} nationalities.").format(limit=MAX_NATIONALITIES), field="nationalities"
        )
    cleaned: list[Involved] = []
    for index, row in enumerate(value):
        code_in, persons_in = row
        field = first_field if index == 0 and first_field else "nationalities"
        code = (code_in or "").strip().upper()
        if code and code not in country_names():
            raise ValidationError(
                _("{code} is not a known country code.").format(code=code),
                field="nationality" if field == "persons" else field,
            )
        persons = _clean_persons(persons_in, field="persons" if field == "nationality" else field)
        if code and any(code == other for other, _n in cleaned):
            raise ValidationError(_("{country} is listed twice.").format(country=country_name(code)), field=field)
        if code or persons is not None:
            cleaned.append((code, persons))
    return cleaned


def _clean_persons(value: object, *, field: str) -> int | None:
    """None (not said) or 1 to 1,000,000: a nationality nobody of is no row at all."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("The number of persons must be a whole number."), field=field)
    if not 1 <= value <= MAX_PERSONS:
        raise ValidationError(_("The number of persons must be between 1 and 1,000,000."), field=field)
    return value


def _set_nationalities(finding: Finding, rows: list[Involved]) -> None:
    """Replace the finding's rows, keeping (and updating) the ones at the same positions."""
    current = list(finding.nationalities)
    for position, (code, persons) in enumerate(rows, start=1):
        if position <= len(current):
            row = current[position - 1]
            row.position, row.nationality, row.persons = position, code, persons
        else:
            finding.nationalities.append(FindingNationality(position=position, nationality=code, persons=persons))
    for row in current[len(rows) :]:
        finding.nationalities.remove(row)


def add_finding(session: Session, meeting_id: int | str, *, category: str, **fields: Any) -> Finding:
    meeting = get_meeting(session, meeting_id)
    ensure_editable(meeting)
    finding = Finding(
        position=next_position(meeting.findings),
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
