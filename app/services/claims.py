"""Who is editing a meeting on a shared store: one secretary at a time per meeting.

On a file store the window's lock already lets one window write (app/ui/single_window.py). On a
PostgreSQL store several laptops share the data: a writer first claims the meeting, which takes a
session-level advisory lock (pg_try_advisory_lock) on a connection kept for that purpose. Other
meetings stay free for the other secretaries; a second claim on the same meeting is refused with
the holder's name (the connection's application_name, `Notulen Timpora user@host`) and the time
since when. The lock belongs to the connection: a laptop that crashes or leaves the network
loses it when the server notices, never holding a meeting for ever. A writer that lost it learns
so from `ensure_held` before it writes, so nothing is written over the next holder's work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from app.i18n import _
from app.services.errors import UserError

if TYPE_CHECKING:
    from app.db import Store

#: First key of the two-key advisory locks that stand for meetings (the second is the meeting's id).
MEETING_LOCKS = 0x7470  # "tp"
_PREFIX = "Notulen Timpora "


class MeetingHeldError(UserError):
    """Another user is editing the meeting; `holder` and `since` say who and from when."""

    def __init__(self, message: str, holder: str, since: dt.datetime | None) -> None:
        super().__init__(message)
        self.holder = holder
        self.since = since


class ClaimLostError(UserError):
    """The claim on the meeting is gone (its connection dropped): nothing may be written now."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _lost())


@dataclass
class MeetingClaim:
    """The right to write one meeting, held until `release()` (or the connection's end)."""

    meeting_id: int
    connection: Connection | None = field(default=None, repr=False)

    @property
    def shared(self) -> bool:
        return self.connection is not None

    def ensure_held(self) -> None:
        """Raise if the claim was lost (the connection to the server dropped)."""
        if self.connection is None:
            return
        try:
            held = self.connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                    " AND classid = :space AND objid = :meeting AND objsubid = 2 AND granted"
                ),
                {"space": MEETING_LOCKS, "meeting": self.meeting_id},
            ).scalar()
            self.connection.commit()
        except SQLAlchemyError as exc:
            raise ClaimLostError(_lost()) from exc
        if not held:
            raise ClaimLostError(_lost())

    def release(self) -> None:
        if self.connection is None:
            return
        connection, self.connection = self.connection, None
        try:
            connection.execute(
                text("SELECT pg_advisory_unlock(:space, :meeting)"),
                {"space": MEETING_LOCKS, "meeting": self.meeting_id},
            )
            connection.commit()
        except SQLAlchemyError:
            pass  # a dead connection has already let go of it
        finally:
            connection.close()


def _lost() -> str:
    return _(
        "The connection to the server dropped and this meeting is no longer held for you; this edit was not saved."
    )


def claim_meeting(store: Store, meeting_id: int) -> MeetingClaim:
    """Hold the meeting for writing, or raise MeetingHeldError naming who holds it."""
    if not store.is_server:
        return MeetingClaim(meeting_id)
    connection = store.engine.connect()
    try:
        taken = connection.execute(
            text("SELECT pg_try_advisory_lock(:space, :meeting)"),
            {"space": MEETING_LOCKS, "meeting": meeting_id},
        ).scalar()
        connection.commit()  # the lock is the session's, not the transaction's: it stays
        if taken:
            return MeetingClaim(meeting_id, connection)
        holder, since = _holder(connection, meeting_id)
        connection.commit()
    except BaseException:
        connection.close()
        raise
    connection.close()
    when = since.astimezone().strftime("%H.%M") if since is not None else "?"
    raise MeetingHeldError(
        _("This meeting is being edited by {holder} since {time}; nothing was changed here.").format(
            holder=holder, time=when
        ),
        holder,
        since,
    )


def _holder(connection: Connection, meeting_id: int) -> tuple[str, dt.datetime | None]:
    # state_change: the claim's connection runs nothing after its claim, so it went idle then.
    row = connection.execute(
        text(
            "SELECT a.application_name, a.usename, a.state_change FROM pg_locks AS l"
            " JOIN pg_stat_activity AS a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.classid = :space AND l.objid = :meeting AND l.objsubid = 2"
            " AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ),
        {"space": MEETING_LOCKS, "meeting": meeting_id},
    ).first()
    if row is None:
        return "?", None
    name, user, since = row
    if name and name.startswith(_PREFIX):
        return name[len(_PREFIX) :], since
    return name or user or "?", since
