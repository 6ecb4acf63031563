"""`timpora sign`, `verify`, `certificate` and `prepare-tte`: signing from the command line.

The store is consulted when it exists (it is never created just to sign a file). If it holds
the meeting named in the PDF's metadata, the signer's name, jabatan and NIP come from the
record, the PDF must be of the record's current revision and content, and the signature goes
into the register in the same unit of work that writes the file, which locks the meeting.
A PDF whose meeting is not in the store is signed all the same, and said to be unrecorded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import hashlib
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli import EXIT_OK, EXIT_USER_ERROR, arguments, command
from app.i18n import _, plain_date
from app.services.errors import UserError

if TYPE_CHECKING:
    from app.export.appearance import SignerDetails
    from app.export.certificates import CertificateInfo, SigningIdentity
    from app.export.signing import SignedFile
    from app.export.verification import VerificationReport

# pyHanko and the models are imported inside the functions: every `timpora` start loads this
# module, and most commands never sign anything.

ROLES = ("chair", "secretary")  # SignerRole values


def _role_label(role: str) -> str:
    from app.models.enums import SignerRole

    return SignerRole(role).label


# --- shared helpers ---------------------------------------------------------------------------


def read_passphrase(env_var: str | None, prompt: str, *, confirm: bool = False) -> str:
    """From the named environment variable, or asked for; never stored anywhere."""
    if env_var:
        value = os.environ.get(env_var)
        if value is None:
            raise UserError(_("The environment variable {name} is not set.").format(name=env_var))
        return value
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Type the passphrase again: ")) != value:
        raise UserError(_("The two passphrases are not the same."))
    return value


@contextmanager
def existing_store(db: str | None):
    """The store if its file exists (an explicit --db must exist), else None."""
    from app.db import open_store, resolve_db_path

    path = resolve_db_path(db)
    if not path.exists():
        if db:
            raise UserError(_("There is no store at {path}.").format(path=path))
        yield None
        return
    store = open_store(path)
    try:
        yield store
    finally:
        store.close()


def _details_from_record(session, meeting_id: int, role: str) -> SignerDetails | None:
    from app.export.appearance import SignerDetails
    from app.services.records import load_bundle

    bundle = load_bundle(session, meeting_id)
    person = bundle.chair if role == "chair" else bundle.secretary
    if person is None:
        return None
    return SignerDetails(name=person.name, position=person.position, id_number=person.id_number)


def _details_from_certificate(info: CertificateInfo) -> SignerDetails:
    from app.export.appearance import SignerDetails

    number = info.serial_attribute if info.serial_attribute.isdigit() else ""
    return SignerDetails(name=info.subject_name, position=info.title, id_number=number)


def _override(details: SignerDetails, overrides: argparse.Namespace | None) -> SignerDetails:
    if overrides is None:
        return details
    given = {
        "name": getattr(overrides, "name", None),
        "position": getattr(overrides, "position", None),
        "id_number": getattr(overrides, "nip", None),
    }
    return replace(details, **{k: v for k, v in given.items() if v})


def _write_signed(target: Path, data: bytes) -> None:
    from app.services.files import write_atomically

    write_atomically(target, data)


# --- sign -------------------------------------------------------------------------------------


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
    overrides: argparse.Namespace | None = None,
    identity: SigningIdentity | None = None,
) -> SigningOutcome:
    """Sign a minutes PDF and, if the store holds the meeting, register it.

    Also the service behind `timpora pdf ... --sign`. On any error no output file is left and
    the store is unchanged. `identity`: the .p12 already opened with this passphrase (the
    window opens it first to refuse a wrong passphrase early; opening an RSA key costs 0.1 s).
    """
    from app.export.certificates import load_identity
    from app.export.metadata import read_metadata
    from app.export.signing import check_target, default_output
    from app.export.verification import read_pdf_bytes

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
    return SigningOutcome(_sign_and_write(data, identity, role=role, details=details, target=target), identity.info, False)


def _sign_and_write(data: bytes, identity: SigningIdentity, *, role: str, details, target: Path, **where) -> SignedFile:
    from app.export.metadata import read_metadata
    from app.export.signing import SignedFile, sign_pdf

    signed_at = dt.datetime.now().astimezone().replace(microsecond=0)
    signed = sign_pdf(data, identity, role=role, details=details, signed_at=signed_at, **where)
    _write_signed(target, signed)
    return SignedFile(target, read_metadata(signed), role, signed_at, hashlib.sha256(signed).hexdigest())


def _sign_recorded(session, data: bytes, identity: SigningIdentity, *, role: str, target: Path, overrides) -> SigningOutcome | None:
    """Sign and register in one unit of work; None if the store does not hold this meeting."""
    from sqlalchemy import select

    from app.export.metadata import read_metadata
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


@command("sign", "sign a minutes PDF (PAdES) as the chair or the secretary")
def run_sign(args: argparse.Namespace) -> int:
    from app.export.verification import read_pdf_bytes

    source = Path(args.pdf)
    read_pdf_bytes(source)  # a missing or non-PDF file is refused before the passphrase is asked
    passphrase = read_passphrase(args.passphrase_env, _("Passphrase for {name}: ").format(name=Path(args.p12).name))
    outcome = sign_minutes(
        source,
        p12=Path(args.p12),
        passphrase=passphrase,
        role=args.role,
        target=Path(args.output) if args.output else None,
        db=args.db,
        overrides=args,
    )
    print_outcome(outcome, args.role)
    return EXIT_OK


def print_outcome(outcome: SigningOutcome, role: str) -> None:
    print(_("Signed as {role}: {path}").format(role=_role_label(role), path=outcome.signed.path))
    print(_("Certificate: {name} ({kind}).").format(name=outcome.certificate.subject_name, kind=outcome.certificate.kind_label))
    if outcome.recorded:
        print(
            _("Recorded in the register (revision {revision}); the meeting is now locked as signed.").format(
                revision=outcome.signed.metadata.revision
            )
        )
    else:
        print(_("This store has no record of the meeting, so the signature was not added to a register."))


@arguments("sign")
def _sign_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pdf", help="the minutes PDF")
    parser.add_argument("--p12", required=True, metavar="FILE", help="signing certificate (.p12/.pfx)")
    parser.add_argument("--as", dest="role", required=True, choices=ROLES, help="who signs")
    parser.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this environment variable")
    parser.add_argument("-o", "--output", metavar="OUT", help="signed file (default: beside the PDF)")
    parser.add_argument("--name", help="signer's name, if not taken from the record")
    parser.add_argument("--position", help="signer's jabatan, if not taken from the record")
    parser.add_argument("--nip", help="signer's NIP, if not taken from the record")


# --- verify -----------------------------------------------------------------------------------


def format_report(report: VerificationReport, *, zone: str | None = None) -> list[str]:
    """The report as lines in the user's language."""
    from app.export.appearance import signing_time_label

    lines = [_("SHA-256 of the file: {hash}").format(hash=report.file_sha256)]
    if report.metadata is not None:
        lines.append(
            _("Meeting {uuid}, revision {revision}, content {hash}").format(
                uuid=report.metadata.meeting_uuid, revision=report.metadata.revision, hash=report.metadata.content_sha256
            )
        )
    else:
        lines.append(_("The file carries no Notulen Timpora record data."))
    if not report.signatures:
        lines.append(_("The file has no signature."))
    for number, sig in enumerate(report.signatures, start=1):
        when = signing_time_label(sig.signed_at, zone=zone) if isinstance(sig.signed_at, dt.datetime) else "?"
        verdict = _("INTACT") if sig.intact else _("DAMAGED: {problem}").format(problem=sig.problem)
        role = _role_label(sig.role) if sig.role else sig.field_name
        lines.append(
            _("Signature {number} ({role}): {signer}, {time}: {verdict}").format(
                number=number, role=role, signer=sig.signer_name, time=when, verdict=verdict
            )
        )
        lines.append("    " + sig.trust.label)
    for name in report.empty_fields:
        lines.append(_("Empty signature field: {name}").format(name=name))
    if report.record is not None:
        lines.append(report.record.message)
    if report.registered:
        lines.append(_("This exact file is in the register of signed minutes."))
    elif report.registered is False and report.signatures:
        lines.append(_("This exact file is not in the register of this store (it may be a copy signed elsewhere)."))
    return lines


