"""`timpora report`: the Laporan kegiatan Timpora of a period as a PDF, or its Excel recap."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from app.cli.common import EXIT_OK, Commands, store_session
from app.i18n import _
from app.services.errors import UserError


def parse_day(value: str, option: str) -> dt.date:
    """A day as the command line writes it: 2024-12-31."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(
            _("{option} {value} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-31.").format(
                option=option, value=value
            )
        ) from None


def run_report(args: argparse.Namespace) -> int:
    from app.cli.documents import warn_missing_characters
    from app.documents.report_exports import export_report
    from app.services.reports import check_office

    start = parse_day(args.date_from, "--from")
    end = parse_day(args.date_to, "--to")
    issued = parse_day(args.issued, "--date") if args.issued else dt.date.today()
    with store_session(args, writes_a_file=True) as session:
        check_office(session, args.office)
        result = export_report(session, start, end, Path(args.out), issued=issued, paper=args.paper)
    warn_missing_characters(result)
    if result.empty:
        note = _("note: no meeting is recorded from {start} to {end}; the report says so.").format(
            start=start.isoformat(), end=end.isoformat()
        )
        print(f"timpora: {note}", file=sys.stderr)
    print(result.path)
    return EXIT_OK


def report_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "report", help=_("the Timpora activity report of a period as a PDF, or its Excel recap (.xlsx)")
    )
    parser.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help=_("first day"))
    parser.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=_("last day (included)"))
    parser.add_argument(
        "--office", metavar=_("NAME"), help=_("the office the report is for (the store's own; default: every meeting)")
    )
    parser.add_argument("--paper", choices=["a4", "f4"], help=_("paper size (default: the office profile's)"))
    parser.add_argument(
        "--date", dest="issued", metavar="YYYY-MM-DD", help=_("date of the signature line (default: today)")
    )
    parser.add_argument("out", metavar="OUT.pdf|OUT.xlsx", help=_("the file to write; its suffix picks the format"))
    parser.set_defaults(run=run_report)


COMMANDS = (report_parser,)
