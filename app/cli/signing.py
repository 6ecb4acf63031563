"""`timpora sign`, `verify`, `certificate` and `prepare-tte`: signing from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import EXIT_OK, EXIT_USER_ERROR, Commands, meeting_held
from app.db import existing_store
from app.i18n import _, plain_date
from app.services.errors import UserError

if TYPE_CHECKING:
    from app.signing.certificates import CertificateInfo
    from app.signing.minutes import SigningOutcome
    from app.signing.verification import VerificationReport

# pyHanko and the models are imported inside the functions: every `timpora` start loads this
# module, and most commands never sign anything.

ROLES = ("chair", "secretary", "head")  # SignerRole values, and the head of office for a report


def _role_label(role: str) -> str:
    from app.signing.fields import role_label

    return role_label(role)


# --- shared helpers ---------------------------------------------------------------------------


def read_passphrase(env_var: str | None, prompt: str, *, confirm: bool = False) -> str:
    """From the named environment variable, or asked for; never stored anywhere."""
    if env_var:
        value = os.environ.get(env_var)
        if value is None:
            raise UserError(_("The environment variable {name} is not set.").format(name=env_var))
        return value
    try:
        with warnings.catch_warnings():
            # Without a terminal getpass would warn, print a second warning line and read stdin;
            # as an error, the warning stops it before any of that.
            warnings.simplefilter("error", getpass.GetPassWarning)
            value = getpass.getpass(prompt)
            if confirm and getpass.getpass(_("Type the passphrase again: ")) != value:
                raise UserError(_("The two passphrases are not the same."))
    except (EOFError, getpass.GetPassWarning):
        raise UserError(
            _(
                "No passphrase was given: there is no terminal to type it in. Name a variable that holds it "
                "with --passphrase-env."
            )
        ) from None
    return value


def passphrase_for(args: argparse.Namespace, p12: str) -> str:
    """The passphrase of the certificate file `p12`: from --passphrase-env, or asked for by its name."""
    return read_passphrase(args.passphrase_env, _("Passphrase for {name}: ").format(name=Path(p12).name))


def _print_signing_facts(certificate: CertificateInfo, register: str, timestamp_missing: str | None) -> None:
    """What every signing says after its first line: whose certificate, what the register holds
    of it, and where the signing time came from."""
    print(_("Certificate: {name} ({kind}).").format(name=certificate.subject_name, kind=certificate.kind_label))
    print(register)
    if timestamp_missing:
        print(_("No timestamp: {reason}; the signing time is this computer's clock.").format(reason=timestamp_missing))
    else:
        print(_("Timestamped by the timestamp server (RFC 3161); validation data embedded for long-term verification."))


def run_sign(args: argparse.Namespace) -> int:
    from app.signing.minutes import recover_pending
    from app.signing.verification import read_pdf_bytes

    source = Path(args.pdf)
    recover_pending(args.db, source.parent)  # a signing cut off here may still owe this file its name
    data = read_pdf_bytes(source)  # a missing or non-PDF file is refused before the passphrase is asked
    from app.documents.metadata import read_metadata
    from app.signing.pades import check_signable
    from app.signing.report import is_report

    if is_report(data) or args.role == "head":
        check_signable(data, args.role)  # a report only as head, minutes never as head: refused now
        return _sign_report(args, source)
    metadata = read_metadata(data)
    with meeting_held(args, metadata.meeting_uuid if metadata is not None else None):  # signing locks it
        return _sign(args, source)


def _signing_options(args: argparse.Namespace) -> dict[str, Any]:
    """What `sign` hands to the signing of minutes and of a report alike (the passphrase asked first)."""
    passphrase = passphrase_for(args, args.p12)
    from app.signing.minutes import SignerOverrides

    return {
        "p12": Path(args.p12),
        "passphrase": passphrase,
        "target": Path(args.output) if args.output else None,
        "db": args.db,
        "overrides": SignerOverrides(name=args.name, position=args.position, id_number=args.nip),
        "on_behalf": args.on_behalf,
        "tsa_url": args.tsa,
    }


def _sign(args: argparse.Namespace, source: Path) -> int:
    options = _signing_options(args)
    from app.signing.minutes import sign_minutes

    outcome = sign_minutes(source, role=args.role, **options)
    print_outcome(outcome, args.role)
    return EXIT_OK


def _sign_report(args: argparse.Namespace, source: Path) -> int:
    options = _signing_options(args)
    from app.signing.report import sign_report

    signed = sign_report(source, **options)
    print(
        _("Report signed by the head of office (period {start} to {end}): {path}").format(
            start=plain_date(signed.metadata.start), end=plain_date(signed.metadata.end), path=signed.path
        )
    )
    _print_signing_facts(
        signed.certificate,
        _("A report belongs to no meeting, so the signature was not added to a register."),
        signed.timestamp_missing,
    )
    return EXIT_OK


def print_outcome(outcome: SigningOutcome, role: str) -> None:
    print(_("Signed as {role}: {path}").format(role=_role_label(role), path=outcome.signed.path))
    register = (
        _("Recorded in the register (revision {revision}); the meeting is now locked as signed.").format(
            revision=outcome.signed.metadata.revision
        )
        if outcome.recorded
        else _("This store has no record of the meeting, so the signature was not added to a register.")
    )
    _print_signing_facts(outcome.certificate, register, outcome.timestamp_missing)


def sign_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "sign", help=_("sign a minutes PDF (PAdES) as the chair or the secretary, a report as the head of office")
    )
    parser.add_argument("pdf", help=_("the minutes or report PDF"))
    parser.add_argument("--p12", required=True, metavar="FILE", help=_("signing certificate (.p12/.pfx)"))
    parser.add_argument("--as", dest="role", required=True, choices=ROLES, help=_("who signs"))
    parser.add_argument("--passphrase-env", metavar="VAR", help=_("read the passphrase from this environment variable"))
    parser.add_argument("-o", "--output", metavar="OUT", help=_("signed file (default: beside the PDF)"))
    parser.add_argument("--name", help=_("signer's name, if not taken from the record"))
    parser.add_argument("--position", help=_("signer's jabatan, if not taken from the record"))
    parser.add_argument("--nip", help=_("signer's NIP, if not taken from the record"))
    parser.add_argument(
        "--on-behalf",
        action="store_true",
        help=_("sign on behalf of the person in the box (a.n.), with a certificate that is not theirs"),
    )
    parser.add_argument(
        "--tsa",
        metavar="URL",
        help=_("RFC 3161 timestamp server for this signature (default: the office settings'; none: offline)"),
    )
    parser.set_defaults(run=run_sign)


# --- verify -----------------------------------------------------------------------------------


def format_report(report: VerificationReport, *, zone: str | None = None) -> list[str]:
    """The report as lines in the user's language."""
    from app.signing.appearance import signing_time_label
    from app.signing.verification import archive_lines

    lines = [_("SHA-256 of the file: {hash}").format(hash=report.file_sha256)]
    if report.report is not None:
        lines.append(
            _("Timpora activity report of the period {start} to {end}").format(
                start=plain_date(report.report.start), end=plain_date(report.report.end)
            )
        )
    elif report.metadata is not None:
        lines.append(
            _("Meeting {uuid}, revision {revision}, content {hash}").format(
                uuid=report.metadata.meeting_uuid,
                revision=report.metadata.revision,
                hash=report.metadata.content_sha256,
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
        lines += ["    " + line for line in archive_lines(sig, zone=zone)]
    for finding in report.findings:
        lines.append(_("CHANGED AFTER SIGNING: {what}").format(what=finding))
    for name in report.empty_fields:
        lines.append(_("Empty signature field: {name}").format(name=name))
    lines += report.record_summary()
    return lines


def run_verify(args: argparse.Namespace) -> int:
    from app.db import resolve_db_path
    from app.signing.trust import trust_folder, trusted_cas
    from app.signing.verification import load_trust_roots, read_pdf_bytes, verify

    source = Path(args.pdf)
    roots = load_trust_roots(Path(p) for p in args.trust or ())
    # The office's trust list beside the store (BSrE's root, once added), with or without the store.
    roots += [cert for _ca, cert in trusted_cas(trust_folder(resolve_db_path(args.db)))]
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
    if not compared and report.report is None:  # a report has no record to compare
        print(_("No store was found, so the record was not compared."))
    if not report.all_intact:
        print("timpora: " + _("not every signature is intact."), file=sys.stderr)
        return EXIT_USER_ERROR
    if report.record_conflicts:
        print("timpora: " + _("the file does not match the record in this store."), file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def verify_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "verify",
        help=_("check the signatures of a minutes or report PDF, and the minutes' match with the record"),
    )
    parser.add_argument("pdf", help=_("the signed minutes or report PDF"))
    parser.add_argument(
        "--trust",
        action="append",
        metavar="CERT",
        help=_("a trusted root certificate (PEM/DER), e.g. the BSrE root; repeatable"),
    )
    parser.set_defaults(run=run_verify)


# --- certificate ------------------------------------------------------------------------------


def run_certificate(args: argparse.Namespace) -> int:
    from app.signing.certificates import check_new_passphrase, create_office_certificate, load_identity

    if args.action == "create" and args.person:
        return _create_personal_certificate(args)
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
    passphrase = passphrase_for(args, args.file)
    info = load_identity(Path(args.file), passphrase).info
    print(_("Holder: {name}").format(name=info.subject_name))
    print(_("Issuer: {name}").format(name=info.issuer_name))
    print(
        _("Valid: {start} to {end}").format(
            start=plain_date(info.not_before.date()), end=plain_date(info.not_after.date())
        )
    )
    print(_("Fingerprint (SHA-256): {hash}").format(hash=info.fingerprint))
    print(info.kind_label)
    return EXIT_OK


def _create_personal_certificate(args: argparse.Namespace) -> int:
    """`certificate create --person NIP`: a certificate naming one person of the directory."""
    from app.signing.certificates import check_new_passphrase, create_personal_certificate
    from app.signing.signers import directory_person

    with existing_store(args.db) as store:
        if store is None:
            raise UserError(_("No store was found; the person is looked up in its directory."))
        from app.services.office import get_office

        with store.session() as session:
            person = directory_person(session, args.person)
            office = args.office or get_office(session).office_name
    if not office.strip():
        raise UserError(_("Give the office's name with --office."))
    passphrase = read_passphrase(
        args.passphrase_env, _("New passphrase for the certificate of {name}: ").format(name=person.name), confirm=True
    )
    check_new_passphrase(passphrase)
    info = create_personal_certificate(
        person.name, person.id_number, person.position, office, passphrase, Path(args.out)
    )
    print(
        _("Created {path} for {name}, valid until {date}.").format(
            path=args.out, name=info.subject_name, date=plain_date(info.not_after.date())
        )
    )
    print(
        _(
            "This is a self-issued personal certificate: it signs only {name}'s box and proves a signed file "
            "was not changed, but it is not a certified electronic signature (TTE) under PP 71/2019."
        ).format(name=info.subject_name)
    )
    print(_("Only {name} should know its passphrase; it is not stored anywhere.").format(name=info.subject_name))
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


def certificate_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "certificate", help=_("create a self-issued office certificate, or show a certificate file")
    )
    actions = parser.add_subparsers(dest="action", metavar=_("ACTION"), title=_("actions"), required=True)
    create = actions.add_parser("create", help=_("make a self-issued office or personal certificate (.p12)"))
    create.add_argument("--office", help=_("office name (default: the office profile's)"))
    create.add_argument(
        "--person",
        metavar="NIP",
        help=_("a personal certificate for this person of the directory (name, NIP and jabatan in the subject)"),
    )
    create.add_argument("--out", required=True, metavar="FILE.p12", help=_("where to save it (never overwritten)"))
    create.add_argument(
        "--passphrase-env", metavar="VAR", help=_("read the new passphrase from this environment variable")
    )
    show = actions.add_parser("show", help=_("show who a .p12/.pfx belongs to and whether it can sign"))
    show.add_argument("file", help=_(".p12/.pfx file"))
    show.add_argument("--passphrase-env", metavar="VAR", help=_("read the passphrase from this environment variable"))
    parser.set_defaults(run=run_certificate)


# --- Siap TTE ---------------------------------------------------------------------------------


def run_prepare_tte(args: argparse.Namespace) -> int:
    from app.signing.pades import prepare_for_tte

    source = Path(args.pdf)
    target = Path(args.output) if args.output else source.with_name(f"{source.stem}-siap-tte.pdf")
    added = prepare_for_tte(source, target)
    roles = ", ".join(_role_label(role) for role in added)
    print(_("Ready for TTE: {path} (empty signature fields: {roles})").format(path=target, roles=roles))
    return EXIT_OK


def prepare_tte_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "prepare-tte", help=_("make a 'Siap TTE' copy with empty signature fields in the signers' boxes")
    )
    parser.add_argument("pdf", help=_("the final minutes PDF, or a report PDF (the head of office's box)"))
    parser.add_argument("-o", "--output", metavar="OUT", help=_("target file (default: beside the PDF)"))
    parser.set_defaults(run=run_prepare_tte)


