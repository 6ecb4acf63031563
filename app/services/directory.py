"""Use cases of the directory: agencies (instansi) and the people who represent them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.i18n import _, plain_date
from app.models import Agency, AgencyName, Person
from app.services.errors import ConflictError, NotFoundError, ValidationError
from app.services.validation import clean_id_number, clean_text, format_id_number

AGENCY_FIELDS = {"name", "short_name", "sort_order"}
PERSON_FIELDS = {
    "name",
    "id_number",
    "rank",
    "position",
    "agency_id",
    "phone",
    "email",
    "notes",
    "is_example",
    "signature_image",
}


def get_agency(session: Session, agency_id: int) -> Agency:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFoundError(_("The agency no longer exists."))
    return agency


def get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(_("The person no longer exists."))
    return person


def _apply_agency(agency: Agency, changes: dict) -> None:
    unknown = set(changes) - AGENCY_FIELDS
    if unknown:
        raise TypeError(f"unknown agency fields {sorted(unknown)}")
    if "name" in changes:
        agency.name = clean_text(changes["name"], field="name", label=_("Agency name"), required=True, max_length=200)
    if "short_name" in changes:
        agency.short_name = clean_text(changes["short_name"], field="short_name", label=_("Short name"), max_length=80)
    if "sort_order" in changes:
        agency.sort_order = int(changes["sort_order"])


def create_agency(session: Session, **fields: Any) -> Agency:
    agency = Agency(name="", short_name="", sort_order=100)
    _apply_agency(agency, {"sort_order": 100, **fields})
    duplicate = session.scalar(select(Agency).where(func.lower(Agency.name) == agency.name.lower()))
    if duplicate is not None:
        raise ConflictError(_("The agency {name} is already in the directory.").format(name=agency.name))
    session.add(agency)
    session.flush()
    return agency


def rename_agency(session: Session, agency_id: int, *, name: str, short_name: str = "", renamed_on: dt.date) -> Agency:
    """The agency carries a new name from `renamed_on`; the old one is kept for the days before.

    Minutes of meetings held before that day (and any draft whose date is before it) print the
    old name; a ministry's reorganisation does not rewrite the past.
    """
    agency = get_agency(session, agency_id)
    if not isinstance(renamed_on, dt.date) or isinstance(renamed_on, dt.datetime):
        raise ValidationError(_("Give the date from which the new name is used."), field="renamed_on")
    latest = agency.former_names[-1].renamed_on if agency.former_names else None
    if latest is not None and renamed_on <= latest:
        raise ValidationError(
            _("The agency was already renamed on {date}; a later renaming must come after it.").format(
                date=plain_date(latest)
            ),
            field="renamed_on",
        )
    # checked whole before anything changes: a refused renaming leaves the agency as it was
    new_name = clean_text(name, field="name", label=_("Agency name"), required=True, max_length=200)
    new_short = clean_text(short_name, field="short_name", label=_("Short name"), max_length=80)
    if new_name == agency.name:
        raise ValidationError(_("The new name is the same as the current one."), field="name")
    duplicate = session.scalar(
        select(Agency).where(func.lower(Agency.name) == new_name.lower(), Agency.id != agency.id)
    )
    if duplicate is not None:
        raise ConflictError(_("The agency {name} is already in the directory.").format(name=new_name))
    agency.former_names.append(AgencyName(name=agency.name, short_name=agency.short_name, renamed_on=renamed_on))
    agency.name, agency.short_name = new_name, new_short
    session.flush()
    return agency


def update_agency(session: Session, agency_id: int, **changes: Any) -> Agency:
    agency = get_agency(session, agency_id)
    _apply_agency(agency, changes)
    session.flush()
    return agency


def delete_agency(session: Session, agency_id: int) -> None:
    session.delete(get_agency(session, agency_id))
    session.flush()


def list_agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.sort_order, Agency.name)))


def _apply_person(session: Session, person: Person, changes: dict) -> None:
    unknown = set(changes) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"unknown person fields {sorted(unknown)}")
    if "name" in changes:
        person.name = clean_text(changes["name"], field="name", label=_("Name"), required=True, max_length=200)
    if "id_number" in changes:
        person.id_number = clean_id_number(changes["id_number"])
    for field, label, size in (
        ("rank", _("Rank/grade"), 120),
        ("position", _("Position"), 300),
        ("phone", _("Phone"), 60),
        ("email", _("E-mail"), 200),
    ):
        if field in changes:
            setattr(person, field, clean_text(changes[field], field=field, label=label, max_length=size))
    if "notes" in changes:
        person.notes = clean_text(changes["notes"], field="notes", label=_("Notes"), max_length=5000)
    if "agency_id" in changes:
        agency_id = changes["agency_id"]
        person.agency = None if agency_id is None else get_agency(session, agency_id)
    if "is_example" in changes:
        person.is_example = bool(changes["is_example"])
    if "signature_image" in changes:
        from app.services.photos import clean_small_picture  # Pillow: not as the window starts

        person.signature_image = clean_small_picture(
            changes["signature_image"], field="signature_image", label=_("Signature picture")
        )


def create_person(session: Session, **fields: Any) -> Person:
    person = Person(name="", id_number="", rank="", position="", phone="", email="", notes="", is_example=False)
    _apply_person(session, person, {"name": fields.pop("name", ""), **fields})
    if person.id_number:
        duplicate = session.scalar(select(Person).where(Person.id_number == person.id_number))
        if duplicate is not None:
            raise ConflictError(
                _("NIP/NRP {number} already belongs to {name}.").format(number=person.id_number, name=duplicate.name)
            )
    session.add(person)
    session.flush()
    return person


def update_person(session: Session, person_id: int, **changes: Any) -> Person:
    person = get_person(session, person_id)
    _apply_person(session, person, changes)
    if "id_number" in changes and person.id_number:
        duplicate = session.scalar(select(Person).where(Person.id_number == person.id_number, Person.id != person.id))
        if duplicate is not None:
            raise ConflictError(
                _("NIP/NRP {number} already belongs to {name}.").format(number=person.id_number, name=duplicate.name)
            )
    session.flush()
    return person


def delete_person(session: Session, person_id: int) -> None:
    # Meetings keep their attendance snapshot; only the directory link is cut.
    session.delete(get_person(session, person_id))
    session.flush()


def search_people(session: Session, text: str = "", *, limit: int = 50) -> list[Person]:
    """People whose name, NIP/NRP, position or agency contains `text` (any part, any case)."""
    query = select(Person).outerjoin(Agency).order_by(Agency.sort_order, Person.name).limit(limit)
    needle = text.strip()
    if needle:
        like = f"%{needle}%"
        digits = needle.replace(" ", "")
        query = query.where(
            or_(
                Person.name.ilike(like),
                Person.position.ilike(like),
                Agency.name.ilike(like),
                Agency.short_name.ilike(like),
                Person.id_number.like(f"%{digits}%"),
            )
        )
    return list(session.scalars(query))


# --- the directory as pickers offer it --------------------------------------------------------


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str
    agency: str
    id_number: str

    @property
    def label(self) -> str:
        parts = [self.name, self.agency, format_id_number(self.id_number)]
        return " — ".join(p for p in parts if p)

    @property
    def search_text(self) -> str:
        """What typing can match: any part of the name, agency, or the NIP with or without spaces."""
        return f"{self.label} {self.id_number}"


@dataclass(frozen=True)
class AgencyChoice:
    id: int
    name: str
    short_name: str


def load_directory(session: Session) -> tuple[list[PersonChoice], list[AgencyChoice]]:
    """Everyone and every agency, in the order pickers list them, read in two queries."""
    agencies = list(session.scalars(select(Agency).order_by(Agency.sort_order, Agency.name)))
    by_id = {a.id: a for a in agencies}
    people = [
        PersonChoice(
            id=p.id,
            name=p.name,
            agency=(by_id[p.agency_id].short_name or by_id[p.agency_id].name) if p.agency_id in by_id else "",
            id_number=p.id_number,
        )
        for p in session.scalars(select(Person).order_by(Person.name))
    ]
    return people, [AgencyChoice(a.id, a.name, a.short_name) for a in agencies]


@dataclass(frozen=True)
class CertificateHolder:
    """A person of the directory, as a personal certificate names them (signing.signers.BoxPerson's fields)."""

    name: str
    position: str
    id_number: str


def certificate_holders(session: Session) -> list[CertificateHolder]:
    """Everyone of the directory, by name, with their NIP when they have one (18 digits; an NRP is no NIP).

    A personal certificate names the person, and their NIP when they have one: signing then
    compares both with the box's person.
    """
    holders = []
    for person in session.scalars(select(Person).order_by(Person.name)):
        nip = re.sub(r"\D", "", person.id_number)
        holders.append(CertificateHolder(person.name, person.position, nip if len(nip) == 18 else ""))
    return holders
