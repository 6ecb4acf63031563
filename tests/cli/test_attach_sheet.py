"""`timpora attach-sheet` and `timpora pdf --attendance scan`: the signed daftar hadir as Lampiran I."""

from __future__ import annotations

from app.cli.main import main
from app.services.scanned_sheet import signed_sheet
from tests.documents.test_scanned_sheet import qr_texts, scan_pdf
from tests.support import pdftools


def test_attach_a_scan_then_print_it_as_lampiran_one(demo_store, tmp_path, capsys):
    db, meeting = str(demo_store.path), str(demo_store.demo_meeting_id)
    out = tmp_path / "notula.pdf"
    # without a scan, the choice is refused before anything is written
    assert main(["--db", db, "pdf", meeting, str(out), "--attendance", "scan"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "belum memilikinya" in err and not out.exists()
    scan = tmp_path / "daftar-hadir-ttd.pdf"
    scan.write_bytes(scan_pdf(2))
    assert main(["--db", db, "attach-sheet", meeting, str(scan)]) == 0
    assert "daftar-hadir-ttd.pdf" in capsys.readouterr().out
    assert main(["--db", db, "pdf", meeting, str(out), "--attendance", "scan"]) == 0
    assert "pindaian lembar yang ditandatangani" in pdftools.text(out)
    found = [t.split(":")[1] for t in qr_texts(out, tmp_path / "images") if ":SCAN-" in t]
    assert found == ["SCAN-PAGE-1", "SCAN-PAGE-2"]


def test_a_file_that_is_no_scan_is_one_line_and_nothing_changes(demo_store, tmp_path, capsys):
    db, meeting = str(demo_store.path), str(demo_store.demo_meeting_id)
    fake = tmp_path / "daftar.pdf"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    assert main(["--db", db, "attach-sheet", meeting, str(fake)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tidak dapat dilampirkan" in err and "Traceback" not in err
    with demo_store.session() as session:
        assert signed_sheet(session, demo_store.demo_meeting_id) is None
