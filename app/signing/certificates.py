"""Signing identities: a PKCS#12 file (.p12/.pfx) opened with its passphrase, or an office one made here.

Only a certificate from the government CA (BSrE, under BSSN) makes a certified electronic
signature (TTE) under PP 71/2019. A self-issued office certificate proves the file was not
changed, not who signed it before the law; every message that shows one says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.i18n import _, plain_date
from app.services.errors import UserError
from app.services.files import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable

    from pyhanko.sign.signers import SimpleSigner

MAX_P12_BYTES = 1024 * 1024  # real ones are a few kilobytes; anything larger is not one
MIN_PASSPHRASE = 8
OFFICE_CERTIFICATE_YEARS = 5
#: Written into created certificates, so other tools show what they are too.
SELF_ISSUED_UNIT = "Sertifikat swaterbit Notulen Timpora (bukan TTE tersertifikasi)"


class CertificateError(UserError):
    """The certificate file cannot be used to sign."""


@dataclass(frozen=True)
class CertificateInfo:
    """What a person needs to know about a certificate, without the key."""

    subject_name: str
    organization: str
    issuer_name: str
    not_before: dt.datetime
    not_after: dt.datetime
    #: SHA-256 of the DER certificate, hex: what the register keeps.
    fingerprint: str
    #: Issued by itself (an office certificate made here), not by a certification authority.
    self_issued: bool
    #: From the certificate's serialNumber attribute, if any (some CAs put the NIK/NIP there).
    serial_attribute: str = ""
    title: str = ""

    @property
    def is_office(self) -> bool:
        """A self-issued certificate held by the office itself (its name is the organisation's)."""
        return (
            self.self_issued
            and " ".join(self.subject_name.split()).casefold() == " ".join(self.organization.split()).casefold()
        )

    @property
    def kind_label(self) -> str:
        return certificate_kind_label(self.self_issued, office=self.is_office)


@dataclass(frozen=True)
class SigningIdentity:
    """A loaded key with its certificate and the chain that came in the same file."""

    info: CertificateInfo
    certificate: x509.Certificate = field(repr=False)
    private_key: object = field(repr=False)
    chain: tuple[x509.Certificate, ...] = field(default=(), repr=False)

    def pyhanko_signer(self) -> SimpleSigner:
        """pyHanko's signer over this key (built on demand: only signing needs it)."""
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        key_der = self.private_key.private_bytes(  # type: ignore[attr-defined]
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return _signer_class()(
            self.private_key,
            signing_cert=to_asn1(self.certificate),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in self.chain]),
        )


