"""A store whose every report figure is known by heart: three meetings around a year boundary.

    M1  Kamis 14 Desember 2023  rakor       1 finding, 1 action (Polres, due 10 Jan 2024, open)
    M2  Kamis 18 Januari 2024   briefing    3 findings, 4 actions, 2 conclusions
    M3  Kamis 21 Maret 2024     evaluation  1 finding, no action, no conclusion, TERBATAS

Dukcapil is invited to every meeting and never comes. Built through the services, as the window
builds it.
"""

from __future__ import annotations

import datetime as dt

from app.models.enums import ActionStatus, AttendanceStatus, Classification, MeetingKind
from app.services import actions, attendance, conclusions, directory, findings, meetings, office

KANIM = "Kantor Imigrasi Kelas II Non TPI Muara Enim"
MURATARA = "Kabupaten Musi Rawas Utara"
POLRES = "Kepolisian Resor Lubuklinggau"
KODIM = "Komando Distrik Militer 0406/Lubuklinggau"
DISNAKER = "Dinas Tenaga Kerja Kota Lubuklinggau"
DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil Kota Lubuklinggau"
HEAD = "Antonius Frizky, S.C.P."
HEAD_NIP = "197501012000031001"


def build_known_store(session) -> dict[str, int]:
    """Fill an empty store; returns the meetings' ids by name (m1, m2, m3)."""
    agencies = {
        key: directory.create_agency(session, name=name, sort_order=order)
        for key, name, order in (
            ("kanim", KANIM, 10),
            ("polres", POLRES, 30),
            ("kodim", KODIM, 40),
            ("disnaker", DISNAKER, 70),
            ("dukcapil", DUKCAPIL, 80),
        )
    }
    people = {
        key: directory.create_person(session, name=name, id_number=nip, position=position, agency_id=agencies[a].id)
        for key, name, nip, position, a in (
            ("head", HEAD, HEAD_NIP, "Kepala Kantor Imigrasi Kelas II Non TPI Muara Enim", "kanim"),
            ("notulis", "Dewi Anggraini, S.Kom.", "199203252015032001", "Analis Keimigrasian", "kanim"),
            ("polres", "Hendra Gunawan, S.I.K.", "80071234", "Kasat Intelkam", "polres"),
            ("kodim", "Andi Saputra", "11010034560677", "Kasi Intel", "kodim"),
            ("disnaker", "Ahmad Fauzi, S.T.", "197912052003121002", "Kabid Penempatan", "disnaker"),
            ("dukcapil", "Sri Wahyuni, S.E.", "198001012005012001", "Kabid Dafduk", "dukcapil"),
        )
    }
    office.update_office(
        session,
        ministry="KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
        directorate="DIREKTORAT JENDERAL IMIGRASI",
        office_name="KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM",
        city="Lubuklinggau",
        default_chair_id=people["head"].id,
        default_secretary_id=people["notulis"].id,
    )

    def meeting(title, date, kind, venue, invited, **fields):
        m = meetings.create_meeting(session, title=title, date=date, kind=kind, venue=venue, **fields)
        for key, status in invited:
            row = attendance.invite_person(session, m.id, people[key].id)
            if status is AttendanceStatus.REPRESENTED:
                attendance.set_status(session, row.id, status, deputy_name="Serka Budi")
            else:
                attendance.set_status(session, row.id, status)
        return m

    P, R, E, A = (
        AttendanceStatus.PRESENT,
        AttendanceStatus.REPRESENTED,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.ABSENT,
    )
    m1 = meeting(
        "Rapat Koordinasi Tim PORA Desember 2023",
        dt.date(2023, 12, 14),
        MeetingKind.RAKOR,
        "Aula Kantor Imigrasi",
        [("head", P), ("notulis", P), ("polres", P), ("kodim", E), ("dukcapil", A)],
    )
    findings.add_finding(
        session,
        m1.id,
        category="Overstay",
        location="Kecamatan Lubuklinggau Timur I",
        district="Lubuklinggau Timur I",
        regency="Kota Lubuklinggau",
        nationality="CN",
        persons=2,
    )
    actions.add_action(
        session,
        m1.id,
        description="Pengawasan WNA overstay di Lubuklinggau Timur",
        owner_agency_id=agencies["polres"].id,
        due_date=dt.date(2024, 1, 10),
    )
    conclusions.add_conclusion(session, m1.id, "Pengawasan WNA overstay diperketat menjelang tahun baru.")

    m2 = meeting(
        "Briefing Operasi Gabungan Januari 2024",
        dt.date(2024, 1, 18),
        MeetingKind.OPERATION_BRIEFING,
        "Mapolres Lubuklinggau",
        [("head", P), ("notulis", P), ("polres", A), ("kodim", R), ("disnaker", P), ("dukcapil", A)],
    )
    for category, location, district, nationality, persons in (
        ("TKA ilegal", "Kecamatan Rupit", "Rupit", "CN", 3),
        ("TKA ilegal", "Kecamatan Rupit", "Rupit", "VN", 1),
        ("Overstay", "", "", "", None),
    ):
        findings.add_finding(
            session,
            m2.id,
            category=category,
            location=location,
            district=district,
            regency=MURATARA if district else "",
            nationality=nationality,
            persons=persons,
        )
    for description, agency, due, status in (
        ("Pemeriksaan dokumen TKA di Rupit", "kanim", dt.date(2024, 2, 15), ActionStatus.DONE),
        ("Pendataan TKA perusahaan tambang", "disnaker", dt.date(2024, 3, 1), ActionStatus.IN_PROGRESS),
        ("Patroli wilayah perbatasan kecamatan", "kodim", dt.date(2024, 6, 30), ActionStatus.OPEN),
        ("Sosialisasi kepada kepala desa", "polres", None, ActionStatus.OPEN),
    ):
        item = actions.add_action(
            session, m2.id, description=description, owner_agency_id=agencies[agency].id, due_date=due
        )
        actions.update_action(session, item.id, status=status)
    for text in ("Operasi gabungan dilaksanakan pada Februari 2024.", "Disnaker menyerahkan data TKA terdaftar."):
        conclusions.add_conclusion(session, m2.id, text)

    m3 = meeting(
        "Rapat Evaluasi Tim PORA Triwulan I 2024",
        dt.date(2024, 3, 21),
        MeetingKind.EVALUATION,
        "Hotel Famvida",
        [("head", P), ("notulis", P), ("dukcapil", A)],
        classification=Classification.RESTRICTED,
    )
    findings.add_finding(
        session,
        m3.id,
        category="Spionase",
        location="Kota Lubuklinggau",
        regency="Kota Lubuklinggau",
        nationality="US",
        persons=1,
    )
    session.flush()
    return {"m1": m1.id, "m2": m2.id, "m3": m3.id}
