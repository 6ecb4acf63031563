"""A fresh store ready to use: the setup wizard offers the usual Tim PORA members of the area and
takes the chair and the minute taker typed in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.models import Agency, Person
from app.services.office import get_office
from app.ui.settings.team_page import office_agency_name, starter_agencies


def test_the_usual_members_are_named_for_the_area():
    found = starter_agencies(" Muara  Enim ", "Kabupaten", "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM")
    assert found[0] == ("Kantor Imigrasi Kelas II Non TPI Muara Enim", "Kanim Muara Enim")
    names = [name for name, _short in found]
    assert "Kepolisian Resor Muara Enim" in names and "Kejaksaan Negeri Muara Enim" in names
    assert "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Muara Enim" in names
    assert ("Badan Kesatuan Bangsa dan Politik Kabupaten Muara Enim", "Kesbangpol Muara Enim") in found
    assert starter_agencies("", "Kota", "") == []
    assert office_agency_name("Kantor Imigrasi Kelas I TPI Palembang") == "Kantor Imigrasi Kelas I TPI Palembang"


def test_the_wizard_adds_the_ticked_agencies_and_the_two_people(store, qt_app, qtbot, tmp_path):
    from app.ui.settings.first_start_dialog import FirstStartDialog

    wizard = FirstStartDialog(None, store)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.office.edits["office_name"].setText("KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM")
    wizard.office.edits["city"].setText("Kabupaten Muara Enim")
    for _ in range(3):
        wizard.next()
    team = wizard.team
    assert wizard.currentPage() is team
    assert team.place.text() == "Muara Enim" and team.kind.currentText() == "Kabupaten"
    assert team.agencies.count() == 12
    dispar = next(
        team.agencies.item(i) for i in range(team.agencies.count()) if "Pariwisata" in team.agencies.item(i).text()
    )
    dispar.setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClicks(team.chair, "Antonius Frizky, S.C.P.")
    qtbot.keyClicks(team.secretary, "Dewi Anggraini, S.Kom.")
    wizard.grab().save(str(tmp_path / "tim-pora.png"))
    wizard.accept()
    assert wizard.result() == 1, team.error.text()
    with store.session() as s:
        agencies = {a.name: a for a in s.query(Agency)}
        assert len(agencies) == 11 and "Dinas Pariwisata Kabupaten Muara Enim" not in agencies
        office = agencies["Kantor Imigrasi Kelas II Non TPI Muara Enim"]
        people = {p.name: p for p in s.query(Person)}
        assert people["Antonius Frizky, S.C.P."].agency_id == office.id
        profile = get_office(s)
        assert profile.default_chair_id == people["Antonius Frizky, S.C.P."].id
        assert profile.default_secretary_id == people["Dewi Anggraini, S.Kom."].id
