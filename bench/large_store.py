"""Builds a large store for benchmarks: N meetings with M attendees each, written in bulk."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from pathlib import Path

from sqlalchemy import insert

from app.db import open_store
from app.models import AgendaItem, Attendance, Finding, Meeting
from app.models.base import utcnow
from app.services.search_index import refresh_search_index

AGENCIES = ["Kantor Imigrasi", "Polres", "Kodim", "Binda", "Kesbangpol", "Disnaker", "Dukcapil", "Kejari"]


def build_large_store(path: Path, *, meetings: int = 2000, attendees: int = 40, seed: int = 7):
    """A store at `path` holding `meetings` meetings of `attendees` attendees (returns it open)."""
    rng = random.Random(seed)
    store = open_store(path)
    now = utcnow()
    with store.engine.begin() as conn:
        meeting_rows = []
        start = dt.date(2018, 1, 1)
        for i in range(meetings):
            meeting_rows.append(
                dict(
                    uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                    number=f"{i + 1}/TIMPORA",
                    title=f"Rapat Koordinasi Tim PORA ke-{i + 1} wilayah {rng.choice(['Lubuklinggau', 'Musi Rawas', 'Muratara'])}",
                    kind="rakor",
                    level="regency_city",
                    area="",
                    date=start + dt.timedelta(days=i),
                    start_time=dt.time(9, 0),
                    end_time=dt.time(12, 0),
                    time_zone="WIB",
                    venue="Aula",
                    city="Lubuklinggau",
                    opening_notes="Rapat dibuka oleh Ketua Tim PORA.",
                    closing_notes="",
                    classification="ordinary",
                    status=rng.choice(["draft", "final", "signed"]),
                    revision=1,
                    created_at=now,
                    updated_at=now,
                )
            )
        if not meeting_rows:
            return store
        conn.execute(insert(Meeting), meeting_rows)
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM meetings ORDER BY id")]
        attendance_rows, agenda_rows, finding_rows = [], [], []
        for meeting_id in ids:
            for position in range(1, attendees + 1):
                attendance_rows.append(
                    dict(
                        uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                        meeting_id=meeting_id,
                        position=position,
                        name=f"Peserta {meeting_id}-{position}",
                        id_number="",
                        rank="",
                        position_title="Anggota",
                        agency_name=rng.choice(AGENCIES),
                        agency_order=100,
                        status=rng.choice(["present", "present", "present", "excused", "represented"]),
                        deputy_name="Wakil",
                        deputy_id_number="",
                        deputy_rank="",
                        deputy_position="",
                        note="",
                        created_at=now,
                        updated_at=now,
                    )
                )
            for position in range(1, 6):
                agenda_rows.append(
                    dict(
                        uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                        meeting_id=meeting_id,
                        position=position,
                        title=f"Acara {position}",
                        presenter_name="",
                        discussion="Pembahasan mengenai pengawasan orang asing.",
                        created_at=now,
                        updated_at=now,
                    )
                )
            finding_rows.append(
                dict(
                    uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                    meeting_id=meeting_id,
                    position=1,
                    category="Overstay",
                    location="Kecamatan Lubuklinggau Barat",
                    document_status="visit_visa",
                    sponsor="",
                    reporting_agency="Polres",
                    description="WNA melebihi izin tinggal.",
                    recommendation="",
                    created_at=now,
                    updated_at=now,
                )
            )
        conn.execute(insert(Attendance), attendance_rows)
        conn.execute(insert(AgendaItem), agenda_rows)
        conn.execute(insert(Finding), finding_rows)
        # each finding's one nationality (issue 18: a row of its own), two Tiongkok nationals
        conn.exec_driver_sql(
            "INSERT INTO finding_nationalities (finding_id, position, nationality, persons)"
            " SELECT id, 1, 'CN', 2 FROM findings"
        )
        # Written outside a session: rebuild the noted meetings' search rows once, as a commit would.
        refresh_search_index(conn)
    return store
