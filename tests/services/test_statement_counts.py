"""Issue 15: a meeting's records and its PDFs cost the same few SQL statements at any size."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from app.db import open_store
from app.documents.exports import export_attendance_sheet, export_minutes
from app.services import actions, agenda, attachments, attendance, directory, meetings
from app.services.records import load_bundle


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 16), colour).save(out, "PNG")
    return out.getvalue()


def _meeting_of(tmp_path, attendees: int):
    """A store whose one meeting has `attendees` people (each with an agency and a scanned
    signature), a chair and a secretary, presenters, an action with an owner, and a photo."""
    store = open_store(tmp_path / f"meeting-{attendees}.sqlite")
    with store.session() as s:
        agencies = [directory.create_agency(s, name=f"Instansi {n}", short_name=f"I{n}") for n in range(6)]
        people = [
            directory.create_person(
                s,
                name=f"Peserta {n}",
                position="Anggota",
                agency_id=agencies[n % 6].id,
                signature_image=_png((n % 200, 10, 10)),
            )
            for n in range(attendees)
        ]
        m = meetings.create_meeting(
            s, title="Rapat besar", date=dt.date(2025, 3, 4), chair_id=people[0].id, secretary_id=people[1].id
        )
        for person in people:
            attendance.invite_person(s, m.id, person.id, status="present")
        for n in range(3):
            agenda.add_agenda_item(s, m.id, title=f"Acara {n}", presenter_id=people[n].id, discussion="Dibahas.")
        actions.add_action(
            s, m.id, description="Operasi gabungan", owner_agency_id=agencies[2].id, owner_person_id=people[-1].id
        )
        attachments.add_attachment(s, m.id, filename="foto.png", content=_png((20, 120, 60)), caption="Foto")
        meeting_id = m.id
    return store, meeting_id


def test_load_bundle_and_the_exports_cost_the_same_statements_for_10_or_150_attendees(tmp_path, count_statements):
    costs = {}
    for size in (10, 150):
        store, meeting_id = _meeting_of(tmp_path, size)
        try:
            with store.session() as s, count_statements(store.engine) as loading:
                bundle = load_bundle(s, meeting_id, with_content=True)
            assert len(bundle.meeting.attendances) == size
            assert len(bundle.persons) == size and all(p.signature_image for p in bundle.persons)
            assert {a.name for a in bundle.agencies} == {f"Instansi {n}" for n in range(min(size, 6))}
            assert bundle.chair.name == "Peserta 0" and bundle.meeting.actions[0].owner_person_uuid
            assert bundle.meeting.attachments[0].content and bundle.meeting.attachments[0].print_image
            with store.session() as s, count_statements(store.engine) as minutes:
                export_minutes(s, meeting_id, tmp_path / f"notulen-{size}.pdf")
            with store.session() as s, count_statements(store.engine) as sheet:
                export_attendance_sheet(s, meeting_id, tmp_path / f"daftar-hadir-{size}.pdf")
            costs[size] = (loading.count, minutes.count, sheet.count)
        finally:
            store.close()
    print("statements", costs)
    assert costs[10] == costs[150], costs
    # (was 365 for load_bundle alone at 150 attendees; 21 since the agencies' former names are
    # read, 23 since every rendered copy is registered: constant, whatever the meeting's size)
    assert max(costs[150]) <= 23, costs


def test_a_bundle_loaded_in_a_busy_session_is_whole_and_current(tmp_path, count_statements):
    """Collections the session already holds, and a change not yet flushed, are read right."""
    store, meeting_id = _meeting_of(tmp_path, 12)
    try:
        with store.session() as s:
            meeting = meetings.get_meeting(s, meeting_id)
            assert len(meeting.attendances) == 12  # loaded without their persons
            meeting.attendances[3].name = "Nama diubah"  # pending, not flushed
            with count_statements(store.engine) as loading:
                bundle = load_bundle(s, meeting_id)
            assert bundle.meeting.attendances[3].name == "Nama diubah"
            assert len(bundle.persons) == 12
            assert loading.count <= 20, loading.count
    finally:
        store.close()
