"""`timpora pdf` and `timpora attendance-sheet` as a script calls them: exit codes, files, messages."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from app.db import open_store
from app.services import attendance
from app.services.demo import DEMO_MEETING_UUID
from app.services.meetings import create_meeting
from tests.support import pdftools

ROOT = Path(__file__).resolve().parents[2]


def test_pdf_writes_the_minutes_and_prints_the_path(demo_db, tmp_path, capsys):
    db, meeting_id = demo_db
    out = tmp_path / "notulen.pdf"
    assert main(["--db", str(db), "pdf", str(meeting_id), str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out.resolve())
    assert captured.err == ""
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["notulen.pdf"]  # no temporary file left beside it


def test_pdf_by_uuid_on_f4_without_attendance(demo_db, tmp_path):
    db, _ = demo_db
    out = tmp_path / "f4.pdf"
    assert main(["--db", str(db), "pdf", DEMO_MEETING_UUID, str(out), "--paper", "f4", "--no-attendance"]) == 0
    assert pdftools.page_size(out) == pytest.approx((609.449, 935.433), abs=0.01)
    assert "DAFTAR HADIR" not in pdftools.text(out)


def test_unknown_meeting_is_exit_1_with_one_line_and_no_file(demo_db, tmp_path, capsys):
    db, _ = demo_db
    out = tmp_path / "none.pdf"
    assert main(["--db", str(db), "pdf", "9999", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "9999" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_old_file_untouched(demo_db, tmp_path):
    db, _ = demo_db
    out = tmp_path / "notulen.pdf"
    out.write_bytes(b"the signed copy of last week")
    assert main(["--db", str(db), "pdf", "9999", str(out)]) == 1
    assert out.read_bytes() == b"the signed copy of last week"


def test_missing_folder_is_a_user_error(demo_db, tmp_path, capsys):
    db, meeting_id = demo_db
    assert main(["--db", str(db), "pdf", str(meeting_id), str(tmp_path / "no" / "such" / "x.pdf")]) == 1
    assert "Folder" in capsys.readouterr().err  # Indonesian by default: "Folder ... tidak ada."


def test_a_folder_as_target_is_a_user_error(demo_db, tmp_path, capsys):
    db, meeting_id = demo_db
    assert main(["--db", str(db), "pdf", str(meeting_id), str(tmp_path)]) == 1
    assert "folder" in capsys.readouterr().err


def test_unknown_paper_is_a_usage_error(demo_db, tmp_path):
    db, meeting_id = demo_db
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db), "pdf", str(meeting_id), str(tmp_path / "x.pdf"), "--paper", "letter"])
    assert stop.value.code == 2


def test_attendance_sheet_lists_every_invitee_and_spare_rows(demo_db, tmp_path, capsys):
    db, meeting_id = demo_db
    out = tmp_path / "daftar-hadir.pdf"
    assert main(["--db", str(db), "attendance-sheet", str(meeting_id), str(out)]) == 0
    flat = pdftools.flat(pdftools.text(out))
    assert "DAFTAR HADIR" in flat and "Kamis, 21 November 2024" in flat and "Hotel Famvida" in flat
    store = open_store(db)
    from app.services.records import load_bundle

    with store.session() as session:
        rows = load_bundle(session, meeting_id).meeting.attendances
    store.close()
    for row in rows:
        assert row.name in flat  # invitees, whatever their status: the sheet is printed before the meeting
    # ten spare rows at least; more when the last page has room for them (it is filled)
    assert f"{len(rows) + 10}." in flat
    # agency order: the immigration office (protocol order 10) before the police (30)
    assert flat.index("Rizki Pratama") < flat.index("Hendra Gunawan")
    assert all(f.embedded for f in pdftools.fonts(out))


def test_undrawable_characters_warn_on_stderr_but_the_pdf_is_written(tmp_path, capsys):
    import datetime as dt

    db = tmp_path / "t.sqlite"
    store = open_store(db)
    with store.session() as session:
        m = create_meeting(session, title="Rapat", date=dt.date(2024, 11, 21), start_time=dt.time(9, 0))
        attendance.add_guest(session, m.id, name="ሰላም")  # Ethiopic: no face draws it
        meeting_id = m.id
    store.close()
    out = tmp_path / "x.pdf"
    assert main(["--db", str(db), "pdf", str(meeting_id), str(out)]) == 0
    err = capsys.readouterr().err
    # (this store has no kop surat either: that warning comes first, on its own line)
    kop, characters = err.splitlines()
    assert kop.startswith("timpora: peringatan:") and "kop surat" in kop
    assert characters.startswith("timpora: peringatan:") and "ሰ (U+1230)" in characters and "ም (U+121D)" in characters
    assert out.exists()


def test_the_real_command_in_a_fresh_process(demo_db, tmp_path):
    db, meeting_id = demo_db
    out = tmp_path / "notulen.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "pdf", str(meeting_id), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == out.resolve()
    missing = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), "pdf", "12345", str(tmp_path / "y.pdf")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1 and not (tmp_path / "y.pdf").exists()


def test_minutes_without_a_kop_are_written_with_a_warning(tmp_path, capsys):
    from app.services.meetings import create_meeting as new_meeting

    db = tmp_path / "kosong.sqlite"
    store = open_store(db)
    with store.session() as session:
        meeting = new_meeting(session, title="Rapat Koordinasi", date=dt.date(2024, 11, 21))
        session.commit()
        meeting_id = meeting.id
    store.close()
    for command in ("pdf", "attendance-sheet"):
        out = tmp_path / f"{command}.pdf"
        assert main(["--db", str(db), command, str(meeting_id), str(out)]) == 0
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "kop surat" in err and "peringatan" in err
        assert out.exists()
