"""The `timpora` command line: the window by default, and every use case for scripts and tests."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app import __version__
from app.i18n import set_language
from app.services.errors import UserError

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
#: Subcommands register here: name -> (configure parser, run). Later features add their own.
COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Command]] = {}


def command(name: str, help_text: str):
    def register(run: Command) -> Command:
        COMMANDS[name] = (lambda parser: None, run)
        run.help_text = help_text  # type: ignore[attr-defined]
        return run

    return register


def arguments(name: str):
    """Decorate a `configure(parser)` function for the command of that name."""

    def register(configure: Callable[[argparse.ArgumentParser], None]):
        _, run = COMMANDS[name]
        COMMANDS[name] = (configure, run)
        return configure

    return register


def open_store_from(args: argparse.Namespace):
    from app.db import open_store

    return open_store(args.db)


# --- commands ---------------------------------------------------------------------------------


@command("gui", "open the window (the default)")
def run_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run_window

    return run_window(db=args.db, demo=args.demo, open_file=getattr(args, "open", None))


@arguments("gui")
def _gui_args(parser: argparse.ArgumentParser) -> None:
    # The Windows installer registers `NotulenTimpora.exe gui --open "%1"` for .timpora files.
    parser.add_argument("--open", metavar="FILE", help="a .timpora file to import (or show, if already here)")


@command("init", "create or upgrade the store")
def run_init(args: argparse.Namespace) -> int:
    store = open_store_from(args)
    print(store.path)
    store.close()
    return EXIT_OK


@command("demo", "load the example meetings and print the demo meeting's id")
def run_demo(args: argparse.Namespace) -> int:
    from app.services.demo import load_demo

    store = open_store_from(args)
    with store.session() as session:
        meeting_id = load_demo(session)
    store.close()
    print(meeting_id)
    return EXIT_OK


@command("meetings", "list the meetings: id, date, title, status")
def run_meetings(args: argparse.Namespace) -> int:
    from app.services.meetings import list_meetings

    store = open_store_from(args)
    with store.session() as session:
        rows = list_meetings(session)
    store.close()
    for row in rows:
        print(f"{row.id}\t{row.date.isoformat()}\t{row.title}\t{row.status.label}")
    return EXIT_OK


@command("import", "import a meeting from a .json or .timpora file and print its id")
def run_import(args: argparse.Namespace) -> int:
    from app.services.exchange import import_bundle, read_exchange_file

    bundle = read_exchange_file(Path(args.file))  # checked before the store is opened
    store = open_store_from(args)
    try:
        with store.session() as session:
            meeting = import_bundle(session, bundle)
            meeting_id = meeting.id
    finally:
        store.close()
    print(meeting_id)
    return EXIT_OK


@arguments("import")
def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=".json or .timpora file")


@command("export", "export a meeting to a .json or .timpora file")
def run_export(args: argparse.Namespace) -> int:
    from app.services.exchange import export_meeting

    store = open_store_from(args)
    try:
        with store.session() as session:
            target = export_meeting(session, args.meeting, Path(args.file))
    finally:
        store.close()
    print(target)
    return EXIT_OK


@arguments("export")
def _export_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("meeting", help="numeric id or uuid")
    parser.add_argument("file", help="target .json or .timpora file")


# --- the parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timpora", description="Notulen Timpora")
    parser.add_argument("--db", metavar="PATH", help="data file (default: TIMPORA_DB or the user data folder)")
    parser.add_argument("--lang", choices=["id", "en"], help="language of messages (default: id)")
    parser.add_argument("--demo", action="store_true", help="open the window on a separate demo store")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="check the installation on a throw-away store and exit"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (configure, run) in COMMANDS.items():
        child = sub.add_parser(name, help=getattr(run, "help_text", None))
        configure(child)
    return parser


def _load_commands() -> None:
    """Import the modules whose commands live beside their feature (pdf, sign, …)."""
    import importlib

    for module in ("app.export.pdf_commands", "app.export.sign_commands", "app.ui.commands"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def _tolerant_output() -> None:
    # Redirected to a file on Windows, stdout takes the ANSI code page: a name like
    # "Nguyễn Văn Thành" must not turn a finished command into a traceback.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    _load_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if args.self_test:  # the support check: runs alone, never touches the user's store
        from app.selftest import run_self_test

        return run_self_test()
    name = args.command or "gui"
    if args.demo and name != "gui":
        parser.error("--demo goes with the window only")
    try:
        return COMMANDS[name][1](args)
    except UserError as exc:
        print(f"timpora: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUTF8", "1")
    raise SystemExit(main())
