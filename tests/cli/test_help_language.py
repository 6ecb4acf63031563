"""`timpora --help` and every command's help speak the window's language, argparse's words too."""

from __future__ import annotations

import sys

import pytest

from app.cli.main import build_parser, main
from app.i18n import current_language


@pytest.fixture
def no_language_variable(monkeypatch):
    monkeypatch.delenv("TIMPORA_LANG", raising=False)


def _help(capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*args, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


def _commands() -> list[str]:
    parser = build_parser()
    (commands,) = (a for a in parser._actions if a.dest == "command")
    return list(commands.choices)


def test_the_help_is_indonesian_by_default(capsys, no_language_variable):
    text = _help(capsys)
    assert text.startswith("penggunaan: timpora [-h]")
    assert "\nopsi:\n" in text and "\nperintah:\n" in text
    assert "tampilkan bantuan ini, lalu keluar" in text
    assert "buat atau perbarui penyimpanan" in text  # init
    assert "laporan kegiatan Timpora suatu periode" in text  # report
    for english in ("usage:", "options:", "show this help", "positional arguments", "COMMAND", "the store"):
        assert english not in text


@pytest.mark.parametrize("command", _commands())
def test_every_command_explains_itself_in_indonesian(capsys, no_language_variable, command):
    text = _help(capsys, command)
    assert text.startswith(f"penggunaan: timpora {command} [-h]")
    assert "tampilkan bantuan ini, lalu keluar" in text
    for english in ("usage:", "options:", "show this help", "positional arguments", "(default:"):
        assert english not in text


def test_report_help_and_its_errors(capsys, no_language_variable):
    text = _help(capsys, "report")
    assert "argumen posisi:" in text and "hari pertama" in text and "hari terakhir (termasuk)" in text
    with pytest.raises(SystemExit) as stop:
        main(["report", "--from", "2024-01-01"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "timpora report: kesalahan: argumen berikut wajib diisi: --to, OUT.pdf|OUT.xlsx"
    )
    with pytest.raises(SystemExit):
        main(["report", "--from", "2024-01-01", "--to", "2024-12-31", "--paper", "a5", "x.pdf"])
    assert "pilihan tidak sah: 'a5' (pilih dari 'a4', 'f4')" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["laporan"])
    assert "pilihan tidak sah: 'laporan'" in capsys.readouterr().err


def test_english_when_the_window_speaks_english(capsys, no_language_variable):
    from app.ui.remembered import set_language_setting

    set_language_setting("en")  # as the settings dialog saves it (the test's own settings file)
    text = _help(capsys, "report")
    assert text.startswith("usage: timpora report [-h]")
    assert "positional arguments:" in text and "first day" in text and "penggunaan" not in text
    assert current_language() == "en"


def test_the_option_wins_over_the_window_and_the_variable(capsys, monkeypatch):
    from app.ui.remembered import set_language_setting

    set_language_setting("id")
    monkeypatch.setenv("TIMPORA_LANG", "id")
    assert _help(capsys, "--lang", "en").startswith("usage: timpora")
    assert _help(capsys, "--lang=id").startswith("penggunaan: timpora")
    monkeypatch.setenv("TIMPORA_LANG", "en")
    set_language_setting("id")
    from app.i18n import set_language

    set_language("en")  # what TIMPORA_LANG=en gives at start: the variable wins over the window
    assert _help(capsys).startswith("usage: timpora")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's settings file on Linux")
def test_the_windows_own_settings_file_is_read_without_qt(capsys, no_language_variable, monkeypatch, tmp_path):
    monkeypatch.delenv("TIMPORA_SETTINGS")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "NotulenTimpora"
    folder.mkdir()
    (folder / "Notulen Timpora.conf").write_text("[General]\nlanguage=en\n", encoding="utf-8")
    assert _help(capsys).startswith("usage: timpora")
    (folder / "Notulen Timpora.conf").write_text("[General]\nlanguage=klingon\n", encoding="utf-8")
    from app.i18n import set_language

    set_language("id")  # as a new process starts
    assert _help(capsys).startswith("penggunaan: timpora")  # an unknown value is ignored
