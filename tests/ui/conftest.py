"""The real window, offscreen, over a real store; settings in a file of the test's own."""

from __future__ import annotations

import pytest

from app.services import directory


@pytest.fixture(autouse=True, scope="session")
def _none_refcount_padding():
    """PySide6 6.12's processEvents()/qWait() (which qtbot calls) drop a reference to None each
    time; the app's own event loop does not. Extra references to None are harmless, a count
    run down to zero aborts Python, so the test session adds some."""
    import ctypes

    for _ in range(300_000):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))


@pytest.fixture(autouse=True)
def _own_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMPORA_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture
def qt_app(qapp):
    from app.ui.application import make_qt_app

    return make_qt_app()


@pytest.fixture
def window_on(qt_app, qtbot):
    """window_on(store) -> a shown MainWindow, closed after the test."""
    from app.ui.main_window import MainWindow
    from app.ui.ops import wait_for_ops

    opened = []

    def make(store):
        window = MainWindow(store)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):  # shortcuts reach an active window only
            window.show()
            window.activateWindow()
        opened.append(window)
        return window

    yield make
    wait_for_ops()
    for window in opened:
        window.close()


@pytest.fixture
def people_store(demo_store):
    """The demo directory and ten more people: enough for twenty attendees."""
    with demo_store.session() as s:
        agency = directory.create_agency(s, name="Dinas Kependudukan dan Pencatatan Sipil Kota Lubuklinggau", short_name="Dukcapil", sort_order=90)
        for n, name in enumerate(
            ["Wahyu Nugroho", "Intan Permatasari", "Bagus Setiawan", "Lestari Handayani", "Galih Ramadhan",
             "Putri Maharani", "Eko Susanto", "Novi Rahayu", "Taufik Hidayat", "Oktaviani Siregar"]
        ):
            directory.create_person(s, name=name, position="Staf", agency_id=agency.id, id_number=f"8{n:07d}")
    return demo_store
