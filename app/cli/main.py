"""The `timpora` command line: the window by default, and every use case for scripts and tests."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import documents, reports, signing, store
from app.cli.common import EXIT_USER_ERROR, Commands
from app.cli.language import choose_language
from app.i18n import _, set_language
from app.services.errors import UserError

# Each area's commands, in the order `timpora --help` lists them. The areas import their
# libraries (reportlab, pyHanko, the ORM) inside the commands, so a start stays light.
AREAS = (store, documents, reports, signing)


def import_before_qt() -> None:
    """Import the store's and the first screen's modules that do not use Qt before PySide6 loads.

    Once PySide6 is loaded, every module imported goes through shiboken's `__feature__` check,
    which reads the module's source looking for "PySide6": for SQLAlchemy, the models and the
    services about 300 modules, 40-50 ms of the window's start (bench/bench_startup.py)."""
    import app.backups
    import app.db
    import app.services.meetings
    import app.services.search  # noqa: F401


def run_gui(args: argparse.Namespace) -> int:
    import_before_qt()
    from app.ui.application import run_window

    return run_window(db=args.db, demo=args.demo, open_file=getattr(args, "open", None))


def gui_parser(commands: Commands) -> None:
    parser = commands.add_parser("gui", help=_("open the window (the default)"))
    # The Windows installer registers `NotulenTimpora.exe gui --open "%1"` for .timpora files.
    parser.add_argument("--open", metavar="FILE", help=_("a .timpora file to import (or show, if already here)"))
    parser.set_defaults(run=run_gui)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timpora", description="Notulen Timpora")
    parser.add_argument("--db", metavar="PATH", help=_("data file (default: TIMPORA_DB or the user data folder)"))
    parser.add_argument(
        "--lang", choices=["id", "en"], help=_("language of messages and help (default: the window's, else id)")
    )
    parser.add_argument("--demo", action="store_true", help=_("open the window on a separate demo store"))
    parser.add_argument(
        "--self-test", action="store_true", help=_("check the installation on a throw-away store and exit")
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help=_("show the version and exit")
    )
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    gui_parser(commands)
    for area in AREAS:
        for add_command in area.COMMANDS:
            add_command(commands)
    parser.set_defaults(run=run_gui)
    return parser


def _tolerant_output() -> None:
    # Redirected to a file on Windows, stdout takes the ANSI code page: a name like
    # "Nguyễn Văn Thành" must not turn a finished command into a traceback.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    arguments = list(sys.argv[1:] if argv is None else argv)
    choose_language(arguments)  # before the parser is built: its help is printed while parsing
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.lang:
        set_language(args.lang)
    if args.self_test:  # the support check: runs alone, never touches the user's store
        from app.cli.selftest import run_self_test

        return run_self_test()
    if args.demo and args.command not in (None, "gui"):
        parser.error(_("--demo goes with the window only"))
    try:
        return _run_command(args)
    except UserError as exc:
        print(f"timpora: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


def _run_command(args: argparse.Namespace) -> int:
    if args.run is run_gui:
        return int(args.run(args))  # the window says itself what its store's check found
    from app.store_check import checks_answered

    with checks_answered():  # a store found damaged fails the command, even one that only read
        return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUTF8", "1")
    raise SystemExit(main())
