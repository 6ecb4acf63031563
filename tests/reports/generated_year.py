"""A generated year: 40 meetings of 2024 with many agencies, categories, nationalities and places.

Seeded, so every run builds the same store; the figures are not known by heart, so its tests
check that the report's parts agree with each other and with the recap's rows.
"""

from __future__ import annotations

import datetime as dt
import random

from app.models.enums import ActionStatus, AttendanceStatus, Classification, MeetingKind
from app.services import actions, attendance, conclusions, directory, findings, meetings
from app.services.demo import AGENCIES

CATEGORIES = (
    "Penyalahgunaan izin tinggal",
    "Overstay",
    "TKA ilegal",
    "WNA tanpa dokumen",
    "Perkawinan campuran",
    "Pengungsi",
    "Spionase",
    "Penyebaran ideologi radikal/intoleran",
    "PMA fiktif/TPPO",
    "WNA dalam DPT",
)
NATIONALITIES = ("CN", "CN", "CN", "MY", "VN", "IN", "KR", "US", "AU", "NG", "BD", "PH", "")
#: (location as written, kecamatan, kabupaten/kota)
PLACES = (
    ("Kelurahan Taba Jemekeh", "Lubuklinggau Timur I", "Kota Lubuklinggau"),
    ("Kelurahan Lubuk Aman", "Lubuklinggau Barat II", "Kota Lubuklinggau"),
    ("Desa Karang Waru", "Rupit", "Kabupaten Musi Rawas Utara"),
    ("Lokasi tambang", "Muara Lakitan", "Kabupaten Musi Rawas"),
    ("Desa Sukamulya", "Tugumulyo", "Kabupaten Musi Rawas"),
    ("", "Karang Jaya", "Kabupaten Musi Rawas Utara"),
    ("Perkebunan sawit", "Rawas Ilir", "Kabupaten Musi Rawas Utara"),
    ("Kota Lubuklinggau", "", "Kota Lubuklinggau"),
    ("", "", ""),
)
KINDS = (MeetingKind.RAKOR, MeetingKind.OPERATION_BRIEFING, MeetingKind.OPERATION_EVALUATION, MeetingKind.EVALUATION)
VENUES = (
    "Aula Kantor Imigrasi",
    "Hotel Famvida, Kota Lubuklinggau",
    "Mapolres Lubuklinggau",
    "Kantor Bupati Musi Rawas",
)


def build_generated_year(session, *, meetings_count: int = 40, seed: int = 2024) -> None:
    rng = random.Random(seed)
    agencies = [
        directory.create_agency(session, name=name, short_name=short, sort_order=order)
        for _key, name, short, order in AGENCIES
    ]
    agencies.append(directory.create_agency(session, name="Dinas Kependudukan dan Pencatatan Sipil", sort_order=90))
    people = [
        directory.create_person(session, name=f"Anggota {n} {a.short_name or a.name}", agency_id=a.id)
        for a in agencies
        for n in (1, 2)
    ]
    chair = people[0]
    day = dt.date(2024, 1, 8)
    for index in range(meetings_count):
        m = meetings.create_meeting(
            session,
            title=f"Rapat Tim PORA ke-{index + 1} Tahun 2024",
            date=day,
            kind=rng.choice(KINDS),
            venue=rng.choice(VENUES),
            chair_id=chair.id,
            classification=Classification.RESTRICTED if index % 13 == 5 else Classification.ORDINARY,
        )
        day += dt.timedelta(days=rng.randint(6, 11))
        for person in rng.sample(people[:-2], 12) + [people[-1]]:  # Dukcapil is invited and never comes
            row = attendance.invite_person(session, m.id, person.id)
            status = (
                AttendanceStatus.ABSENT
                if person is people[-1]
                else rng.choice(
                    [AttendanceStatus.PRESENT] * 6
                    + [AttendanceStatus.REPRESENTED, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT]
                )
            )
            attendance.set_status(
                session, row.id, status, deputy_name="Wakil" if status is AttendanceStatus.REPRESENTED else ""
            )
        for _ in range(rng.randint(0, 4)):
            findings.add_finding(
                session,
                m.id,
                category=rng.choice(CATEGORIES),
                **dict(zip(("location", "district", "regency"), rng.choice(PLACES), strict=True)),
                nationality=rng.choice(NATIONALITIES),
                persons=rng.choice([None, 1, 2, 3, 4, 6]),
            )
        for n in range(rng.randint(0, 3)):
            item = actions.add_action(
                session,
                m.id,
                description=f"Tindak lanjut {n + 1} rapat ke-{index + 1}",
                owner_agency_id=rng.choice(agencies[:8]).id,
                due_date=m.date + dt.timedelta(days=rng.randint(14, 90)),
            )
            actions.update_action(session, item.id, status=rng.choice(list(ActionStatus)))
        for n in range(rng.randint(1, 3)):
            conclusions.add_conclusion(session, m.id, f"Kesimpulan {n + 1} rapat ke-{index + 1}.")
    session.flush()
