"""Who may sign which box: a certificate signs as the person it names, or openly on their behalf.

A certificate names its holder in the subject: the common name, and for government
certificates (BSrE) and the personal certificates made here the NIP in the serialNumber
attribute. The box of the chair or the secretary belongs to the person the record (or the
command line) names. They must be the same person, name and NIP compared, unless the user says
the signature is made on that person's behalf ("a.n."): the stamp then says both names, and the
register names the certificate's holder. No box is ever signed under a name the key does not
carry.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.i18n import _
from app.services.errors import UserError
from app.signing.appearance import SignerDetails
from app.signing.certificates import CertificateInfo
from app.signing.fields import role_label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: A NIP has 18 digits; a NIK (16) in a certificate cannot be compared with the record's NIP.
NIP_DIGITS = 18


class SignerMismatch(UserError):
    """The certificate is not the person whose box it would sign."""


@dataclass(frozen=True)
class BoxPerson:
    """The person a signature box belongs to, as the record (or the command line) names them."""

    name: str
    position: str = ""
    id_number: str = ""


def comparable_name(name: str) -> str:
    """A name without academic degrees (after the first comma) or titles ("Drs.", "H."), case-folded.

    "Drs. Ahmad Fauzi Rahman, S.H., M.Si." and "AHMAD FAUZI RAHMAN" compare equal.
    """
    core = unicodedata.normalize("NFKC", name).split(",")[0]
    words = [w for w in core.split() if not w.endswith(".")]
    return " ".join(re.sub(r"[^\w]", "", w).casefold() for w in words if re.sub(r"[^\w]", "", w))


def digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def certificate_nip(info: CertificateInfo) -> str:
    """The NIP the certificate carries in its subject, or ""."""
    number = digits(info.serial_attribute)
    return number if len(number) == NIP_DIGITS else ""


def is_holder(info: CertificateInfo, person: BoxPerson) -> bool:
    """Does the certificate name this person? Names compared without titles; NIPs when both have one."""
    if not comparable_name(person.name) or comparable_name(info.subject_name) != comparable_name(person.name):
        return False
    cert_nip, person_nip = certificate_nip(info), digits(person.id_number)
    return not (cert_nip and len(person_nip) == NIP_DIGITS and cert_nip != person_nip)


def register_name(info: CertificateInfo, person: BoxPerson | None, *, on_behalf: bool) -> str:
    """What the register says signed: always the certificate's holder."""
    if on_behalf and person is not None and not is_holder(info, person):
        return _("{signer} on behalf of {person}").format(signer=info.subject_name, person=person.name)
    return info.subject_name


def signer_details(info: CertificateInfo, person: BoxPerson | None, *, role: str, on_behalf: bool) -> SignerDetails:
    """What the stamp in the box says, or SignerMismatch when the certificate is not that person."""
    own = SignerDetails(name=info.subject_name, position=info.title, id_number=certificate_nip(info))
    if person is None or not person.name.strip():
        return own  # nobody is named for the box: the certificate's holder signs as themselves
    if is_holder(info, person):
        # The same person: the record's spelling keeps the degrees and the jabatan of the day.
        return SignerDetails(
            name=person.name, position=person.position, id_number=person.id_number or certificate_nip(info)
        )
    if on_behalf:
        return SignerDetails(
            name=info.subject_name, position=info.title, id_number=certificate_nip(info), on_behalf_of=person.name
        )
    raise SignerMismatch(
        _(
            "The {role}'s box is for {person}, but the certificate is {signer}'s: sign with the own certificate "
            "of {person}, or explicitly on their behalf (a.n.)."
        ).format(signer=info.subject_name, role=role_label(role), person=person.name)
    )


def directory_person(session: Session, nip: str) -> BoxPerson:
    """The person of the directory with this NIP, for their own certificate; else one UserError."""
    from sqlalchemy import select

    from app.models import Person

    wanted = digits(nip)
    if len(wanted) != NIP_DIGITS:
        raise UserError(_("A NIP has 18 digits; {nip} does not.").format(nip=nip))
    found = [p for p in session.scalars(select(Person).where(Person.id_number != "")) if digits(p.id_number) == wanted]
    if not found:
        raise UserError(_("Nobody in the directory has the NIP {nip}.").format(nip=wanted))
    if len(found) > 1:
        raise UserError(
            _("More than one person in the directory has the NIP {nip}; correct the directory first.").format(
                nip=wanted
            )
        )
    person = found[0]
    return BoxPerson(name=person.name, position=person.position, id_number=wanted)
