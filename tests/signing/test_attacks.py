"""The attack campaign on signed minutes, kept as tests: each forged file, what `timpora verify`
says about it and its exit code. pyHanko and pdfsig call several of these forgeries valid (the
signed bytes are untouched); verify must not. The honest file still verifies with exit 0.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from app.cli.main import main
from app.documents.metadata import SignatureBox
from app.signing.appearance import SignerDetails
from app.signing.certificates import SigningIdentity, describe
from app.signing.fields import FIELD_NAMES
from app.signing.pades import prepare_for_tte, sign_file, sign_pdf
from app.signing.verification import verify
from tests.signing import attacks
from tests.support.signing import (
    CHAIR,
    SECRETARY,
    make_certificate,
    minutes_pdf,
    pdfsig,
    register_as_rendered,
)

ROOT = Path(__file__).resolve().parents[2]
CHAIR_DETAILS = SignerDetails(CHAIR.name, CHAIR.position, CHAIR.nip)
SECRETARY_DETAILS = SignerDetails(SECRETARY.name, SECRETARY.position, SECRETARY.nip)


def identity(common: str, **validity) -> SigningIdentity:
    """A signing identity straight from a key and certificate (no checks: attackers skip them)."""
    key, cert = make_certificate(common=common, **validity)
    return SigningIdentity(info=describe(cert), certificate=cert, private_key=key)


@pytest.fixture(scope="module")
def keys():
    return {
        "chair": identity("Ahmad Fauzi Rahman"),
        "secretary": identity("Siti Nurhaliza"),
        "forger": identity("Pemalsu"),
    }


@pytest.fixture(scope="module")
def signed(tmp_path_factory, keys):
    """The honest files: (signed by the chair, by both, Siap TTE signed by the chair only)."""
    folder = tmp_path_factory.mktemp("honest")
    unsigned = folder / "notulen.pdf"
    minutes_pdf(unsigned, pages=3)
    chair = sign_file(unsigned, keys["chair"], role="chair", details=CHAIR_DETAILS, target=folder / "ttd1.pdf")
    both = sign_file(
        chair.path, keys["secretary"], role="secretary", details=SECRETARY_DETAILS, target=folder / "ttd2.pdf"
    )
    prepare_for_tte(unsigned, folder / "siap.pdf")
    ready = sign_file(
        folder / "siap.pdf", keys["chair"], role="chair", details=CHAIR_DETAILS, target=folder / "siap-ttd1.pdf"
    )
    return {"chair": chair.path.read_bytes(), "both": both.path.read_bytes(), "tte": ready.path.read_bytes()}


@pytest.fixture(autouse=True)
def no_store(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMPORA_DB", str(tmp_path / "tidak-ada.sqlite"))


def run_verify(tmp_path: Path, data: bytes, capsys) -> tuple[int, str, str]:
    path = tmp_path / "diperiksa.pdf"
    path.write_bytes(data)
    capsys.readouterr()
    code = main(["verify", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _flipped(signed, keys):
    data = bytearray(signed["both"])
    data[data.index(b"stream", 2000) + 40] ^= 0x01
    return bytes(data)


def _signed_outside_the_box(signed, keys):
    """The secretary's field name, a real signature, but drawn over the first page's title."""
    return attacks.add_third_signature(
        signed["chair"], keys["forger"].pyhanko_signer(), field=FIELD_NAMES["secretary"], box=(100, 720, 500, 780)
    )


#: (attack, forged file from the honest ones, what verify must say). Each exits 1.
ATTACKS = [
    ("byte flip", _flipped, "RUSAK: isi yang ditandatangani telah diubah"),
    (
        "page added",
        lambda s, k: attacks.add_page(s["both"]),
        "DIUBAH SETELAH DITANDATANGANI: Halaman ditambahkan setelah ditandatangani (halaman 4).",
    ),
    (
        "content stream replaced",
        lambda s, k: attacks.replace_content_stream(s["both"]),
        "DIUBAH SETELAH DITANDATANGANI: Isi halaman 1 diganti setelah ditandatangani.",
    ),
    (
        "annotation added",
        lambda s, k: attacks.add_annotation(s["both"]),
        "DIUBAH SETELAH DITANDATANGANI: Anotasi ditambahkan pada halaman 1 setelah ditandatangani.",
    ),
    (
        "unsigned signature widget painting over the title",
        lambda s, k: attacks.add_unsigned_signature_widget(s["both"]),
        "DIUBAH SETELAH DITANDATANGANI: Kolom tanda tangan kosong 'TTE_Saksi' dengan gambarnya sendiri "
        "ditambahkan setelah ditandatangani.",
    ),
    (
        "third signature with a stamp over the page",
        lambda s, k: attacks.add_third_signature(s["both"], k["forger"].pyhanko_signer()),
        "DIUBAH SETELAH DITANDATANGANI: Tanda tangan tambahan 'TTE_Saksi' tidak berada di kotak Pimpinan Rapat "
        "maupun Notulis: diubah setelah ditandatangani.",
    ),
    (
        "secretary's field signed outside its box",
        _signed_outside_the_box,
        "DIUBAH SETELAH DITANDATANGANI: Tanda tangan 'TTE_Notulis' tidak berada di kotak Notulis yang tercatat "
        "dalam berkas.",
    ),
    (
        "the secretary's signing also repaints the chair's stamp",
        lambda s, k: attacks.repaint_signed_stamp_while_signing(
            s["chair"], k["secretary"].pyhanko_signer(), SignatureBox(2, 323.0, 250.0, 523.0, 320.0)
        ),
        "DIUBAH SETELAH DITANDATANGANI: Tampilan kolom 'TTE_PimpinanRapat' diubah setelah ditandatangani.",
    ),
    (
        "empty field filled with a drawing",
        lambda s, k: attacks.fill_empty_field(s["tte"]),
        "DIUBAH SETELAH DITANDATANGANI: Tampilan kolom 'TTE_Notulis' diubah setelah ditandatangani.",
    ),
    (
        "signature value removed",
        lambda s, k: attacks.remove_signature_value(s["both"]),
        "DIUBAH SETELAH DITANDATANGANI: Nilai tanda tangan pada kolom 'TTE_Notulis' dihapus setelah ditandatangani.",
    ),
    (
        "/Info rewritten to another revision",
        lambda s, k: attacks.rewrite_info(s["both"], TimporaRevision="2", TimporaContentSHA256="6" * 64),
        "DIUBAH SETELAH DITANDATANGANI: Data dokumen (/Info) yang memuat rapat, revisi, dan hash isinya diubah "
        "setelah ditandatangani.",
    ),
    (
        "junk after %%EOF",
        lambda s, k: attacks.junk_after_eof(s["both"]),
        "DIUBAH SETELAH DITANDATANGANI: Ada 66 bita tambahan setelah akhir berkas yang ditandatangani "
        "(tidak ikut ditandatangani).",
    ),
]


@pytest.mark.parametrize(("attack", "forge", "verdict"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_every_attack_is_caught_with_one_precise_verdict(attack, forge, verdict, signed, keys, tmp_path, capsys):
    code, out, err = run_verify(tmp_path, forge(signed, keys), capsys)
    assert code == 1, out
    assert verdict in out
    assert err == "timpora: tidak semua tanda tangan utuh.\n"
    assert "cocok dengan rekaman" not in out and ": UTUH" not in out
    assert "Traceback" not in out + err
    # One precise verdict: no other "changed after signing" line beside it.
    assert out.count("DIUBAH SETELAH DITANDATANGANI") == (0 if attack == "byte flip" else 1)


def test_the_honest_files_still_verify(signed, tmp_path, capsys):
    for name in ("chair", "both", "tte"):
        code, out, err = run_verify(tmp_path, signed[name], capsys)
        assert code == 0, out
        assert err == "" and "DIUBAH" not in out and "RUSAK" not in out
        assert out.count(": UTUH") == (2 if name == "both" else 1)


def test_pdfsig_calls_the_painted_files_valid_which_is_why_verify_looks_further(signed, keys, tmp_path):
    """The forgeries that leave every signed byte alone: poppler says valid, and the paint is really there."""
    for name, data in (
        ("widget", attacks.add_unsigned_signature_widget(signed["both"])),
        ("third", attacks.add_third_signature(signed["both"], keys["forger"].pyhanko_signer())),
    ):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        verdicts = pdfsig(path)
        assert verdicts[0]["Signature Validation"] == "Signature is Valid."
        assert verdicts[1]["Signature Validation"] == "Signature is Valid."
        text = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "RAPAT DIBATALKAN" in text or name == "widget"  # a widget's appearance is not text to pdftotext
        assert not verify(path).all_intact


def test_the_record_data_is_read_only_from_the_signed_bytes(signed, tmp_path, capsys):
    forged = attacks.rewrite_info(signed["both"], TimporaRevision="2", TimporaContentSHA256="6" * 64)
    report = verify(forged)
    assert (report.metadata.revision, report.metadata.content_sha256) == (1, "5" * 64)
    code, out, _err = run_verify(tmp_path, forged, capsys)
    assert code == 1 and "revisi 1, isi " + "5" * 64 in out and "6" * 64 not in out


# --- certificates not valid when they signed --------------------------------------------------


@pytest.mark.parametrize(
    ("validity", "verdict"),
    [
        (
            {
                "not_before": dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
                "not_after": dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
            },
            "RUSAK: sertifikat sudah kedaluwarsa pada waktu penandatanganan",
        ),
        (
            {
                "not_before": dt.datetime.now(dt.UTC) + dt.timedelta(days=30),
                "not_after": dt.datetime.now(dt.UTC) + dt.timedelta(days=400),
            },
            "RUSAK: sertifikat belum berlaku pada waktu penandatanganan",
        ),
    ],
    ids=["expired", "not yet valid"],
)
def test_a_certificate_not_valid_at_signing_time(validity, verdict, tmp_path, capsys):
    source = tmp_path / "notulen.pdf"
    minutes_pdf(source, pages=1)
    data = sign_pdf(
        source.read_bytes(), identity("Ahmad Fauzi Rahman", **validity), role="chair", details=CHAIR_DETAILS
    )
    code, out, _err = run_verify(tmp_path, data, capsys)
    assert code == 1 and verdict in out


# --- malformed signature dictionaries: one message each, never a traceback --------------------


def _replace_once(data: bytes, pattern: bytes, make) -> bytes:
    match = re.search(pattern, data)
    assert match, pattern
    new = make(match)
    assert len(new) == len(match.group(0))  # same length: offsets elsewhere stay right
    return data[: match.start()] + new + data[match.end() :]


def _contents_zeroed(data: bytes) -> bytes:
    return _replace_once(data, rb"/Contents <([0-9a-fA-F]+)>", lambda m: b"/Contents <" + b"0" * len(m.group(1)) + b">")


def _contents_garbage(data: bytes) -> bytes:
    return _replace_once(data, rb"/Contents <([0-9a-fA-F]{8})", lambda m: b"/Contents <zz*(!%#@")


def _byte_range_beyond_the_file(data: bytes) -> bytes:
    def longer(m):
        numbers = m.group(1).split()
        numbers[-1] = b"9" * len(numbers[-1])
        return b"/ByteRange [" + b" ".join(numbers) + b"]"

    return _replace_once(data, rb"/ByteRange \[([0-9 ]+)\]", longer)


def _byte_range_negative(data: bytes) -> bytes:
    return _replace_once(data, rb"/ByteRange \[0 ", lambda m: b"/ByteRange [-1")


def _byte_range_short(data: bytes) -> bytes:
    def fewer(m):
        first, second, *_rest = m.group(1).split()
        text = b"/ByteRange [" + first + b" " + second + b"]"
        return text + b" " * (len(m.group(0)) - len(text))

    return _replace_once(data, rb"/ByteRange \[([0-9 ]+)\]", fewer)


def _value_not_a_dictionary(data: bytes) -> bytes:
    from pyhanko.pdf_utils import generic

    writer = attacks._writer(data)
    for name, _value, ref in attacks.fields.enumerate_sig_fields(writer.prev):
        if name == FIELD_NAMES["secretary"]:
            ref.get_object()[generic.pdf_name("/V")] = generic.NumberObject(7)
            writer.mark_update(ref)
    return attacks._write(writer)


MALFORMED = [
    ("/Contents all zeros", _contents_zeroed),
    ("/Contents not hexadecimal", _contents_garbage),
    ("/ByteRange beyond the file", _byte_range_beyond_the_file),
    ("/ByteRange negative", _byte_range_negative),
    ("/ByteRange of two numbers", _byte_range_short),
    ("/V not a dictionary", _value_not_a_dictionary),
]


@pytest.mark.parametrize(("case", "damage"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_signature_dictionary_is_one_message(case, damage, signed, tmp_path, capsys):
    code, out, err = run_verify(tmp_path, damage(signed["both"]), capsys)
    assert code == 1
    assert "Traceback" not in out + err
    assert err.count("\n") == 1 and err.startswith("timpora: ")
    assert "UTUH" not in out.replace("TIDAK UTUH", "") or "RUSAK" in out


def test_malformed_files_as_a_separate_process_print_no_traceback(signed, tmp_path):
    for case, damage in MALFORMED:
        path = tmp_path / "rusak.pdf"
        path.write_bytes(damage(signed["both"]))
        run = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(tmp_path / "x.sqlite"), "verify", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert run.returncode == 1, case
        assert "Traceback" not in run.stdout + run.stderr, case
        assert run.stderr.count("\n") == 1, (case, run.stderr)


def test_a_painted_over_chair_file_is_not_signed_again(signed, keys, tmp_path):
    from app.signing.pades import SigningError

    source = tmp_path / "ttd1.pdf"
    source.write_bytes(attacks.add_unsigned_signature_widget(signed["chair"]))
    with pytest.raises(SigningError, match="telah diubah setelah ditandatangani"):
        sign_file(source, keys["secretary"], role="secretary", details=SECRETARY_DETAILS, target=tmp_path / "o.pdf")
    assert not (tmp_path / "o.pdf").exists()


# --- keys that copy a name, compared with the store's register --------------------------------


def _copied_office_identity() -> SigningIdentity:
    """A self-issued certificate whose subject copies the office certificate's, word for word."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    from app.signing.certificates import SELF_ISSUED_UNIT

    office = "KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM"
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, office),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, SELF_ISSUED_UNIT),
            x509.NameAttribute(NameOID.COMMON_NAME, office),
        ]
    )
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(info=describe(cert), certificate=cert, private_key=key)


