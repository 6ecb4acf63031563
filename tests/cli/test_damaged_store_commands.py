"""Commands on a store damaged where they do not read: they read while its pages are checked,
but none writes before the check passed, and every one ends with the damaged-store message and
exit 1, whatever it printed before (app/store_check.py, cli.main)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.cli.main import main
from app.db import open_store
from app.services import meetings
from tests.support.signing import PASSPHRASE, make_certificate, write_p12
from tests.support.store_damage import closed_store, damage_a_middle_page, digest

ENV = "TIMPORA_TEST_PASSPHRASE"


@pytest.fixture
def damaged(tmp_path, monkeypatch, capsys):
    """The damaged store, a meeting file to import (from another store) and a certificate."""
    monkeypatch.setenv(ENV, PASSPHRASE)
    monkeypatch.setenv("TIMPORA_LANG", "id")
    other = open_store(tmp_path / "lain.sqlite")
    with other.session() as s:
        meetings.create_meeting(s, title="Rapat dari laptop lain", date=dt.date(2024, 5, 2))
    other.close()
    exported = tmp_path / "rapat.json"
    assert main(["--db", str(tmp_path / "lain.sqlite"), "export", "1", str(exported)]) == 0
    key, cert = make_certificate(common="Ketua Tim PORA")
    p12 = write_p12(tmp_path / "ketua.p12", key, cert)
    folder = tmp_path / "data"
    folder.mkdir()
    path = closed_store(folder)
    damage_a_middle_page(path)
    capsys.readouterr()
    return path, exported, p12


def _refused(capsys, path, code: int) -> str:
    """What the command printed on stdout before it was refused."""
    printed = capsys.readouterr()
    assert code == 1, printed.err
    assert "rusak" in printed.err and str(path) in printed.err and "Traceback" not in printed.err
    assert len(printed.err.strip().splitlines()) == 1
    return printed.out


@pytest.mark.parametrize(
    "command",
    [
        ["meetings"],  # only reads: its list is printed, then the check's answer fails it
        ["pdf", "1", "{out}"],
        ["pdf", "1", "{out}", "--sign", "chair", "--p12", "{p12}", "--passphrase-env", ENV],
        ["import", "{file}"],
        ["backup", "create"],
        # each makes a file from the store: none is made from a damaged one
        ["attendance-sheet", "1", "{out}"],
        ["export", "1", "{package}"],
        ["export-all", "{folder}"],
        ["report", "--from", "2024-01-01", "--to", "2024-12-31", "{out}"],
    ],
    ids=[
        "meetings",
        "pdf",
        "pdf --sign",
        "import",
        "backup create",
        "attendance-sheet",
        "export",
        "export-all",
        "report",
    ],
)
def test_a_command_on_a_damaged_store_fails_and_writes_nothing(damaged, capsys, command):
    path, exported, p12 = damaged
    before = digest(path)
    out = path.parent.parent / "notulen.pdf"
    package = path.parent.parent / "rapat.timpora"
    folder = path.parent.parent / "semua"
    args = [a.format(out=out, p12=p12, file=exported, package=package, folder=folder) for a in command]
    printed = _refused(capsys, path, main(["--db", str(path), *args]))
    if command == ["meetings"]:
        assert "Rapat Tim PORA 39" in printed  # it read beside the check
    assert digest(path) == before  # not a byte written
    assert sorted(p.name for p in path.parent.iterdir()) == ["timpora.sqlite"]
    assert not out.exists()  # no minutes printed from a damaged store
    assert not package.exists() and not (folder.exists() and any(folder.iterdir()))


def test_the_same_commands_on_the_store_before_the_damage(tmp_path, capsys):
    folder = tmp_path / "data"
    folder.mkdir()
    path = closed_store(folder)
    assert main(["--db", str(path), "meetings"]) == 0
    assert "Rapat Tim PORA 39" in capsys.readouterr().out
    assert main(["--db", str(path), "pdf", "1", str(tmp_path / "notulen.pdf")]) == 0
    assert (tmp_path / "notulen.pdf").read_bytes().startswith(b"%PDF")


def test_signing_minutes_of_a_damaged_store_writes_nothing(damaged, tmp_path, capsys):
    """The minutes were printed from the store while it was whole; signing them into its
    register once it is damaged is refused, and no signed file (nor a staged one) is left."""
    from app.documents.exports import export_minutes
    from app.services.revisions import finalize_meeting

    _, _, p12 = damaged
    folder = tmp_path / "kedua"
    folder.mkdir()
    path = closed_store(folder)
    printed = tmp_path / "final" / "notulen.pdf"
    printed.parent.mkdir()
    store = open_store(path)
    with store.session() as s:
        finalize_meeting(s, 1)
        export_minutes(s, 1, printed)
    store.close()
    damage_a_middle_page(path)
    before = digest(path)
    signed = printed.parent / "notulen-ttd.pdf"
    code = main(
        ["--db", str(path), "sign", str(printed), "--p12", str(p12), "--as", "chair"]
        + ["--passphrase-env", ENV, "-o", str(signed)]
    )
    _refused(capsys, path, code)
    assert digest(path) == before
    assert sorted(p.name for p in printed.parent.iterdir()) == ["notulen.pdf"]  # nothing signed, nothing staged
    assert sorted(p.name for p in path.parent.iterdir()) == ["timpora.sqlite"]
