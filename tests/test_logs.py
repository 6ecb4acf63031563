"""Log files: in the per-user log folder, one handler however often set up, rotated when full."""

from __future__ import annotations

import logging

import pytest

import app.logs
from app.logs import current_log_path, setup_logging


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "Logs"
    monkeypatch.setenv("TIMPORA_LOG_DIR", str(folder))
    yield folder
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "timpora", False)]:
        root.removeHandler(handler)
        handler.close()


def _ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "timpora", False)]


def test_records_go_to_one_file_in_the_log_folder(log_dir):
    path = setup_logging()
    assert setup_logging() == path == log_dir / "timpora.log" == current_log_path()
    assert len(_ours()) == 1
    logging.getLogger("timpora.test").warning("Rapat Koordinasi: ekspor gagal")
    _ours()[0].flush()
    text = path.read_text(encoding="utf-8")
    assert "Notulen Timpora 0.1.0 on Python" in text
    assert "WARNING  MainThread timpora.test: Rapat Koordinasi: ekspor gagal" in text


def test_the_file_rotates_and_keeps_a_bounded_history(log_dir, monkeypatch):
    monkeypatch.setattr(app.logs, "MAX_BYTES", 2_000)
    setup_logging()
    for i in range(400):
        logging.getLogger("timpora.test").info("baris %d %s", i, "x" * 40)
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == ["timpora.log"] + [f"timpora.log.{n}" for n in range(1, app.logs.BACKUP_COUNT + 1)]
    assert all(p.stat().st_size <= 2_100 for p in log_dir.iterdir())


def test_a_new_log_folder_moves_the_handler(tmp_path, log_dir, monkeypatch):
    setup_logging()
    monkeypatch.setenv("TIMPORA_LOG_DIR", str(tmp_path / "other"))
    assert setup_logging() == tmp_path / "other" / "timpora.log"
    assert len(_ours()) == 1


def test_on_windows_the_system_is_named_without_asking_wmi(monkeypatch):
    # platform.platform() on Windows asks WMI (slow, and fatal under Wine): start-up must not.
    def no_platform() -> str:
        raise AssertionError("platform.platform() called on Windows")

    class WindowsVersion:
        major, minor, build = 10, 0, 19045

    monkeypatch.setattr(app.logs.platform, "platform", no_platform)
    monkeypatch.setattr(app.logs.sys, "getwindowsversion", lambda: WindowsVersion, raising=False)
    monkeypatch.setattr(app.logs.sys, "platform", "win32")
    described = app.logs.system_description()
    monkeypatch.undo()
    assert described == "Windows 10.0.19045"


def test_a_failing_system_query_does_not_stop_the_start(log_dir, monkeypatch):
    def broken() -> str:
        raise OSError("no WMI here")

    monkeypatch.setattr(app.logs.platform, "platform", broken)
    path = setup_logging()
    _ours()[0].flush()
    assert f"on Python {app.logs.platform.python_version()}, {app.logs.sys.platform}" in path.read_text(
        encoding="utf-8"
    )
