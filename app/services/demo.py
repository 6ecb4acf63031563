"""The demo: the Timpora meeting of 21 November 2024 in Lubuklinggau, and the one before it.

Built from a news article about the real meeting. The chair (Antonius Frizky, S.C.P., Kepala
Kantor Imigrasi Kelas II Non TPI Muara Enim) and the Kanwil's representative (Muhammad
Hariyadi) are named there; their NIPs are not, so none is invented for them. Every other person
is invented, marked `is_example`, and has a note saying so; the documents print "(contoh)" beside
them and "CONTOH" on every page. Their NIPs end in the sequence 000 and their NRPs in 0000,
numbers no official is given, so an invented person can never carry a real person's number. The
findings' places, companies and sources are marked as invented too: made-up foreigners at a real
mine, reported by a real Polres, would read like intelligence.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Meeting
from app.models.enums import (
    ActionStatus,
    AttendanceStatus,
    Classification,
    DocumentStatus,
    MeetingKind,
    TeamLevel,
)
from app.services import actions, agenda, attendance, conclusions, directory, findings, meetings, office
from app.services.revisions import finalize_meeting

DEMO_MEETING_UUID = "5d1c2a8e-6f0b-4c1e-9a51-21112024a001"
EARLIER_MEETING_UUID = "5d1c2a8e-6f0b-4c1e-9a51-15082024a001"
EXAMPLE_NOTE = "Contoh: tokoh fiktif untuk demo, bukan pejabat sebenarnya."

OFFICE = {
    "ministry": "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
    "directorate": "DIREKTORAT JENDERAL IMIGRASI",
    "regional_office": "KANTOR WILAYAH SUMATERA SELATAN",
    "office_name": "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM",
    "address": "Jl. Jenderal Sudirman No. 1 (contoh), Muara Enim, Sumatera Selatan 31311",
    "phone": "(0734) 000000 (contoh)",
    "website": "muaraenim.imigrasi.go.id",
    "email": "kanim.muaraenim@imigrasi.go.id (contoh)",
    "city": "Lubuklinggau",
    "area": "Kota Lubuklinggau, Kabupaten Musi Rawas dan Kabupaten Musi Rawas Utara",
    "time_zone": "WIB",
}

#: The kop before the 2024 ministry split (the Kemenkumham's: no directorate line), on the
#: earlier meeting's minutes, frozen when it was finalized.
KOP_BEFORE_SPLIT = {
    "ministry": "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA REPUBLIK INDONESIA",
    "directorate": "",
    "regional_office": "KANTOR WILAYAH SUMATERA SELATAN",
}
#: The day the Kementerian Imigrasi dan Pemasyarakatan took over the immigration offices.
MINISTRY_SPLIT = dt.date(2024, 10, 21)
#: Agencies renamed by the split: (key, new full name, new short name), renamed on MINISTRY_SPLIT.
RENAMED = [
    ("kanwil", "Kantor Wilayah Direktorat Jenderal Imigrasi Sumatera Selatan", "Kanwil Ditjen Imigrasi Sumsel"),
]

# (key, full name, short name, protocol order): the names before the split
AGENCIES = [
    ("kanim", "Kantor Imigrasi Kelas II Non TPI Muara Enim", "Kanim Muara Enim", 10),
    ("kanwil", "Kantor Wilayah Kementerian Hukum dan HAM Sumatera Selatan", "Kanwil Kemenkumham Sumsel", 20),
    ("polres_llg", "Kepolisian Resor Lubuklinggau", "Polres Lubuklinggau", 30),
    ("polres_mura", "Kepolisian Resor Musi Rawas", "Polres Musi Rawas", 31),
    ("polres_muratara", "Kepolisian Resor Musi Rawas Utara", "Polres Muratara", 32),
    ("kodim", "Komando Distrik Militer 0406/Lubuklinggau", "Kodim 0406/LLG", 40),
    ("bin", "Badan Intelijen Negara Daerah Sumatera Selatan", "Binda Sumsel", 50),
    ("kesbangpol_llg", "Badan Kesatuan Bangsa dan Politik Kota Lubuklinggau", "Kesbangpol Kota Lubuklinggau", 60),
    ("kesbangpol_mura", "Badan Kesatuan Bangsa dan Politik Kabupaten Musi Rawas", "Kesbangpol Kab. Musi Rawas", 61),
    (
        "kesbangpol_muratara",
        "Badan Kesatuan Bangsa dan Politik Kabupaten Musi Rawas Utara",
        "Kesbangpol Kab. Muratara",
        62,
    ),
    ("disnaker", "Dinas Tenaga Kerja Kota Lubuklinggau", "Disnaker Kota Lubuklinggau", 70),
    ("kemenag", "Kantor Kementerian Agama Kota Lubuklinggau", "Kemenag Kota Lubuklinggau", 80),
]

# (key, name, NIP/NRP, rank, position, agency key, real person?)
PEOPLE = [
    ("chair", "Antonius Frizky, S.C.P.", "", "", "Kepala Kantor Imigrasi Kelas II Non TPI Muara Enim", "kanim", True),
    ("kanwil", "Muhammad Hariyadi", "", "", "Kepala Sub Bidang Penindakan Keimigrasian", "kanwil", True),
    (
        "kadiv",
        "Drs. Bambang Wicaksono, M.H.",
        "197003121994031000",
        "Pembina Utama Muda (IV/c)",
        "Kepala Divisi Keimigrasian",
        "kanwil",
        False,
    ),
    (
        "kasi",
        "Rizki Pratama, S.H., M.H.",
        "198506152008011000",
        "Penata Tk. I (III/d)",
        "Kepala Seksi Intelijen dan Penindakan Keimigrasian",
        "kanim",
        False,
    ),
    (
        "notulis",
        "Dewi Anggraini, S.Kom.",
        "199203252015032000",
        "Penata Muda Tk. I (III/b)",
        "Analis Keimigrasian Ahli Pertama",
        "kanim",
        False,
    ),
    (
        "polres_llg",
        "Hendra Gunawan, S.I.K.",
        "80070000",
        "AKBP",
        "Kepala Satuan Intelijen Keamanan",
        "polres_llg",
        False,
    ),
    ("polres_mura", "Agus Salim, S.H.", "81050000", "AKP", "Kepala Satuan Intelijen Keamanan", "polres_mura", False),
    ("polres_muratara", "Yudi Hartono", "83090000", "IPTU", "Kepala Unit Intelijen Keamanan", "polres_muratara", False),
    ("kodim", "Andi Saputra", "11010000000000", "Mayor Inf", "Kepala Seksi Intelijen", "kodim", False),
    ("bin", "Ferry Kurniawan", "", "", "Kepala Pos Wilayah Lubuklinggau", "bin", False),
    (
        "kesbangpol_llg",
        "Siti Rahmawati, S.Sos., M.Si.",
        "197808172005022000",
        "Pembina (IV/a)",
        "Kepala Bidang Kewaspadaan Nasional",
        "kesbangpol_llg",
        False,
    ),
    (
        "kesbangpol_mura",
        "Junaidi, S.E.",
        "198102102006041000",
        "Penata Tk. I (III/d)",
        "Kepala Bidang Kewaspadaan Nasional",
        "kesbangpol_mura",
        False,
    ),
    (
        "kesbangpol_muratara",
        "Rina Marlina, S.H.",
        "198711302010012000",
        "Penata (III/c)",
        "Analis Kebijakan Ahli Muda",
        "kesbangpol_muratara",
        False,
    ),
    (
        "disnaker",
        "Ahmad Fauzi, S.T.",
        "197912052003121000",
        "Pembina (IV/a)",
        "Kepala Bidang Penempatan dan Perluasan Kerja",
        "disnaker",
        False,
    ),
    (
        "kemenag",
        "H. Abdul Karim, S.Ag., M.Pd.I.",
        "197406221999031000",
        "Pembina (IV/a)",
        "Kepala Seksi Bimbingan Masyarakat Islam",
        "kemenag",
        False,
    ),
    (
        "staf",
        "Yoga Prasetyo, A.Md.Im.",
        "199807182020121000",
        "Pengatur (II/c)",
        "Pemeriksa Keimigrasian Pelaksana",
        "kanim",
        False,
    ),
]


def demo_meeting_id(session: Session) -> int | None:
    return session.scalar(select(Meeting.id).where(Meeting.uuid == DEMO_MEETING_UUID))


def load_demo(session: Session) -> int:
    """Load the demo meetings (once) and return the id of the meeting of 21 November 2024."""
    existing = demo_meeting_id(session)
    if existing is not None:
        return existing
    profile = office.get_office(session)
    own_kop = office.is_configured(profile)
    if not own_kop:
        # the earlier meeting (August 2024) is printed under the kop of its day
        office.update_office(session, **{**OFFICE, **KOP_BEFORE_SPLIT})
    agencies = {}
    renamed = {key: (name, short) for key, name, short in RENAMED}
    for key, name, short, order in AGENCIES:
        names = {name, renamed.get(key, ("",))[0]}
        found = next((a for a in directory.list_agencies(session) if a.name in names), None)
        agencies[key] = found or directory.create_agency(session, name=name, short_name=short, sort_order=order)
        if key in renamed and agencies[key].name == name:
            new_name, new_short = renamed[key]
            directory.rename_agency(
                session, agencies[key].id, name=new_name, short_name=new_short, renamed_on=MINISTRY_SPLIT
            )
    people = {}
    for key, name, number, rank, position, agency_key, real in PEOPLE:
        people[key] = directory.create_person(
            session,
            name=name,
            id_number=number,
            rank=rank,
            position=position,
            agency_id=agencies[agency_key].id,
            is_example=not real,
            notes="" if real else EXAMPLE_NOTE,
        )
    profile = office.get_office(session)
    if profile.default_chair_id is None:
        office.update_office(session, default_chair_id=people["chair"].id, default_secretary_id=people["notulis"].id)
    earlier = _earlier_meeting(session, people, agencies)
    if not own_kop:
        office.update_office(session, **OFFICE)
    return _main_meeting(session, earlier, people, agencies).id


def _earlier_meeting(session: Session, people: dict, agencies: dict) -> Meeting:
    m = meetings.create_meeting(
        session,
        title="Rapat Koordinasi Tim PORA Triwulan III Tahun 2024",
        date=dt.date(2024, 8, 15),
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 0),
        number="W6.IMI.IMI.12-GR.01.01-0815 (contoh)",
        kind=MeetingKind.RAKOR,
        level=TeamLevel.REGENCY_CITY,
        venue="Aula Kantor Imigrasi Kelas II Non TPI Muara Enim",
        city="Muara Enim",
        chair_id=people["chair"].id,
        secretary_id=people["notulis"].id,
        opening_notes=(
            "Rapat dibuka pukul 09.00 WIB oleh Kepala Kantor Imigrasi Kelas II Non TPI Muara Enim "
            "selaku Ketua Tim PORA."
        ),
        closing_notes="Rapat ditutup pukul 12.00 WIB.",
    )
    m.uuid = EARLIER_MEETING_UUID
    for key in ("chair", "kasi", "polres_llg", "polres_mura", "kodim", "bin", "kesbangpol_llg", "disnaker", "notulis"):
        attendance.invite_person(session, m.id, people[key].id, status=AttendanceStatus.PRESENT)
    agenda.add_agenda_item(
        session,
        m.id,
        title="Pembukaan dan arahan Ketua Tim PORA",
        time=dt.time(9, 0),
        presenter_id=people["chair"].id,
        discussion="Ketua Tim PORA menyampaikan data keberadaan orang asing di wilayah kerja triwulan III.",
    )
    agenda.add_agenda_item(
        session,
        m.id,
        title="Laporan anggota Tim PORA",
        time=dt.time(9, 45),
        discussion="Setiap instansi menyampaikan hasil pemantauan orang asing di wilayahnya.",
    )
    findings.add_finding(
        session,
        m.id,
        category="Tenaga kerja asing ilegal",
        location="Perkebunan rekaan A (contoh), Kabupaten Musi Rawas",
        regency="Kabupaten Musi Rawas",
        nationality="CN",
        persons=4,
        document_status=DocumentStatus.VISIT_VISA,
        sponsor="PT Perkebunan Rekaan (contoh)",
        reporting_agency="Disnaker Kota Lubuklinggau (contoh)",
        description="Empat WNA diduga bekerja di lokasi perkebunan dengan visa kunjungan.",
        recommendation="Dilakukan pemeriksaan dokumen bersama Disnaker.",
    )
    actions.add_action(
        session,
        m.id,
        description="Pemeriksaan dokumen TKA di perkebunan rekaan A (contoh)",
        owner_agency_id=agencies["kanim"].id,
        due_date=dt.date(2024, 9, 30),
    )
    actions.add_action(
        session,
        m.id,
        description="Pendataan WNA yang tinggal di rumah warga (laporan RT/RW)",
        owner_agency_id=agencies["kesbangpol_llg"].id,
        due_date=dt.date(2024, 10, 31),
    )
    done = actions.add_action(
        session,
        m.id,
        description="Penyampaian data TKA yang terdaftar kepada Kantor Imigrasi",
        owner_agency_id=agencies["disnaker"].id,
        due_date=dt.date(2024, 8, 31),
    )
    actions.update_action(session, done.id, status=ActionStatus.DONE)
    conclusions.add_conclusion(session, m.id, "Pengawasan TKA di sektor perkebunan menjadi prioritas triwulan IV.")
    # Its minutes were settled long ago; the follow-up reviews its actions, it is not edited.
    # (finalized, so its minutes are printed from the frozen revision, as they were that day)
    finalize_meeting(session, m.id)
    return m


def _main_meeting(session: Session, earlier: Meeting, people: dict, agencies: dict) -> Meeting:
    m = meetings.create_follow_up(
        session,
        earlier.id,
        title=(
            "Rapat Koordinasi Tim Pengawasan Orang Asing (TIMPORA) Dalam Rangka Persiapan Pilkada 2024 "
            "Zero Konflik, Aman dan Kondusif"
        ),
        date=dt.date(2024, 11, 21),
        start_time=dt.time(9, 0),
        end_time=dt.time(12, 30),
        number="W6.IMI.IMI.12-GR.01.01-1121 (contoh)",
        venue="Hotel Famvida, Kota Lubuklinggau",
        city="Lubuklinggau",
        classification=Classification.RESTRICTED,
        opening_notes=(
            "Rapat dibuka pukul 09.00 WIB oleh Kepala Kantor Imigrasi Kelas II Non TPI Muara Enim, "
            "Antonius Frizky, S.C.P., selaku Ketua Tim PORA, dalam rangka mendukung Program 100 Hari Kerja "
            "Menteri Imigrasi dan Pemasyarakatan dalam peningkatan pengawasan orang asing."
        ),
        closing_notes=(
            "Rapat ditutup pukul 12.30 WIB oleh Ketua Tim PORA dengan ucapan terima kasih atas kehadiran "
            "dan peran serta seluruh anggota Tim PORA."
        ),
    )
    m.uuid = DEMO_MEETING_UUID
    invited = {row.person_id: row for row in m.attendances}
    for key in ("kanwil", "polres_muratara", "kesbangpol_mura", "kesbangpol_muratara", "kemenag", "staf"):
        if people[key].id not in invited:
            attendance.invite_person(session, m.id, people[key].id)
    for row in m.attendances:
        row.status = AttendanceStatus.PRESENT
    kadiv = attendance.invite_person(session, m.id, people["kadiv"].id)
    attendance.set_status(
        session,
        kadiv.id,
        AttendanceStatus.REPRESENTED,
        deputy_name="Muhammad Hariyadi",
        deputy_position="Kepala Sub Bidang Penindakan Keimigrasian",
    )
    # The Kanwil's representative attends for the Kepala Divisi; his own invitation is folded into that.
    own = next(r for r in m.attendances if r.person_id == people["kanwil"].id)
    attendance.remove_attendance(session, own.id)
    excused = next(r for r in m.attendances if r.person_id == people["kemenag"].id)
    attendance.set_status(session, excused.id, AttendanceStatus.EXCUSED)

    items = [
        (
            "Pembukaan",
            dt.time(9, 0),
            "chair",
            "Pembawa acara membuka rangkaian kegiatan; doa dan menyanyikan lagu Indonesia Raya.",
        ),
        (
            "Sambutan dan arahan Ketua Tim PORA",
            dt.time(9, 15),
            "chair",
            "Ketua Tim PORA menyampaikan bahwa Tim PORA Kantor Imigrasi Kelas II Non TPI Muara Enim bersama instansi "
            "di Kota Lubuklinggau, Kabupaten Musi Rawas dan Kabupaten Musi Rawas Utara secara intensif memantau "
            "keberadaan dan kegiatan orang asing, guna mengantisipasi masuknya TKA ilegal, spionase asing, serta "
            "penyebaran ideologi radikal dan intoleran oleh tokoh agama asing menjelang Pilkada 2024.",
        ),
        (
            "Paparan Kanwil: peran Tim PORA dalam menjaga stabilitas",
            dt.time(9, 45),
            "kanwil",
            "Kepala Sub Bidang Penindakan Keimigrasian, mewakili Kepala Divisi Keimigrasian Kanwil Ditjen "
            "Imigrasi Sumsel, menjelaskan bahwa Tim PORA adalah wadah koordinasi untuk menjaga stabilitas dan "
            "keamanan negara dengan memperkuat sinergitas pengawasan orang asing; Tim PORA terdiri dari Imigrasi, "
            "Polri, TNI, BIN dan Pemerintah Daerah.",
        ),
        (
            "Diskusi dan tukar informasi antaranggota",
            dt.time(10, 30),
            None,
            "Anggota Tim PORA menyampaikan hasil pemantauan di wilayah masing-masing (lihat Temuan). Polres "
            "Lubuklinggau menyampaikan kesiapan pengamanan Pilkada; Kesbangpol mengingatkan pendataan WNA agar tidak "
            "tercantum dalam daftar pemilih.",
        ),
        ("Kesimpulan dan penutup", dt.time(12, 0), "chair", "Ketua Tim PORA merangkum kesepakatan rapat."),
    ]
    for title, time, presenter, discussion in items:
        agenda.add_agenda_item(
            session,
            m.id,
            title=title,
            time=time,
            presenter_id=people[presenter].id if presenter else None,
            discussion=discussion,
        )
    findings.add_finding(
        session,
        m.id,
        category="Tenaga kerja asing ilegal",
        location="Lokasi tambang rekaan B (contoh), Kabupaten Musi Rawas Utara",
        regency="Kabupaten Musi Rawas Utara",
        nationality="CN",
        persons=3,
        document_status=DocumentStatus.VISIT_VISA,
        sponsor="Perusahaan tambang rekaan (contoh)",
        reporting_agency="Polres Musi Rawas Utara (contoh)",
        description="Tiga WNA diduga bekerja di lokasi tambang dengan visa kunjungan.",
        recommendation="Operasi gabungan untuk pemeriksaan dokumen dan izin kerja.",
    )
    findings.add_finding(
        session,
        m.id,
        category="Spionase",
        location="Kota Lubuklinggau",
        regency="Kota Lubuklinggau",
        nationality="",
        persons=None,
        document_status=DocumentStatus.UNKNOWN,
        reporting_agency="Binda Sumsel (contoh)",
        description="Kewaspadaan terhadap kemungkinan spionase asing menjelang Pilkada 2024; belum ada kasus terkonfirmasi.",
        recommendation="Pertukaran informasi intelijen antaranggota ditingkatkan.",
    )
    findings.add_finding(
        session,
        m.id,
        category="Penyebaran ideologi radikal/intoleran",
        location="Kabupaten Musi Rawas",
        regency="Kabupaten Musi Rawas",
        nationality="",
        persons=None,
        document_status=DocumentStatus.UNKNOWN,
        reporting_agency="Kemenag Kota Lubuklinggau (contoh)",
        description="Potensi kegiatan ceramah oleh tokoh agama asing tanpa izin yang sesuai.",
        recommendation="Pemantauan kegiatan keagamaan yang menghadirkan penceramah asing.",
    )
    for description, agency, due in (
        (
            "Operasi gabungan khusus dan insidentil pengawasan orang asing menjelang dan sesudah Pilkada",
            "kanim",
            dt.date(2024, 12, 15),
        ),
        (
            "Imbauan bersama Forkopimda dalam rangka sinergi antarpemangku kepentingan",
            "kesbangpol_llg",
            dt.date(2024, 12, 31),
        ),
        (
            "Sosialisasi peraturan perundang-undangan mengenai WNA kepada anggota Tim PORA dan masyarakat",
            "kanim",
            dt.date(2025, 1, 31),
        ),
    ):
        actions.add_action(session, m.id, description=description, owner_agency_id=agencies[agency].id, due_date=due)
    for review in m.action_reviews:
        if "perkebunan rekaan A" in review.description:
            actions.update_review(
                session,
                review.id,
                status=ActionStatus.DONE,
                note="Sudah dilaksanakan pada 24 September 2024; 2 WNA dideportasi (contoh).",
            )
        else:
            actions.update_review(
                session,
                review.id,
                status=ActionStatus.IN_PROGRESS,
                note="Pendataan berjalan; 2 kelurahan belum melapor.",
            )
    for text in (
        "Tim PORA meningkatkan pemantauan keberadaan dan kegiatan orang asing menjelang Pilkada 2024 agar zero konflik, aman dan kondusif.",
        "Operasi gabungan dilaksanakan bersama Polri, TNI, BIN dan Pemerintah Daerah sesuai rencana tindak lanjut.",
        "Masyarakat diajak berperan aktif dan peka terhadap keberadaan orang asing di lingkungan sekitar.",
    ):
        conclusions.add_conclusion(session, m.id, text)
    session.flush()
    return m
