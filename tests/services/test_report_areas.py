"""Kabupaten/kota and kecamatan of a finding: migrated from the free text, printed with it, offered
in the window's pickers, and what the report groups by; `timpora report --office`."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app.db import alembic_config, open_store
from app.models import Finding, Meeting
from app.services import findings, meetings
from app.services.findings import area_choices, place_text, regencies_of_area
from app.services.records import content_sha256, load_bundle

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store_0001.sqlite"


def test_the_migration_fills_the_areas_from_the_text_and_keeps_every_word(tmp_path):
    copy = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, copy)
    with sqlite3.connect(copy) as conn:
        before = dict(conn.execute("SELECT id, location FROM findings"))
    conn.close()
    store = open_store(copy)
    try:
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT id, location, district, regency FROM findings ORDER BY id").fetchall()
    finally:
        store.close()
    assert {r[0]: r[1] for r in rows} == before  # the free text is exactly as it was
    assert [(r[2], r[3]) for r in rows] == [
        ("Muara Lakitan", "Kabupaten Musi Rawas"),
        ("Rupit", "Kabupaten Musi Rawas Utara"),
        ("", "Kota Lubuklinggau"),
        ("", "Kabupaten Musi Rawas"),
    ]


def test_the_migration_goes_down_and_up_again(tmp_path):
    store = open_store(tmp_path / "timpora.sqlite")
    with store.session() as session:
        m = meetings.create_meeting(session, title="Rapat", date=dt.date(2024, 5, 2))
        findings.add_finding(session, m.id, category="Overstay", location="Desa X", district="Rupit")
    config = alembic_config(store.engine)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    with store.engine.connect() as conn:
        columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(findings)")]
        triggers = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type='trigger'").scalar()
    assert "district" not in columns and "regency" not in columns and triggers > 0
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    with store.session() as session:
        assert session.scalar(select(Finding.location)) == "Desa X"
        assert session.execute(select(Finding.district, Finding.regency)).one() == ("", "")  # gone with the columns
    store.close()


def test_place_text_adds_what_the_location_does_not_say():
    assert place_text("Desa Sukamaju", "Tugumulyo", "Kabupaten Musi Rawas") == (
        "Desa Sukamaju, Kecamatan Tugumulyo, Kabupaten Musi Rawas"
    )
    # migrated records name both already: nothing is said twice
    assert place_text("Kecamatan Rupit, Kabupaten Musi Rawas Utara", "Rupit", "Kabupaten Musi Rawas Utara") == (
        "Kecamatan Rupit, Kabupaten Musi Rawas Utara"
    )
    assert place_text("Lokasi tambang B, Kabupaten Musi Rawas Utara", "Rupit", "Kabupaten Musi Rawas Utara") == (
        "Lokasi tambang B, Kecamatan Rupit, Kabupaten Musi Rawas Utara"
    )
    assert place_text("Kabupaten Musi Rawas", "Tugumulyo", "Kabupaten Musi Rawas") == (
        "Kecamatan Tugumulyo, Kabupaten Musi Rawas"
    )
    assert place_text("", "", "Kota Lubuklinggau") == "Kota Lubuklinggau"
    assert place_text("", "", "") == ""


def test_the_pickers_offer_the_offices_area_then_what_was_written(store):
    from app.services.office import update_office

    assert regencies_of_area("Kota Lubuklinggau, Kabupaten Musi Rawas dan Kab. Musi Rawas Utara") == [
        "Kota Lubuklinggau",
        "Kabupaten Musi Rawas",
        "Kabupaten Musi Rawas Utara",
    ]
    with store.session() as session:
        update_office(session, area="Kota Lubuklinggau dan Kabupaten Musi Rawas")
        m = meetings.create_meeting(session, title="Rapat", date=dt.date(2024, 5, 2))
        for district, regency in (
            ("Rupit", "Kabupaten Musi Rawas Utara"),
            ("Tugumulyo", "Kabupaten Musi Rawas"),
            ("Muara Beliti", "Kabupaten Musi Rawas"),
            ("", "Kabupaten Empat Lawang"),
        ):
            findings.add_finding(session, m.id, category="Overstay", district=district, regency=regency)
        choices = area_choices(session)
    assert choices.regencies == (
        "Kota Lubuklinggau",
        "Kabupaten Musi Rawas",
        "Kabupaten Empat Lawang",
        "Kabupaten Musi Rawas Utara",
    )
    assert choices.districts["Kabupaten Musi Rawas"] == ("Muara Beliti", "Tugumulyo")
    assert choices.districts["Kota Lubuklinggau"] == ()


def test_an_empty_area_leaves_the_content_hash_of_older_records_alone(demo_store):
    with demo_store.session() as session:
        bundle = load_bundle(session, demo_store.demo_meeting_id)
        first = bundle.meeting.findings[0]
        assert first.regency  # the demo names the kabupaten
        before = content_sha256(bundle)
        finding_id = session.get(Meeting, demo_store.demo_meeting_id).findings[0].id
        findings.update_finding(session, finding_id, district="Muara Beliti")
        assert content_sha256(load_bundle(session, demo_store.demo_meeting_id)) != before
        findings.update_finding(session, finding_id, district="")
        assert content_sha256(load_bundle(session, demo_store.demo_meeting_id)) == before


@pytest.mark.parametrize("too_long", ["x" * 121])
def test_an_area_too_long_is_refused_with_its_label(store, too_long):
    from app.services.errors import ValidationError

    with store.session() as session:
        m = meetings.create_meeting(session, title="Rapat", date=dt.date(2024, 5, 2))
        with pytest.raises(ValidationError) as refused:
            findings.add_finding(session, m.id, category="Overstay", regency=too_long)
    assert refused.value.field == "regency" and "Kabupaten/Kota" in str(refused.value)
