"""The search index: words of every part of a meeting, prefix per word, kept current by triggers."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.db import alembic_config, open_store
from app.models import Base
from app.services import agenda, attendance, findings, meetings
from app.services.errors import UserError
from app.services.search import match_expression, search_meetings
from tests.support.postgres import both_backends, engine_of

pytestmark = both_backends


def test_every_part_of_the_demo_meeting_is_found(demo_store):
    with demo_store.session() as s:
        mid = demo_store.demo_meeting_id
        assert search_meetings(s, "Hariyadi") == [mid]  # a deputy's name
        assert search_meetings(s, "spion") == [mid]  # a finding's category, as a prefix
        assert search_meetings(s, "famvida") == [mid]  # the venue
        assert search_meetings(s, "forkopimda") == [mid]  # an action item
        assert search_meetings(s, "Pilkada zero") == [mid]
        assert search_meetings(s, "Pilkada triwulan") == []  # every word must match
        assert len(search_meetings(s, "")) == 2


def test_each_keystroke_narrows(demo_store):
    with demo_store.session() as s:
        counts = [len(search_meetings(s, "tim pora lubuk"[:n])) for n in range(1, 15)]
    assert counts[0] >= counts[-1] >= 1
    assert all(a >= b for a, b in zip(counts, counts[1:]) if b)


def test_operators_and_quotes_are_plain_words(demo_store):
    assert match_expression('a" OR NEAR(b') == '"a"* "or"* "near"* "b"*'
    with demo_store.session() as s:
        assert search_meetings(s, '"') == search_meetings(s, "")
        assert search_meetings(s, "NEAR(") == []


def test_edits_and_deletes_keep_the_index_current(store):
    with store.session() as s:
        m = meetings.create_meeting(s, title="Rapat uji", date=dt.date(2025, 1, 6))
        item = agenda.add_agenda_item(s, m.id, title="Paparan", discussion="membahas kelapa sawit")
        guest = attendance.add_guest(s, m.id, name="Zulkarnain Siregar")
        findings.add_finding(s, m.id, category="Overstay", description="penginapan Tanjung")
        mid = m.id
    with store.session() as s:
        assert search_meetings(s, "sawit") == [mid]
        assert search_meetings(s, "zulkar") == [mid]
        assert search_meetings(s, "tanjung") == [mid]
        agenda.update_agenda_item(s, item.id, discussion="membahas karet")
        attendance.remove_attendance(s, guest.id)
    with store.session() as s:
        assert search_meetings(s, "sawit") == []
        assert search_meetings(s, "karet") == [mid]
        assert search_meetings(s, "zulkar") == []
        meetings.delete_meeting(s, mid)
    with store.session() as s:
        assert search_meetings(s, "karet") == []


def test_models_match_the_migrations(store):
    """Autogenerate finds nothing to do: the models and migrations agree (FTS table aside)."""

    def include(obj, name, type_, reflected, compare_to):
        return not (name or "").startswith("meeting_search")

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_a_store_of_revision_0001_is_upgraded_and_indexed(empty_db):
    engine = engine_of(empty_db)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as raw:
        _insert_old_meeting(raw)
    engine.dispose()
    if engine.dialect.name == "sqlite":
        store = open_store(empty_db)
        assert store.backup_path is not None and store.backup_path.exists()
    else:  # a shared server is upgraded on purpose only (timpora init), never by a start
        with pytest.raises(UserError, match="versi yang lebih lama"):
            open_store(empty_db)
        store = open_store(empty_db, upgrade_server=True)
    try:
        with store.session() as s:
            summary = meetings.list_meetings(s)
            assert [(m.id, m.title, m.present) for m in summary] == [(7, "Rapat lama Musi Rawas", 1)]
            assert search_meetings(s, "lumbanto") == [7]
            assert search_meetings(s, "musi rawas") == [7]
    finally:
        store.close()


def _insert_old_meeting(raw) -> None:
    raw.exec_driver_sql(
        "INSERT INTO meetings (id, uuid, number, title, kind, level, area, date, start_time, time_zone, venue, city,"
        " opening_notes, closing_notes, classification, status, revision)"
        " VALUES (7, 'a5c0d7a4-1f0e-4d7b-9d54-0a1b2c3d4e5f', '', 'Rapat lama Musi Rawas', 'rakor', 'regency_city', '',"
        " '2023-03-02', '09:00:00.000000', 'WIB', 'Aula', 'Lubuklinggau', '', '', 'ordinary', 'draft', 1)"
    )
    raw.exec_driver_sql(
        "INSERT INTO attendances (meeting_id, uuid, position, name, id_number, rank, position_title, agency_name,"
        " agency_order, status, deputy_name, deputy_id_number, deputy_rank, deputy_position, note)"
        " VALUES (7, 'b5c0d7a4-1f0e-4d7b-9d54-0a1b2c3d4e5f', 1, 'Bonifasius Lumbantobing', '', '', '', 'Kodim',"
        " 40, 'present', '', '', '', '', '')"
    )


def test_accents_punctuation_and_other_scripts_are_found_alike_on_both_backends(store):
    """SQLite's unicode61 tokenizer and PostgreSQL's folded tsvector give the same answers."""
    from app.services import conclusions

    with store.session() as s:
        m = meetings.create_meeting(s, title="Rapat José Ñúñez di Bandara", date=dt.date(2025, 1, 6))
        agenda.add_agenda_item(
            s, m.id, title="Surat", discussion="Surat B-123/TIMPORA/XI/2024 ke kanim.lubuklinggau@imigrasi.go.id"
        )
        attendance.add_guest(s, m.id, name="محمد عبد الله")
        findings.add_finding(s, m.id, category="Overstay", description="WNA asal ไทย (Thailand) — “overstay”…")
        conclusions.add_conclusion(s, m.id, text="Patroli di Kota Lubuk-linggau; 50% selesai.")
        other = meetings.create_meeting(s, title="Rapat lain", date=dt.date(2025, 1, 7)).id
        mid = m.id
    found = {
        "jose": [mid],
        "José": [mid],
        "NUNEZ": [mid],
        "ñúñ": [mid],
        "timpora 2024": [mid],
        "xi": [mid],
        "imigrasi go": [mid],
        "kanim lubukling": [mid],
        "محمد": [mid],
        "ไทย": [mid],
        "thailand overstay": [mid],
        "lubuk-linggau": [mid],
        "linggau": [mid],
        "50": [mid],
        "rapat": sorted([mid, other]),
        "rapat jose": [mid],
        "jos bandara": [mid],
        "xyz": [],
        "bandara lain": [],
    }
    with store.session() as s:
        assert {q: sorted(search_meetings(s, q)) for q in found} == found
