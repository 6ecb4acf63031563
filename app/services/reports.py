"""The figures of a Laporan kegiatan Timpora for a period, counted in the database.

Every figure comes from a grouped query (a small, fixed number of them whatever the size of the
store), and the result is a tree of frozen records the PDF, the Excel recap and the window
render without a Session. Two choices the report states on its pages:

- An action item is *overdue* when it is still open (not started or in progress) and its due
  date lies before the period's last day: a report of 2024 says the same in 2024 and in 2026.
  Its status is the latest one recorded (the store keeps no history of statuses).
- A finding *led to an action* when the meeting that heard it agreed at least one action item:
  the store does not link an action item to the finding it answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from app.i18n import _
from app.models import ActionItem, Attendance, Conclusion, Finding, FindingNationality, Meeting, Person
from app.models.enums import ActionStatus, AttendanceStatus, Classification, DocumentStatus, MeetingKind
from app.services.errors import ValidationError

ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)
STILL_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
#: Lowest first: the report carries the highest mark of the meetings it sums up.
CLASSIFICATION_ORDER = (
    Classification.ORDINARY,
    Classification.RESTRICTED,
    Classification.SECRET,
    Classification.TOP_SECRET,
)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: dt.date
    end: dt.date

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        """(year, month) of every calendar month the period touches, in order."""
        out = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(out)


@dataclass(frozen=True)
class MeetingLine:
    """A meeting held in the period, as the report lists it."""

    id: int
    date: dt.date
    kind: MeetingKind
    title: str
    venue: str
    chair: str
    invited: int
    present: int
    classification: Classification


@dataclass(frozen=True)
class AgencyAttendance:
    """How often an agency was invited and came (a meeting counts once per agency)."""

    agency: str
    invited: int
    present: int

    @property
    def never_came(self) -> bool:
        return self.present == 0


@dataclass(frozen=True)
class Count:
    """One row of a breakdown: how many findings, and how many foreigners they name."""

    key: str
    findings: int
    persons: int


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    findings: int
    persons: int


@dataclass(frozen=True)
class FindingFigures:
    total: int
    #: foreigners named by the findings that give a number
    persons: int
    #: findings that give no number of persons
    persons_unknown: int
    #: findings heard at a meeting that agreed action items
    with_action: int
    by_category: tuple[Count, ...]
    #: key: ISO code ("" when not known)
    by_nationality: tuple[Count, ...]
    #: key: the kabupaten/kota ("Kabupaten Musi Rawas"; "" when not given)
    by_regency: tuple[Count, ...]
    #: key: the kecamatan with its kabupaten/kota ("Rupit, Kabupaten Musi Rawas Utara"; "" when
    #: no kecamatan is given)
    by_district: tuple[Count, ...]
    by_month: tuple[MonthCount, ...]
    #: findings that involve several nationalities: counted under each of them in by_nationality
    several_nationalities: int = 0


@dataclass(frozen=True)
class AgencyActions:
    agency: str
    opened: int
    done: int
    #: not started or in progress (overdue ones included)
    open: int
    overdue: int


@dataclass(frozen=True)
class OverdueAction:
    description: str
    agency: str
    due_date: dt.date
    meeting_date: dt.date
    status: ActionStatus
    #: days past due at the period's end
    days_late: int


@dataclass(frozen=True)
class ActionFigures:
    opened: int
    done: int
    in_progress: int
    not_started: int
    cancelled: int
    overdue: int
    by_agency: tuple[AgencyActions, ...]
    overdue_items: tuple[OverdueAction, ...]


@dataclass(frozen=True)
class MeetingConclusions:
    date: dt.date
    title: str
    conclusions: tuple[str, ...]


@dataclass(frozen=True)
class TimporaReport:
    period: Period
    meetings: tuple[MeetingLine, ...]
    attendance: tuple[AgencyAttendance, ...]
    findings: FindingFigures
    actions: ActionFigures
    conclusions: tuple[MeetingConclusions, ...]
    #: the highest classification among the meetings: the report carries their findings
    classification: Classification

    @property
    def is_empty(self) -> bool:
        return not self.meetings

    @property
    def people_present(self) -> int:
        return sum(m.present for m in self.meetings)

    @property
    def agencies_never_present(self) -> tuple[str, ...]:
        return tuple(a.agency for a in self.attendance if a.never_came)


def check_period(start: dt.date | None, end: dt.date | None) -> Period:
    """A period the report can cover, or one clear message."""
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise ValidationError(_("A report needs the first and the last day of its period."), field="period")
    if end < start:
        raise ValidationError(
            _("The period ends ({end}) before it starts ({start}).").format(
                end=end.isoformat(), start=start.isoformat()
            ),
            field="period",
        )
    return Period(start, end)


def _in_period(period: Period) -> ColumnElement[bool]:
    return Meeting.date.between(period.start, period.end)


def _attended() -> ColumnElement[int]:
    return case((Attendance.status.in_(ATTENDED), 1), else_=0)


# --- meetings and attendance -------------------------------------------------------------------


def _meetings(session: Session, period: Period) -> tuple[MeetingLine, ...]:
    counts = (
        select(
            Attendance.meeting_id.label("meeting_id"),
            func.count().label("invited"),
            func.sum(_attended()).label("present"),
        )
        .group_by(Attendance.meeting_id)
        .subquery()
    )
    query = (
        select(
            Meeting.id,
            Meeting.date,
            Meeting.kind,
            Meeting.title,
            Meeting.venue,
            func.coalesce(Person.name, ""),
            func.coalesce(counts.c.invited, 0),
            func.coalesce(counts.c.present, 0),
            Meeting.classification,
        )
        .outerjoin(counts, counts.c.meeting_id == Meeting.id)
        .outerjoin(Person, Person.id == Meeting.chair_id)
        .where(_in_period(period))
        .order_by(Meeting.date, Meeting.start_time, Meeting.id)
    )
    return tuple(MeetingLine(*row) for row in session.execute(query))


def _attendance(session: Session, period: Period) -> tuple[AgencyAttendance, ...]:
    """Per agency: meetings it was invited to, and meetings where someone of it sat in the room."""
    agency = func.trim(Attendance.agency_name)
    per_meeting = (
        select(
            agency.label("agency"),
            Attendance.meeting_id,
            func.max(_attended()).label("came"),
            func.min(Attendance.agency_order).label("sort_order"),
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(_in_period(period))
        .group_by(agency, Attendance.meeting_id)
        .subquery()
    )
    query = select(
        per_meeting.c.agency, func.count(), func.sum(per_meeting.c.came), func.min(per_meeting.c.sort_order)
    ).group_by(per_meeting.c.agency)
    # Sorted here, not by the database: a server's collation orders names its own way (case,
    # accents), and the report must list them alike from a laptop's file and the Kanwil's server.
    rows = sorted(session.execute(query), key=lambda r: (r[3] is None, r[3] or 0, (r[0] or "").casefold(), r[0] or ""))
    return tuple(AgencyAttendance(name or "", int(invited), int(came or 0)) for name, invited, came, _order in rows)


# --- findings ----------------------------------------------------------------------------------


def _involved(period: Period) -> Any:
    """Per finding of the period that lists nationalities: the persons they give (all rows), how
    many rows, how many give no number. Findings without a row are not in it (outer join)."""
    return (
        select(
            FindingNationality.finding_id.label("finding_id"),
            func.coalesce(func.sum(FindingNationality.persons), 0).label("persons"),
            func.count().label("rows"),
            func.sum(case((FindingNationality.persons.is_(None), 1), else_=0)).label("unsaid"),
        )
        .join(Finding, Finding.id == FindingNationality.finding_id)
        .join(Meeting, Meeting.id == Finding.meeting_id)
        .where(_in_period(period))
        .group_by(FindingNationality.finding_id)
        .subquery()
    )


def _finding_counts(session: Session, period: Period, key: ColumnElement[Any]) -> list[Count]:
    # One row per finding and nationality: findings counted once each, every row's persons summed.
    query = (
        select(
            key.label("key"),
            func.count(func.distinct(Finding.id)),
            func.coalesce(func.sum(FindingNationality.persons), 0),
        )
        .join(Meeting, Meeting.id == Finding.meeting_id)
        .outerjoin(FindingNationality, FindingNationality.finding_id == Finding.id)
        .where(_in_period(period))
        .group_by(key)
    )
    return _sorted_counts(session.execute(query))


def _sorted_counts(result: Iterable[Any]) -> list[Count]:
    rows = [Count(k or "", int(n), int(p)) for k, n, p in result]
    # Most findings first; the unknown ("") last whatever its size; then by name.
    return sorted(rows, key=lambda c: (c.key == "", -c.findings, -c.persons, c.key.casefold()))


def _nationality_counts(session: Session, period: Period) -> list[Count]:
    """Findings and persons per nationality: a finding of several nationalities counts under
    each, with the persons of that nationality; one that names none, under "" (not known)."""
    return _finding_counts(session, period, func.upper(func.trim(func.coalesce(FindingNationality.nationality, ""))))


def _district_key() -> ColumnElement[str]:
    """ "Rupit, Kabupaten Musi Rawas Utara" (a kecamatan's name may recur in two kabupaten);
    "" when the finding names no kecamatan."""
    district, regency = func.trim(Finding.district), func.trim(Finding.regency)
    return case(
        (district == "", ""),
        (regency == "", district),
        else_=district + ", " + regency,
    )


def _findings(session: Session, period: Period) -> FindingFigures:
    meetings_with_actions = select(ActionItem.meeting_id).distinct().scalar_subquery()
    involved = _involved(period)
    # A finding gives no number of persons when it lists no nationality, or one without a number.
    unsaid = case((involved.c.rows.is_(None), 1), (involved.c.unsaid > 0, 1), else_=0)
    totals = session.execute(
        select(
            func.count(Finding.id),
            func.coalesce(func.sum(involved.c.persons), 0),
            func.coalesce(func.sum(unsaid), 0),
            func.coalesce(func.sum(case((Finding.meeting_id.in_(meetings_with_actions), 1), else_=0)), 0),
            func.coalesce(func.sum(case((involved.c.rows > 1, 1), else_=0)), 0),
        )
        .join(Meeting, Meeting.id == Finding.meeting_id)
        .outerjoin(involved, involved.c.finding_id == Finding.id)
        .where(_in_period(period))
    ).one()
    year, month = extract("year", Meeting.date), extract("month", Meeting.date)
    monthly = {
        (int(y), int(m)): (int(n), int(p or 0))
        for y, m, n, p in session.execute(
            select(
                year,
                month,
                func.count(func.distinct(Finding.id)),
                func.coalesce(func.sum(FindingNationality.persons), 0),
            )
            .join(Meeting, Meeting.id == Finding.meeting_id)
            .outerjoin(FindingNationality, FindingNationality.finding_id == Finding.id)
            .where(_in_period(period))
            .group_by(year, month)
        )
    }
    return FindingFigures(
        total=int(totals[0]),
        persons=int(totals[1]),
        persons_unknown=int(totals[2]),
        with_action=int(totals[3]),
        by_category=tuple(_finding_counts(session, period, func.trim(Finding.category))),
        by_nationality=tuple(_nationality_counts(session, period)),
        by_regency=tuple(_finding_counts(session, period, func.trim(Finding.regency))),
        by_district=tuple(_finding_counts(session, period, _district_key())),
        by_month=tuple(MonthCount(y, m, *monthly.get((y, m), (0, 0))) for y, m in period.months),
        several_nationalities=int(totals[4]),
    )


# --- action items ------------------------------------------------------------------------------


def _overdue_condition(period: Period) -> ColumnElement[bool]:
    return ActionItem.status.in_(STILL_OPEN) & ActionItem.due_date.is_not(None) & (ActionItem.due_date < period.end)


def _actions(session: Session, period: Period) -> ActionFigures:
    agency = func.trim(ActionItem.owner_agency_name)

    def status_is(*statuses: ActionStatus) -> ColumnElement[Any]:
        return func.sum(case((ActionItem.status.in_(statuses), 1), else_=0))

    overdue = func.sum(case((_overdue_condition(period), 1), else_=0))
    rows = session.execute(
        select(
            agency,
            func.count(ActionItem.id),
            status_is(ActionStatus.DONE),
            status_is(ActionStatus.IN_PROGRESS),
            status_is(ActionStatus.OPEN),
            status_is(ActionStatus.CANCELLED),
            overdue,
        )
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(_in_period(period))
        .group_by(agency)
    ).all()
    by_agency = sorted(
        (
            AgencyActions(name or "", int(n), int(done), int(progress) + int(idle), int(late))
            for name, n, done, progress, idle, _cancelled, late in rows
        ),
        key=lambda a: (a.agency == "", -a.opened, a.agency.casefold()),
    )
    late_rows = session.execute(
        select(ActionItem.description, agency, ActionItem.due_date, Meeting.date, ActionItem.status)
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(_in_period(period), _overdue_condition(period))
        .order_by(ActionItem.due_date, Meeting.date, Meeting.id, ActionItem.position, ActionItem.id)
    ).all()

    def total(index: int) -> int:
        return sum(int(row[index] or 0) for row in rows)

    return ActionFigures(
        opened=total(1),
        done=total(2),
        in_progress=total(3),
        not_started=total(4),
        cancelled=total(5),
        overdue=total(6),
        by_agency=tuple(by_agency),
        overdue_items=tuple(
            OverdueAction(text, name or "", due, held, status, (period.end - due).days)
            for text, name, due, held, status in late_rows
        ),
    )


# --- conclusions -------------------------------------------------------------------------------


def _conclusions(session: Session, period: Period) -> tuple[MeetingConclusions, ...]:
    rows = session.execute(
        select(Meeting.id, Meeting.date, Meeting.title, Conclusion.text)
        .join(Conclusion, Conclusion.meeting_id == Meeting.id)
        .where(_in_period(period))
        .order_by(Meeting.date, Meeting.start_time, Meeting.id, Conclusion.position)
    )
    grouped: dict[int, tuple[dt.date, str, list[str]]] = {}
    for meeting_id, date, title, text in rows:
        grouped.setdefault(meeting_id, (date, title, []))[2].append(text)
    return tuple(MeetingConclusions(date, title, tuple(texts)) for date, title, texts in grouped.values())


def highest_classification(marks: Iterable[Classification]) -> Classification:
    return max(marks, key=CLASSIFICATION_ORDER.index, default=Classification.ORDINARY)


def timpora_report(session: Session, start: dt.date | None, end: dt.date | None) -> TimporaReport:
    """The report of every meeting held from `start` to `end` (both included); eleven queries."""
    period = check_period(start, end)
    meetings = _meetings(session, period)
    return TimporaReport(
        period=period,
        meetings=meetings,
        attendance=_attendance(session, period),
        findings=_findings(session, period),
        actions=_actions(session, period),
        conclusions=_conclusions(session, period),
        classification=highest_classification(m.classification for m in meetings),
    )


# --- the rows of the Excel recap ---------------------------------------------------------------


@dataclass(frozen=True)
class FindingRow:
    meeting_date: dt.date
    meeting_title: str
    category: str
    location: str
    district: str
    regency: str
    #: (ISO code or "", persons or None) in the finding's order
    nationalities: tuple[tuple[str, int | None], ...]
    document_status: DocumentStatus
    sponsor: str
    reporting_agency: str
    description: str
    recommendation: str

    @property
    def persons(self) -> int | None:
        """The persons the finding gives a number of, all nationalities together; None if none."""
        given = [persons for _code, persons in self.nationalities if persons is not None]
        return sum(given) if given else None


@dataclass(frozen=True)
class ActionRow:
    meeting_date: dt.date
    meeting_title: str
    description: str
    agency: str
    person: str
    due_date: dt.date | None
    status: ActionStatus
    #: days past due at the period's end, None when not overdue
    days_late: int | None


@dataclass(frozen=True)
class AttendanceRow:
    meeting_date: dt.date
    meeting_title: str
    name: str
    position_title: str
    agency: str
    status: AttendanceStatus
    deputy_name: str


@dataclass(frozen=True)
class Recap:
    """Every finding, action item and invitee of the period's meetings, one row each."""

    period: Period
    findings: tuple[FindingRow, ...]
    actions: tuple[ActionRow, ...]
    attendance: tuple[AttendanceRow, ...]
    #: meetings held in the period (some may have no row in any sheet)
    meetings: int = 0


def timpora_recap(session: Session, start: dt.date | None, end: dt.date | None) -> Recap:
    """The rows behind the report, for the Excel recap; four queries."""
    period = check_period(start, end)
    order = (Meeting.date, Meeting.start_time, Meeting.id)
    # One row per finding and nationality (outer join), folded into one per finding below.
    findings = session.execute(
        select(
            Finding.id,
            FindingNationality.nationality,
            FindingNationality.persons,
            Meeting.date,
            Meeting.title,
            Finding.category,
            Finding.location,
            Finding.district,
            Finding.regency,
            Finding.document_status,
            Finding.sponsor,
            Finding.reporting_agency,
            Finding.description,
            Finding.recommendation,
        )
        .join(Meeting, Meeting.id == Finding.meeting_id)
        .outerjoin(FindingNationality, FindingNationality.finding_id == Finding.id)
        .where(_in_period(period))
        .order_by(*order, Finding.position, FindingNationality.position)
    )
    overdue = _overdue_condition(period)
    actions = session.execute(
        select(
            Meeting.date,
            Meeting.title,
            ActionItem.description,
            ActionItem.owner_agency_name,
            ActionItem.owner_person_name,
            ActionItem.due_date,
            ActionItem.status,
            case((overdue, 1), else_=0),
        )
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(_in_period(period))
        .order_by(*order, ActionItem.position)
    )
    attendance = session.execute(
        select(
            Meeting.date,
            Meeting.title,
            Attendance.name,
            Attendance.position_title,
            Attendance.agency_name,
            Attendance.status,
            Attendance.deputy_name,
        )
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(_in_period(period))
        .order_by(*order, Attendance.agency_order, Attendance.agency_name, Attendance.position)
    )
    held = session.scalar(select(func.count(Meeting.id)).where(_in_period(period))) or 0
    return Recap(
        period=period,
        meetings=int(held),
        findings=_finding_rows(findings),
        actions=tuple(
            ActionRow(date, title, what, agency, person, due, status, (period.end - due).days if late else None)
            for date, title, what, agency, person, due, status, late in actions
        ),
        attendance=tuple(AttendanceRow(*row) for row in attendance),
    )


def _finding_rows(result: Iterable[Any]) -> tuple[FindingRow, ...]:
    """The joined rows, one per finding: its nationalities gathered in their order."""
    gathered: dict[int, tuple[list[tuple[str, int | None]], tuple]] = {}
    for finding_id, code, persons, *columns in result:
        nationalities, _columns = gathered.setdefault(finding_id, ([], tuple(columns)))
        if code is not None:
            nationalities.append((code, persons))
    rows = []
    for nationalities, columns in gathered.values():
        date, title, category, location, district, regency, status, sponsor, source, text, advice = columns
        rows.append(
            FindingRow(
                meeting_date=date,
                meeting_title=title,
                category=category,
                location=location,
                district=district,
                regency=regency,
                nationalities=tuple(nationalities),
                document_status=status,
                sponsor=sponsor,
                reporting_agency=source,
                description=text,
                recommendation=advice,
            )
        )
    return tuple(rows)


__all__ = [
    "ActionFigures",
    "AgencyActions",
    "AgencyAttendance",
    "Count",
    "FindingFigures",
    "MeetingConclusions",
    "MeetingLine",
    "MonthCount",
    "OverdueAction",
    "Period",
    "TimporaReport",
    "Recap",
    "timpora_recap",
    "check_period",
    "timpora_report",
]


def check_office(session: Session, asked: str | None) -> str:
    """The office a report is asked for, or one clear message when the store does not hold it.

    A store is one office's (its office profile, its kop surat): every meeting in it is that
    office's, so "every office in the store" and "this office" are the same meetings. The name
    is matched whole, in any case and spacing ("Kantor Imigrasi Kelas II TPI Lubuklinggau").
    """
    from app.models import OfficeProfile

    held = session.scalar(select(OfficeProfile.office_name).order_by(OfficeProfile.id).limit(1)) or ""
    if asked is None:
        return held

    def plain(text: str) -> str:
        return " ".join(text.split()).casefold()

    if not held.strip():
        raise ValidationError(
            _("The store names no office (Settings → Kop surat); leave out --office."), field="office"
        )
    if plain(asked) != plain(held):
        raise ValidationError(
            _("The store holds the meetings of {held} only, not of {asked}.").format(held=held, asked=asked.strip()),
            field="office",
        )
    return held
