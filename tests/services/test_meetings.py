"""Meetings and their parts through the services, on a real store."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models.enums import ActionStatus, AttendanceStatus, MeetingStatus
from app.services import actions, agenda, attendance, conclusions, directory, findings, meetings
from app.services.errors import ConflictError, LockedError, ValidationError
from tests.support.postgres import both_backends

pytestmark = both_backends


def _meeting(session, **fields):
    return meetings.create_meeting(session, title="Rapat Koordinasi", date=dt.date(2025, 3, 6), **fields)


def test_required_fields_and_time_order(store):
    with store.session() as s:
        with pytest.raises(ValidationError) as err:
            meetings.create_meeting(s, title="   ", date=dt.date(2025, 1, 2))
        assert err.value.field == "title"
        with pytest.raises(ValidationError) as err:
            meetings.create_meeting(s, title="Rapat", date=None)
        assert err.value.field == "date"
        with pytest.raises(ValidationError) as err:
            _meeting(s, start_time=dt.time(10, 0), end_time=dt.time(9, 30))
        assert err.value.field == "end_time"


def test_a_rejected_update_changes_nothing(store):
    with store.session() as s:
        meeting_id = _meeting(s, venue="Aula").id
    with pytest.raises(ValidationError), store.session() as s:
        meetings.update_meeting(s, meeting_id, venue="Hotel", end_time=dt.time(8, 0))
    with store.session() as s:
        assert meetings.get_meeting(s, meeting_id).venue == "Aula"


@pytest.mark.parametrize(
    "nip, ok",
    [
        ("19800101 200501 1 001", True),
        ("198001012005011001", True),
        ("19801301 200501 1 001", False),  # month 13 of birth
        ("19800230 200501 1 001", False),  # 30 February
        ("19800101 200513 1 001", False),  # appointment month 13
        ("19800101 200501 3 001", False),  # sex digit
        ("1980010120050110", False),  # 16 digits with a 1/2 sex digit is neither NIP nor a sane NRP? kept as NRP
    ],
)
def test_nip_validation(store, nip, ok):
    with store.session() as s:
        if ok:
            assert directory.create_person(s, name="Contoh", id_number=nip).id_number == nip.replace(" ", "")
        elif len(nip.replace(" ", "")) == 18:
            with pytest.raises(ValidationError):
                directory.create_person(s, name="Contoh", id_number=nip)


def test_one_person_at_most_once_per_meeting(store):
    with store.session() as s:
        person = directory.create_person(s, name="Rizki Pratama, S.H.")
        meeting = _meeting(s)
        attendance.invite_person(s, meeting.id, person.id)
        with pytest.raises(ConflictError):
            attendance.invite_person(s, meeting.id, person.id)


def test_represented_needs_a_deputy(store):
    with store.session() as s:
        person = directory.create_person(s, name="Kepala Divisi")
        meeting = _meeting(s)
        row = attendance.invite_person(s, meeting.id, person.id)
        with pytest.raises(ValidationError) as err:
            attendance.set_status(s, row.id, AttendanceStatus.REPRESENTED)
        assert err.value.field == "deputy_name"
        attendance.set_status(s, row.id, AttendanceStatus.REPRESENTED, deputy_name="Muhammad Hariyadi")
        assert row.status.attended


def test_agenda_and_conclusions_stay_in_order(store):
    with store.session() as s:
        meeting = _meeting(s)
        items = [agenda.add_agenda_item(s, meeting.id, title=t) for t in ("A", "B", "C", "D")]
        agenda.move_agenda_item(s, items[3].id, 1)
        assert [i.title for i in meeting.agenda_items] == ["D", "A", "B", "C"]
        agenda.delete_agenda_item(s, items[0].id)
        s.expire_all()
        meeting = meetings.get_meeting(s, meeting.id)
        assert [(i.position, i.title) for i in meeting.agenda_items] == [(1, "D"), (2, "B"), (3, "C")]
        first = conclusions.add_conclusion(s, meeting.id, "Satu")
        conclusions.add_conclusion(s, meeting.id, "Dua")
        conclusions.move_conclusion(s, first.id, 2)
        assert [c.text for c in sorted(meeting.conclusions, key=lambda c: c.position)] == ["Dua", "Satu"]
        with pytest.raises(ValidationError):
            conclusions.move_conclusion(s, first.id, 5)


def test_findings_validate_country_and_count(store):
    with store.session() as s:
        meeting = _meeting(s)
        with pytest.raises(ValidationError):
            findings.add_finding(s, meeting.id, category="Overstay", nationality="XX")
        with pytest.raises(ValidationError):
            findings.add_finding(s, meeting.id, category="Overstay", persons=-1)
        finding = findings.add_finding(s, meeting.id, category="Overstay", nationality="cn", persons=2)
        assert [(n.nationality, n.persons) for n in finding.nationalities] == [("CN", 2)]


def test_follow_up_takes_invitees_and_brings_open_actions(store):
    with store.session() as s:
        a = directory.create_person(s, name="Anggota Satu")
        b = directory.create_person(s, name="Anggota Dua")
        first = _meeting(s)
        for person in (a, b):
            attendance.invite_person(s, first.id, person.id, status=AttendanceStatus.PRESENT)
        open_action = actions.add_action(s, first.id, description="Operasi gabungan")
        done = actions.add_action(s, first.id, description="Sosialisasi")
        actions.update_action(s, done.id, status=ActionStatus.DONE)
        follow = meetings.create_follow_up(s, first.id, title="Rapat lanjutan", date=dt.date(2025, 4, 10))
        assert [r.name for r in follow.attendances] == ["Anggota Satu", "Anggota Dua"]
        assert all(r.status is AttendanceStatus.INVITED for r in follow.attendances)
        assert [r.action_uuid for r in follow.action_reviews] == [open_action.uuid]
        actions.update_review(s, follow.action_reviews[0].id, status=ActionStatus.DONE, note="Selesai")
        assert open_action.status is ActionStatus.DONE
        # A second follow-up has nothing left to review.
        later = meetings.create_follow_up(s, follow.id, title="Rapat berikutnya", date=dt.date(2025, 5, 8))
        assert later.action_reviews == []
        with pytest.raises(ValidationError):
            meetings.create_follow_up(s, first.id, title="Terlalu awal", date=dt.date(2025, 1, 1))


def test_a_signed_meeting_refuses_changes(store):
    with store.session() as s:
        meeting = _meeting(s)
        item = agenda.add_agenda_item(s, meeting.id, title="Pembukaan")
        meeting.status = MeetingStatus.SIGNED
        s.flush()
        with pytest.raises(LockedError):
            meetings.update_meeting(s, meeting.id, title="Diubah")
        with pytest.raises(LockedError):
            agenda.update_agenda_item(s, item.id, title="Diubah")
        with pytest.raises(LockedError):
            conclusions.add_conclusion(s, meeting.id, "Baru")
        with pytest.raises(LockedError):
            meetings.delete_meeting(s, meeting.id)


def test_list_meetings_counts_attendees_and_filters(demo_store):
    with demo_store.session() as s:
        rows = meetings.list_meetings(s)
        assert [r.date for r in rows] == [dt.date(2024, 11, 21), dt.date(2024, 8, 15)]
        main = rows[0]
        assert main.present == sum(1 for r in meetings.get_meeting(s, main.id).attendances if r.status.attended)
        assert meetings.list_meetings(s, year=2023) == []
        assert [r.id for r in meetings.list_meetings(s, status=MeetingStatus.FINAL)] == [rows[1].id]
        assert meetings.meeting_years(s) == [2024]


def test_the_window_list_reads_ids_then_the_summaries_of_a_page(demo_store):
    with demo_store.session() as s:
        rows = meetings.list_meetings(s)
        assert meetings.meeting_ids(s) == [r.id for r in rows]
        assert meetings.meeting_ids(s, year=2024, status=MeetingStatus.FINAL) == [rows[1].id]
        assert meetings.meeting_ids(s, year=2023) == meetings.meeting_ids(s, year=2025) == []
        assert meetings.meeting_ids(s, search="famvida") == [demo_store.demo_meeting_id]
        assert meetings.meeting_ids(s, search="famvida", status=MeetingStatus.FINAL) == []
        assert meetings.meeting_ids(s, search="  ") == [r.id for r in rows]
        # A page in the order asked, a meeting deleted meanwhile (id 999) left out.
        assert meetings.meeting_summaries(s, [rows[1].id, 999, rows[0].id]) == [rows[1], rows[0]]
        assert meetings.meeting_summaries(s, []) == []
        assert meetings.latest_meeting_id(s) == rows[0].id


def _plan(session, query) -> str:
    from sqlalchemy import text

    compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    return " | ".join(row[-1] for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))


@pytest.mark.sqlite_only  # EXPLAIN QUERY PLAN is SQLite's; the plan test is of its indexes
def test_the_list_queries_read_an_index_in_order(demo_store, count_statements):
    """The plans SQLite chooses (deterministic, unlike a time): the ids newest first straight off
    an index, no sort; a year a range of the date index; a page by primary key."""
    from sqlalchemy import select

    from app.models import Meeting

    newest_first = select(Meeting.id).order_by(Meeting.date.desc(), Meeting.id.desc())
    with demo_store.session() as s:
        plan = _plan(s, newest_first)
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, plan
        start, end = dt.date(2024, 1, 1), dt.date(2025, 1, 1)
        plan = _plan(s, newest_first.where(Meeting.date >= start, Meeting.date < end))
        assert "SEARCH meetings USING COVERING INDEX" in plan and "date>? AND date<?" in plan, plan
        plan = _plan(s, select(Meeting.id, Meeting.title).where(Meeting.id.in_([1, 2])))
        assert "INTEGER PRIMARY KEY" in plan, plan
        # And the services send exactly those: one statement each.
        with count_statements(demo_store.engine) as counted:
            meetings.meeting_ids(s, year=2024)
            meetings.meeting_summaries(s, [1, 2])
        assert counted.count == 2, counted.statements


def test_the_demo_tells_the_day_from_the_date_and_marks_invented_people(demo_store):
    from app.i18n import long_date

    with demo_store.session() as s:
        meeting = meetings.get_meeting(s, demo_store.demo_meeting_id)
        assert long_date(meeting.date) == "Kamis, 21 November 2024"
        assert meeting.chair.name == "Antonius Frizky, S.C.P." and not meeting.chair.is_example
        assert meeting.secretary.is_example
        assert len(meeting.findings) == 3 and len(meeting.action_reviews) == 2
        assert any(r.status is AttendanceStatus.REPRESENTED for r in meeting.attendances)


def test_an_earlier_meeting_deleted_and_restored_is_reviewed_again(demo_store):
    from app.services.restore import delete_meeting_undoably, restore_meeting

    with demo_store.session() as s:
        main = meetings.get_meeting(s, demo_store.demo_meeting_id)
        earlier_id = main.follows_id
        bundle = delete_meeting_undoably(s, earlier_id)
    with demo_store.session() as s:
        main = meetings.get_meeting(s, demo_store.demo_meeting_id)
        assert all(review.action is None for review in main.action_reviews)
        restore_meeting(s, bundle)
    with demo_store.session() as s:
        main = meetings.get_meeting(s, demo_store.demo_meeting_id)
        assert all(review.action is not None for review in main.action_reviews)
        pending = next(r for r in main.action_reviews if r.status is ActionStatus.IN_PROGRESS)
        actions.update_review(s, pending.id, status=ActionStatus.DONE)
        assert pending.action.status is ActionStatus.DONE
