"""PySide6 6.12 on Python 3.11 loses a reference to None on every void call; the app guards itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.none_refcount import affected

ROOT = Path(__file__).resolve().parents[2]
#: Four times None's count at start: enough to abort an unguarded Python 3.11.
CALLS = 20_000
SCRIPT = f"""
import sys
from PySide6.QtWidgets import QApplication, QLabel
{{guard}}
app = QApplication([])
label = QLabel()
for _ in range({CALLS}):
    label.setText("Notulen")
print("survived", flush=True)
"""


def _run(guard: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(guard=guard)],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_which_pythons_and_pysides_are_affected():
    assert affected((3, 11), (6, 12)) and affected((3, 11), (6, 13))
    assert not affected((3, 11), (6, 11))
    assert not affected((3, 12), (6, 12)) and not affected((3, 13), (6, 12))


def test_the_guarded_app_survives_many_void_calls():
    done = _run("import app.ui")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["survived"]


@pytest.mark.skipif(not affected(), reason="this Python and PySide6 do not lose references to None")
def test_the_bug_is_still_there_without_the_guard():
    """When this fails, the installed PySide6 gives the references back: the guard can go."""
    done = _run("")
    assert done.returncode != 0 and "deallocating None" in done.stderr, (done.returncode, done.stderr[-500:])
