"""What every command shares: exit codes, the subcommand registry's type, opening the store."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future

    from app.db import Store

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

#: What `add_subparsers()` returns: each command's parser function adds itself to it.
Commands = argparse._SubParsersAction


def open_store_from(args: argparse.Namespace, *, create: bool = False, checked: Future | None = None) -> Store:
    """The store the command names; only `init` may create it: a mistyped --db must say "no such
    store", not quietly start an empty one (`demo` makes only its own demo store). `checked`:
    app.db.start_store_check's check of the same store, begun earlier."""
    from app.db import open_store

    return open_store(args.db, create=create, checked=checked)
