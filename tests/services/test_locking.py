"""Once its minutes are signed, no service changes a meeting; every mutating service is checked."""

from __future__ import annotations

import datetime as dt
import inspect
import io

import pytest
from PIL import Image

from app.models import Meeting
from app.models.enums import ActionStatus, AttendanceStatus, MeetingStatus
from app.services import (
    actions,
    agenda,
    attachments,
    attendance,
    conclusions,
    directory,
    findings,
    meetings,
    office,
)
from app.services.directory import create_person
from app.services.errors import LockedError
from app.services.records import content_sha256, load_bundle
from app.services.revisions import finalize_meeting, record_signature
from tests.support.postgres import both_backends

pytestmark = both_backends


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def sign_in_store(session, meeting_id: int, role: str = "chair") -> None:
    record_signature(
        session,
        meeting_id,
        role=role,
        file_sha256="a" * 64,
        content_sha256=content_sha256(load_bundle(session, meeting_id)),
        signer_name="Antonius Frizky, S.C.P.",
        fingerprint="b" * 64,
        filename="notulen-ttd.pdf",
    )


def _first(rows):
    return rows[0].id


# Every call that changes a meeting, by service function name. A new mutating service that is
# not listed here makes test_every_mutating_service_is_covered fail.
MUTATIONS = {
    "update_meeting": lambda s, m: meetings.update_meeting(s, m.id, venue="Hotel Dermaga"),
    "carry_over_open_actions": lambda s, m: meetings.carry_over_open_actions(s, m),
    "delete_meeting": lambda s, m: meetings.delete_meeting(s, m.id),
    "add_agenda_item": lambda s, m: agenda.add_agenda_item(s, m.id, title="Tambahan"),
    "update_agenda_item": lambda s, m: agenda.update_agenda_item(s, _first(m.agenda_items), title="Diubah"),
    "delete_agenda_item": lambda s, m: agenda.delete_agenda_item(s, _first(m.agenda_items)),
    "move_agenda_item": lambda s, m: agenda.move_agenda_item(s, _first(m.agenda_items), 2),
    "reorder_agenda": lambda s, m: agenda.reorder_agenda(s, m.id, [a.uuid for a in reversed(m.agenda_items)]),
    "invite_person": lambda s, m: attendance.invite_person(s, m.id, create_person(s, name="Tamu Baru").id),
    "add_guest": lambda s, m: attendance.add_guest(s, m.id, name="Tamu"),
    "update_attendance": lambda s, m: attendance.update_attendance(s, _first(m.attendances), note="x"),
    "set_status": lambda s, m: attendance.set_status(s, _first(m.attendances), AttendanceStatus.ABSENT),
    "mark_all_present": lambda s, m: attendance.mark_all_present(s, m.id),
    "remove_attendance": lambda s, m: attendance.remove_attendance(s, _first(m.attendances)),
    "add_finding": lambda s, m: findings.add_finding(s, m.id, category="Overstay"),
    "update_finding": lambda s, m: findings.update_finding(s, _first(m.findings), description="Diubah"),
    "delete_finding": lambda s, m: findings.delete_finding(s, _first(m.findings)),
    "move_finding": lambda s, m: findings.move_finding(s, _first(m.findings), 2),
    "add_action": lambda s, m: actions.add_action(s, m.id, description="Baru"),
    "update_action": lambda s, m: actions.update_action(s, _first(m.action_items), description="Diubah"),
    "delete_action": lambda s, m: actions.delete_action(s, _first(m.action_items)),
    "move_action": lambda s, m: actions.move_action(s, _first(m.action_items), 2),
    "update_review": lambda s, m: actions.update_review(s, _first(m.action_reviews), note="Selesai"),
    "remove_review": lambda s, m: actions.remove_review(s, _first(m.action_reviews)),
    "add_conclusion": lambda s, m: conclusions.add_conclusion(s, m.id, "Kesimpulan baru"),
    "update_conclusion": lambda s, m: conclusions.update_conclusion(s, _first(m.conclusions), "Diubah"),
    "delete_conclusion": lambda s, m: conclusions.delete_conclusion(s, _first(m.conclusions)),
    "move_conclusion": lambda s, m: conclusions.move_conclusion(s, _first(m.conclusions), 2),
    "reorder_conclusions": lambda s, m: conclusions.reorder_conclusions(
        s, m.id, [c.uuid for c in reversed(m.conclusions)]
    ),
    "add_attachment": lambda s, m: attachments.add_attachment(s, m.id, filename="foto.png", content=PNG),
    "add_attachment_file": None,  # reads a file, then calls add_attachment (covered above)
    "update_caption": "attachment",
    "delete_attachment": "attachment",
    "move_attachment": "attachment",
}
ATTACHMENT_MUTATIONS = {
    "update_caption": lambda s, a: attachments.update_caption(s, a, "Foto lain"),
    "delete_attachment": lambda s, a: attachments.delete_attachment(s, a),
    "move_attachment": lambda s, a: attachments.move_attachment(s, a, 1),
}
MUTATING_PREFIXES = ("add_", "update_", "delete_", "move_", "reorder_", "invite_", "remove_", "mark_", "set_", "carry_")