@pytest.fixture
def record_pdf(demo_store, tmp_path):
    """Minutes whose metadata is the demo meeting's genuine record (uuid, revision, content hash)."""
    from app.services.records import content_sha256, load_bundle

    with demo_store.session() as session:
        bundle = load_bundle(session, demo_store.demo_meeting_id)
        digest = content_sha256(bundle)
    pdf = tmp_path / "notulen.pdf"
    minutes_pdf(pdf, pages=2, meeting_uuid=bundle.meeting.uuid, revision=1, content_sha256=digest)
    register_as_rendered(demo_store, pdf, demo_store.demo_meeting_id)
    return pdf


def test_a_key_copying_the_office_name_is_not_the_registered_key(demo_store, record_pdf, tmp_path, capsys, monkeypatch):
    """The office signed the chair's box (a.n.) into the register; a forger's key with the same subject signs
    the same minutes elsewhere: the names agree, the fingerprints do not."""
    from app.signing.certificates import create_office_certificate
    from tests.support.signing import PASSPHRASE

    db = str(demo_store.path)
    p12 = tmp_path / "kantor.p12"
    create_office_certificate("KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM", PASSPHRASE, p12)
    monkeypatch.setenv("TIMPORA_ATTACK_PASS", PASSPHRASE)
    genuine = tmp_path / "asli.pdf"
    sign = ["--db", db, "sign", str(record_pdf), "--p12", str(p12), "--as", "chair", "--on-behalf"]
    assert main([*sign, "--passphrase-env", "TIMPORA_ATTACK_PASS", "-o", str(genuine)]) == 0
    forged = tmp_path / "palsu.pdf"
    forged.write_bytes(
        sign_pdf(record_pdf.read_bytes(), _copied_office_identity(), role="chair", details=CHAIR_DETAILS)
    )
    capsys.readouterr()
    assert main(["--db", db, "verify", str(genuine)]) == 0
    assert main(["--db", db, "verify", str(forged)]) == 1
    out = capsys.readouterr().out.split("palsu.pdf")[1]
    assert "RUSAK: ditandatangani dengan sertifikat lain daripada yang tercatat dalam register untuk kotak ini" in out
    assert "cocok dengan rekaman" not in out


