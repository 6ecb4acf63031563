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


# --- the store is not there: asked before anything is written ---------------------------------


def _answer(answers, shot=None):
    """Click the question's buttons in turn as each question opens (the first one grabbed)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.missing_store import MissingStoreQuestion

    pending = list(answers)

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, MissingStoreQuestion) or not box.isVisible():
            QTimer.singleShot(20, click)
            return
        if shot is not None and not shot.exists():
            box.grab().save(str(shot))
        box.choices[pending.pop(0)].click()
        if pending:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)
    return pending


def test_create_here_is_asked_first_and_then_makes_the_store(qt_app, tmp_path):
    from app.ui.application import open_window_store
    from app.ui.missing_store import Answer, StoreToOpen, store_to_open

    path = tmp_path / "baru" / "timpora.sqlite"
    shot = tmp_path / "pertanyaan.png"
    left = _answer([Answer.CREATE], shot)
    wanted = store_to_open(str(path), demo=False)
    assert left == [] and wanted == StoreToOpen(str(path), create=True)
    assert not path.parent.exists()  # nothing before the answer is acted on
    assert shot.stat().st_size > 5_000
    store = open_window_store(db=wanted.db, demo=False, create=wanted.create)
    try:
        assert path.is_file()
        with store.session() as s:
            assert s.query(Person).count() == 0
    finally:
        store.close()


def test_quit_creates_no_folder_and_no_file(qt_app, tmp_path):
    from app.ui.application import run_window
    from app.ui.missing_store import Answer

    path = tmp_path / "usb" / "timpora.sqlite"
    before = sorted(tmp_path.rglob("*"))
    _answer([Answer.QUIT])
    assert run_window(db=str(path)) == 0
    assert sorted(tmp_path.rglob("*")) == before and not path.parent.exists()


def test_choose_opens_the_chosen_file_and_a_cancelled_choice_asks_again(store, qt_app, tmp_path, monkeypatch):
    from app.ui import missing_store
    from app.ui.missing_store import Answer, StoreToOpen, store_to_open

    existing = store.path
    store.close()
    offered = iter([None, existing])  # first the file dialog is cancelled, then the file is picked
    monkeypatch.setattr(missing_store, "choose_data_file", lambda parent, start: next(offered))
    missing = tmp_path / "salah" / "timpora.sqlite"
    left = _answer([Answer.CHOOSE, Answer.CHOOSE])
    assert store_to_open(str(missing), demo=False) == StoreToOpen(str(existing), create=False)
    assert left == [] and not missing.parent.exists()


def test_no_question_for_an_existing_store_or_the_demo(store, qt_app):
    from app.ui.missing_store import StoreToOpen, store_to_open

    assert store_to_open(str(store.path), demo=False) == StoreToOpen(str(store.path), create=False)
    assert store_to_open(None, demo=True) == StoreToOpen(None, create=True)


def test_the_window_never_creates_a_store_unasked(qt_app, tmp_path):
    import pytest

    from app.db import NoStoreError
    from app.ui.application import open_window_store

    path = tmp_path / "lain" / "timpora.sqlite"
    with pytest.raises(NoStoreError):
        open_window_store(db=str(path), demo=False)
    assert not path.parent.exists()
