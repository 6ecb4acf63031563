"""Signing a Laporan kegiatan Timpora: the head of office's signature in the box the report records.

A report sums up a period, not one meeting: there is no meeting to lock and no register of the
meeting's signatures, so the file alone is signed (the same PAdES signature and stamp as the
minutes', pades.py). The box belongs to the head of office the report prints under it; a
certificate of someone else signs it only openly on their behalf ("a.n."), as in the minutes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import existing_store
from app.documents.metadata import ReportMetadata, read_report_metadata

if TYPE_CHECKING:
    import datetime as dt

    from app.signing.certificates import CertificateInfo, SigningIdentity
    from app.signing.minutes import SignerOverrides


@dataclass(frozen=True)
class SignedReport:
    path: Path
    metadata: ReportMetadata
    certificate: CertificateInfo
    signed_at: dt.datetime
    file_sha256: str
    #: Why the signature carries no RFC 3161 timestamp, in the user's language ("" when it does).
    timestamp_missing: str = ""


def is_report(data: bytes) -> bool:
    """Is this PDF a Laporan kegiatan Timpora made here (by what it says of itself)?"""
    return read_report_metadata(data) is not None


def sign_report(
    source: Path,
    *,
    p12: Path,
    passphrase: str,
    target: Path | None = None,
    db: str | None = None,
    overrides: SignerOverrides | None = None,
    on_behalf: bool = False,
    tsa_url: str | None = None,
    identity: SigningIdentity | None = None,
) -> SignedReport:
    """Sign a report PDF as the head of office into `target` (beside it by default); on error no file is left.

    `identity`: the .p12 already opened with this passphrase (the window opens it in a helper
    process, so the key's check never freezes it); else it is opened here.
    """
    from app.services.files import write_atomically
    from app.signing.certificates import load_identity
    from app.signing.fields import HEAD
    from app.signing.pades import check_signable, check_target, sign_pdf, signing_now
    from app.signing.signers import BoxPerson, signer_details
    from app.signing.timestamps import reach_tsa
    from app.signing.verification import read_pdf_bytes

    source = Path(source)
    target = Path(target) if target else source.with_name(f"{source.stem}-ttd-kepala.pdf")
    check_target(source, target)
    data = read_pdf_bytes(source)
    metadata = check_signable(data, HEAD)  # refused before the passphrase opens the key
    assert isinstance(metadata, ReportMetadata)
    identity = identity or load_identity(p12, passphrase)
    zone = location = None
    with existing_store(db) as store:
        if store is not None:
            from app.services.office import get_office

            with store.session() as session:
                office = get_office(session)
                tsa_url = office.tsa_url if tsa_url is None else tsa_url
                zone, location = office.time_zone.value, office.city
    # The head printed under the box owns it; what the user typed names the box only when none is printed.
    printed = metadata.head
    if printed.get("name", "").strip():
        person: BoxPerson | None = BoxPerson(
            name=printed["name"], position=printed.get("position", ""), id_number=printed.get("id_number", "")
        )
    elif overrides is not None and (overrides.name or "").strip():
        person = BoxPerson(
            name=overrides.name or "", position=overrides.position or "", id_number=overrides.id_number or ""
        )
    else:
        person = None
    details = signer_details(identity.info, person, role=HEAD, on_behalf=on_behalf)
    if tsa_url:  # a file that cannot be signed is refused before the TSA is asked
        check_signable(data, HEAD, fingerprint=identity.info.fingerprint)
    plan = reach_tsa(tsa_url or "")
    signed_at = signing_now()
    signed = sign_pdf(
        data,
        identity,
        role=HEAD,
        details=details,
        signed_at=signed_at,
        zone=zone,
        location=location or "",
        timestamp=plan.source,
    )
    write_atomically(target, signed)
    return SignedReport(
        path=target,
        metadata=metadata,
        certificate=identity.info,
        signed_at=signed_at,
        file_sha256=hashlib.sha256(signed).hexdigest(),
        timestamp_missing=plan.missing,
    )
