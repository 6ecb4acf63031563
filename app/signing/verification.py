"""Checking a minutes PDF: is each signature intact, who signed and when, and does it match the record.

Offline: no trust list is fetched. Without a trust root pyHanko calls a signature UNTRUSTED;
that is not a failure here, it is reported as a self-issued certificate or an unknown CA. The
trust roots an office has (the BSrE root, say) can be given as certificate files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from app.documents.metadata import MinutesMetadata, read_metadata
from app.i18n import N_, _, gettext
from app.services.errors import FormatError
from app.signing.fields import role_of_field

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.revisions import RecordMatch

# pyHanko logs every untrusted certificate with a traceback; the report says it in words, and
# a stray traceback on stderr must never reach the user (it still reaches a configured log).
for _logger in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())

MAX_PDF_BYTES = 500 * 1024 * 1024
#: What may follow a signature without breaking it: nothing, more signatures, timestamps.
ALLOWED_AFTER_SIGNING = {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}
#: A signer certificate is accepted with either usage (CAs differ in which they set).
KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)


_TRUST_LABELS = {
    "trusted": N_("certificate from a trusted certification authority"),
    "self_issued": N_(
        "self-issued certificate: proves integrity only, not a certified electronic signature (TTE) under PP 71/2019"
    ),
    "unknown_ca": N_("certificate from a certification authority that is not in the trust list"),
}


class Trust(StrEnum):
    TRUSTED = "trusted"
    SELF_ISSUED = "self_issued"
    UNKNOWN_CA = "unknown_ca"

    @property
    def label(self) -> str:
        return gettext(_TRUST_LABELS[self.value])


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    #: 'chair' / 'secretary' for our fields, None for a field another tool made.
    role: str | None
    signer_name: str
    organization: str
    #: As the signer's clock said (the CMS signing time), not a trusted timestamp.
    signed_at: dt.datetime | None
    #: The signed bytes are unchanged and nothing but later signatures was added after it.
    intact: bool
    trust: Trust
    fingerprint: str
    #: Why it is not intact, in the user's language ("" when intact).
    problem: str = ""


@dataclass(frozen=True)
class VerificationReport:
    file_sha256: str
    metadata: MinutesMetadata | None
    signatures: tuple[SignatureReport, ...]
    #: Signature fields nobody has signed yet ("Siap TTE").
    empty_fields: tuple[str, ...] = ()
    record: RecordMatch | None = None
    #: This exact file is in the store's register of signed PDFs (None: no store compared).
    registered: bool | None = None

    @property
    def all_intact(self) -> bool:
        """True only if there is at least one signature and every one is intact."""
        return bool(self.signatures) and all(s.intact for s in self.signatures)


# --- reading ----------------------------------------------------------------------------------


def read_pdf_bytes(path: Path) -> bytes:
    """The bytes of a file that at least says it is a PDF; else one clear FormatError."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise FormatError(_("{name} is too large to be minutes.").format(name=path.name))
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(
            _("The file {name} cannot be read: {error}").format(name=path.name, error=exc.strerror)
        ) from exc
    if b"%PDF-" not in data[:1024]:
        raise FormatError(_("{name} is not a PDF file.").format(name=path.name))
    return data


def open_pdf(data: bytes) -> PdfFileReader:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.root  # noqa: B018 - forces the cross-reference table and catalog to be read
        return reader
    except Exception as exc:  # noqa: BLE001 - any parser failure means the file is damaged
        raise FormatError(_("The PDF file is damaged and cannot be read.")) from exc


def load_trust_roots(paths: Iterable[Path]) -> list[asn1_x509.Certificate]:
    """Certificates (PEM or DER) the office trusts as roots, e.g. the BSrE root."""
    from pyhanko.keys import load_certs_from_pemder_data

    roots = []
    for path in paths:
        try:
            roots.extend(load_certs_from_pemder_data(Path(path).read_bytes()))
        except OSError as exc:
            raise FormatError(
                _("The file {name} cannot be read: {error}").format(name=Path(path).name, error=exc.strerror)
            ) from exc
        except Exception as exc:  # noqa: BLE001 - asn1crypto raises many kinds on garbage
            raise FormatError(_("{name} is not a certificate file (PEM or DER).").format(name=Path(path).name)) from exc
    return roots


# --- signatures -------------------------------------------------------------------------------


def _name_part(cert: asn1_x509.Certificate, key: str) -> str:
    value = cert.subject.native.get(key, "")
    return ", ".join(value) if isinstance(value, list) else str(value or "")


def _trust(status, cert: asn1_x509.Certificate) -> Trust:
    if status is not None and status.trusted:
        return Trust.TRUSTED
    return Trust.SELF_ISSUED if cert.subject == cert.issuer else Trust.UNKNOWN_CA


def _problem(status) -> str:
    if not status.intact:
        return _("the signed content has been changed")
    if not status.valid:
        return _("the signature itself is not valid")
    if status.modification_level not in ALLOWED_AFTER_SIGNING or status.docmdp_ok is False:
        return _("the file was changed after this signature")
    return ""


def _report(embedded, context: ValidationContext) -> SignatureReport:
    cert = embedded.signer_cert
    common = dict(
        field_name=str(embedded.field_name),
        role=role_of_field(str(embedded.field_name)),
        signer_name=_name_part(cert, "common_name"),
        organization=_name_part(cert, "organization_name"),
        fingerprint=hashlib.sha256(cert.dump()).hexdigest(),
    )
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context, key_usage_settings=KEY_USAGE)
    except Exception:  # noqa: BLE001 - a signature pyHanko cannot even evaluate is broken
        return SignatureReport(
            **common,
            signed_at=embedded.self_reported_timestamp,
            intact=False,
            trust=_trust(None, cert),
            problem=_("the signature cannot be read"),
        )
    problem = _problem(status)
    return SignatureReport(
        **common,
        signed_at=status.signer_reported_dt or embedded.self_reported_timestamp,
        intact=not problem,
        trust=_trust(status, cert),
        problem=problem,
    )


def signature_reports(
    reader: PdfFileReader, *, trust_roots: Iterable[asn1_x509.Certificate] = ()
) -> list[SignatureReport]:
    """One report per signature, in signing order."""
    # An explicit (possibly empty) trust list: never the operating system's, never the network.
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False, revocation_mode="soft-fail")
    return [_report(embedded, context) for embedded in reader.embedded_regular_signatures]


def verify(
    pdf: bytes | Path,
    *,
    session: Session | None = None,
    trust_roots: Iterable[asn1_x509.Certificate] = (),
) -> VerificationReport:
    """Check every signature of a minutes PDF and, given a store session, match it with the record."""
    data = pdf if isinstance(pdf, bytes) else read_pdf_bytes(pdf)
    reader = open_pdf(data)
    metadata = read_metadata(data)
    signatures = tuple(signature_reports(reader, trust_roots=trust_roots))
    empty = tuple(str(name) for name, *_rest in fields.enumerate_sig_fields(reader, filled_status=False))
    file_sha256 = hashlib.sha256(data).hexdigest()
    record = registered = None
    if session is not None:
        from app.services.revisions import is_registered, match_record

        registered = is_registered(session, file_sha256)
        if metadata is not None:
            record = match_record(
                session, metadata.meeting_uuid, revision=metadata.revision, content_sha256=metadata.content_sha256
            )
    return VerificationReport(
        file_sha256=file_sha256,
        metadata=metadata,
        signatures=signatures,
        empty_fields=empty,
        record=record,
        registered=registered,
    )
