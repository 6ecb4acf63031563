"""The editor's rules applied to a whole meeting given as records (an imported file).

The window checks a value when it is typed, through the use cases; an imported meeting arrives
all at once. Both go through the same checks (`clean_text` with the same limits, NIP/NRP, counts,
file names, pictures), and the tables of limits are the use cases' own where they have one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from app.i18n import _, country_name, country_names, current_language, number
from app.models.enums import AttachmentKind, AttendanceStatus
from app.services import attendance, findings, meetings
from app.services.errors import FormatError, UserError, ValidationError
from app.services.package import MAX_ATTACHMENT_BYTES
from app.services.photos import PHOTO_MEDIA_TYPES, SNIFFED_MEDIA_TYPES, clean_small_picture, sniff_media_type
from app.services.records import AgencyRecord, AttachmentRecord, MeetingBundle, PersonRecord
from app.services.validation import (
    check_time_order,
    clean_filename,
    clean_id_number,
    clean_persons_count,
    clean_position,
    clean_text,
)

T = TypeVar("T")

MAX_REVISION = 10_000
MAX_ORDER = 1_000_000

# Limits of the use cases that keep them inline (agenda, actions, conclusions, directory).
AGENDA_FIELDS = {"title": (500, True), "presenter_name": (300, False), "discussion": (200_000, False)}
ACTION_FIELDS = {"description": (50_000, True), "owner_agency_name": (200, False), "owner_person_name": (200, False)}
REVIEW_FIELDS = {
    "description": (50_000, True),
    "owner_agency_name": (200, False),
    "origin_meeting_title": (500, False),
    "note": (50_000, False),
}
CONCLUSION_FIELDS = {"text": (50_000, True)}
ATTACHMENT_FIELDS = {"caption": (2000, False)}
PERSON_FIELDS = {
    "name": (200, True),
    "rank": (120, False),
    "position": (300, False),
    "phone": (60, False),
    "email": (200, False),
    "notes": (5000, False),
}
AGENCY_FIELDS = {"name": (200, True), "short_name": (80, False)}
FINDING_FIELDS = {"category": (200, True)} | {
    name: (size, False) for name, (_label, size) in findings.TEXT_FIELDS.items()
}


class _Place:
    """Names where a problem is, as the file's own path (meeting.agenda[2].title)."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, error: UserError | str) -> FormatError:
        return FormatError(
            _("The meeting in the file is not valid: {where}: {error}").format(where=self.where, error=error)
        )


def _texts(row: object, table: dict[str, tuple[int, bool]], where: str) -> None:
    for name, (size, required) in table.items():
        try:
            # The place in the file is the label: "meeting.title is too long (…; at most 500)".
            clean_text(getattr(row, name), field=name, label=f"{where}.{name}", required=required, max_length=size)
        except ValidationError as exc:
            raise FormatError(_("The meeting in the file is not valid: {error}").format(error=exc)) from None


