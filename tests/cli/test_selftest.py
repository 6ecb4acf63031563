"""`timpora --self-test`: every step on a throw-away store, one line each, exit 0 only if none failed."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

import app.cli.selftest
from app.cli.selftest import Skip, _optional, run_self_test

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("TIMPORA_LOG_DIR", str(folder))
    yield folder
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "timpora", False)]:
        root.removeHandler(handler)
        handler.close()


def _status(lines: list[str]) -> dict[str, str]:
    return {line.split()[0]: line.split()[1] for line in lines[1:-1]}


def test_the_command_passes_and_leaves_the_users_store_alone(tmp_path):
    user_store = tmp_path / "mine.sqlite"
    env = {**os.environ, "TIMPORA_DB": str(user_store), "TIMPORA_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--self-test"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    status = _status(lines)
    assert all(status[step] == "OK" for step in ("store", "language", "demo", "exchange", "window")), done.stdout
    assert set(status.values()) <= {"OK", "SKIPPED"}
    assert lines[-1].startswith("self-test passed")
    assert not user_store.exists()
    assert "self-test exchange" in (tmp_path / "logs" / "timpora.log").read_text(encoding="utf-8")


def test_a_failing_step_fails_the_run_and_the_others_still_run(log_dir, capsys, monkeypatch):
    def broken(ctx):
        raise RuntimeError("locale data missing")

    steps = tuple((name, broken if name == "language" else step) for name, step in app.cli.selftest.STEPS)
    monkeypatch.setattr(app.cli.selftest, "STEPS", steps)
    assert run_self_test() == 1
    lines = capsys.readouterr().out.splitlines()
    assert _status(lines)["language"] == "FAILED" and "locale data missing" in lines[2]
    assert _status(lines)["exchange"] == "OK"
    assert lines[-1].startswith("self-test FAILED: language")
    assert "RuntimeError: locale data missing" in (log_dir / "timpora.log").read_text(encoding="utf-8")


def test_a_step_after_a_failed_one_it_needs_is_skipped(log_dir, capsys, monkeypatch):
    def broken(ctx):
        raise RuntimeError("disk full")

    steps = tuple((name, broken if name == "store" else step) for name, step in app.cli.selftest.STEPS)
    monkeypatch.setattr(app.cli.selftest, "STEPS", steps)
    assert run_self_test() == 1
    status = _status(capsys.readouterr().out.splitlines())
    assert status["store"] == "FAILED" and status["demo"] == status["exchange"] == "SKIPPED"


def test_a_missing_feature_is_skipped_but_a_missing_dependency_fails(tmp_path, monkeypatch):
    with pytest.raises(Skip):
        _optional("app.documents.not_built_yet")
    (tmp_path / "timpora_probe_feature.py").write_text("import timpora_absent_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError):
        _optional("timpora_probe_feature")


def test_without_a_console_the_report_goes_to_a_file(log_dir, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)  # a windowed Windows build started from a shortcut
    assert run_self_test() == 0
    report = (log_dir / "selftest.txt").read_text(encoding="utf-8")
    assert "exchange     OK" in report and "self-test passed" in report
