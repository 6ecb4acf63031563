"""The trust list: a CA root the office adds (BSrE's) is trusted by `verify`, which names the CA; a
certificate whose issuer only calls itself BSrE is not a certified electronic signature."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization

from app.cli.main import main
from app.signing.appearance import SignerDetails
from app.signing.certificates import SigningIdentity, describe
from app.signing.pades import sign_pdf
from tests.support.signing import CHAIR, make_ca, make_certificate, minutes_pdf

BSRE = "Root CA Balai Sertifikasi Elektronik Uji"


@pytest.fixture(autouse=True)
def own_store_path(tmp_path, monkeypatch):
    monkeypatch.setenv("TIMPORA_DB", str(tmp_path / "data" / "timpora.sqlite"))
    (tmp_path / "data").mkdir()


def _signed_by(tmp_path, ca, name: str):
    ca_key, ca_cert = ca
    key, cert = make_certificate(common="Ahmad Fauzi Rahman", issuer=(ca_cert, ca_key))
    identity = SigningIdentity(info=describe(cert), certificate=cert, private_key=key, chain=(ca_cert,))
    unsigned = tmp_path / "notulen.pdf"
    minutes_pdf(unsigned, pages=2)
    path = tmp_path / name
    details = SignerDetails(CHAIR.name, CHAIR.position, CHAIR.nip)
    path.write_bytes(sign_pdf(unsigned.read_bytes(), identity, role="chair", details=details))
    return path


def test_a_bsre_root_added_to_the_trust_list_makes_the_signature_a_tte(tmp_path, capsys):
    ca = make_ca(BSRE, "Badan Siber dan Sandi Negara")
    signed = _signed_by(tmp_path, ca, "ttd.pdf")
    assert main(["verify", str(signed)]) == 0
    out = capsys.readouterr().out
    assert f"Penerbit yang disebut sertifikat: {BSRE} (tidak ada dalam daftar tepercaya)." in out
    assert (
        "TTE)" not in out.split("UTUH")[1].split("Penerbit")[0] and "Tanda tangan elektronik tersertifikasi" not in out
    )
    root = tmp_path / "bsre-root.pem"
    root.write_bytes(ca[1].public_bytes(serialization.Encoding.PEM))
    assert main(["trust", "add", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Mulai sekarang tepercaya: {BSRE} (SHA-256 ")
    assert (tmp_path / "data" / "Sertifikat Tepercaya").is_dir()
    assert main(["trust", "list"]) == 0
    assert capsys.readouterr().out.startswith(f"{BSRE}\t")
    assert main(["verify", str(signed)]) == 0
    out = capsys.readouterr().out
    assert f"Tanda tangan elektronik tersertifikasi (TTE): sertifikat dari BSrE ({BSRE})." in out
    assert "sertifikat dari penyelenggara sertifikasi elektronik tepercaya" in out


def test_an_issuer_calling_itself_bsre_is_not_trusted_as_bsre(tmp_path, capsys):
    genuine = make_ca(BSRE, "Badan Siber dan Sandi Negara")
    root = tmp_path / "bsre-root.pem"
    root.write_bytes(genuine[1].public_bytes(serialization.Encoding.PEM))
    assert main(["trust", "add", str(root)]) == 0
    forged_ca = make_ca(BSRE, "Badan Siber dan Sandi Negara")  # the same name, another key
    signed = _signed_by(tmp_path, forged_ca, "palsu.pdf")
    capsys.readouterr()
    main(["verify", str(signed)])
    out = capsys.readouterr().out
    assert "Tanda tangan elektronik tersertifikasi" not in out
    assert f"Penerbit yang disebut sertifikat: {BSRE} (tidak ada dalam daftar tepercaya)." in out


def test_another_ca_in_the_trust_list_is_named(tmp_path, capsys):
    ca = make_ca("Root CA Kementerian Uji", "Kementerian Uji")
    signed = _signed_by(tmp_path, ca, "ttd.pdf")
    root = tmp_path / "root.der"
    root.write_bytes(ca[1].public_bytes(serialization.Encoding.DER))
    assert main(["trust", "add", str(root)]) == 0
    capsys.readouterr()
    assert main(["verify", str(signed)]) == 0
    out = capsys.readouterr().out
    assert "Penyelenggara sertifikasi: Root CA Kementerian Uji (ada dalam daftar tepercaya)." in out
    assert "Tanda tangan elektronik tersertifikasi" not in out


def test_only_a_ca_certificate_enters_the_trust_list(tmp_path, capsys):
    _key, leaf = make_certificate(common="Bukan CA")
    leaf_file = tmp_path / "daun.pem"
    leaf_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    junk = tmp_path / "sampah.pem"
    junk.write_text("bukan sertifikat")
    capsys.readouterr()
    assert main(["trust", "add", str(leaf_file)]) == 1
    err = capsys.readouterr().err
    assert "daun.pem bukan sertifikat otoritas sertifikasi, sehingga tidak dapat dipercaya sebagai otoritas" in err
    assert main(["trust", "add", str(junk)]) == 1
    assert "sampah.pem bukan berkas sertifikat (PEM atau DER)." in capsys.readouterr().err
    assert not (tmp_path / "data" / "Sertifikat Tepercaya").exists()
    assert main(["trust", "list"]) == 0
    assert "Daftar tepercaya kosong" in capsys.readouterr().out
