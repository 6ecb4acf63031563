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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import existing_store

if TYPE_CHECKING:
    from app.signing.appearance import SignerDetails
    from app.signing.certificates import CertificateInfo, SigningIdentity
    from app.signing.pades import SignedFile

# pyHanko and the models are imported inside the functions: the command line loads this module
# for every `timpora pdf`, and most of them never sign anything.


@dataclass(frozen=True)
class SignerOverrides:
    """What the user typed for the signer (`--name`, `--position`, `--nip`); None keeps the record's."""

    name: str | None = None
    position: str | None = None
    id_number: str | None = None


def _details_from_record(session, meeting_id: int, role: str) -> SignerDetails | None:
    from app.services.records import load_bundle
    from app.signing.appearance import SignerDetails

    bundle = load_bundle(session, meeting_id)
    person = bundle.chair if role == "chair" else bundle.secretary
    if person is None:
        return None
    return SignerDetails(name=person.name, position=person.position, id_number=person.id_number)


def _details_from_certificate(info: CertificateInfo) -> SignerDetails:
    from app.signing.appearance import SignerDetails

    number = info.serial_attribute if info.serial_attribute.isdigit() else ""
    return SignerDetails(name=info.subject_name, position=info.title, id_number=number)


def _override(details: SignerDetails, overrides: SignerOverrides | None) -> SignerDetails:
    if overrides is None:
        return details
    given = {"name": overrides.name, "position": overrides.position, "id_number": overrides.id_number}
    return replace(details, **{k: v for k, v in given.items() if v})


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
) -> SigningOutcome:
    """Sign a minutes PDF and, if the store holds the meeting, register it.

    Also the service behind `timpora pdf ... --sign`. On any error no output file is left and
    the store is unchanged. `identity`: the .p12 already opened with this passphrase (the
    window opens it first to refuse a wrong passphrase early; opening an RSA key costs 0.1 s).
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
                outcome = _sign_recorded(session, data, identity, role=role, target=target, overrides=overrides)
            if outcome is not None:
                return outcome
    details = _override(_details_from_certificate(identity.info), overrides)
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
    session, data: bytes, identity: SigningIdentity, *, role: str, target: Path, overrides
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
    check_signable_record(session, meeting, revision=metadata.revision, content_sha256=metadata.content_sha256)
    details = _details_from_record(session, meeting.id, role) or _details_from_certificate(identity.info)
    details = _override(details, overrides)
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
            signer_name=details.name,
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
