"""What every command shares: exit codes, the subcommand registry's type, opening the store."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.db import Store

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

#: What `add_subparsers()` returns: each command's parser function adds itself to it.
Commands = argparse._SubParsersAction


def open_store_from(args: argparse.Namespace, *, create: bool = False, upgrade_server: bool = False) -> Store:
    """The store the command names; only `init` may create it: a mistyped --db must say "no such
    store", not quietly start an empty one (`demo` makes only its own demo store). Only `init`
    upgrades a shared server's schema (other laptops may still run the older app).

    A file's pages are checked in a thread while the command reads; its first write waits for
    the check, and main() waits for it before the command ends (app/store_check.py)."""
    from app.db import open_store

    return open_store(args.db, create=create, upgrade_server=upgrade_server)


def checked_store_from(args: argparse.Namespace) -> None:
    """Refuse a damaged, locked or foreign store before a command copies it whole (backups)."""
    store = open_store_from(args)
    try:
        store.wait_checked()
    finally:
        store.close()


@contextmanager
def store_session(args: argparse.Namespace, *, writes_a_file: bool = False) -> Iterator[Session]:
    """One session on the command's store (committed when the block ends without an error), the
    store closed after it whatever happens. `writes_a_file`: the command makes a file from the
    store (a PDF, a meeting file, a report), so it waits for the page check first: nothing is
    made from a damaged store, as `pdf` does."""
    store = open_store_from(args)
    try:
        if writes_a_file:
            store.wait_checked()
        with store.session() as session:
            yield session
    finally:
        store.close()


def refuse_a_server(args: argparse.Namespace) -> None:
    """Backups and page checks are the SQLite file's; a server keeps its own."""
    import os

    from app.db import DB_ENV
    from app.db_server import safe_url, server_url
    from app.i18n import _
    from app.services.errors import UserError

    url = server_url(args.db or os.environ.get(DB_ENV))
    if url is not None:
        raise UserError(
            _(
                "The store {url} is on a server: its backups and checks are the server's own "
                "(pg_dump, pg_amcheck), kept by whoever looks after it."
            ).format(url=safe_url(url))
        )


@contextmanager
def meeting_held(args: argparse.Namespace, meeting: int | str | None) -> Iterator[None]:
    """A command that changes one meeting holds it first on a shared server, as a window does
    (app/services/claims.py): a meeting open in a window elsewhere is refused with one line
    naming who holds it (a MeetingHeldError), and nothing is changed. A file store, or a meeting
    this store does not have, needs no claim (the command then says what it says)."""
    import os

    from app.db import DB_ENV
    from app.db_server import server_url

    if meeting is None or server_url(args.db or os.environ.get(DB_ENV)) is None:
        yield
        return
    from app.services.claims import claim_meeting
    from app.services.errors import NotFoundError
    from app.services.meetings import get_meeting

    store = open_store_from(args)
    try:
        try:
            with store.session() as session:
                meeting_id: int | None = get_meeting(session, meeting).id
        except NotFoundError:
            meeting_id = None
        claim = claim_meeting(store, meeting_id) if meeting_id is not None else None
        try:
            yield
        finally:
            if claim is not None:
                claim.release()
    finally:
        store.close()