def test_every_mutating_service_is_covered():
    public = set()
    for module in (meetings, agenda, attendance, findings, actions, conclusions, attachments):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and name.startswith(MUTATING_PREFIXES):
                public.add(name)
    assert public == set(MUTATIONS)


@pytest.fixture
def signed_meeting(demo_store):
    """The demo meeting with one photo, then signed: (store, meeting id, attachment id)."""
    with demo_store.session() as session:
        meeting_id = demo_store.demo_meeting_id
        photo = attachments.add_attachment(session, meeting_id, filename="foto.png", content=PNG)
        attachment_id = photo.id
        sign_in_store(session, meeting_id)
    return demo_store, meeting_id, attachment_id


@pytest.mark.parametrize("name", sorted(n for n, f in MUTATIONS.items() if f is not None))
def test_a_signed_meeting_refuses_every_change(signed_meeting, name):
    store, meeting_id, attachment_id = signed_meeting
    with store.session() as session:
        before = content_sha256(load_bundle(session, meeting_id))
    with pytest.raises(LockedError) as error, store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        if MUTATIONS[name] == "attachment":
            ATTACHMENT_MUTATIONS[name](session, attachment_id)
        else:
            MUTATIONS[name](session, meeting)
    assert "ditandatangani" in str(error.value) or "Signed" in str(error.value) or "signed" in str(error.value)
    with store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting.status is MeetingStatus.SIGNED
        assert content_sha256(load_bundle(session, meeting_id)) == before


def test_the_status_of_a_signed_meetings_action_still_follows_it(signed_meeting):
    """By design: an action agreed at a signed meeting is reviewed, and closed, at later ones."""
    store, meeting_id, _attachment = signed_meeting
    with store.session() as session:
        action = session.get(Meeting, meeting_id).action_items[0]
        actions.update_action(session, action.id, status=ActionStatus.DONE)
        assert action.status is ActionStatus.DONE


def test_a_final_meeting_refuses_changes_too(demo_store):
    with demo_store.session() as session:
        finalize_meeting(session, demo_store.demo_meeting_id)
    with pytest.raises(LockedError), demo_store.session() as session:
        meetings.update_meeting(session, demo_store.demo_meeting_id, date=dt.date(2024, 11, 22))


# --- writes outside the meeting that touch rows its minutes print -----------------------------
#
# A signed meeting's minutes print persons and agencies of the directory, the status of its
# action items (which reviews at later meetings move on), its photos and the office's kop surat.
# Those writes are not refused (the directory and the later meetings must go on); they must not
# change what the signed revision prints, which is read from its frozen snapshot. Every public
# writer of those rows is listed here; a new one that is not makes the next test fail.


def _chair(s, m):
    return m.chair


def _action_agency(s, m):
    from app.services.directory import get_agency

    return get_agency(s, m.action_items[0].owner_agency_id)


def _follow_up(s, m):
    return meetings.create_follow_up(s, m.id, title="Rapat evaluasi", date=dt.date(2025, 1, 16))


def _import_people(s, m):
    from app.services.person_import import PeopleTable, import_people

    table = PeopleTable(headers=("Nama", "Instansi"), rows=(("Orang Baru", "Instansi Baru"),))
    return import_people(s, table, {"name": 0, "agency": 1})


def _review_done(s, m):
    later = _follow_up(s, m)
    review = later.action_reviews[0]
    return actions.update_review(s, review.id, status=ActionStatus.DONE, note="Sudah dilaksanakan")


def _photo_on_a_later_meeting(s, m):
    later = _follow_up(s, m)
    return attachments.add_attachment(s, later.id, filename="foto-lain.png", content=PNG)


