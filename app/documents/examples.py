"""Invented persons say so on paper: "(contoh)" beside each of them, wherever a name is printed.

A document that names any of them (the demo meetings) is an example as a whole and carries
"CONTOH" on every page (see MeetingDocument). Only the rendered copy is marked: the record and
its content hash stay as they are.
"""

from __future__ import annotations

import dataclasses

from app.documents import wording
from app.services.records import MeetingBundle


def is_example(bundle: MeetingBundle) -> bool:
    """Does the document name an invented person (`is_example` in the directory)?"""
    return any(person.is_example for person in bundle.persons)


def _marked(name: str) -> str:
    if not name or name.endswith(wording.EXAMPLE_PERSON):
        return name
    return f"{name} {wording.EXAMPLE_PERSON}"


def mark_examples(bundle: MeetingBundle) -> MeetingBundle:
    """The bundle with "(contoh)" after the name of every invented person, as it is to be printed."""
    invented = {person.uuid for person in bundle.persons if person.is_example}
    if not invented:
        return bundle
    m = bundle.meeting
    meeting = dataclasses.replace(
        m,
        attendances=tuple(
            dataclasses.replace(r, name=_marked(r.name)) if r.person_uuid in invented else r for r in m.attendances
        ),
        agenda=tuple(
            dataclasses.replace(a, presenter_name=_marked(a.presenter_name)) if a.presenter_uuid in invented else a
            for a in m.agenda
        ),
        actions=tuple(
            dataclasses.replace(a, owner_person_name=_marked(a.owner_person_name))
            if a.owner_person_uuid in invented
            else a
            for a in m.actions
        ),
    )
    persons = tuple(dataclasses.replace(p, name=_marked(p.name)) if p.uuid in invented else p for p in bundle.persons)
    return dataclasses.replace(bundle, meeting=meeting, persons=persons)
