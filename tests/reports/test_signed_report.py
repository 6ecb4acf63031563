"""The Laporan kegiatan Timpora signed by the head of office: `timpora sign --as head`, then `verify`.

A report is signed like the minutes (a PAdES signature with the stamp in the box the report
records), but by the head of office alone and into no register: it belongs to no meeting.
"""

from __future__ import annotations

import shutil

import pytest

from app.cli.main import main
from app.documents.metadata import read_metadata, read_report_metadata
from tests.reports.known_store import HEAD, HEAD_NIP
from tests.signing import attacks
from tests.support import pdftools
from tests.support.signing import PASSPHRASE, flip_byte, make_certificate, pdfsig, write_p12

YEAR = ("2024-01-01", "2024-12-31")


@pytest.fixture(scope="module")
def report_pdf(write_report):
    import datetime as dt

    path, result = write_report(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    return path, result


@pytest.fixture
def head_p12(tmp_path):
    key, cert = make_certificate(common="Antonius Frizky")  # the printed head, without the degree
    return write_p12(tmp_path / "kepala.p12", key, cert)


@pytest.fixture
def signed_report(report_pdf, known_db, head_p12, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("P12_PASS", PASSPHRASE)
    source = tmp_path / "laporan.pdf"
    shutil.copy(report_pdf[0], source)
    target = tmp_path / "laporan-ttd.pdf"
    args = ["--db", str(known_db), "sign", str(source), "--as", "head", "--p12", str(head_p12)]
    code = main([*args, "--passphrase-env", "P12_PASS", "-o", str(target)])
    return code, target, capsys.readouterr()


def test_the_report_carries_its_period_and_the_heads_box_for_signing(report_pdf):
    path, result = report_pdf
    metadata = read_report_metadata(path)
    assert metadata is not None and read_metadata(path) is None  # a report, never taken for minutes
    assert (str(metadata.start), str(metadata.end)) == YEAR
    assert metadata.boxes == {"head": metadata.boxes["head"]}
    assert metadata.boxes["head"].as_list() == result.boxes["head"].as_list()
    assert metadata.head["name"] == HEAD and metadata.head["id_number"] == HEAD_NIP


def test_the_head_signs_the_report_into_the_box_with_the_stamp(signed_report, report_pdf):
    code, target, captured = signed_report
    assert code == 0, captured.err
    assert "Laporan ditandatangani oleh Kepala Kantor (periode 1 Januari 2024 s.d. 31 Desember 2024)" in captured.out
    assert "tidak dicatat dalam register" in captured.out
    signatures = pdfsig(target)
    assert len(signatures) == 1
    assert signatures[0]["Signature Field Name"] == "TTE_KepalaKantor"
    assert signatures[0]["Signature Validation"] == "Signature is Valid."
    assert signatures[0]["Signer Certificate Common Name"] == "Antonius Frizky"
    # The stamp's words lie inside the head's box (pdftotext: y from the top of the page).
    box = report_pdf[1].boxes["head"]
    height = pdftools.page_size(target)[1]
    inside = [
        w
        for w in pdftools.words(target)
        if w.page == box.page
        and box.x0 - 1 <= w.x0
        and w.x1 <= box.x1 + 1
        and height - box.y1 - 1 <= w.y0
        and w.y1 <= height - box.y0 + 1
    ]
    text = " ".join(w.text for w in inside)
    assert "Ditandatangani secara elektronik oleh:" in text
    assert "Antonius Frizky, S.C.P." in text  # the record's spelling, with the degree
    assert "19750101 200003 1 001" in text


def test_a_signed_report_verifies_as_a_report_of_its_period(signed_report, known_db, capsys):
    _code, target, _captured = signed_report
    assert main(["--db", str(known_db), "verify", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Laporan kegiatan Timpora periode 1 Januari 2024 s.d. 31 Desember 2024" in out
    assert "(Kepala Kantor): Antonius Frizky" in out and "UTUH" in out
    assert "register" not in out  # a report has no register to be in or out of


def test_a_byte_flipped_after_signing_fails_verification(signed_report, known_db, capsys):
    _code, target, _captured = signed_report
    data = target.read_bytes()
    flip_byte(target, len(data) // 3)  # inside the signed range (the signature sits near the end)
    assert main(["--db", str(known_db), "verify", str(target)]) == 1
    captured = capsys.readouterr()
    assert "RUSAK: isi yang ditandatangani telah diubah" in captured.out
    assert "tidak semua tanda tangan utuh" in captured.err


def test_a_page_added_after_signing_fails_verification(signed_report, tmp_path, capsys):
    _code, target, _captured = signed_report
    forged = tmp_path / "ditambah.pdf"
    forged.write_bytes(attacks.add_page(target.read_bytes()))
    assert main(["verify", str(forged)]) == 1
    assert "Halaman ditambahkan setelah ditandatangani (halaman 7)" in capsys.readouterr().out


def test_a_report_is_not_signed_as_chair_and_minutes_not_as_head(report_pdf, head_p12, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("P12_PASS", PASSPHRASE)
    for role in ("chair", "secretary"):
        args = ["sign", str(report_pdf[0]), "--as", role, "--p12", str(head_p12), "--passphrase-env", "P12_PASS"]
        assert main(args) == 1
        assert "hanya Kepala Kantor yang menandatanganinya" in capsys.readouterr().err
    from tests.support.signing import minutes_pdf

    minutes = tmp_path / "notula.pdf"
    minutes_pdf(minutes)
    args = ["sign", str(minutes), "--as", "head", "--p12", str(head_p12), "--passphrase-env", "P12_PASS"]
    assert main(args) == 1
    assert "bukan Kepala Kantor" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["notula.pdf"]  # nothing written


def test_a_certificate_of_someone_else_signs_the_heads_box_only_on_behalf(report_pdf, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("P12_PASS", PASSPHRASE)
    key, cert = make_certificate(common="Dewi Anggraini")
    p12 = write_p12(tmp_path / "dewi.p12", key, cert)
    args = ["sign", str(report_pdf[0]), "--as", "head", "--p12", str(p12), "--passphrase-env", "P12_PASS"]
    assert main([*args, "-o", str(tmp_path / "a.pdf")]) == 1
    assert "Antonius Frizky" in capsys.readouterr().err and not (tmp_path / "a.pdf").exists()
    assert main([*args, "-o", str(tmp_path / "b.pdf"), "--on-behalf"]) == 0
    assert "a.n." in pdftools.flat(pdftools.text(tmp_path / "b.pdf"))


def test_the_window_shows_a_signed_report_as_a_report(signed_report, qtbot):
    from app.signing.verification import verify
    from app.ui.verification_view import VerificationView

    _code, target, _captured = signed_report
    view = VerificationView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show_report(verify(target))
    assert (
        view.details.text().splitlines()[0] == "Laporan kegiatan Timpora periode 1 Januari 2024 s.d. 31 Desember 2024"
    )
    cells = [view.table.item(0, c).text() for c in range(view.table.columnCount()) if view.table.item(0, c)]
    assert "Kepala Kantor" in cells
    view.grab().save(str(target.with_suffix(".png")))


# --- "Siap TTE": the head's empty field for the government's signing tools ----------------------


def _signature_widgets(path) -> dict[str, tuple[int, list[float], bool]]:
    """{field name: (page, rectangle, signed?)} of every signature widget, read with pypdf."""
    from pypdf import PdfReader

    found = {}
    for number, page in enumerate(PdfReader(path).pages):
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if widget.get("/FT") == "/Sig":
                found[str(widget["/T"])] = (number, [float(v) for v in widget["/Rect"]], "/V" in widget)
    return found


def test_prepare_tte_puts_an_empty_field_in_the_heads_box(
    report_pdf, known_db, head_p12, tmp_path, monkeypatch, capsys
):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields

    path, result = report_pdf
    ready = tmp_path / "laporan-siap-tte.pdf"
    assert main(["prepare-tte", str(path), "-o", str(ready)]) == 0
    assert capsys.readouterr().out.strip() == f"Siap TTE: {ready} (kolom tanda tangan kosong: Kepala Kantor)"
    assert ready.read_bytes().startswith(path.read_bytes())  # an incremental update: the report as it was
    box = result.boxes["head"]
    with ready.open("rb") as stream:
        assert [(name, value) for name, value, _ref in fields.enumerate_sig_fields(PdfFileReader(stream))] == [
            ("TTE_KepalaKantor", None)
        ]
    page, rect, signed = _signature_widgets(ready)["TTE_KepalaKantor"]
    assert (page, signed) == (box.page, False)
    assert rect == pytest.approx([box.x0, box.y0, box.x1, box.y1], abs=0.01)
    assert [v.get("Signed") for v in pdfsig(ready)] == ["no"]
    assert main(["--db", str(known_db), "verify", str(ready)]) == 1  # nothing signed is not valid
    assert "Kolom tanda tangan kosong: TTE_KepalaKantor" in capsys.readouterr().out
    # The field is the one `sign --as head` fills (as the government's tools would): one signature, in place.
    monkeypatch.setenv("P12_PASS", PASSPHRASE)
    signed_path = tmp_path / "laporan-siap-tte-ttd.pdf"
    args = ["--db", str(known_db), "sign", str(ready), "--as", "head", "--p12", str(head_p12)]
    assert main([*args, "--passphrase-env", "P12_PASS", "-o", str(signed_path)]) == 0
    assert _signature_widgets(signed_path) == {"TTE_KepalaKantor": (box.page, rect, True)}
    assert [v["Signature Validation"] for v in pdfsig(signed_path)] == ["Signature is Valid."]
    capsys.readouterr()
    assert main(["--db", str(known_db), "verify", str(signed_path)]) == 0
    assert "Kolom tanda tangan kosong" not in capsys.readouterr().out
    # Prepared again, a report whose head has a field is refused, and nothing is written.
    assert main(["prepare-tte", str(signed_path), "-o", str(tmp_path / "lagi.pdf")]) == 1
    assert "Setiap penanda tangan sudah memiliki kolom tanda tangan" in capsys.readouterr().err
    assert not (tmp_path / "lagi.pdf").exists()


def test_a_good_signed_report_verifies_without_a_store_and_a_changed_byte_fails(
    signed_report, tmp_path, monkeypatch, capsys
):
    """`verify` tells the truth with no store to lean on: the file's own signature decides."""
    _code, target, _captured = signed_report
    store_file = tmp_path / "tidak-ada.sqlite"
    monkeypatch.setenv("TIMPORA_DB", str(store_file))
    copy = tmp_path / "laporan.pdf"
    shutil.copy(target, copy)
    assert main(["verify", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "(Kepala Kantor): Antonius Frizky" in out and "UTUH" in out
    assert "Tidak ada berkas data" not in out and not store_file.exists()  # verify never makes a store
    flip_byte(copy, copy.stat().st_size // 2)
    assert main(["verify", str(copy)]) == 1
    assert "tidak semua tanda tangan utuh" in capsys.readouterr().err
    # A byte of the signature container itself (outside the signed ranges: inside the certificate it
    # embeds) fails it too. pdfsig still says "Signature is Valid." there: it checks
    # the signature with the certificate's key and never asks whether the certificate is the one signed.
    shutil.copy(target, copy)
    data = copy.read_bytes()
    flip_byte(copy, data.rindex(b"/Contents <") + len(b"/Contents <") + 200)
    assert main(["verify", str(copy)]) == 1
    captured = capsys.readouterr()
    assert "(Kepala Kantor)" in captured.out and "RUSAK" in captured.out
    assert "tidak semua tanda tangan utuh" in captured.err


def test_prepare_tte_refuses_draft_minutes_and_foreign_pdfs(demo_pdf, tmp_path, capsys):
    draft, _result = demo_pdf
    assert "DRAF" in pdftools.text(draft).split()
    target = tmp_path / "draf-siap-tte.pdf"
    assert main(["prepare-tte", str(draft), "-o", str(target)]) == 1
    assert "draf" in capsys.readouterr().err
    foreign = tmp_path / "surat.pdf"
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(foreign))
    canvas.drawString(72, 720, "Surat biasa")
    canvas.save()
    assert main(["prepare-tte", str(foreign), "-o", str(target)]) == 1
    assert capsys.readouterr().err.strip() == (
        "timpora: PDF ini bukan notula maupun laporan buatan Notulen Timpora, sehingga tidak dapat disiapkan di sini."
    )
    assert not target.exists()


def test_a_period_rewritten_after_signing_is_caught_and_the_signed_period_shown(signed_report, tmp_path, capsys):
    """The period is read from what was signed: a later update of the information dictionary
    cannot make a signed 2024 report pass for 2025."""
    _code, target, _captured = signed_report
    forged = tmp_path / "periode-diubah.pdf"
    forged.write_bytes(attacks.rewrite_info(target.read_bytes(), TimporaReportPeriod="2025-01-01/2025-12-31"))
    assert main(["verify", str(forged)]) == 1
    out = capsys.readouterr().out
    assert "Laporan kegiatan Timpora periode 1 Januari 2024 s.d. 31 Desember 2024" in out
    assert "1 Januari 2025" not in out
    assert "DIUBAH SETELAH DITANDATANGANI" in out
