"""The real window, offscreen, over a real store; settings in a file of the test's own."""

from __future__ import annotations

import pytest

from app.services import directory


@pytest.fixture(autouse=True, scope="session")
def _none_refcount_padding():
    """PySide6 6.12 on Python 3.11 loses a reference to None on each void call (qtbot's
    processEvents too): the app's own guard (app/ui/none_refcount.py) before any test uses Qt."""
    import app.ui  # noqa: F401  (the guard runs as the package is imported)


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
        agency = directory.create_agency(
            s, name="Dinas Kependudukan dan Pencatatan Sipil Kota Lubuklinggau", short_name="Dukcapil", sort_order=90
        )
        for n, name in enumerate(
            [
                "Wahyu Nugroho",
                "Intan Permatasari",
                "Bagus Setiawan",
                "Lestari Handayani",
                "Galih Ramadhan",
                "Putri Maharani",
                "Eko Susanto",
                "Novi Rahayu",
                "Taufik Hidayat",
                "Oktaviani Siregar",
            ]
        ):
            directory.create_person(s, name=name, position="Staf", agency_id=agency.id, id_number=f"8{n:07d}")
    return demo_store


@pytest.fixture
def in_next_modal(qtbot):
    """in_next_modal(act): `act(dialog)` runs on the next modal dialog once it is up; exec() then
    returns when `act` closes it. An assertion failing inside still fails the test (pytest-qt)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def arm(act, *, delay: int = 30) -> None:
        def go() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(20, go)
                return
            act(dialog)

        QTimer.singleShot(delay, go)

    return arm


class LoopWatch:
    """Ticks every 10 ms on the GUI thread and keeps the longest gap between ticks: a stalled
    event loop shows as a long gap."""

    def __init__(self) -> None:
        import time

        from PySide6.QtCore import QTimer

        self._clock = time.perf_counter
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.ticks = 0
        self._last = None

    def _tick(self) -> None:
        now = self._clock()
        if self._last is not None:
            self.longest = max(self.longest, now - self._last)
        self._last = now
        self.ticks += 1

    def start(self) -> None:
        # Counted from now: a stall right at the start (before the first tick) counts too.
        self.longest, self.ticks, self._last = 0.0, 0, self._clock()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self._tick()  # and the time since the last tick
        return self.longest


@pytest.fixture
def loop_watch(qt_app):
    watch = LoopWatch()
    yield watch
    watch.timer.stop()


@pytest.fixture
def signer_p12(tmp_path):
    """The demo chair's own .p12 (EC key, self-issued) with the test passphrase."""
    from tests.support.signing import make_certificate, write_p12

    key, cert = make_certificate(common="Antonius Frizky")
    return write_p12(tmp_path / "penandatangan.p12", key, cert)


@pytest.fixture
def secretary_p12(tmp_path):
    """The demo secretary's own .p12: each box is signed with its own signer's key."""
    from tests.support.signing import make_certificate, write_p12

    key, cert = make_certificate(common="Dewi Anggraini")
    return write_p12(tmp_path / "notulis.p12", key, cert)
