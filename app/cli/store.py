"""`timpora init`, `demo`, `meetings`, `import`, `export` and `publish`: the store and the exchange files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    Commands,
    checked_store_from,
    open_store_from,
    refuse_a_server,
    store_session,
)
from app.i18n import _
from app.services.errors import UserError

if TYPE_CHECKING:
    from app.services.consolidate import FileResult


def run_init(args: argparse.Namespace) -> int:
    store = open_store_from(args, create=True, upgrade_server=True)
    print(store.location)
    store.close()
    return EXIT_OK


def init_parser(commands: Commands) -> None:
    commands.add_parser("init", help=_("create or upgrade the store")).set_defaults(run=run_init)


def run_demo(args: argparse.Namespace) -> int:
    """The example meetings go into the demo store beside the user's own (as `--demo` opens it),
    never into the user's records; a store named with --db or TIMPORA_DB must already exist,
    because only `init` and the window's first start create a store."""
    import os
    import sys

    from app.db import DB_ENV, demo_db_path, open_store
    from app.services.demo import load_demo

    if args.db or os.environ.get(DB_ENV):
        store = open_store_from(args)
    else:
        store = open_store(demo_db_path(), create=True)
        print(
            _("The example meetings are in the demo store {path}; open it with `timpora --demo`.").format(
                path=store.path
            ),
            file=sys.stderr,
        )
    try:
        with store.session() as session:
            meeting_id = load_demo(session)
    finally:
        store.close()
    print(meeting_id)
    return EXIT_OK


def demo_parser(commands: Commands) -> None:
    commands.add_parser(
        "demo",
        help=_("load the example meetings (into the demo store unless --db names one) and print the demo meeting's id"),
    ).set_defaults(run=run_demo)


def run_meetings(args: argparse.Namespace) -> int:
    from app.services.meetings import list_meetings

    with store_session(args) as session:
        rows = list_meetings(session)
    for row in rows:
        print(f"{row.id}\t{row.date.isoformat()}\t{row.title}\t{row.status.label}")
    return EXIT_OK


def meetings_parser(commands: Commands) -> None:
    commands.add_parser("meetings", help=_("list the meetings: id, date, title, status")).set_defaults(run=run_meetings)


def run_import(args: argparse.Namespace) -> int:
    from app.services.consolidate import import_checked, import_folder, packages_in
    from app.services.exchange import read_package
    from app.services.moving import import_directory, is_directory_file, read_directory_file
    from app.services.package import open_package

    path = Path(args.file)
    if path.is_dir():
        packages_in(path)  # none is said before the store is opened, which stays untouched
        store = open_store_from(args)
        try:
            results = import_folder(store, path, on_file=_print_file_result)
        finally:
            store.close()
        return _folder_summary(path, results)
    if is_directory_file(path):  # Direktori.json of `export-all`, imported on its own
        directory = read_directory_file(path)
        with store_session(args) as session:
            added = import_directory(session, directory)
        print(
            _("{persons} people ({new_persons} new), {agencies} agencies ({new_agencies} new)").format(
                persons=added.persons,
                new_persons=added.new_persons,
                agencies=added.agencies,
                new_agencies=added.new_agencies,
            )
        )
        return EXIT_OK
    with open_package(path) as package:
        # Checked completely before the store is opened; attachments are read again one by one
        # while they are written, so memory holds one of them at a time.
        bundle = read_package(package, stream=True)
        store = open_store_from(args)
        try:
            meeting_id = import_checked(store, bundle, package)
        finally:
            store.close()
    print(meeting_id)
    return EXIT_OK


def _print_file_result(result: FileResult) -> None:
    from app.services.consolidate import file_line

    print(file_line(result))


