"""Duplicating a meeting: the same content under new identities, as a fresh draft."""

from __future__ import annotations

import dataclasses

from sqlalchemy.orm import Session

from app.i18n import _
from app.models import Meeting
from app.models.base import new_uuid
from app.models.enums import MeetingStatus
from app.services.exchange import import_bundle
from app.services.records import load_bundle


def _renewed(rows: tuple) -> tuple:
    return tuple(dataclasses.replace(row, uuid=new_uuid()) for row in rows)


def duplicate_meeting(session: Session, meeting_id: int | str) -> Meeting:
    """A draft copy with every row under a new uuid; people and agencies are shared, not copied.

    Carried-over reviews point at the same live action items, so the copy reviews them too.
    """
    bundle = load_bundle(session, meeting_id, with_content=True)
    m = bundle.meeting
    copy = dataclasses.replace(
        m,
        uuid=new_uuid(),
        title=_("{title} (copy)").format(title=m.title)[:500],
        status=MeetingStatus.DRAFT,
        revision=1,
        agenda=_renewed(m.agenda),
        attendances=_renewed(m.attendances),
        findings=_renewed(m.findings),
        actions=_renewed(m.actions),
        reviews=_renewed(m.reviews),
        conclusions=_renewed(m.conclusions),
        attachments=_renewed(m.attachments),
        created_at=None,
        updated_at=None,
    )
    return import_bundle(session, dataclasses.replace(bundle, meeting=copy))
