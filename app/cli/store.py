"""`timpora init`, `demo`, `meetings`, `import` and `export`: the store and the exchange files."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import EXIT_OK, Commands, open_store_from
from app.i18n import _
from app.services.errors import UserError

IMPORT_ATTEMPTS = 3


def run_init(args: argparse.Namespace) -> int:
    store = open_store_from(args, create=True)
    print(store.path)
    store.close()
    return EXIT_OK


def init_parser(commands: Commands) -> None:
    commands.add_parser("init", help=_("create or upgrade the store")).set_defaults(run=run_init)


def run_demo(args: argparse.Namespace) -> int:
    from app.services.demo import load_demo

    store = open_store_from(args, create=True)  # a demo store is made on purpose
    with store.session() as session:
        meeting_id = load_demo(session)
    store.close()
    print(meeting_id)
    return EXIT_OK


def demo_parser(commands: Commands) -> None:
    commands.add_parser("demo", help=_("load the example meetings and print the demo meeting's id")).set_defaults(
        run=run_demo
    )


def run_meetings(args: argparse.Namespace) -> int:
    from app.services.meetings import list_meetings

    store = open_store_from(args)
    with store.session() as session:
        rows = list_meetings(session)
    store.close()
    for row in rows:
        print(f"{row.id}\t{row.date.isoformat()}\t{row.title}\t{row.status.label}")
    return EXIT_OK


def meetings_parser(commands: Commands) -> None:
    commands.add_parser("meetings", help=_("list the meetings: id, date, title, status")).set_defaults(run=run_meetings)


def run_import(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import IntegrityError

    from app.services.exchange import import_bundle, read_package
    from app.services.package import open_package

    with open_package(Path(args.file)) as package:
        # Checked completely before the store is opened; attachments are read again one by one
        # while they are written, so memory holds one of them at a time.
        bundle = read_package(package, stream=True)
        store = open_store_from(args)
        try:
            for attempt in range(IMPORT_ATTEMPTS):
                try:
                    with store.session() as session:
                        meeting = import_bundle(session, bundle, package)
                        meeting_id = meeting.id
                    break
                except IntegrityError:
                    # Another import wrote the same new people or agencies between our look-up
                    # and our write; the next attempt finds them there and keeps them.
                    if attempt + 1 == IMPORT_ATTEMPTS:
                        raise UserError(
                            _("Another import changed the store at the same time; try this import again.")
                        ) from None
        finally:
            store.close()
    print(meeting_id)
    return EXIT_OK


def import_parser(commands: Commands) -> None:
    parser = commands.add_parser("import", help=_("import a meeting from a .json or .timpora file and print its id"))
    parser.add_argument("file", help=_(".json or .timpora file"))
    parser.set_defaults(run=run_import)


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


def export_parser(commands: Commands) -> None:
    parser = commands.add_parser("export", help=_("export a meeting to a .json or .timpora file"))
    parser.add_argument("meeting", help=_("numeric id or uuid"))
    parser.add_argument("file", help=_("target .json or .timpora file"))
    parser.set_defaults(run=run_export)


def run_backup(args: argparse.Namespace) -> int:
    from app.backups import create_backup, list_backups, restore_backup
    from app.db import no_store, resolve_db_path

    path = resolve_db_path(args.db)
    if args.action == "create":
        if not path.is_file():
            raise no_store(path)
        open_store_from(args).close()  # a damaged, locked or foreign file is refused before copying
        print(create_backup(path))
    elif args.action == "list":
        for index, backup in enumerate(list_backups(path), start=1):
            note = "\t" + _("kept aside before a restore") if backup.kept_aside else ""
            size = f"{backup.size / 1024 / 1024:.1f} MB"
            print(f"{index}\t{backup.taken_at:%Y-%m-%d %H:%M:%S}\t{size}\t{backup.path}{note}")
    else:
        backup, aside = restore_backup(path, args.which)
        print(_("Restored {backup} into {path}.").format(backup=backup.path, path=path))
        if aside is not None:
            print(_("The store as it was is kept in {aside}.").format(aside=aside))
    return EXIT_OK


def backup_parser(commands: Commands) -> None:
    parser = commands.add_parser("backup", help=_("backups in the Cadangan folder beside the store"))
    actions = parser.add_subparsers(dest="action", metavar=_("ACTION"), title=_("actions"), required=True)
    actions.add_parser("create", help=_("copy the store into Cadangan now (checked, rotated)"))
    actions.add_parser("list", help=_("list the backups, newest first: number, time, size, file"))
    restore = actions.add_parser("restore", help=_("put a backup in the store's place (the store is kept aside)"))
    restore.add_argument("which", nargs="?", help=_("number from `backup list` or file name (default: the newest)"))
    parser.set_defaults(run=run_backup)


def run_check(args: argparse.Namespace) -> int:
    from app.db import integrity_problems, resolve_db_path

    path = resolve_db_path(args.db)
    problems = integrity_problems(path)
    if not problems:
        print(_("{path}: whole (integrity check passed).").format(path=path))
        return EXIT_OK
    for problem in problems:
        print(problem)
    raise UserError(
        _("The data file {path} is damaged; restore a backup with `timpora backup restore`.").format(path=path)
    )


def check_parser(commands: Commands) -> None:
    commands.add_parser("check", help=_("check every page of the store (PRAGMA integrity_check)")).set_defaults(
        run=run_check
    )


#: In the order `timpora --help` lists them.
COMMANDS = (init_parser, demo_parser, meetings_parser, import_parser, export_parser, backup_parser, check_parser)
