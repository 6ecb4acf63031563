"""The stress meeting: every cell of every table filled with what does not fit a line.

URLs, e-mail addresses, words of 5,000 characters (of the longest length a field takes) and
60-character names, in the kop, the summary block, the follow-up of the previous meeting, the
findings, the action plan, the daftar hadir and the list of those absent. Built only through
the services, as the window would build it.
"""

from __future__ import annotations

import datetime as dt

from app.services import actions, agenda, attachments, attendance, conclusions, directory, findings, meetings, office
from tests.support.photos import photo_bytes

URL = "https://www.imigrasi.go.id/id/layanan/pengawasan-orang-asing/laporan/2024/11/21/temuan_tka_ilegal?ref=timpora&page=12"
EMAIL = "kepala.seksi.intelijen.dan.penindakan.keimigrasian@kanim-muaraenim.imigrasi.go.id"
#: 60 characters, and no space to break at in its longest part
NAME_60 = "Prof. Dr. Muhammad Abdurrahman Wicaksono-Hadiningrat, S.H.,M"
HUGE = "Pengawasan" * 500  # 5,000 characters


def word(length: int) -> str:
    """One word of exactly `length` characters, no space nor break character in it."""
    return ("Keimigrasian" * (length // 12 + 1))[:length]


def mixed(length: int) -> str:
    """A URL, an e-mail address and one long word, cut to what the field accepts."""
    return f"{URL} {EMAIL} {word(length)}"[:length]


def build_stress_meeting(session) -> int:
    """Two meetings (the earlier one's open actions reviewed at the second); the second's id."""
    office.update_office(
        session,
        ministry=word(200),
        directorate=mixed(200),
        regional_office=URL,
        office_name=word(200),
        address=mixed(300),
        phone=word(100),
        website=URL,
        email=EMAIL,
        city=word(100),
    )
    agency = directory.create_agency(session, name=word(200), short_name=word(80))
    chair = directory.create_person(
        session, name=NAME_60, id_number="198001012005011001", rank=word(120), position=mixed(300), agency_id=agency.id
    )
    secretary = directory.create_person(
        session, name=word(200), id_number="199203152019022003", rank=URL, position=word(300), agency_id=agency.id
    )
    earlier = meetings.create_meeting(session, title=mixed(500), date=dt.date(2024, 8, 15))
    for n in range(3):
        actions.add_action(
            session,
            earlier.id,
            description=f"{URL} {EMAIL} {HUGE}" if n == 0 else word(5000),
            owner_agency_name=word(200) if n else mixed(200),
            owner_person_name=NAME_60,
            due_date=dt.date(2024, 12, 31),
        )
    m = meetings.create_follow_up(
        session,
        earlier.id,
        title=f"{word(300)} {URL}",
        date=dt.date(2024, 11, 21),
        number=word(100),
        venue=mixed(300),
        city=word(100),
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 30),
        chair_id=chair.id,
        secretary_id=secretary.id,
        opening_notes=f"{URL} {EMAIL} {HUGE}",
        closing_notes=f"{EMAIL} {HUGE}",
    )
    for review in m.action_reviews:
        actions.update_review(session, review.id, note=f"{URL} {HUGE}")
    for _ in range(2):
        agenda.add_agenda_item(
            session,
            m.id,
            title=f"{word(150)} {URL}",
            presenter_name=mixed(300),
            discussion=f"{URL}\n{EMAIL}\n{HUGE}",
        )
    for n in range(2):
        findings.add_finding(
            session,
            m.id,
            category=word(200),
            location=mixed(300),
            nationality="CN",
            persons=123,
            sponsor=f"{URL} {EMAIL}"[:300] if n == 0 else word(300),
            reporting_agency=word(200),
            description=f"{URL} {EMAIL} {HUGE}",
            recommendation=HUGE,
        )
    actions.add_action(
        session,
        m.id,
        description=f"{URL} {EMAIL} {HUGE}",
        owner_agency_name=mixed(200),
        owner_person_name=NAME_60,
        due_date=dt.date(2025, 1, 31),
    )
    conclusions.add_conclusion(session, m.id, f"{URL} {EMAIL} {HUGE}")
    for person in (chair, secretary):
        attendance.invite_person(session, m.id, person.id, status="present")
    for n in range(6):
        status = ("present", "represented", "excused", "absent")[n % 4]
        extra = {"deputy_name": NAME_60, "deputy_rank": word(120), "deputy_position": mixed(300)}
        attendance.add_guest(
            session,
            m.id,
            name=NAME_60 if n % 2 else word(200),
            rank=word(120),
            id_number="12345678901234567",
            position_title=mixed(300),
            agency_name=word(200) if n % 2 else mixed(200),
            note=mixed(500),
            status=status,
            **(extra if status == "represented" else {}),
        )
    for n in range(2):
        attachments.add_attachment(
            session,
            m.id,
            filename=f"foto-{n}.png",
            content=photo_bytes(600, 400, colour=(60, 130, 80), label="foto", fmt="PNG"),
            caption=f"{URL} {EMAIL} {word(1500)}",
        )
    return m.id