@lru_cache(maxsize=1)
def _signer_class() -> Callable[..., SimpleSigner]:
    """pyHanko's SimpleSigner, signing with the key already loaded.

    SimpleSigner parses its DER key again for every signature, and cryptography checks an RSA
    key at each load (about 0.1 s for RSA-3072, twice per signature with the size estimate).
    """
    from cryptography.hazmat.primitives.asymmetric.ec import ECDSA
    from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class LoadedKeySigner(SimpleSigner):
        def __init__(self, private_key: Any, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.loaded_key = private_key

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algorithm = get_pyca_cryptography_hash(digest_algorithm)
            if mechanism == "rsassa_pkcs1v15":
                return self.loaded_key.sign(data, PKCS1v15(), hash_algorithm)
            if mechanism == "ecdsa":
                return self.loaded_key.sign(data, ECDSA(hash_algorithm))
            return super().sign_raw(data, digest_algorithm)  # rarer mechanisms: pyHanko's own way

    return LoadedKeySigner


def certificate_kind_label(self_issued: bool, *, office: bool = True) -> str:
    if self_issued and not office:
        return _(
            "self-issued personal certificate: integrity only, not a certified electronic signature (TTE) "
            "under PP 71/2019"
        )
    if self_issued:
        return _(
            "self-issued office certificate: integrity only, not a certified electronic signature (TTE) under PP 71/2019"
        )
    return _("issued by a certification authority")


def to_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _name_part(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def is_self_issued(certificate: x509.Certificate) -> bool:
    """Issuer and subject are the same name: nobody but the key holder vouches for it."""
    return certificate.issuer == certificate.subject


def describe(certificate: x509.Certificate) -> CertificateInfo:
    subject = certificate.subject
    return CertificateInfo(
        subject_name=_name_part(subject, NameOID.COMMON_NAME) or subject.rfc4514_string(),
        organization=_name_part(subject, NameOID.ORGANIZATION_NAME),
        issuer_name=_name_part(certificate.issuer, NameOID.COMMON_NAME) or certificate.issuer.rfc4514_string(),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint=hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest(),
        self_issued=is_self_issued(certificate),
        serial_attribute=_name_part(subject, NameOID.SERIAL_NUMBER),
        title=_name_part(subject, NameOID.TITLE),
    )


# --- loading ----------------------------------------------------------------------------------


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_P12_BYTES:
            raise CertificateError(_("{name} is not a certificate file (.p12/.pfx).").format(name=path.name))
        return path.read_bytes()
    except OSError as exc:
        raise CertificateError(
            _("The certificate file {name} cannot be read: {error}").format(name=path.name, error=exc.strerror)
        ) from exc


def _open_pkcs12(data: bytes, passphrase: str, name: str) -> pkcs12.PKCS12KeyAndCertificates:
    # cryptography says "Could not deserialize" when the structure itself is broken, and
    # "Invalid password" when the structure is fine but its integrity check fails with this
    # passphrase (a damaged inside looks the same, but a wrong passphrase is what happens).
    attempts = [passphrase.encode("utf-8")] if passphrase else [None, b""]
    wrong = False
    for secret in attempts:
        try:
            return pkcs12.load_pkcs12(data, secret)
        except ValueError as exc:
            wrong = wrong or "password" in str(exc).lower()
        except Exception:  # noqa: BLE001 - any other failure of the parser means a broken file
            pass
    if wrong:
        raise CertificateError(_("The passphrase for the certificate file {name} is wrong.").format(name=name))
    raise CertificateError(_("The certificate file {name} is damaged or is not a .p12/.pfx file.").format(name=name))


def check_validity(info: CertificateInfo, *, now: dt.datetime | None = None) -> None:
    """Refuse a certificate that has expired or is not valid yet."""
    now = now or dt.datetime.now(dt.UTC)
    if now < info.not_before:
        raise CertificateError(
            _("The certificate of {name} is not valid yet: it is valid from {date}.").format(
                name=info.subject_name, date=plain_date(info.not_before.date())
            )
        )
    if now > info.not_after:
        raise CertificateError(
            _("The certificate of {name} expired on {date}.").format(
                name=info.subject_name, date=plain_date(info.not_after.date())
            )
        )


def load_identity(path: Path, passphrase: str, *, now: dt.datetime | None = None) -> SigningIdentity:
    """Open a .p12/.pfx for signing; every way it can be unusable is one clear CertificateError."""
    path = Path(path)
    bundle = _open_pkcs12(_read(path), passphrase, path.name)
    if bundle.key is None:
        raise CertificateError(
            _(
                "The certificate file {name} holds no private key, so it cannot sign; export it again with its key."
            ).format(name=path.name)
        )
    if bundle.cert is None:
        raise CertificateError(_("The certificate file {name} holds a key but no certificate.").format(name=path.name))
    certificate = bundle.cert.certificate
    key_public = bundle.key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    cert_public = certificate.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if key_public != cert_public:
        raise CertificateError(_("The key in {name} does not belong to its certificate.").format(name=path.name))
    info = describe(certificate)
    check_validity(info, now=now)
    return SigningIdentity(
        info=info,
        certificate=certificate,
        private_key=bundle.key,
        chain=tuple(c.certificate for c in bundle.additional_certs),
    )


# --- an office certificate made here ----------------------------------------------------------


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise CertificateError(
            _("The passphrase must be at least {count} characters long.").format(count=MIN_PASSPHRASE)
        )


def _self_issued_certificate(key: rsa.RSAPrivateKey, name: x509.Name, now: dt.datetime, years: int) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))  # a laptop clock a little behind still works
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # non-repudiation: what validators expect of a signer
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def build_personal_certificate(
    name: str,
    nip: str,
    position: str,
    office_name: str,
    *,
    now: dt.datetime | None = None,
    years: int = OFFICE_CERTIFICATE_YEARS,
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A new RSA-3072 key and a certificate issued by itself to one person of the directory.

    The subject says who: the name as the directory spells it, the NIP as serialNumber (where
    BSrE certificates carry the holder's number too) and the jabatan as title; signing then
    puts it only in that person's box.
    """
    name, office_name, position = (" ".join(v.split()) for v in (name, office_name, position))
    if not name:
        raise CertificateError(_("The person's name is required for their certificate."))
    if not office_name:
        raise CertificateError(_("The office name is required for its certificate."))
    if len(name) > 64 or len(office_name) > 64:  # X.509 upper bound for a common name
        raise CertificateError(_("The name is too long for a certificate (at most 64 characters)."))
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, office_name),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, SELF_ISSUED_UNIT),
        x509.NameAttribute(NameOID.COMMON_NAME, name),
    ]
    if nip:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, nip))
    if position:
        attributes.append(x509.NameAttribute(NameOID.TITLE, position[:64]))
    return key, _self_issued_certificate(key, x509.Name(attributes), now, years)


def build_office_certificate(
    office_name: str, *, now: dt.datetime | None = None, years: int = OFFICE_CERTIFICATE_YEARS
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """A new RSA-3072 key and a certificate issued by itself to the office."""
    office_name = " ".join(office_name.split())
    if not office_name:
        raise CertificateError(_("The office name is required for its certificate."))
    if len(office_name) > 64:  # X.509 upper bound for a common name
        raise CertificateError(_("The office name is too long for a certificate (at most 64 characters)."))
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, office_name),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, SELF_ISSUED_UNIT),
            x509.NameAttribute(NameOID.COMMON_NAME, office_name),
        ]
    )
    return key, _self_issued_certificate(key, name, now, years)


def _check_new_file(target: Path, passphrase: str) -> None:
    check_new_passphrase(passphrase)
    if target.suffix.lower() not in (".p12", ".pfx"):
        raise CertificateError(_("Save the certificate as a .p12 or .pfx file."))
    if target.exists():
        # Never overwrite: the old file may be the only copy of a key that signed documents.
        raise CertificateError(_("{name} already exists; choose another file name.").format(name=target.name))
    if not target.parent.is_dir():
        raise CertificateError(_("The folder {folder} does not exist.").format(folder=target.parent))


def create_personal_certificate(
    name: str, nip: str, position: str, office_name: str, passphrase: str, target: Path
) -> CertificateInfo:
    """Make a self-issued certificate for one person and save it as a .p12 encrypted with `passphrase`."""
    target = Path(target)
    _check_new_file(target, passphrase)
    key, certificate = build_personal_certificate(name, nip, position, office_name)
    data = pkcs12.serialize_key_and_certificates(
        name=name.encode("utf-8")[:64],
        key=key,
        cert=certificate,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    write_atomically(target, data)
    return describe(certificate)


def create_office_certificate(office_name: str, passphrase: str, target: Path) -> CertificateInfo:
    """Make a self-issued office certificate and save it as a .p12 encrypted with `passphrase`."""
    target = Path(target)
    _check_new_file(target, passphrase)
    key, certificate = build_office_certificate(office_name)
    data = pkcs12.serialize_key_and_certificates(
        name=office_name.encode("utf-8")[:64],
        key=key,
        cert=certificate,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    write_atomically(target, data)
    return describe(certificate)