def _import_a_copy_naming_the_same_people_otherwise(s, m):
    """Another office's file: the same persons (by uuid) under other names, in another meeting."""
    import dataclasses

    from app.models.base import new_uuid
    from app.services.exchange import import_bundle
    from app.services.records import load_bundle

    bundle = load_bundle(s, m.id, with_content=True)
    renamed = tuple(dataclasses.replace(p, name=f"{p.name} (nama lain)") for p in bundle.persons)
    rows = ("agenda", "attendances", "findings", "actions", "reviews", "conclusions", "attachments")
    meeting = dataclasses.replace(
        bundle.meeting,
        uuid=new_uuid(),
        **{
            name: tuple(dataclasses.replace(r, uuid=new_uuid()) for r in getattr(bundle.meeting, name)) for name in rows
        },
    )
    return import_bundle(s, dataclasses.replace(bundle, meeting=meeting, persons=renamed))


def _duplicate(s, m):
    from app.services.duplicate import duplicate_meeting

    return duplicate_meeting(s, m.id)


OUTSIDE_WRITES = {
    "exchange.import_bundle": _import_a_copy_naming_the_same_people_otherwise,
    "exchange.import_file": None,  # reads a file, then calls import_bundle (covered above)
    "exchange.import_streamed": None,  # import_bundle in a unit of work, tried again on a race (covered above)
    "duplicate.duplicate_meeting": _duplicate,
    "directory.create_agency": lambda s, m: directory.create_agency(s, name="Instansi Baru"),
    "directory.update_agency": lambda s, m: directory.update_agency(s, _action_agency(s, m).id, name="Nama Lain"),
    "directory.delete_agency": lambda s, m: directory.delete_agency(s, _action_agency(s, m).id),
    "directory.create_person": lambda s, m: directory.create_person(s, name="Orang Lain"),
    "directory.update_person": lambda s, m: directory.update_person(
        s, _chair(s, m).id, name="Nama Baru", position="Jabatan Baru", id_number="199001012015031009"
    ),
    "directory.update_person(signature_image)": lambda s, m: directory.update_person(
        s, _chair(s, m).id, signature_image=PNG
    ),
    "directory.delete_person": lambda s, m: directory.delete_person(s, _chair(s, m).id),
    "person_import.import_people": _import_people,
    "office.update_office": lambda s, m: office.update_office(
        s, office_name="KANTOR LAIN", address="Jalan Lain", city="Kota Lain", emblem=PNG, font="serif", paper="f4"
    ),
    "actions.update_action(status)": lambda s, m: actions.update_action(
        s, m.action_items[0].id, status=ActionStatus.DONE
    ),
    "meetings.create_follow_up": _follow_up,
    "actions.update_review (at a later meeting)": _review_done,
    "attachments.add_attachment (at a later meeting)": _photo_on_a_later_meeting,
}
OUTSIDE_PREFIXES = ("create_", "update_", "delete_", "import_", "duplicate_")


def test_every_writer_of_printed_rows_outside_the_meeting_is_covered():
    from app.services import duplicate, exchange, person_import

    # (the meeting-level writers are in MUTATIONS above)
    modules = {
        "directory": directory,
        "office": office,
        "person_import": person_import,
        "exchange": exchange,
        "duplicate": duplicate,
    }
    public = set()
    for label, module in modules.items():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and name.startswith(OUTSIDE_PREFIXES):
                public.add(f"{label}.{name}")
    listed = {name.split("(")[0].strip() for name in OUTSIDE_WRITES}
    assert public <= listed, public - listed


@pytest.mark.parametrize("name", sorted(n for n, f in OUTSIDE_WRITES.items() if f is not None))
def test_no_write_elsewhere_changes_what_a_signed_meeting_prints(signed_meeting, name):
    from app.services.printed import printed_record

    store, meeting_id, _attachment = signed_meeting
    with store.session() as session:
        before = printed_record(session, meeting_id)
        assert before.frozen
    with store.session() as session:
        OUTSIDE_WRITES[name](session, session.get(Meeting, meeting_id))
    with store.session() as session:
        after = printed_record(session, meeting_id)
        assert after.content_sha256 == before.content_sha256
        assert after.bundle == before.bundle
        assert after.office == before.office
        assert session.get(Meeting, meeting_id).status is MeetingStatus.SIGNED
