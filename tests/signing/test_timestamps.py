"""Signatures that last: an RFC 3161 timestamp and long-term validation data when the office has a
timestamp server (a TSA run by the test itself on 127.0.0.1), none offline, and `verify` saying which."""

from __future__ import annotations

import datetime as dt
import io
import time

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from app.cli.main import main
from app.services.errors import ValidationError
from app.services.office import clean_tsa_url, get_office, update_office
from app.signing.certificates import create_personal_certificate
from app.signing.timestamps import reach_tsa
from tests.support.signing import CHAIR, PASSPHRASE, SECRETARY, minutes_pdf, pdfsig, register_as_rendered
from tests.support.tsa import TSA_NAME, local_tsa

OFFICE = "Kantor Imigrasi Kelas II Non TPI Muara Enim"


@pytest.fixture(autouse=True)
def no_store(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMPORA_DB", str(tmp_path / "tidak-ada.sqlite"))
    monkeypatch.setenv("TIMPORA_TEST_PASS", PASSPHRASE)


@pytest.fixture(scope="module")
def p12s(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kunci")
    chair, secretary = folder / "pimpinan.p12", folder / "notulis.p12"
    create_personal_certificate(CHAIR.name, CHAIR.nip, CHAIR.position, OFFICE, PASSPHRASE, chair)
    create_personal_certificate(SECRETARY.name, SECRETARY.nip, SECRETARY.position, OFFICE, PASSPHRASE, secretary)
    return {"chair": chair, "secretary": secretary}


def sign(source, target, role, p12s, *extra) -> int:
    return main(
        ["sign", str(source), "--p12", str(p12s[role]), "--as", role, "--passphrase-env", "TIMPORA_TEST_PASS"]
        + ["-o", str(target), *extra]
    )


def test_with_a_tsa_each_signature_is_timestamped_and_its_validation_data_embedded(p12s, tmp_path, capsys):
    unsigned = tmp_path / "notulen.pdf"
    minutes_pdf(unsigned, pages=3)
    with local_tsa() as tsa:
        assert sign(unsigned, tmp_path / "ttd1.pdf", "chair", p12s, "--tsa", tsa.url) == 0
        assert sign(tmp_path / "ttd1.pdf", tmp_path / "ttd2.pdf", "secretary", p12s, "--tsa", tsa.url) == 0
        # One request per signature: the size estimate reuses the first answer, then the real token.
        assert tsa.requests == 4
    out = capsys.readouterr().out
    assert out.count("Diberi cap waktu oleh server cap waktu (RFC 3161)") == 2 and "Tanpa cap waktu" not in out
    signed = (tmp_path / "ttd2.pdf").read_bytes()
    # PAdES-B-LT: the signers' and the TSA's certificates in the document security store.
    reader = PdfFileReader(io.BytesIO(signed))
    assert len(reader.root["/DSS"]["/Certs"]) == 3
    assert main(["verify", str(tmp_path / "ttd2.pdf")]) == 0
    out = capsys.readouterr().out
    assert out.count(f", oleh {TSA_NAME} (TSA-nya tidak ada dalam daftar tepercaya)") == 2
    assert out.count("Cap waktu (RFC 3161): ") == 2
    assert out.count("Data validasi tertanam untuk pemeriksaan jangka panjang: sertifikat") == 2
    assert "Tanpa cap waktu" not in out and out.count(": UTUH") == 2
    # poppler agrees the signatures hold, with their timestamps.
    assert [s["Signature Validation"] for s in pdfsig(tmp_path / "ttd2.pdf")] == ["Signature is Valid."] * 2


def test_offline_signing_works_and_says_the_timestamp_is_missing(p12s, tmp_path, capsys):
    unsigned = tmp_path / "notulen.pdf"
    minutes_pdf(unsigned, pages=3)
    assert sign(unsigned, tmp_path / "ttd1.pdf", "chair", p12s) == 0
    out = capsys.readouterr().out
    assert "Tanpa cap waktu: belum ada server cap waktu (TSA) dalam pengaturan kantor" in out
    assert "/DSS" not in PdfFileReader(io.BytesIO((tmp_path / "ttd1.pdf").read_bytes())).root
    assert main(["verify", str(tmp_path / "ttd1.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Tanpa cap waktu: waktu penandatanganan adalah jam komputer penanda tangan sendiri" in out


def test_an_unreachable_tsa_does_not_stop_the_signing(p12s, tmp_path, capsys):
    with local_tsa() as tsa:
        url = tsa.url  # the server is gone after the with: nothing listens on that port
    unsigned = tmp_path / "notulen.pdf"
    minutes_pdf(unsigned, pages=3)
    started = time.perf_counter()
    assert sign(unsigned, tmp_path / "ttd1.pdf", "chair", p12s, "--tsa", url) == 0
    assert time.perf_counter() - started < 5
    assert f"Tanpa cap waktu: server cap waktu {url} tidak dapat dihubungi" in capsys.readouterr().out
    assert main(["verify", str(tmp_path / "ttd1.pdf")]) == 0


def test_the_office_tsa_is_used_when_signing_recorded_minutes(demo_store, tmp_path, capsys):
    from app.services.records import content_sha256, load_bundle
    from app.signing.certificates import create_office_certificate

    with demo_store.session() as s:
        bundle = load_bundle(s, demo_store.demo_meeting_id)
        digest = content_sha256(bundle)
    pdf = tmp_path / "notulen.pdf"
    minutes_pdf(pdf, pages=2, meeting_uuid=bundle.meeting.uuid, revision=1, content_sha256=digest)
    register_as_rendered(demo_store, pdf, demo_store.demo_meeting_id)
    p12 = tmp_path / "kantor.p12"
    create_office_certificate("KANTOR IMIGRASI KELAS II NON TPI MUARA ENIM", PASSPHRASE, p12)
    with local_tsa() as tsa:
        with demo_store.session() as s:
            update_office(s, tsa_url=tsa.url)
            s.commit()
        db = ["--db", str(demo_store.path)]
        args = ["sign", str(pdf), "--p12", str(p12), "--as", "chair", "--on-behalf", "--passphrase-env"]
        assert main([*db, *args, "TIMPORA_TEST_PASS", "-o", str(tmp_path / "ttd.pdf")]) == 0
        assert tsa.requests == 2
    capsys.readouterr()
    assert main([*db, "verify", str(tmp_path / "ttd.pdf")]) == 0
    out = capsys.readouterr().out
    assert "Cap waktu (RFC 3161): " in out and "cocok dengan rekaman" in out


def test_the_tsa_address_is_checked():
    assert clean_tsa_url("  https://tsa.example.id/tsr ") == "https://tsa.example.id/tsr"
    assert clean_tsa_url("") == ""
    for bad in ("ftp://tsa.example.id", "tsa.example.id", "http://", "https://a b.id"):
        with pytest.raises(ValidationError) as caught:
            clean_tsa_url(bad)
        assert str(caught.value) == (
            "Alamat server cap waktu (TSA) harus diawali http:// atau https:// dan menyebut nama server."
        )
    assert reach_tsa("").source is None


def test_the_office_keeps_its_tsa(store):
    with store.session() as s:
        assert get_office(s).tsa_url == ""
        update_office(s, tsa_url="http://tsa.example.id")
        s.commit()
    with store.session() as s:
        assert get_office(s).tsa_url == "http://tsa.example.id"


def test_a_certificate_expired_before_the_tsa_time_is_refused_even_if_the_signer_clock_says_otherwise(tmp_path):
    """The timestamp, not the signer's clock, is when the signature existed."""
    from app.signing.appearance import SignerDetails
    from app.signing.certificates import SigningIdentity, describe
    from app.signing.pades import sign_pdf
    from app.signing.verification import verify
    from tests.support.signing import make_certificate

    key, cert = make_certificate(
        common="Ahmad Fauzi Rahman",
        not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        not_after=dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
    )
    expired = SigningIdentity(info=describe(cert), certificate=cert, private_key=key)
    unsigned = tmp_path / "notulen.pdf"
    minutes_pdf(unsigned, pages=2)
    with local_tsa() as tsa:
        plan = reach_tsa(tsa.url)
        signed = sign_pdf(
            unsigned.read_bytes(),
            expired,
            role="chair",
            details=SignerDetails(CHAIR.name, CHAIR.position, CHAIR.nip),
            signed_at=dt.datetime(2020, 6, 1, tzinfo=dt.UTC),  # a clock set back into the certificate's years
            timestamp=plan.source,
        )
    report = verify(signed)
    assert report.signatures[0].timestamp is not None
    assert (
        not report.all_intact
        and report.signatures[0].problem == "sertifikat sudah kedaluwarsa pada waktu penandatanganan"
    )


def test_revocation_data_is_embedded_when_the_ca_publishes_a_crl(tmp_path, capsys):
    """A CA-issued certificate naming a CRL: signing with a TSA fetches it (here from 127.0.0.1) into the /DSS."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    from app.signing.appearance import SignerDetails
    from app.signing.certificates import SigningIdentity, describe
    from app.signing.pades import sign_pdf
    from app.signing.verification import verify
    from tests.support.signing import make_ca

    ca_key, ca_cert = make_ca("Root CA Uji Pencabutan")
    unsigned = tmp_path / "notulen.pdf"
    minutes_pdf(unsigned, pages=2)
    now = dt.datetime.now(dt.UTC)
    with local_tsa() as tsa:
        crl = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(ca_cert.subject)
            .last_update(now - dt.timedelta(hours=1))
            .next_update(now + dt.timedelta(days=7))
            .sign(ca_key, hashes.SHA256())
        )
        tsa.files["/ca.crl"] = (crl.public_bytes(serialization.Encoding.DER), "application/pkix-crl")
        from cryptography.hazmat.primitives.asymmetric import ec

        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ahmad Fauzi Rahman")]))
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .add_extension(
                x509.CRLDistributionPoints(
                    [x509.DistributionPoint([x509.UniformResourceIdentifier(f"{tsa.base}/ca.crl")], None, None, None)]
                ),
                critical=False,
            )
            .sign(ca_key, hashes.SHA256())
        )
        identity = SigningIdentity(info=describe(cert), certificate=cert, private_key=key, chain=(ca_cert,))
        signed = sign_pdf(
            unsigned.read_bytes(),
            identity,
            role="chair",
            details=SignerDetails(CHAIR.name, CHAIR.position, CHAIR.nip),
            timestamp=reach_tsa(tsa.url).source,
        )
    reader = PdfFileReader(io.BytesIO(signed))
    assert len(reader.root["/DSS"]["/CRLs"]) == 1
    report = verify(signed)
    assert report.all_intact and report.signatures[0].revocation_data
