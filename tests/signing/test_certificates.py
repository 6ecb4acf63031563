"""Signing identities: office certificates made here, and every way a .p12 can be unusable."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from app.signing.certificates import (
    CertificateError,
    create_office_certificate,
    describe,
    is_self_issued,
    load_identity,
)
from tests.support.signing import PASSPHRASE, make_ca, make_certificate, write_p12

OFFICE = "Kantor Imigrasi Kelas II Non TPI Muara Enim"


@pytest.fixture(scope="module")
def office_p12(tmp_path_factory):
    path = tmp_path_factory.mktemp("office") / "kantor.p12"
    create_office_certificate(OFFICE, PASSPHRASE, path)
    return path


def test_an_office_certificate_is_self_issued_encrypted_and_loads_with_its_passphrase(office_p12):
    identity = load_identity(office_p12, PASSPHRASE)
    info = identity.info
    assert info.subject_name == OFFICE and info.organization == OFFICE
    assert info.self_issued and is_self_issued(identity.certificate)
    assert "bukan tanda tangan elektronik tersertifikasi (TTE) menurut PP 71/2019" in info.kind_label
    assert len(info.fingerprint) == 64
    assert info.not_after - info.not_before > dt.timedelta(days=4 * 365)
    # The key on disk is encrypted: without the passphrase it does not open.
    with pytest.raises(ValueError):
        pkcs12.load_pkcs12(office_p12.read_bytes(), None)
    assert PASSPHRASE.encode() not in office_p12.read_bytes()
    # What validators expect of a signing key: non-repudiation and digital signature.
    usage = identity.certificate.extensions.get_extension_for_class(__import__("cryptography").x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment


def test_creating_never_overwrites_and_refuses_a_short_passphrase(tmp_path, office_p12):
    before = office_p12.read_bytes()
    with pytest.raises(CertificateError, match="sudah ada"):
        create_office_certificate(OFFICE, PASSPHRASE, office_p12)
    assert office_p12.read_bytes() == before
    short = tmp_path / "pendek.p12"
    with pytest.raises(CertificateError, match="paling sedikit 8 karakter"):
        create_office_certificate(OFFICE, "1234", short)
    with pytest.raises(CertificateError, match="Nama kantor wajib diisi"):
        create_office_certificate("   ", PASSPHRASE, short)
    with pytest.raises(CertificateError, match=r"\.p12 atau \.pfx"):
        create_office_certificate(OFFICE, PASSPHRASE, tmp_path / "kantor.pem")
    assert list(tmp_path.iterdir()) == []


def test_wrong_passphrase(office_p12):
    with pytest.raises(CertificateError) as error:
        load_identity(office_p12, "bukan-sandinya")
    assert str(error.value) == "Frasa sandi untuk berkas sertifikat kantor.p12 salah."


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: b"bukan sertifikat", lambda data: b""],
    ids=["truncated", "garbage", "empty"],
)
def test_a_corrupted_p12(tmp_path, office_p12, damage):
    broken = tmp_path / "rusak.p12"
    broken.write_bytes(damage(office_p12.read_bytes()))
    with pytest.raises(CertificateError) as error:
        load_identity(broken, PASSPHRASE)
    assert str(error.value) == "Berkas sertifikat rusak.p12 rusak atau bukan berkas .p12/.pfx."


def test_a_p12_without_private_key(tmp_path):
    _key, cert = make_certificate()
    path = tmp_path / "tanpa-kunci.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"cert", None, cert, None, serialization.BestAvailableEncryption(PASSPHRASE.encode())
        )
    )
    with pytest.raises(CertificateError, match="tidak berisi kunci privat"):
        load_identity(path, PASSPHRASE)


def test_an_expired_certificate(tmp_path):
    key, cert = make_certificate(
        not_before=dt.datetime(2023, 3, 1, tzinfo=dt.UTC),
        not_after=dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
    )
    with pytest.raises(CertificateError) as error:
        load_identity(write_p12(tmp_path / "lama.p12", key, cert), PASSPHRASE)
    assert str(error.value) == "Sertifikat Ahmad Fauzi Rahman sudah kedaluwarsa sejak 1 Maret 2024."


def test_a_certificate_not_valid_yet(tmp_path):
    now = dt.datetime.now(dt.UTC)
    start = (now + dt.timedelta(days=30)).replace(hour=12)
    key, cert = make_certificate(not_before=start, not_after=now + dt.timedelta(days=400))
    with pytest.raises(CertificateError, match="belum berlaku: baru berlaku mulai"):
        load_identity(write_p12(tmp_path / "baru.p12", key, cert), PASSPHRASE)


def test_a_ca_issued_certificate_is_not_self_issued(tmp_path):
    ca_key, ca_cert = make_ca()
    key, cert = make_certificate(issuer=(ca_cert, ca_key))
    identity = load_identity(write_p12(tmp_path / "bsre.p12", key, cert, cas=[ca_cert]), PASSPHRASE)
    assert not identity.info.self_issued
    assert identity.info.issuer_name == "Uji Root CA"
    assert identity.chain == (ca_cert,)
    assert describe(ca_cert).self_issued


def test_a_missing_file(tmp_path):
    with pytest.raises(CertificateError, match="tidak dapat dibaca"):
        load_identity(tmp_path / "tidak-ada.p12", PASSPHRASE)
