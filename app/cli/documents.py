"""`timpora pdf` and `timpora attendance-sheet`: the printed minutes and the blank daftar hadir."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import EXIT_OK, Commands, meeting_held, open_store_from, store_session
from app.i18n import _
from app.services.errors import UserError

if TYPE_CHECKING:
    from app.documents.exports import ExportResult
    from app.documents.report_exports import ReportResult

# The export modules (reportlab, fonts) are imported inside the commands: every `timpora`
# command loads this module, and only these two need them.


def warn_missing_characters(result: ExportResult | ReportResult) -> None:
    """The PDF is written anyway; say which characters print as boxes, so they can be fixed."""
    from app.documents.markup import describe

    if result.missing_characters:
        characters = ", ".join(describe(c) for c in result.missing_characters)
        message = _(
            "warning: these characters cannot be drawn with the document fonts and print as empty boxes: {characters}"
        ).format(characters=characters)
        print(f"timpora: {message}", file=sys.stderr)


def warn_missing_letterhead(result: ExportResult) -> None:
    """An official document without a kop surat is written, but never silently."""
    from app.services.office import missing_letterhead_warning

    if result.without_letterhead:
        message = _("warning: {message}").format(message=missing_letterhead_warning())
        print(f"timpora: {message}", file=sys.stderr)


def run_pdf(args: argparse.Namespace) -> int:
    if not args.sign:
        return _run_pdf(args)  # printing a draft changes nothing: a meeting held elsewhere may be printed
    with meeting_held(args, args.meeting):  # finalizing and signing change it
        return _run_pdf(args)


def _run_pdf(args: argparse.Namespace) -> int:
    target = Path(args.out)
    if args.sign:
        if not args.p12:
            raise UserError(_("To sign the minutes, name the certificate with --p12."))
        from app.cli.signing import passphrase_for

        passphrase = passphrase_for(args, args.p12)
        # Rendered into a private temporary folder first, never under a name beside the target
        # (TERBATAS minutes must not be left there unsigned): signing writes the signed copy.
        import tempfile

        scratch = tempfile.TemporaryDirectory(prefix="timpora-")
        rendered = Path(scratch.name) / f"{target.stem}.pdf"
    store = open_store_from(args)  # its pages are checked in a thread, beside reportlab's imports
    try:
        from app.documents.exports import export_minutes

        # A PDF (and the register of copies in the store) comes only from a store that passed.
        store.wait_checked()
        with store.session() as session:
            if args.sign:
                # What is signed is final: finalizing freezes the record and prints it without "DRAF".
                from app.services.revisions import finalize_meeting

                finalize_meeting(session, args.meeting)
            result = export_minutes(
                session,
                args.meeting,
                rendered if args.sign else target,
                paper=args.paper,
                include_attendance=not args.no_attendance,
                with_qr=not args.no_qr,
                attendance_appendix=args.attendance,
            )
    finally:
        store.close()
    warn_missing_letterhead(result)
    warn_missing_characters(result)
    if args.sign:
        from app.cli.signing import print_outcome
        from app.signing.minutes import sign_minutes

        try:
            outcome = sign_minutes(
                rendered,
                p12=Path(args.p12),
                passphrase=passphrase,
                role=args.sign,
                target=target,
                db=args.db,
                on_behalf=args.on_behalf,
            )
        finally:
            scratch.cleanup()
        print_outcome(outcome, args.sign)
        return EXIT_OK
    print(result.path)
    return EXIT_OK


def _meeting_pdf_arguments(parser: argparse.ArgumentParser) -> None:
    """The meeting, the PDF to write and its paper: what every command printing a meeting takes."""
    parser.add_argument("meeting", help=_("numeric id or uuid"))
    parser.add_argument("out", metavar="OUT.pdf", help=_("the PDF file to write"))
    parser.add_argument("--paper", choices=["a4", "f4"], help=_("paper size (default: the office profile's)"))


def pdf_parser(commands: Commands) -> None:
    parser = commands.add_parser("pdf", help=_("write the minutes of a meeting as a PDF"))
    _meeting_pdf_arguments(parser)
    parser.add_argument("--no-attendance", action="store_true", help=_("leave out the daftar hadir (Lampiran I)"))
    parser.add_argument(
        "--attendance",
        choices=["signatures", "present_list", "scan"],
        help=_(
            "Lampiran I: the daftar hadir with its signature column, the list of those present "
            "without one, or the scan of the sheet signed at the meeting (see attach-sheet; "
            "default: the office's setting)"
        ),
    )
    parser.add_argument("--no-qr", action="store_true", help=_("leave out the verification QR code"))
    parser.add_argument(
        "--sign", choices=["chair", "secretary"], metavar="ROLE", help=_("sign it at once as chair or secretary")
    )
    parser.add_argument("--p12", metavar="FILE", help=_("signing certificate (.p12/.pfx), with --sign"))
    parser.add_argument("--passphrase-env", metavar="VAR", help=_("read the passphrase from this environment variable"))
    parser.add_argument(
        "--on-behalf", action="store_true", help=_("with --sign: sign on behalf of the person in the box (a.n.)")
    )
    parser.set_defaults(run=run_pdf)


def run_attendance_sheet(args: argparse.Namespace) -> int:
    from app.documents.exports import export_attendance_sheet

    with store_session(args, writes_a_file=True) as session:
        result = export_attendance_sheet(session, args.meeting, Path(args.out), paper=args.paper)
    warn_missing_letterhead(result)
    warn_missing_characters(result)
    print(result.path)
    return EXIT_OK


def attendance_sheet_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "attendance-sheet", help=_("write the blank daftar hadir of a meeting, to print before it")
    )
    _meeting_pdf_arguments(parser)
    parser.set_defaults(run=run_attendance_sheet)


def run_attach_sheet(args: argparse.Namespace) -> int:
    from app.services.scanned_sheet import attach_signed_sheet_file

    with store_session(args) as session:
        attachment = attach_signed_sheet_file(session, args.meeting, args.file)
        name = attachment.filename
    print(_("attached as the signed attendance list: {name}").format(name=name))
    return EXIT_OK


def attach_sheet_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "attach-sheet",
        help=_("attach the scan (PDF, JPEG or PNG) of the daftar hadir signed at the meeting, printed as Lampiran I"),
    )
    parser.add_argument("meeting", help=_("numeric id or uuid"))
    parser.add_argument("file", metavar="SCAN", help=_("the scanned PDF or the photo of the signed sheet"))
    parser.set_defaults(run=run_attach_sheet)


COMMANDS = (pdf_parser, attendance_sheet_parser, attach_sheet_parser)
