"""Work on the worker thread whose asking widget is closed before the answer comes back."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLabel

from app.ui.ops import run_op, wait_for_ops


def test_an_answer_for_a_widget_deleted_meanwhile_is_dropped_not_raised(qt_app, qtbot):
    """The kop preview's race: a render finished after the settings dialog (and the preview in
    it) was gone raised "already deleted" inside Qt's event loop."""
    release = threading.Event()
    label = QLabel("menunggu")
    other = QLabel("menunggu")
    run_op(lambda: release.wait(10) and "selesai", on_success=label.setText)
    run_op(lambda: "selesai", on_success=other.setText)
    label.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label), timeout=5_000)
    release.set()
    assert wait_for_ops()
    qtbot.waitUntil(lambda: other.text() == "selesai", timeout=5_000)  # the living one is told


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
