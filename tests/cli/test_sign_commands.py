"""The command line: certificate, sign, verify, prepare-tte, against a real store and real files."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli.main import main
from app.models import Meeting, SignedDocument
from app.models.enums import MeetingStatus
from app.services import meetings
from app.services.records import content_sha256, load_bundle
from app.services.revisions import amend_meeting
from tests.support.signing import (
    PASSPHRASE,
    flip_byte,
    make_certificate,
    minutes_pdf,
    pdfsig,
    register_as_rendered,
    write_p12,
)

ENV = "TIMPORA_TEST_PASSPHRASE"


@pytest.fixture
def office_setup(tmp_path, monkeypatch, demo_store):
    """A store with the demo meeting, its minutes PDF, and an office certificate made by the CLI."""
    monkeypatch.setenv(ENV, PASSPHRASE)
    monkeypatch.setenv("TIMPORA_DB", str(tmp_path / "bukan-ini.sqlite"))  # never the user's own store
    db = str(demo_store.path)
    pdf = tmp_path / "notulen.pdf"
    _minutes_of_record(demo_store, pdf)
    p12 = tmp_path / "kantor.p12"
    assert main(["--db", db, "certificate", "create", "--out", str(p12), "--passphrase-env", ENV]) == 0
    return db, pdf, p12


def _minutes_of_record(store, pdf: Path) -> None:
    """A minutes PDF whose metadata is the record's current revision and content."""
    with store.session() as session:
        bundle = load_bundle(session, store.demo_meeting_id)
        digest = content_sha256(bundle)
    minutes_pdf(pdf, pages=2, meeting_uuid=bundle.meeting.uuid, revision=bundle.meeting.revision, content_sha256=digest)
    register_as_rendered(store, pdf, store.demo_meeting_id)


def _personal_p12(tmp_path: Path, common: str, name: str) -> Path:
    key, cert = make_certificate(common=common)
    return write_p12(tmp_path / name, key, cert)


def _sign(db, pdf, p12, role, out, *extra) -> int:
    return main(
        ["--db", db, "sign", str(pdf), "--p12", str(p12), "--as", role, "--passphrase-env", ENV, "-o", str(out), *extra]
    )


def test_create_sign_twice_and_verify(office_setup, tmp_path, capsys, demo_store):
    db, pdf, p12 = office_setup
    assert (
        main(["--db", db, "certificate", "create", "--out", str(tmp_path / "lain.p12"), "--passphrase-env", ENV]) == 0
    )
    out = capsys.readouterr().out
    assert "bukan tanda tangan elektronik tersertifikasi (TTE) menurut PP 71/2019" in out
    assert (
        "dibuat untuk KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM, berlaku sampai" in out
    )  # the office profile's name
    first, both = tmp_path / "ttd1.pdf", tmp_path / "ttd2.pdf"
    # The office certificate is nobody's own: it signs the chair's box openly on his behalf;
    # the secretary signs with her own certificate.
    assert _sign(db, pdf, p12, "chair", first, "--on-behalf") == 0
    dewi = _personal_p12(tmp_path, "Dewi Anggraini", "dewi.p12")
    assert _sign(db, first, dewi, "secretary", both) == 0
    out = capsys.readouterr().out
    assert out.count("Dicatat dalam register (revisi 1); rapat kini terkunci") == 2
    assert main(["--db", db, "verify", str(both)]) == 0
    out = capsys.readouterr().out
    assert out.count(": UTUH") == 2
    assert "PDF cocok dengan rekaman: revisi 1, revisi yang berlaku." in out
    assert "Berkas ini persis tercatat dalam register notulen bertanda tangan." in out
    assert "sertifikat swaterbit" in out
    assert [v["Signature Validation"] for v in pdfsig(both)] == ["Signature is Valid."] * 2
    text = subprocess.run(["pdftotext", str(both), "-"], capture_output=True, text=True).stdout
    assert "Antonius Frizky, S.C.P." in text and "Dewi Anggraini, S.Kom." in text  # from the record
    assert "a.n. Antonius Frizky, S.C.P." in text  # the office signed on the chair's behalf
    assert "NIP 19920325 201503 2 000" in text and "WIB" in text
    with demo_store.session() as session:
        meeting = session.get(Meeting, demo_store.demo_meeting_id)
        assert meeting.status is MeetingStatus.SIGNED
        rows = session.scalars(select(SignedDocument).order_by(SignedDocument.id)).all()
        assert [r.file_sha256 for r in rows] == [
            hashlib.sha256(first.read_bytes()).hexdigest(),
            hashlib.sha256(both.read_bytes()).hexdigest(),
        ]
        assert [r.filename for r in rows] == ["ttd1.pdf", "ttd2.pdf"]
        # The register names who signed: the certificates' holders.
        assert [r.signer_name for r in rows] == [
            "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM a.n. Antonius Frizky, S.C.P.",
            "Dewi Anggraini",
        ]
    # The passphrase is written nowhere: not in the store, not in the files.
    for path in [Path(db), *Path(db).parent.glob("*.sqlite*"), first, both, p12, dewi]:
        assert PASSPHRASE.encode() not in path.read_bytes()


