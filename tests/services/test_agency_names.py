"""An agency renamed later prints its old name on old minutes (issue 16)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.documents.exports import export_minutes
from app.models import Agency
from app.services import actions, attendance, directory, meetings
from app.services.demo import EARLIER_MEETING_UUID, MINISTRY_SPLIT
from app.services.errors import ConflictError, ValidationError
from tests.support import pdftools

OLD = "Kantor Wilayah Kementerian Hukum dan HAM Sumatera Selatan"
NEW = "Kantor Wilayah Direktorat Jenderal Imigrasi Sumatera Selatan"


@pytest.fixture
def kanwil(store):
    with store.session() as session:
        agency = directory.create_agency(session, name=OLD, short_name="Kanwil Kemenkumham Sumsel")
        person = directory.create_person(session, name="Muhammad Hariyadi", agency_id=agency.id)
        session.commit()
        return agency.id, person.id


def _meeting_with(session, day: dt.date, agency_id: int, person_id: int) -> int:
    m = meetings.create_meeting(session, title="Rapat Koordinasi", date=day)
    attendance.invite_person(session, m.id, person_id)
    actions.add_action(session, m.id, description="Pendataan WNA", owner_agency_id=agency_id)
    return m.id


def test_minutes_print_the_name_valid_on_the_meeting_date(store, kanwil, tmp_path):
    agency_id, person_id = kanwil
    with store.session() as session:
        directory.rename_agency(
            session, agency_id, name=NEW, short_name="Kanwil Ditjen Imigrasi Sumsel", renamed_on=dt.date(2024, 10, 21)
        )
        before = _meeting_with(session, dt.date(2024, 10, 20), agency_id, person_id)
        after = _meeting_with(session, dt.date(2024, 10, 21), agency_id, person_id)
        session.commit()
        agency = session.get(Agency, agency_id)
        assert agency.name == NEW and agency.name_on(dt.date(2024, 1, 1)) == (OLD, "Kanwil Kemenkumham Sumsel")
        assert agency.name_on(None) == (NEW, "Kanwil Ditjen Imigrasi Sumsel")
        old_pdf = export_minutes(session, before, tmp_path / "before.pdf").path
        new_pdf = export_minutes(session, after, tmp_path / "after.pdf").path
    old_text, new_text = (pdftools.flat(pdftools.text(p)) for p in (old_pdf, new_pdf))
    assert "Kementerian Hukum dan HAM" in old_text and "Direktorat Jenderal Imigrasi" not in old_text
    assert "Direktorat Jenderal Imigrasi" in new_text and "Kementerian Hukum dan HAM" not in new_text


def test_a_meeting_moved_across_the_renaming_follows_it_but_a_typed_name_stays(store, kanwil):
    agency_id, person_id = kanwil
    with store.session() as session:
        directory.rename_agency(session, agency_id, name=NEW, renamed_on=dt.date(2024, 10, 21))
        m = _meeting_with(session, dt.date(2024, 11, 21), agency_id, person_id)
        typed = actions.add_action(
            session, m, description="Lain", owner_agency_id=agency_id, owner_agency_name="Kanwil"
        )
        meetings.update_meeting(session, m, date=dt.date(2024, 8, 15))
        meeting = meetings.get_meeting(session, m)
        assert [r.agency_name for r in meeting.attendances] == [OLD]
        assert meeting.action_items[0].owner_agency_name == OLD
        assert typed.owner_agency_name == "Kanwil"


def test_a_bad_renaming_is_refused_and_changes_nothing(store, kanwil):
    agency_id, _person = kanwil
    with store.session() as session:
        directory.create_agency(session, name="Kepolisian Resor Lubuklinggau")
        directory.rename_agency(session, agency_id, name=NEW, renamed_on=dt.date(2024, 10, 21))
        for bad, error in (
            ({"name": NEW, "renamed_on": dt.date(2025, 1, 1)}, ValidationError),  # the same name
            ({"name": "Kanwil baru", "renamed_on": dt.date(2024, 10, 21)}, ValidationError),  # not after the last
            ({"name": "Kepolisian Resor Lubuklinggau", "renamed_on": dt.date(2025, 1, 1)}, ConflictError),
            ({"name": "Kanwil baru", "renamed_on": "2025-01-01"}, ValidationError),
            ({"name": " ", "renamed_on": dt.date(2025, 1, 1)}, ValidationError),
        ):
            with pytest.raises(error):
                directory.rename_agency(session, agency_id, **bad)
            agency = session.get(Agency, agency_id)
            assert agency.name == NEW and [f.name for f in agency.former_names] == [OLD]


def test_the_demo_agrees_with_its_own_dates(demo_store, tmp_path):
    with demo_store.session() as session:
        main = export_minutes(session, demo_store.demo_meeting_id, tmp_path / "main.pdf").path
        earlier_id = meetings.get_meeting(session, EARLIER_MEETING_UUID).id
        earlier = export_minutes(session, earlier_id, tmp_path / "earlier.pdf").path
    main_text, earlier_text = (pdftools.flat(pdftools.text(p)) for p in (main, earlier))
    # after the split: the kop, the body and the daftar hadir name the new ministry's offices
    assert "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN" in main_text and "DIREKTORAT JENDERAL IMIGRASI" in main_text
    assert "Direktorat Jenderal Imigrasi Sumatera" in main_text  # the daftar hadir's Instansi cell
    assert "Kemenkumham" not in main_text and "Hukum dan HAM" not in main_text
    # before it (15 August 2024): the Kemenkumham's kop
    assert "KEMENTERIAN HUKUM DAN HAK ASASI MANUSIA" in earlier_text
    assert "PEMASYARAKATAN" not in earlier_text
    assert dt.date(2024, 10, 21) == MINISTRY_SPLIT
