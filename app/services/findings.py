"""Use cases of the findings (temuan) reported about foreigners in the area."""

from __future__ import annotations

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