def test_a_flipped_byte_makes_verify_exit_1(office_setup, tmp_path, capsys):
    db, pdf, p12 = office_setup
    signed = tmp_path / "ttd.pdf"
    assert _sign(db, pdf, p12, "chair", signed, "--on-behalf") == 0
    flip_byte(signed, signed.read_bytes().index(b"stream", 2000) + 40)
    capsys.readouterr()
    assert main(["--db", db, "verify", str(signed)]) == 1
    captured = capsys.readouterr()
    assert "RUSAK: isi yang ditandatangani telah diubah" in captured.out
    assert "Berkas ini tidak tercatat dalam register penyimpanan ini" in captured.out
    assert captured.err.strip() == "timpora: tidak semua tanda tangan utuh."
    # (the secretary's field, made empty by the certifying chair's signature, has no validation line)
    assert [v["Signature Validation"] for v in pdfsig(signed) if "Signature Validation" in v] == ["Digest Mismatch."]


def test_verify_as_a_separate_process(office_setup, tmp_path):
    """The real command, its exit codes and streams: no traceback reaches the user."""
    db, pdf, p12 = office_setup
    signed = tmp_path / "ttd.pdf"
    assert _sign(db, pdf, p12, "chair", signed, "--on-behalf") == 0
    run = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, "verify", str(signed)], capture_output=True, text=True
    )
    assert run.returncode == 0 and run.stderr == "" and ": UTUH" in run.stdout
    flip_byte(signed, signed.read_bytes().index(b"stream", 2000) + 40)
    run = subprocess.run(
        [sys.executable, "-m", "app", "--db", db, "verify", str(signed)], capture_output=True, text=True
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr + run.stdout


def test_the_passphrase_can_be_asked_for(office_setup, tmp_path, monkeypatch):
    db, pdf, p12 = office_setup
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSPHRASE)
    out = tmp_path / "ttd.pdf"
    assert main(["--db", db, "sign", str(pdf), "--p12", str(p12), "--as", "chair", "-o", str(out), "--on-behalf"]) == 0
    assert asked == ["Frasa sandi untuk kantor.p12: "] and out.exists()


def test_amend_then_verify_the_revision_1_pdf(office_setup, tmp_path, capsys, demo_store):
    db, pdf, p12 = office_setup
    signed = tmp_path / "ttd-rev1.pdf"
    assert _sign(db, pdf, p12, "chair", signed, "--on-behalf") == 0
    with demo_store.session() as session:
        meeting = amend_meeting(session, demo_store.demo_meeting_id, "Nama tempat rapat dikoreksi")
        assert meeting.revision == 2
        meetings.update_meeting(session, meeting.id, venue="Hotel Dermaga")
    capsys.readouterr()
    assert main(["--db", db, "verify", str(signed)]) == 0
    out = capsys.readouterr().out
    assert "PDF cocok dengan revisi 1 rekaman; rapat sudah diubah sesudahnya (revisi yang berlaku: 2)." in out
    assert "revisi yang berlaku." not in out.replace("(revisi yang berlaku: 2).", "")
    # A revision-1 PDF can no longer be signed into the register.
    late = tmp_path / "ttd-terlambat.pdf"
    assert _sign(db, signed, p12, "secretary", late) == 1
    assert "revisi 1 notulen, sedangkan rapat kini pada revisi 2" in capsys.readouterr().err
    assert not late.exists()


