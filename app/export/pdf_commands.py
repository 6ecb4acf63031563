"""`timpora pdf` and `timpora attendance-sheet`: the printed minutes and the blank daftar hadir."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli import EXIT_OK, arguments, command, open_store_from
from app.i18n import _

# The export modules (reportlab, fonts) are imported inside the commands: every `timpora`
# command loads this module, and only these two need them.


def warn_missing_characters(result) -> None:
    """The PDF is written anyway; say which characters print as boxes, so they can be fixed."""
    from app.export.markup import describe

    if result.missing_characters:
        characters = ", ".join(describe(c) for c in result.missing_characters)
        message = _(
            "warning: these characters cannot be drawn with the document fonts and print as empty boxes: {characters}"
        ).format(characters=characters)
        print(f"timpora: {message}", file=sys.stderr)


@command("pdf", "write the minutes of a meeting as a PDF")
def run_pdf(args: argparse.Namespace) -> int:
    from app.export.documents import export_minutes

    store = open_store_from(args)
    try:
        with store.session() as session:
            result = export_minutes(
                session, args.meeting, Path(args.out), paper=args.paper, include_attendance=not args.no_attendance
            )
    finally:
        store.close()
    warn_missing_characters(result)
    print(result.path)
    return EXIT_OK


@arguments("pdf")
def _pdf_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", help="numeric id or uuid")
    parser.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    parser.add_argument("--paper", choices=["a4", "f4"], help="paper size (default: the office profile's)")
    parser.add_argument("--no-attendance", action="store_true", help="leave out the daftar hadir (Lampiran I)")


@command("attendance-sheet", "write the blank daftar hadir of a meeting, to print before it")
def run_attendance_sheet(args: argparse.Namespace) -> int:
    from app.export.documents import export_attendance_sheet

    store = open_store_from(args)
    try:
        with store.session() as session:
            result = export_attendance_sheet(session, args.meeting, Path(args.out), paper=args.paper)
    finally:
        store.close()
    warn_missing_characters(result)
    print(result.path)
    return EXIT_OK


@arguments("attendance-sheet")
def _sheet_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", help="numeric id or uuid")
    parser.add_argument("out", metavar="OUT.pdf", help="the PDF file to write")
    parser.add_argument("--paper", choices=["a4", "f4"], help="paper size (default: the office profile's)")