# --- trust list ---------------------------------------------------------------------------------


def run_trust(args: argparse.Namespace) -> int:
    from app.db import resolve_db_path
    from app.signing.trust import add_trusted, trust_folder, trusted_cas

    folder = trust_folder(resolve_db_path(args.db))
    if args.action == "add":
        added = add_trusted(folder, Path(args.file))
        print(_("Trusted from now on: {name} (SHA-256 {hash}).").format(name=added.name, hash=added.fingerprint))
        if added.is_bsre:
            print(
                _("Signatures whose certificate chain ends in it are shown as certified electronic signatures (TTE).")
            )
        return EXIT_OK
    listed = trusted_cas(folder)
    if not listed:
        print(_("The trust list is empty: add a CA root, such as BSrE's, with 'timpora trust add FILE'."))
    for ca, _cert in listed:
        print(f"{ca.name}\t{ca.fingerprint}\t" + (_("BSrE (TTE)") if ca.is_bsre else ""))
    return EXIT_OK


def trust_parser(commands: Commands) -> None:
    parser = commands.add_parser("trust", help=_("the CA roots verify trusts (e.g. BSrE's), kept beside the store"))
    actions = parser.add_subparsers(dest="action", metavar=_("ACTION"), title=_("actions"), required=True)
    add = actions.add_parser("add", help=_("trust a CA root certificate (PEM or DER)"))
    add.add_argument("file", help=_("the CA's root certificate"))
    actions.add_parser("list", help=_("the trusted CA roots"))
    parser.set_defaults(run=run_trust)


COMMANDS = (sign_parser, verify_parser, certificate_parser, prepare_tte_parser, trust_parser)