def test_a_pdf_made_before_the_last_edit_is_refused(office_setup, tmp_path, capsys, demo_store):
    db, pdf, p12 = office_setup
    with demo_store.session() as session:
        meetings.update_meeting(session, demo_store.demo_meeting_id, venue="Aula Kantor Imigrasi")
    out = tmp_path / "ttd.pdf"
    assert _sign(db, pdf, p12, "chair", out) == 1
    assert "Rapat telah diubah setelah PDF ini dibuat" in capsys.readouterr().err
    assert not out.exists()
    with demo_store.session() as session:
        assert session.get(Meeting, demo_store.demo_meeting_id).status is MeetingStatus.DRAFT
        assert session.scalars(select(SignedDocument)).all() == []


def test_a_meeting_not_in_the_store_is_signed_but_not_recorded(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(ENV, PASSPHRASE)
    monkeypatch.setenv("TIMPORA_DB", str(tmp_path / "belum-ada.sqlite"))
    key, cert = make_certificate(common="Siti Nurhaliza")
    p12 = write_p12(tmp_path / "pribadi.p12", key, cert)
    pdf = tmp_path / "notulen.pdf"
    minutes_pdf(pdf, pages=1)
    out = tmp_path / "ttd.pdf"
    assert (
        main(
            [
                "sign",
                str(pdf),
                "--p12",
                str(p12),
                "--as",
                "secretary",
                "--passphrase-env",
                ENV,
                "-o",
                str(out),
                "--name",
                "Siti Nurhaliza, S.Kom.",
                "--position",
                "Notulis",
                "--nip",
                "199203152019022003",
            ]
        )
        == 0
    )
    assert "tanda tangan tidak dicatat dalam register" in capsys.readouterr().out
    assert not (tmp_path / "belum-ada.sqlite").exists()  # no store is created just to sign
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Siti Nurhaliza, S.Kom." in text and "NIP 19920315 201902 2 003" in text
    assert main(["verify", str(out)]) == 0
    assert "Penyimpanan data tidak ditemukan" in capsys.readouterr().out


def _broken_p12(tmp_path: Path) -> Path:
    path = tmp_path / "rusak.p12"
    path.write_bytes(b"\x30\x82\x01")
    return path


def _expired_p12(tmp_path: Path) -> Path:
    import datetime as dt

    key, cert = make_certificate(
        not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        not_after=dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
    )
    return write_p12(tmp_path / "lama.p12", key, cert)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("wrong passphrase", "Frasa sandi untuk berkas sertifikat kantor.p12 salah."),
        ("corrupted p12", "Berkas sertifikat rusak.p12 rusak atau bukan berkas .p12/.pfx."),
        ("expired", "sudah kedaluwarsa sejak 1 Januari 2021."),
        ("not a pdf", "bukan berkas PDF."),
        ("missing variable", "Variabel lingkungan TIDAK_ADA belum diisi."),
    ],
)
def test_bad_input_gives_one_line_and_no_file(office_setup, tmp_path, monkeypatch, capsys, case, expected):
    db, pdf, p12 = office_setup
    env = ENV
    if case == "wrong passphrase":
        monkeypatch.setenv(ENV, "salah-sandi-123")
    elif case == "corrupted p12":
        p12 = _broken_p12(tmp_path)
    elif case == "expired":
        p12 = _expired_p12(tmp_path)
    elif case == "not a pdf":
        pdf = tmp_path / "catatan.pdf"
        pdf.write_text("bukan PDF")
    elif case == "missing variable":
        env = "TIDAK_ADA"
    out = tmp_path / "hasil.pdf"
    capsys.readouterr()
    code = main(
        ["--db", db, "sign", str(pdf), "--p12", str(p12), "--as", "chair", "--passphrase-env", env, "-o", str(out)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("timpora: ") and expected in err
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_certificate_show_and_prepare_tte(office_setup, tmp_path, capsys):
    db, pdf, p12 = office_setup
    assert main(["certificate", "show", str(p12), "--passphrase-env", ENV]) == 0
    out = capsys.readouterr().out
    assert "Pemilik: KANTOR IMIGRASI" in out and "Sidik jari (SHA-256):" in out
    ready = tmp_path / "siap.pdf"
    assert main(["prepare-tte", str(pdf), "-o", str(ready)]) == 0
    assert "Siap TTE:" in capsys.readouterr().out
    verdicts = pdfsig(ready)
    assert [v.get("Signed") for v in verdicts] == ["no", "no"]
    assert main(["--db", db, "verify", str(ready)]) == 1  # nothing signed is not valid
    out = capsys.readouterr().out
    assert "Berkas tidak memiliki tanda tangan." in out and out.count("Kolom tanda tangan kosong") == 2


# --- who signed --------------------------------------------------------------------------------


def test_a_certificate_of_another_person_is_refused_for_the_box(office_setup, tmp_path, capsys, demo_store):
    """Dewi's certificate cannot sign the chair's box under Antonius's name, nor the office's without a.n."""
    db, pdf, p12 = office_setup
    dewi = _personal_p12(tmp_path, "Dewi Anggraini", "dewi.p12")
    for certificate in (dewi, p12):
        out = tmp_path / "ttd.pdf"
        capsys.readouterr()
        assert _sign(db, pdf, certificate, "chair", out) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Kotak Pimpinan Rapat untuk Antonius Frizky, S.C.P., tetapi" in err
        assert "atas namanya (a.n.)" in err
        assert not out.exists()
    with demo_store.session() as session:
        assert session.get(Meeting, demo_store.demo_meeting_id).status is MeetingStatus.DRAFT
        assert session.scalars(select(SignedDocument)).all() == []


def test_a_personal_certificate_signs_its_own_box_and_the_stamp_names_it(office_setup, tmp_path, capsys, demo_store):
    db, pdf, _office = office_setup
    antonius = _personal_p12(tmp_path, "ANTONIUS FRIZKY", "antonius.p12")  # case and degrees do not matter
    out = tmp_path / "ttd.pdf"
    assert _sign(db, pdf, antonius, "chair", out) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Antonius Frizky, S.C.P." in text and "a.n." not in text
    with demo_store.session() as session:
        assert [r.signer_name for r in session.scalars(select(SignedDocument))] == ["ANTONIUS FRIZKY"]


def test_both_boxes_with_the_same_certificate_are_refused(office_setup, tmp_path, capsys, demo_store):
    db, pdf, p12 = office_setup
    first, both = tmp_path / "ttd1.pdf", tmp_path / "ttd2.pdf"
    assert _sign(db, pdf, p12, "chair", first, "--on-behalf") == 0
    capsys.readouterr()
    assert _sign(db, first, p12, "secretary", both, "--on-behalf") == 1
    err = capsys.readouterr().err
    assert "Sertifikat ini sudah menandatangani berkas ini sebagai Pimpinan Rapat" in err
    assert not both.exists()
    with demo_store.session() as session:
        assert len(session.scalars(select(SignedDocument)).all()) == 1


def test_a_personal_certificate_for_a_person_of_the_directory(office_setup, tmp_path, capsys, demo_store):
    from app.signing.certificates import load_identity

    db, pdf, p12 = office_setup
    dewi = tmp_path / "dewi.p12"
    capsys.readouterr()
    create = ["--db", db, "certificate", "create", "--passphrase-env", ENV]
    assert main([*create, "--person", "19920325 201503 2 000", "--out", str(dewi)]) == 0
    out = capsys.readouterr().out
    assert f"{dewi} dibuat untuk Dewi Anggraini, S.Kom., berlaku sampai" in out
    assert "Ini sertifikat pribadi swaterbit: hanya dapat menandatangani kotak Dewi Anggraini, S.Kom." in out
    info = load_identity(dewi, PASSPHRASE).info
    assert (info.subject_name, info.serial_attribute, info.title) == (
        "Dewi Anggraini, S.Kom.",
        "199203252015032000",
        "Analis Keimigrasian Ahli Pertama",
    )
    assert info.organization == "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM" and info.self_issued
    assert not info.is_office and "pribadi" in info.kind_label
    # It signs her box, and only hers.
    first, both = tmp_path / "ttd1.pdf", tmp_path / "ttd2.pdf"
    assert _sign(db, pdf, dewi, "chair", first) == 1
    assert (
        "Kotak Pimpinan Rapat untuk Antonius Frizky, S.C.P., tetapi sertifikat ini milik Dewi"
        in capsys.readouterr().err
    )
    assert _sign(db, pdf, p12, "chair", first, "--on-behalf") == 0
    assert _sign(db, first, dewi, "secretary", both) == 0
    text = " ".join(subprocess.run(["pdftotext", str(both), "-"], capture_output=True, text=True).stdout.split())
    assert "Sertifikat pribadi swaterbit, bukan TTE tersertifikasi (PP 71/2019)" in text
    assert "Sertifikat kantor swaterbit, bukan TTE tersertifikasi (PP 71/2019)" in text  # the office's, a.n.
    capsys.readouterr()
    assert main(["--db", db, "verify", str(both)]) == 0


@pytest.mark.parametrize(
    ("nip", "expected"),
    [("123", "NIP terdiri atas 18 angka; 123 tidak."), ("199001012020011001", "Tidak ada orang dalam direktori")],
)
def test_a_personal_certificate_for_an_unknown_nip_is_refused(office_setup, tmp_path, capsys, nip, expected):
    db, _pdf, _p12 = office_setup
    target = tmp_path / "x.p12"
    capsys.readouterr()
    assert (
        main(["--db", db, "certificate", "create", "--person", nip, "--out", str(target), "--passphrase-env", ENV]) == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err
    assert not target.exists()


# --- a signing killed half-way ------------------------------------------------------------------

KILLED = """
import os, sys
import {module} as patched
setattr(patched, {name!r}, lambda *args, **kwargs: os._exit(9))
from app.cli.main import main
sys.exit(main({argv!r}))
"""


def _killed_signing(module: str, name: str, argv: list[str]) -> int:
    """`timpora sign` in its own process, killed (os._exit: no cleanup runs) where `module.name` is called."""
    code = KILLED.format(module=module, name=name, argv=argv)
    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, timeout=120).returncode


def _sign_argv(db, pdf, p12, role, out, *extra) -> list[str]:
    return [
        "--db",
        db,
        "sign",
        str(pdf),
        "--p12",
        str(p12),
        "--as",
        role,
        "--passphrase-env",
        ENV,
        "-o",
        str(out),
        *extra,
    ]


def test_killed_before_the_register_commit_leaves_no_signed_file(office_setup, tmp_path, capsys, demo_store):
    db, pdf, p12 = office_setup
    out = tmp_path / "ttd1.pdf"
    argv = _sign_argv(db, pdf, p12, "chair", out, "--on-behalf")
    assert _killed_signing("app.services.revisions", "record_signature", argv) == 9
    assert not out.exists()  # no valid signed PDF outside the register
    assert [p.name for p in tmp_path.glob(".ttd1.pdf.*")] != []  # only the hidden staged bytes
    with demo_store.session() as session:
        assert session.get(Meeting, demo_store.demo_meeting_id).status is MeetingStatus.DRAFT
        assert session.scalars(select(SignedDocument)).all() == []
    # The next signing in the folder clears the leftover and signs normally.
    assert _sign(db, pdf, p12, "chair", out, "--on-behalf") == 0
    assert out.exists() and list(tmp_path.glob(".ttd1.pdf.*")) == []


def test_killed_after_the_register_commit_the_next_signing_names_the_file(office_setup, tmp_path, demo_store):
    db, pdf, p12 = office_setup
    first, both = tmp_path / "ttd1.pdf", tmp_path / "ttd2.pdf"
    assert (
        _killed_signing("app.signing.minutes", "_publish", _sign_argv(db, pdf, p12, "chair", first, "--on-behalf")) == 9
    )
    assert not first.exists()
    with demo_store.session() as session:
        (row,) = session.scalars(select(SignedDocument)).all()
        assert session.get(Meeting, demo_store.demo_meeting_id).status is MeetingStatus.SIGNED
    (staged,) = tmp_path.glob(".ttd1.pdf.*")
    assert hashlib.sha256(staged.read_bytes()).hexdigest() == row.file_sha256
    # The secretary's signing in the same folder first gives the registered file its name.
    dewi = _personal_p12(tmp_path, "Dewi Anggraini", "dewi.p12")
    assert _sign(db, first, dewi, "secretary", both) == 0
    assert hashlib.sha256(first.read_bytes()).hexdigest() == row.file_sha256
    assert list(tmp_path.glob(".ttd*")) == []


def test_pdf_sign_leaves_no_unsigned_copy_beside_the_target(office_setup, tmp_path, demo_store):
    db, _pdf, p12 = office_setup
    out = tmp_path / "hasil" / "notulen.pdf"
    out.parent.mkdir()
    argv = ["--db", db, "pdf", str(demo_store.demo_meeting_id), str(out), "--sign", "chair", "--p12", str(p12)]
    argv += ["--passphrase-env", ENV, "--on-behalf"]
    assert _killed_signing("app.services.revisions", "record_signature", argv) == 9
    assert [p for p in out.parent.iterdir() if "unsigned" in p.name or p.suffix == ".pdf"] == []
    assert main(argv) == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["notulen.pdf"]