def test_forged_content_with_the_genuine_hash_signed_by_a_copied_name(demo_store, record_pdf, tmp_path, capsys):
    """Nothing is in the register yet: the forger's certificate must at least name the chair, and does not."""
    path = tmp_path / "palsu.pdf"
    path.write_bytes(sign_pdf(record_pdf.read_bytes(), _copied_office_identity(), role="chair", details=CHAIR_DETAILS))
    capsys.readouterr()
    assert main(["--db", str(demo_store.path), "verify", str(path)]) == 1
    out = capsys.readouterr().out
    assert "RUSAK: sertifikat tidak atas nama Antonius Frizky, S.C.P., pemilik kotak ini" in out
    assert "cocok dengan rekaman" not in out


def test_an_update_with_nothing_anyone_sees_is_accepted(signed, tmp_path, capsys):
    """An unsigned update that only adds an object nothing refers to (as archive tools add validation
    data): pyHanko's difference analysis rates it LTA_UPDATES, and the file still verifies."""
    from pyhanko.pdf_utils import generic

    writer = attacks._writer(signed["both"])
    writer.add_object(generic.DictionaryObject({generic.pdf_name("/Note"): generic.TextStringObject("arsip")}))
    code, out, _err = run_verify(tmp_path, attacks._write(writer), capsys)
    assert code == 0, out
    assert out.count(": UTUH") == 2


