"""Every figure of the report, counted from a store whose contents are known."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from app.models.enums import ActionStatus, Classification, MeetingKind
from app.services.errors import UserError
from app.services.reports import Count, timpora_recap, timpora_report
from tests.reports.known_store import DISNAKER, DUKCAPIL, HEAD, KANIM, KODIM, POLRES, build_known_store
from tests.support.postgres import both_backends

YEAR_2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
ACROSS_NEW_YEAR = (dt.date(2023, 12, 1), dt.date(2024, 1, 31))


def test_a_year_counts_its_meetings_attendance_findings_and_actions(known_session):
    report = timpora_report(known_session, *YEAR_2024)

    assert [(m.date, m.kind, m.venue, m.chair, m.invited, m.present) for m in report.meetings] == [
        (dt.date(2024, 1, 18), MeetingKind.OPERATION_BRIEFING, "Mapolres Lubuklinggau", HEAD, 6, 4),
        (dt.date(2024, 3, 21), MeetingKind.EVALUATION, "Hotel Famvida", HEAD, 3, 2),
    ]
    assert report.people_present == 6
    # agency, meetings invited to, meetings attended; in protocol order
    assert [(a.agency, a.invited, a.present) for a in report.attendance] == [
        (KANIM, 2, 2),
        (POLRES, 1, 0),
        (KODIM, 1, 1),
        (DISNAKER, 1, 1),
        (DUKCAPIL, 2, 0),
    ]
    assert report.agencies_never_present == (POLRES, DUKCAPIL)

    f = report.findings
    assert (f.total, f.persons, f.persons_unknown, f.with_action) == (4, 5, 1, 3)
    assert f.by_category == (Count("TKA ilegal", 2, 4), Count("Spionase", 1, 1), Count("Overstay", 1, 0))
    assert f.by_nationality == (Count("CN", 1, 3), Count("US", 1, 1), Count("VN", 1, 1), Count("", 1, 0))
    assert f.by_regency == (
        Count("Kabupaten Musi Rawas Utara", 2, 4),
        Count("Kota Lubuklinggau", 1, 1),
        Count("", 1, 0),
    )
    # the Spionase finding names a kota but no kecamatan: it counts as not given here
    assert f.by_district == (Count("Rupit, Kabupaten Musi Rawas Utara", 2, 4), Count("", 2, 1))
    assert [(m.month, m.findings, m.persons) for m in f.by_month] == [
        (1, 3, 4),
        (2, 0, 0),
        (3, 1, 1),
        *[(month, 0, 0) for month in range(4, 13)],
    ]

    a = report.actions
    assert (a.opened, a.done, a.in_progress, a.not_started, a.cancelled, a.overdue) == (4, 1, 1, 2, 0, 2)
    assert {(x.agency, x.opened, x.done, x.open, x.overdue) for x in a.by_agency} == {
        (KANIM, 1, 1, 0, 0),
        (DISNAKER, 1, 0, 1, 1),
        (KODIM, 1, 0, 1, 1),
        (POLRES, 1, 0, 1, 0),
    }
    # Late at the period's end (31 December 2024), whatever today is; the item without a due date is not late.
    assert [(x.description, x.due_date, x.days_late, x.status) for x in a.overdue_items] == [
        ("Pendataan TKA perusahaan tambang", dt.date(2024, 3, 1), 305, ActionStatus.IN_PROGRESS),
        ("Patroli wilayah perbatasan kecamatan", dt.date(2024, 6, 30), 184, ActionStatus.OPEN),
    ]
    assert [(c.date, c.conclusions) for c in report.conclusions] == [
        (
            dt.date(2024, 1, 18),
            ("Operasi gabungan dilaksanakan pada Februari 2024.", "Disnaker menyerahkan data TKA terdaftar."),
        )
    ]
    assert report.classification is Classification.RESTRICTED
    assert not report.is_empty


def test_a_period_across_new_year_takes_december_and_january(known_session):
    report = timpora_report(known_session, *ACROSS_NEW_YEAR)

    assert [m.date for m in report.meetings] == [dt.date(2023, 12, 14), dt.date(2024, 1, 18)]
    assert [(m.year, m.month, m.findings, m.persons) for m in report.findings.by_month] == [
        (2023, 12, 1, 2),
        (2024, 1, 3, 4),
    ]
    assert [(a.agency, a.invited, a.present) for a in report.attendance] == [
        (KANIM, 2, 2),
        (POLRES, 2, 1),
        (KODIM, 2, 1),  # excused in December, a deputy in January
        (DISNAKER, 1, 1),
        (DUKCAPIL, 2, 0),
    ]
    assert report.agencies_never_present == (DUKCAPIL,)
    assert report.findings.by_category == (Count("TKA ilegal", 2, 4), Count("Overstay", 2, 2))
    # On 31 January 2024 only December's item (due 10 January) is late; March's and June's are not yet.
    assert (report.actions.opened, report.actions.overdue) == (5, 1)
    assert [(x.agency, x.days_late) for x in report.actions.overdue_items] == [(POLRES, 21)]
    assert report.classification is Classification.ORDINARY
    assert [c.date for c in report.conclusions] == [dt.date(2023, 12, 14), dt.date(2024, 1, 18)]


def test_one_meeting(known_session):
    report = timpora_report(known_session, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert [m.title for m in report.meetings] == ["Rapat Evaluasi Tim PORA Triwulan I 2024"]
    assert report.findings.by_nationality == (Count("US", 1, 1),)
    assert (report.findings.total, report.findings.with_action) == (1, 0)
    assert (report.actions.opened, report.actions.overdue, report.actions.by_agency) == (0, 0, ())
    assert report.conclusions == ()


def test_a_single_day_is_a_period(known_session):
    report = timpora_report(known_session, dt.date(2024, 1, 18), dt.date(2024, 1, 18))
    assert len(report.meetings) == 1 and report.findings.total == 3


def test_an_empty_period_is_a_report_that_says_so(known_session):
    report = timpora_report(known_session, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert report.is_empty
    assert report.attendance == () and report.findings.total == 0 and report.actions.opened == 0
    assert [m.findings for m in report.findings.by_month] == [0] * 6
    assert report.classification is Classification.ORDINARY


def test_a_period_that_ends_before_it_starts_is_refused(known_session):
    with pytest.raises(UserError, match="2024-01-01"):
        timpora_report(known_session, dt.date(2024, 1, 1), dt.date(2023, 12, 31))
    with pytest.raises(UserError):
        timpora_recap(known_session, dt.date(2024, 1, 1), None)


def _statements(session, call) -> int:
    seen = []
    engine = session.get_bind()

    def count(*_args, **_kwargs):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


@both_backends
def test_the_report_costs_the_same_few_queries_however_many_meetings(db, tmp_path):
    from app.db import open_store
    from app.services import findings, meetings

    store = open_store(db)
    try:
        with store.session() as session:
            build_known_store(session)
            session.commit()
            small = _statements(session, lambda: timpora_report(session, *YEAR_2024))
            for day in range(1, 29):
                m = meetings.create_meeting(session, title=f"Rapat {day}", date=dt.date(2024, 5, day))
                findings.add_finding(session, m.id, category="Overstay", nationality="MY", persons=day)
            session.commit()
            large = _statements(session, lambda: timpora_report(session, *YEAR_2024))
            assert timpora_report(session, *YEAR_2024).findings.by_nationality[0] == Count("MY", 28, 406)
    finally:
        store.close()
    assert small == large <= 11  # one grouped query per breakdown, whatever the size


def test_the_recap_has_a_row_for_every_finding_action_and_invitee(known_session):
    recap = timpora_recap(known_session, *ACROSS_NEW_YEAR)
    assert [(r.meeting_date, r.category, r.nationalities, r.persons) for r in recap.findings] == [
        (dt.date(2023, 12, 14), "Overstay", (("CN", 2),), 2),
        (dt.date(2024, 1, 18), "TKA ilegal", (("CN", 3),), 3),
        (dt.date(2024, 1, 18), "TKA ilegal", (("VN", 1),), 1),
        (dt.date(2024, 1, 18), "Overstay", (), None),
    ]
    assert [(r.agency, r.due_date, r.status, r.days_late) for r in recap.actions] == [
        (POLRES, dt.date(2024, 1, 10), ActionStatus.OPEN, 21),
        (KANIM, dt.date(2024, 2, 15), ActionStatus.DONE, None),
        (DISNAKER, dt.date(2024, 3, 1), ActionStatus.IN_PROGRESS, None),
        (KODIM, dt.date(2024, 6, 30), ActionStatus.OPEN, None),
        (POLRES, None, ActionStatus.OPEN, None),
    ]
    assert len(recap.attendance) == 11 and recap.meetings == 2
    assert [r.deputy_name for r in recap.attendance if r.deputy_name] == ["Serka Budi"]


@both_backends
def test_agencies_of_one_rank_are_listed_alike_on_a_file_and_on_a_server(db):
    """Names are ordered by the report, not by the database's collation (a server's may fold
    case, a file's compares bytes): the Kanwil's server lists them as the laptop does."""
    from app.db import open_store
    from app.services import attendance, directory, meetings

    store = open_store(db)
    try:
        with store.session() as session:
            m = meetings.create_meeting(session, title="Rapat urutan", date=dt.date(2024, 6, 4))
            for name in ("dinas Zeta", "Dinas Beta", "dinas alfa", "Dinas Érga"):
                agency = directory.create_agency(session, name=name, sort_order=50)
                person = directory.create_person(session, name=f"Wakil {name}", agency_id=agency.id)
                attendance.invite_person(session, m.id, person.id)
            report = timpora_report(session, *YEAR_2024)
    finally:
        store.close()
    assert [a.agency for a in report.attendance] == ["dinas alfa", "Dinas Beta", "dinas Zeta", "Dinas Érga"]
