"""The README's first command on a real X server: the `xcb` platform plugin, not only offscreen.

Offscreen needs few system libraries; a desktop's window needs the xcb ones, and a missing one
fails only there ("Could not load the Qt platform plugin xcb"). So this test starts Xvfb and
runs the app as the README says. It is skipped only when Xvfb itself is absent (scripts/test.sh
installs it)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")

SHOW_WINDOW = """
import sys
from PySide6.QtGui import QGuiApplication
from app.db import open_store
from app.services.demo import load_demo
from app.ui.application import make_qt_app
from app.ui.main_window import MainWindow

app = make_qt_app()
store = open_store(sys.argv[1])
with store.session() as session:
    meeting_id = load_demo(session)
window = MainWindow(store)
window.show()
window.open_meeting(meeting_id)
for _ in range(50):
    app.processEvents()
image = window.grab().toImage()
image.save(sys.argv[2])
screen = QGuiApplication.primaryScreen().size()
print(QGuiApplication.platformName(), screen.width(), screen.height(), window.isVisible(), len(set(
    image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)
)) > 5)
window.close()
store.close()
"""


@pytest.fixture
def display():
    """A fresh Xvfb server at 1366×768; its display number is chosen by Xvfb itself."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _env(tmp_path: Path, display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_DATA_HOME=str(tmp_path / "data"),  # --demo's store lands here, not in the user's
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        TIMPORA_SETTINGS=str(tmp_path / "settings.ini"),
    )
    return env


@pytest.mark.slow
def test_the_window_draws_on_a_real_x_server(display, tmp_path):
    shot = tmp_path / "xcb.png"
    result = subprocess.run(
        [sys.executable, "-c", SHOW_WINDOW, str(tmp_path / "store.sqlite"), str(shot)],
        cwd=ROOT,
        env=_env(tmp_path, display),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-5:] == ["xcb", "1366", "768", "True", "True"], result.stderr[-2000:]
    assert shot.stat().st_size > 10_000


@pytest.mark.slow
def test_the_readme_first_command_opens_the_demo_window(display, tmp_path):
    """`python -m app --demo`, as the README's first command runs it, stays up on xcb."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--demo"],
        cwd=ROOT,
        env=_env(tmp_path, display),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        demo = tmp_path / "data" / "NotulenTimpora" / "timpora-demo.sqlite"
        deadline = time.monotonic() + 60
        while (
            time.monotonic() < deadline and process.poll() is None and not demo.with_name(demo.name + ".lock").exists()
        ):
            time.sleep(0.2)
        time.sleep(2)  # the window is shown and the first event-loop turns have run
        assert process.poll() is None, process.stderr.read()[-2000:]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _out, err = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _out, err = process.communicate()
    assert "Could not load the Qt platform plugin" not in err
    assert demo.exists()


def test_a_missing_xcb_library_is_named_with_its_package():
    from app.ui.system_libraries import missing_packages, uses_xcb, xcb_advice

    assert missing_packages(lambda library: library != "libxcb-cursor.so.0") == ["libxcb-cursor0"]
    assert xcb_advice(["libxcb-cursor0", "libxcb-icccm4"]).endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4")
    assert uses_xcb({"DISPLAY": ":0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0"}, "win32")
    assert missing_packages() == []  # this machine has them all (scripts/test.sh installs them)
