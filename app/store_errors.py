"""The store's own errors, apart so that app/db.py and app/db_server.py both raise them."""

from __future__ import annotations

from app.services.errors import UserError


class StoreError(UserError):
    """The store cannot be opened or written as it is; the message names the file and what to do."""


class NoStoreError(StoreError):
    """No store at the path given: only `init` and the window's first start create one."""
