"""Signing recorded minutes: sign a minutes PDF and, when the store holds its meeting, register it.

The store is consulted when it exists (it is never created just to sign a file). If it holds
the meeting named in the PDF's metadata, the signer's name, jabatan and NIP come from the
record, the PDF must be of the record's current revision and content, and the signature goes
into the register in the same unit of work that writes the file, which locks the meeting.
A PDF whose meeting is not in the store is signed all the same, and said to be unrecorded.
The command line (`timpora sign`, `pdf --sign`), the window and the self-test call it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.db import existing_store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.signing.appearance import SignerDetails
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


def _person_from_record(session: Session, meeting_id: int, role: str) -> BoxPerson | None:
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
    return BoxPerson(name=overrides.name or "", position=overrides.position or "", id_number=overrides.id_number or "")


def _write_signed(target: Path, data: bytes) -> None:
    from app.services.files import write_atomically

    write_atomically(target, data)


#: A signed file written and synced, waiting under a hidden name for its register entry.
PENDING_SUFFIX = ".ttd-tertunda"


def _stage(target: Path, data: bytes) -> Path:
    """The signed bytes on disk under a hidden name beside the target (never the target's own)."""
    import os
    import tempfile

    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=PENDING_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _publish(staged: Path, target: Path) -> None:
    """The staged file takes the target's name in one rename."""
    import os

    os.replace(staged, target)


def recover_pending(db: str | None, *folders: Path) -> list[Path]:
    """finish_pending in each folder, when the store exists (it is never created for this)."""
    folders = tuple(dict.fromkeys(Path(f) for f in folders))
    if not any(any(folder.glob(f".*{PENDING_SUFFIX}")) for folder in folders):
        return []  # the usual case: nothing was cut off, the store need not be opened
    with existing_store(db) as store:
        if store is None:
            return []
        with store.session() as session:
            return [
                path for folder in dict.fromkeys(Path(f) for f in folders) for path in finish_pending(session, folder)
            ]


def finish_pending(session: Session, folder: Path) -> list[Path]:
    """Complete signings cut off between their register entry and the rename of their file.

    A staged file whose bytes the register holds is the signed file: it takes its name (unless
    something is there already). One the register does not hold was never registered (the
    process stopped before the commit) and is removed. Returns the files put in place.
    """
    from app.services.revisions import is_registered

    done = []
    for staged in Path(folder).glob(f".*{PENDING_SUFFIX}"):
        name = staged.name[1 : -len(PENDING_SUFFIX)].rsplit(".", 1)[0]
        target = staged.with_name(name)
        try:
            if is_registered(session, hashlib.sha256(staged.read_bytes()).hexdigest()):
                if not target.exists():
                    _publish(staged, target)
                    done.append(target)
            else:
                staged.unlink()
        except OSError:
            continue  # tried again at the next signing in this folder
    return done


def _check_genuine_copy(session: Session, data: bytes, meeting_id: int, revision: int) -> None:
    """Only a PDF this store rendered of this revision (or signed from one) is signed into its register.

    The metadata's content hash can be copied into any PDF; the rendered file's own SHA-256 is
    in the register of rendered copies, and a signed file begins with the bytes it was signed from.
    """
    from app.i18n import _
    from app.services.rendered import genuine_copy
    from app.signing.pades import SigningError

    copy = genuine_copy(session, data)
    if copy is None or copy.meeting_id != meeting_id or copy.revision != revision:
        raise SigningError(
            _(
                "This PDF is not a copy this store made of revision {revision} of the meeting, so it is not "
                "signed into its register; make the PDF of the meeting again here, then sign that file."
            ).format(revision=revision)
        )


@dataclass(frozen=True)
class SigningOutcome:
    signed: SignedFile
    certificate: CertificateInfo
    #: The store held the meeting: the signature is in its register and the meeting is locked.
    recorded: bool
    #: Why the signature carries no RFC 3161 timestamp, in the user's language ("" when it does).
    timestamp_missing: str = ""


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
    tsa_url: str | None = None,
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
    recover_pending(db, source.parent, target.parent)
    check_target(source, target)
    data = read_pdf_bytes(source)
    identity = identity or load_identity(p12, passphrase)
    metadata = read_metadata(data)
    with existing_store(db) as store:
        if tsa_url is None and store is not None:
            from app.services.office import get_office

            with store.session() as session:
                tsa_url = get_office(session).tsa_url
        if store is not None and metadata is not None:
            with store.session() as session:
                outcome = _sign_recorded(
                    session,
                    data,
                    identity,
                    role=role,
                    target=target,
                    overrides=overrides,
                    on_behalf=on_behalf,
                    tsa_url=tsa_url or "",
                )
            if outcome is not None:
                return outcome
    from app.signing.pades import check_signable
    from app.signing.signers import signer_details
    from app.signing.timestamps import reach_tsa

    person = _person_from_overrides(overrides)
    details = signer_details(identity.info, person, role=role, on_behalf=on_behalf)
    if tsa_url:  # a file that cannot be signed is refused before the TSA is asked
        check_signable(data, role, fingerprint=identity.info.fingerprint)
    plan = reach_tsa(tsa_url or "")
    signed = _sign_and_write(data, identity, role=role, details=details, target=target, timestamp=plan.source)
    return SigningOutcome(signed, identity.info, False, plan.missing)


def _sign_bytes(
    data: bytes, identity: SigningIdentity, *, role: str, details: SignerDetails, target: Path, **where: Any
) -> tuple[bytes, SignedFile]:
    from app.documents.metadata import read_metadata
    from app.signing.pades import SignedFile, sign_pdf, signing_now

    signed_at = signing_now()
    signed = sign_pdf(data, identity, role=role, details=details, signed_at=signed_at, **where)
    metadata = read_metadata(signed)
    assert metadata is not None  # sign_pdf signs only minutes that carry their metadata
    return signed, SignedFile(target, metadata, role, signed_at, hashlib.sha256(signed).hexdigest())


def _sign_and_write(
    data: bytes, identity: SigningIdentity, *, role: str, details: SignerDetails, target: Path, **where: Any
) -> SignedFile:
    signed, result = _sign_bytes(data, identity, role=role, details=details, target=target, **where)
    _write_signed(target, signed)
    return result


def _sign_recorded(
    session: Session,
    data: bytes,
    identity: SigningIdentity,
    *,
    role: str,
    target: Path,
    overrides: SignerOverrides | None,
    on_behalf: bool,
    tsa_url: str = "",
) -> SigningOutcome | None:
    """Sign and register in one unit of work; None if the store does not hold this meeting."""
    from sqlalchemy import select

    from app.documents.metadata import read_metadata
    from app.models import Meeting
    from app.services.office import get_office
    from app.services.revisions import check_signable_record, record_signature

    metadata = read_metadata(data)
    if metadata is None:  # not minutes of ours (the caller checked; read again from the same bytes)
        return None
    meeting = session.scalar(select(Meeting).where(Meeting.uuid == metadata.meeting_uuid))
    if meeting is None:
        return None
    from app.signing.signers import register_name, signer_details

    check_signable_record(session, meeting, revision=metadata.revision, content_sha256=metadata.content_sha256)
    _check_genuine_copy(session, data, meeting.id, metadata.revision)
    # The record says whose box it is; what the user typed cannot put another name there.
    person = _person_from_record(session, meeting.id, role) or _person_from_overrides(overrides)
    details = signer_details(identity.info, person, role=role, on_behalf=on_behalf)
    office = get_office(session)
    from app.signing.pades import check_signable
    from app.signing.timestamps import reach_tsa

    if tsa_url:  # a file that cannot be signed is refused before the TSA is asked
        check_signable(data, role, fingerprint=identity.info.fingerprint)
    plan = reach_tsa(tsa_url)
    # Register and file as one step: the signed bytes are synced to disk under a hidden name,
    # the register entry is committed, and only then does the file take its name (one rename).
    # Stopped before the commit: no signed file under the target's name, nothing registered,
    # and the hidden one is removed now or at the next signing here. Stopped after it: the
    # next signing in this folder gives the registered file its name (finish_pending).
    signed_bytes, signed = _sign_bytes(
        data,
        identity,
        role=role,
        details=details,
        target=target,
        zone=office.time_zone.value,
        location=office.city,
        timestamp=plan.source,
    )
    staged = _stage(target, signed_bytes)
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
        staged.unlink(missing_ok=True)
        raise
    try:
        _publish(staged, target)
    except OSError as exc:
        from app.i18n import _
        from app.services.errors import UserError

        raise UserError(
            _(
                "The signature is in the register, but the signed file could not be named {name} ({error}); "
                "it is kept as {staged} and gets its name at the next signing in this folder."
            ).format(name=target.name, error=exc.strerror or exc, staged=staged.name)
        ) from exc
    return SigningOutcome(signed, identity.info, True, plan.missing)