def _check(where: str, check: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    try:
        return check(*args, **kwargs)
    except ValidationError as exc:
        raise _Place(where).fail(exc) from None


def _positions(rows: Iterable[Any], where: str) -> None:
    for index, row in enumerate(rows):
        _check(f"{where}[{index}].position", clean_position, row.position)


def _order(value: int, where: str) -> None:
    if not 0 <= value <= MAX_ORDER:
        raise _Place(where).fail(
            _("must be a whole number from 0 to {limit}").format(limit=number(MAX_ORDER, lang=current_language()))
        )


def _naive_time(value: dt.time | None, where: str) -> None:
    if value is not None and value.tzinfo is not None:
        raise _Place(where).fail(_("a time of day without a time zone is expected"))


def check_records(bundle: MeetingBundle) -> None:
    """Refuse what the window would refuse; the first problem is named with its place."""
    m = bundle.meeting
    _texts(m, meetings.TEXT_FIELDS, "meeting")
    if not 1 <= m.revision <= MAX_REVISION:
        raise _Place("meeting.revision").fail(
            _("must be a whole number from 1 to {limit}").format(limit=number(MAX_REVISION, lang=current_language()))
        )
    _naive_time(m.start_time, "meeting.start_time")
    _naive_time(m.end_time, "meeting.end_time")
    _check("meeting.end_time", check_time_order, m.start_time, m.end_time)
    for index, item in enumerate(m.agenda):
        _texts(item, AGENDA_FIELDS, f"meeting.agenda[{index}]")
        _naive_time(item.time, f"meeting.agenda[{index}].time")
    _positions(m.agenda, "meeting.agenda")
    for index, row in enumerate(m.attendances):
        where = f"meeting.attendances[{index}]"
        _texts(row, attendance.SNAPSHOT_FIELDS, where)
        _check(f"{where}.id_number", clean_id_number, row.id_number)
        _check(f"{where}.deputy_id_number", clean_id_number, row.deputy_id_number)
        _order(row.agency_order, f"{where}.agency_order")
        if row.status is AttendanceStatus.REPRESENTED and not row.deputy_name.strip():
            raise _Place(f"{where}.deputy_name").fail(_("Name the deputy who attended."))
    _positions(m.attendances, "meeting.attendances")
    countries = country_names()
    for index, finding in enumerate(m.findings):
        where = f"meeting.findings[{index}]"
        _texts(finding, FINDING_FIELDS, where)
        if len(finding.nationalities) > findings.MAX_NATIONALITIES:
            raise _Place(f"{where}.nationalities").fail(
                _("A finding lists at most {limit} nationalities.").format(limit=findings.MAX_NATIONALITIES)
            )
        seen: set[str] = set()
        for number_, involved in enumerate(finding.nationalities):
            place = f"{where}.nationalities[{number_}]"
            if involved.nationality and involved.nationality not in countries:
                raise _Place(f"{place}.nationality").fail(
                    _("{code} is not a known country code.").format(code=involved.nationality)
                )
            if involved.nationality and involved.nationality in seen:
                raise _Place(f"{place}.nationality").fail(
                    _("{country} is listed twice.").format(
                        country=country_name(involved.nationality) or involved.nationality
                    )
                )
            seen.add(involved.nationality)
            # 0 stays readable here: a record from before issue 18 may say it (the editor no longer takes it)
            _check(f"{place}.persons", clean_persons_count, involved.persons)
    _positions(m.findings, "meeting.findings")
    for index, action in enumerate(m.actions):
        _texts(action, ACTION_FIELDS, f"meeting.actions[{index}]")
    _positions(m.actions, "meeting.actions")
    for index, review in enumerate(m.reviews):
        _texts(review, REVIEW_FIELDS, f"meeting.reviews[{index}]")
    _positions(m.reviews, "meeting.reviews")
    for index, conclusion in enumerate(m.conclusions):
        _texts(conclusion, CONCLUSION_FIELDS, f"meeting.conclusions[{index}]")
    _positions(m.conclusions, "meeting.conclusions")
    for index, attachment in enumerate(m.attachments):
        if attachment.content is not None:  # a streamed one was checked as it was read
            check_attachment(attachment, f"meeting.attachments[{index}]")
    _positions(m.attachments, "meeting.attachments")
    check_directory(bundle.persons, bundle.agencies)


def check_directory(persons: Iterable[PersonRecord], agencies: Iterable[AgencyRecord]) -> None:
    """The directory's rules for people and agencies, as a meeting file or a directory file brings them."""
    for index, person in enumerate(persons):
        where = f"persons[{index}]"
        _texts(person, PERSON_FIELDS, where)
        _check(f"{where}.id_number", clean_id_number, person.id_number)
        if person.signature_image is not None:
            _check_signature(person.signature_image, f"{where}.signature_image")
    for index, agency in enumerate(agencies):
        _texts(agency, AGENCY_FIELDS, f"agencies[{index}]")
        _order(agency.sort_order, f"agencies[{index}].sort_order")


def check_attachment(attachment: AttachmentRecord, where: str) -> None:
    """An attachment with its content: name, size, and content that is what it says it is."""
    _texts(attachment, ATTACHMENT_FIELDS, where)
    _check(f"{where}.filename", clean_filename, attachment.filename)
    content = attachment.content or b""
    if not content:
        raise _Place(f"{where}.data").fail(_("the attached file is empty"))
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise _Place(f"{where}.data").fail(_("the attached file is larger than 50 MB"))
    if attachment.size != len(content):
        raise _Place(f"{where}.size").fail(
            _("does not match the attached file ({size} bytes)").format(size=len(content))
        )
    shown = sniff_media_type(content, attachment.filename)
    declared = attachment.media_type
    # The content decides: a web page or a program labelled image/jpeg is refused, and so is a
    # JPEG labelled as something else.
    if (declared in SNIFFED_MEDIA_TYPES or shown in SNIFFED_MEDIA_TYPES) and declared != shown:
        raise _Place(f"{where}.media_type").fail(
            _("the file is declared as {declared} but its content is {shown}").format(declared=declared, shown=shown)
        )
    if attachment.kind is AttachmentKind.PHOTO and declared not in PHOTO_MEDIA_TYPES:
        raise _Place(f"{where}.kind").fail(_("only a JPEG or PNG picture can be a photo"))
    if attachment.kind is AttachmentKind.SIGNED_SHEET:
        # printed as Lampiran I: the same checks as a scan attached by hand
        from app.services.scanned_sheet import check_scan

        try:
            check_scan(content, attachment.filename)
        except FormatError as exc:
            raise _Place(f"{where}.data").fail(exc) from None


def _check_signature(content: bytes, where: str) -> None:
    _check(where, clean_small_picture, content, field="signature_image", label=_("Signature picture"))