@command("verify", "check the signatures of a minutes PDF and its match with the record")
def run_verify(args: argparse.Namespace) -> int:
    from app.export.verification import load_trust_roots, read_pdf_bytes, verify

    source = Path(args.pdf)
    roots = load_trust_roots(Path(p) for p in args.trust or ())
    data = read_pdf_bytes(source)
    zone = None
    with existing_store(args.db) as store:
        compared = store is not None
        if store is None:
            report = verify(data, trust_roots=roots)
        else:
            from app.services.office import get_office

            with store.session() as session:
                report = verify(data, session=session, trust_roots=roots)
                zone = get_office(session).time_zone.value
    print(source)
    for line in format_report(report, zone=zone):
        print(line)
    if not compared:
        print(_("No store was found, so the record was not compared."))
    if not report.all_intact:
        print("timpora: " + _("not every signature is intact."), file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


@arguments("verify")
def _verify_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pdf", help="the signed minutes PDF")
    parser.add_argument(
        "--trust", action="append", metavar="CERT", help="a trusted root certificate (PEM/DER), e.g. the BSrE root; repeatable"
    )


# --- certificate ------------------------------------------------------------------------------


@command("certificate", "create a self-issued office certificate, or show a certificate file")
def run_certificate(args: argparse.Namespace) -> int:
    from app.export.certificates import check_new_passphrase, create_office_certificate, load_identity

    if args.action == "create":
        office = args.office or _office_name_from_store(args.db)
        passphrase = read_passphrase(args.passphrase_env, _("New passphrase for the certificate: "), confirm=True)
        check_new_passphrase(passphrase)
        info = create_office_certificate(office, passphrase, Path(args.out))
        print(
            _("Created {path} for {name}, valid until {date}.").format(
                path=args.out, name=info.subject_name, date=plain_date(info.not_after.date())
            )
        )
        print(
            _(
                "This is a self-issued office certificate: it proves a signed file was not changed, "
                "but it is not a certified electronic signature (TTE) under PP 71/2019."
            )
        )
        print(_("Keep the file and its passphrase safe; the passphrase is not stored anywhere."))
        return EXIT_OK
    passphrase = read_passphrase(args.passphrase_env, _("Passphrase for {name}: ").format(name=Path(args.file).name))
    info = load_identity(Path(args.file), passphrase).info
    print(_("Holder: {name}").format(name=info.subject_name))
    print(_("Issuer: {name}").format(name=info.issuer_name))
    print(_("Valid: {start} to {end}").format(start=plain_date(info.not_before.date()), end=plain_date(info.not_after.date())))
    print(_("Fingerprint (SHA-256): {hash}").format(hash=info.fingerprint))
    print(info.kind_label)
    return EXIT_OK


def _office_name_from_store(db: str | None) -> str:
    with existing_store(db) as store:
        if store is not None:
            from app.services.office import get_office

            with store.session() as session:
                name = get_office(session).office_name
            if name.strip():
                return name
    raise UserError(_("Give the office's name with --office."))


@arguments("certificate")
def _certificate_args(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="make a self-issued office certificate (.p12)")
    create.add_argument("--office", help="office name (default: the office profile's)")
    create.add_argument("--out", required=True, metavar="FILE.p12", help="where to save it (never overwritten)")
    create.add_argument("--passphrase-env", metavar="VAR", help="read the new passphrase from this environment variable")
    show = actions.add_parser("show", help="show who a .p12/.pfx belongs to and whether it can sign")
    show.add_argument("file", help=".p12/.pfx file")
    show.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this environment variable")


# --- Siap TTE ---------------------------------------------------------------------------------


@command("prepare-tte", "make a 'Siap TTE' copy with empty signature fields in the signers' boxes")
def run_prepare_tte(args: argparse.Namespace) -> int:
    from app.export.signing import prepare_for_tte

    source = Path(args.pdf)
    target = Path(args.output) if args.output else source.with_name(f"{source.stem}-siap-tte.pdf")
    added = prepare_for_tte(source, target)
    roles = ", ".join(_role_label(role) for role in added)
    print(_("Ready for TTE: {path} (empty signature fields: {roles})").format(path=target, roles=roles))
    return EXIT_OK


@arguments("prepare-tte")
def _prepare_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pdf", help="the minutes PDF")
    parser.add_argument("-o", "--output", metavar="OUT", help="target file (default: beside the PDF)")