# --- certification (DocMDP): the first signature certifies; only the second signature may follow ------------


def test_the_first_signature_certifies_and_the_second_may_still_sign(signed, tmp_path, capsys):
    from pyhanko.sign.fields import MDPPerm

    reader = PdfFileReader(io.BytesIO(signed["both"]))
    chair, secretary = sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)
    # Every reader sees the certification: "form filling and signing" only, after the first signature.
    assert chair.docmdp_level == MDPPerm.FILL_FORMS and secretary.docmdp_level is None
    assert reader.root["/Perms"]["/DocMDP"].get_object() == chair.sig_object
    code, out, _err = run_verify(tmp_path, signed["both"], capsys)
    assert code == 0
    assert out.count("Disertifikasi oleh tanda tangan pertama: setelahnya hanya tanda tangan kedua yang boleh") == 1


def test_pyhankos_own_docmdp_verdict_flags_an_annotation_after_certification(signed):
    """Not only verify: any validator that honours DocMDP (pyHanko here) calls the certification broken."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    offline = ValidationContext(trust_roots=[], allow_fetching=False)

    forged = attacks.add_annotation(signed["both"])
    reader = PdfFileReader(io.BytesIO(forged))
    chair = min(reader.embedded_signatures, key=lambda s: s.signed_revision)
    assert validate_pdf_signature(chair, offline).docmdp_ok is False
    honest = PdfFileReader(io.BytesIO(signed["both"]))
    assert validate_pdf_signature(min(honest.embedded_signatures, key=lambda s: s.signed_revision), offline).docmdp_ok


CERTIFICATION_ATTACKS = [
    (
        "certification removed from the catalogue",
        lambda s, k: attacks.remove_certification(s["both"]),
        "DIUBAH SETELAH DITANDATANGANI: Sertifikasi dokumen (DocMDP) oleh tanda tangan pertama diubah atau dihapus "
        "setelah ditandatangani.",
    ),
    (
        "a later signature claims to certify",
        lambda s, k: attacks.second_certification(s["both"], k["forger"].pyhanko_signer()),
        "DIUBAH SETELAH DITANDATANGANI: Sertifikasi dokumen (DocMDP) oleh tanda tangan pertama diubah atau dihapus "
        "setelah ditandatangani.",
    ),
]


@pytest.mark.parametrize(
    ("attack", "forge", "verdict"), CERTIFICATION_ATTACKS, ids=[a[0] for a in CERTIFICATION_ATTACKS]
)
def test_certification_attacks_are_caught(attack, forge, verdict, signed, keys, tmp_path, capsys):
    code, out, err = run_verify(tmp_path, forge(signed, keys), capsys)
    assert code == 1, out
    assert verdict in out
    assert err == "timpora: tidak semua tanda tangan utuh.\n"
    assert "cocok dengan rekaman" not in out and ": UTUH" not in out and "Traceback" not in out + err


# --- the register of rendered copies: a QR code copied onto other content -------------------------------------


def test_a_qr_code_copied_onto_other_content_is_not_a_genuine_copy(demo_store, tmp_path, capsys, monkeypatch):
    """The forger copies the genuine QR code and the genuine meeting, revision and content hash into a PDF
    of their own, and signs it with a key that names the chair. The signature is intact and the names
    agree; only the register of rendered copies knows this file was never made by the store."""
    from app.documents.exports import export_minutes, verification_qr
    from app.services.printed import printed_record
    from app.services.rendered import renders_of
    from app.services.revisions import finalize_meeting
    from app.signing.certificates import create_personal_certificate
    from tests.support.signing import PASSPHRASE

    db, mid = str(demo_store.path), demo_store.demo_meeting_id
    with demo_store.session() as s:
        finalize_meeting(s, mid)
    with demo_store.session() as s:
        genuine = export_minutes(s, mid, tmp_path / "asli.pdf")
        printed = printed_record(s, mid)
        meeting = printed.bundle.meeting
        qr = verification_qr(meeting, printed.content_sha256)
    with demo_store.session() as s:
        assert [c.pages for c in renders_of(s, mid, 1)] == [genuine.pages]  # the render is registered
    forged = tmp_path / "palsu.pdf"
    minutes_pdf(
        forged, pages=2, meeting_uuid=meeting.uuid, revision=1, content_sha256=printed.content_sha256, qr_png=qr
    )
    # Signing it into the register is refused: the store never made this file.
    monkeypatch.setenv("TIMPORA_ATTACK_PASS", PASSPHRASE)
    p12 = tmp_path / "pimpinan.p12"
    create_personal_certificate("Antonius Frizky, S.C.P.", "", "Kepala Kantor", "KANTOR IMIGRASI", PASSPHRASE, p12)
    sign = ["--db", db, "sign", "--p12", str(p12), "--as", "chair", "--passphrase-env", "TIMPORA_ATTACK_PASS"]
    capsys.readouterr()
    assert main([*sign[:3], str(forged), *sign[3:], "-o", str(tmp_path / "palsu-ttd.pdf")]) == 1
    err = capsys.readouterr().err
    assert "PDF ini bukan salinan yang dibuat penyimpanan ini untuk revisi 1 rapat tersebut" in err
    assert not (tmp_path / "palsu-ttd.pdf").exists()
    # Signed outside the store with a key naming the chair: intact, names agree, and still not genuine.
    key, cert = make_certificate(common="Antonius Frizky")
    forger = SigningIdentity(info=describe(cert), certificate=cert, private_key=key)
    signed_forgery = tmp_path / "palsu-ditandatangani.pdf"
    signed_forgery.write_bytes(
        sign_pdf(forged.read_bytes(), forger, role="chair", details=SignerDetails("Antonius Frizky, S.C.P."))
    )
    capsys.readouterr()
    assert main(["--db", db, "verify", str(signed_forgery)]) == 1
    captured = capsys.readouterr()
    assert ": UTUH" in captured.out  # the signature itself holds: the register is what catches it
    assert (
        "Berkas ini bukan salinan yang dibuat penyimpanan ini untuk revisi tersebut: kode verifikasi dan hash "
        "isinya disalin ke isi lain." in captured.out
    )
    assert "cocok dengan rekaman" not in captured.out
    assert captured.err == "timpora: berkas tidak cocok dengan rekaman dalam penyimpanan ini.\n"
    # The genuine render, signed by the chair's own certificate, verifies.
    assert main([*sign[:3], str(genuine.path), *sign[3:], "-o", str(tmp_path / "asli-ttd.pdf")]) == 0
    capsys.readouterr()
    assert main(["--db", db, "verify", str(tmp_path / "asli-ttd.pdf")]) == 0
    assert "cocok dengan rekaman" in capsys.readouterr().out