def _folder_summary(folder: Path, results: list[FileResult]) -> int:
    from app.services.consolidate import FileOutcome, outcome_counts

    counts = outcome_counts(results)
    print(
        _("{new} new, {there} already there, {refused} refused, of {total} files in {folder}.").format(
            new=counts[FileOutcome.NEW],
            there=counts[FileOutcome.ALREADY_THERE],
            refused=counts[FileOutcome.REFUSED],
            total=len(results),
            folder=folder,
        )
    )
    if counts[FileOutcome.REFUSED]:
        print(
            "timpora: " + _("{count} file(s) refused; see above why.").format(count=counts[FileOutcome.REFUSED]),
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    return EXIT_OK


def import_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "import", help=_("import a meeting from a .json or .timpora file and print its id, or every file of a folder")
    )
    parser.add_argument("file", help=_(".json or .timpora file, or a folder of them"))
    parser.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from app.services.exchange import export_meeting

    with store_session(args, writes_a_file=True) as session:
        target = export_meeting(session, args.meeting, Path(args.file))
    print(target)
    return EXIT_OK


def export_parser(commands: Commands) -> None:
    parser = commands.add_parser("export", help=_("export a meeting to a .json or .timpora file"))
    parser.add_argument("meeting", help=_("numeric id or uuid"))
    parser.add_argument("file", help=_("target .json or .timpora file"))
    parser.set_defaults(run=run_export)


def run_export_all(args: argparse.Namespace) -> int:
    from app.services.moving import export_store

    with store_session(args, writes_a_file=True) as session:
        done = export_store(session, Path(args.folder))
    for path in done.meetings:
        print(path)
    print(done.directory)
    print(
        _("{meetings} meetings and the directory ({persons} people, {agencies} agencies) in {folder}.").format(
            meetings=len(done.meetings), persons=done.persons, agencies=done.agencies, folder=args.folder
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def export_all_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "export-all",
        help=_("every meeting as a .timpora and the directory into a folder, for `import FOLDER` on another laptop"),
    )
    parser.add_argument("folder", help=_("the folder to write into (made if missing; no file in it is replaced)"))
    parser.set_defaults(run=run_export_all)


def run_backup(args: argparse.Namespace) -> int:
    from app.backups import create_backup, export_store, list_backups, restore_backup
    from app.db import no_store, resolve_db_path

    refuse_a_server(args)
    path = resolve_db_path(args.db)
    if args.action == "create":
        if not path.is_file():
            raise no_store(path)
        checked_store_from(args)
        print(create_backup(path))
    elif args.action == "export":
        if not path.is_file():
            raise no_store(path)
        checked_store_from(args)
        print(export_store(path, Path(args.file)))
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
    export = actions.add_parser("export", help=_("the whole store as one checked file, for another laptop"))
    export.add_argument("file", help=_("the file to write (restore it there with `backup restore FILE`)"))
    restore = actions.add_parser("restore", help=_("put a backup in the store's place (the store is kept aside)"))
    restore.add_argument(
        "which", nargs="?", help=_("number from `backup list`, file name, or an exported file (default: the newest)")
    )
    parser.set_defaults(run=run_backup)


def run_check(args: argparse.Namespace) -> int:
    from app.db import integrity_problems, resolve_db_path

    refuse_a_server(args)
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


def run_publish(args: argparse.Namespace) -> int:
    from app.services.publish import Outcome, open_shared_store, publish, publish_summary, revision_line

    source = open_store_from(args)
    try:
        source.wait_checked()  # nothing published from a damaged store
        target = open_shared_store(args.to, source)
        try:
            report = publish(source, target, args.meetings, on_revision=lambda o: print(revision_line(o)))
        finally:
            target.close()
    finally:
        source.close()
    for title in report.drafts:
        print(_("still a draft, not published: {title}").format(title=title))
    print(publish_summary(report))
    if report.refused:
        print(
            "timpora: " + _("{count} revision(s) refused; see above why.").format(count=report.count(Outcome.REFUSED)),
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    return EXIT_OK


def publish_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "publish", help=_("copy the final and signed revisions into the office's shared store (which must exist)")
    )
    parser.add_argument("--to", required=True, metavar="TARGET", help=_("the shared store"))
    parser.add_argument("meetings", nargs="*", metavar="MEETING", help=_("numeric id or uuid (default: every meeting)"))
    parser.set_defaults(run=run_publish)


#: In the order `timpora --help` lists them.
COMMANDS = (
    init_parser,
    demo_parser,
    meetings_parser,
    import_parser,
    export_parser,
    export_all_parser,
    publish_parser,
    backup_parser,
    check_parser,
)
