"""Signing recorded minutes: sign a minutes PDF and, when the store holds its meeting, register it.

The store is consulted when it exists (it is never created just to sign a file). If it holds
the meeting named in the PDF's metadata, the signer's name, jabatan and NIP come from the
record, the PDF must be of the record's current revision and content, and the signature goes
into the register in the same unit of work that writes the file, which locks the meeting.
A PDF whose meeting is not in the store is signed all the same, and said to be unrecorded.
The command line (`timpora sign`, `pdf --sign`), the window and the self-test call it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import existing_store

if TYPE_CHECKING:
    from app.signing.certificates import CertificateInfo, SigningIdentity
    from app.signing.pades import SignedFile
    from app.signing.signers import BoxPerson

# pyHanko and the models are imported inside the functions: the command line loads this module
# for every `timpora pdf`, and most of them never sign anything.


@dataclass(frozen=True)
class SignerOverrides:
    """What the user typed for the signer (`--name`, `--position`, `--nip`); None keeps the record's."""

    name: str | None = None
    position: str | None = None
    id_number: str | None = None


def _person_from_record(session, meeting_id: int, role: str) -> BoxPerson | None:
    from app.services.records import load_bundle
    from app.signing.signers import BoxPerson

    bundle = load_bundle(session, meeting_id)
    person = bundle.chair if role == "chair" else bundle.secretary
    if person is None:
        return None
    return BoxPerson(name=person.name, position=person.position, id_number=person.id_number)


def _person_from_overrides(overrides: SignerOverrides | None) -> BoxPerson | None:
    """The person the user named for the box (`--name`...), when the store does not know the meeting."""
    from app.signing.signers import BoxPerson

    if overrides is None or not (overrides.name or "").strip():
        return None
    return BoxPerson(name=overrides.name, position=overrides.position or "", id_number=overrides.id_number or "")


def _write_signed(target: Path, data: bytes) -> None:
    from app.services.files import write_atomically

    write_atomically(target, data)


@dataclass(frozen=True)
class SigningOutcome:
    signed: SignedFile
    certificate: CertificateInfo
    #: The store held the meeting: the signature is in its register and the meeting is locked.
    recorded: bool


def sign_minutes(
    source: Path,
    *,
    p12: Path,
    passphrase: str,
    role: str,
    target: Path | None = None,
    db: str | None = None,
    overrides: SignerOverrides | None = None,
    identity: SigningIdentity | None = None,
    on_behalf: bool = False,
) -> SigningOutcome:
    """Sign a minutes PDF and, if the store holds the meeting, register it.

    Also the service behind `timpora pdf ... --sign`. On any error no output file is left and
    the store is unchanged. `identity`: the .p12 already opened with this passphrase (the
    window opens it first to refuse a wrong passphrase early; opening an RSA key costs 0.1 s).
    The certificate must name the person of the box (signers.py) unless `on_behalf`: then the
    stamp says "a.n." that person, and the register names the certificate's holder.
    """
    from app.documents.metadata import read_metadata
    from app.signing.certificates import load_identity
    from app.signing.pades import check_target, default_output
    from app.signing.verification import read_pdf_bytes

    source = Path(source)
    target = Path(target) if target else default_output(source, role)
    check_target(source, target)
    data = read_pdf_bytes(source)
    identity = identity or load_identity(p12, passphrase)
    metadata = read_metadata(data)
    with existing_store(db) as store:
        if store is not None and metadata is not None:
            with store.session() as session:
                outcome = _sign_recorded(
                    session, data, identity, role=role, target=target, overrides=overrides, on_behalf=on_behalf
                )
            if outcome is not None:
                return outcome
    from app.signing.signers import signer_details

    person = _person_from_overrides(overrides)
    details = signer_details(identity.info, person, role=role, on_behalf=on_behalf)
    return SigningOutcome(
        _sign_and_write(data, identity, role=role, details=details, target=target), identity.info, False
    )


def _sign_and_write(data: bytes, identity: SigningIdentity, *, role: str, details, target: Path, **where) -> SignedFile:
    from app.documents.metadata import read_metadata
    from app.signing.pades import SignedFile, sign_pdf

    signed_at = dt.datetime.now().astimezone().replace(microsecond=0)
    signed = sign_pdf(data, identity, role=role, details=details, signed_at=signed_at, **where)
    _write_signed(target, signed)
    return SignedFile(target, read_metadata(signed), role, signed_at, hashlib.sha256(signed).hexdigest())


def _sign_recorded(
    session, data: bytes, identity: SigningIdentity, *, role: str, target: Path, overrides, on_behalf: bool
) -> SigningOutcome | None:
    """Sign and register in one unit of work; None if the store does not hold this meeting."""
    from sqlalchemy import select

    from app.documents.metadata import read_metadata
    from app.models import Meeting
    from app.services.office import get_office
    from app.services.revisions import check_signable_record, record_signature

    metadata = read_metadata(data)
    meeting = session.scalar(select(Meeting).where(Meeting.uuid == metadata.meeting_uuid))
    if meeting is None:
        return None
    from app.signing.signers import register_name, signer_details

    check_signable_record(session, meeting, revision=metadata.revision, content_sha256=metadata.content_sha256)
    # The record says whose box it is; what the user typed cannot put another name there.
    person = _person_from_record(session, meeting.id, role) or _person_from_overrides(overrides)
    details = signer_details(identity.info, person, role=role, on_behalf=on_behalf)
    office = get_office(session)
    # The file is written inside the unit of work: if writing fails, the register rolls back;
    # if registering fails after writing, the file is removed again.
    signed = _sign_and_write(
        data, identity, role=role, details=details, target=target, zone=office.time_zone.value, location=office.city
    )
    try:
        record_signature(
            session,
            meeting.id,
            role=role,
            file_sha256=signed.file_sha256,
            content_sha256=metadata.content_sha256,
            signer_name=register_name(identity.info, person, on_behalf=on_behalf),
            fingerprint=identity.info.fingerprint,
            filename=target.name,
            revision=metadata.revision,
            signed_at=signed.signed_at,
        )
        session.commit()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return SigningOutcome(signed, identity.info, True)
