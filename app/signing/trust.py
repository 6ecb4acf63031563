"""The office's trust list: CA root certificates (BSrE's, say) that `verify` and the window trust.

Offline: nothing is fetched, and the operating system's list is not used. The user adds a root
once (`timpora trust add FILE`); it is kept as a PEM file in the folder "Sertifikat Tepercaya"
beside the store, where a copy of the store folder takes it along. A signature is then reported
as made with a certificate from that CA, named; a certificate whose issuer merely says "BSrE" is
not recognised as one unless its chain ends in a root of this list.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from app.i18n import _
from app.services.errors import FormatError, UserError
from app.services.files import write_atomically

FOLDER_NAME = "Sertifikat Tepercaya"
MAX_CERT_BYTES = 64 * 1024
#: How the government CA names itself in its certificates (Balai Sertifikasi Elektronik, under BSSN).
BSRE_MARKS = ("bsre", "balai sertifikasi elektronik")


@dataclass(frozen=True)
class TrustedCa:
    name: str
    fingerprint: str  # SHA-256 of the DER certificate, hex
    path: Path

    @property
    def is_bsre(self) -> bool:
        return is_bsre_name(self.name)


def is_bsre_name(name: str) -> bool:
    return any(mark in name.casefold() for mark in BSRE_MARKS)


def ca_name(cert: asn1_x509.Certificate) -> str:
    subject = cert.subject.native
    return str(subject.get("common_name") or subject.get("organization_name") or cert.subject.human_friendly)


def trust_folder(store_path: Path) -> Path:
    return Path(store_path).parent / FOLDER_NAME


def _read_certificate(path: Path) -> asn1_x509.Certificate:
    try:
        data = Path(path).read_bytes()[: MAX_CERT_BYTES + 1]
    except OSError as exc:
        raise FormatError(
            _("The file {name} cannot be read: {error}").format(name=Path(path).name, error=exc.strerror)
        ) from exc
    try:
        if len(data) > MAX_CERT_BYTES:
            raise ValueError("too large")
        if pem.detect(data):
            _kind, _headers, data = pem.unarmor(data)
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018 - parses the whole structure: garbage fails here, not later
        return cert
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises many kinds on garbage
        raise FormatError(_("{name} is not a certificate file (PEM or DER).").format(name=Path(path).name)) from exc


def add_trusted(folder: Path, source: Path) -> TrustedCa:
    """Copy a CA root certificate into the trust list; one UserError if it is not a CA's."""
    cert = _read_certificate(source)
    constraints = cert.basic_constraints_value
    if constraints is None or not constraints["ca"].native:
        raise UserError(
            _("{name} is not the certificate of a certification authority, so it cannot be trusted as one.").format(
                name=Path(source).name
            )
        )
    fingerprint = hashlib.sha256(cert.dump()).hexdigest()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{fingerprint[:16]}.pem"
    write_atomically(target, pem.armor("CERTIFICATE", cert.dump()))
    return TrustedCa(ca_name(cert), fingerprint, target)


def trusted_cas(folder: Path) -> list[tuple[TrustedCa, asn1_x509.Certificate]]:
    """The trust list's certificates; a file that is not one is skipped (it was not put there by us)."""
    found = []
    for path in sorted(Path(folder).glob("*.pem")) if Path(folder).is_dir() else ():
        try:
            cert = _read_certificate(path)
        except UserError:
            continue
        found.append((TrustedCa(ca_name(cert), hashlib.sha256(cert.dump()).hexdigest(), path), cert))
    return found
