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
from typing import TYPE_CHECKING, Any

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from app.documents.metadata import MinutesMetadata, ReportMetadata, read_metadata, read_report_metadata
from app.i18n import N_, _, gettext
from app.services.errors import FormatError
from app.signing.fields import HEAD, role_of_field
from app.signing.tampering import PlacedSignature, find_changes

if TYPE_CHECKING:
    from pyhanko.sign.validation import EmbeddedPdfSignature, PdfSignatureStatus
    from sqlalchemy.orm import Session

    from app.services.revisions import RecordMatch
    from app.signing.certificates import CertificateInfo

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
    #: The RFC 3161 timestamp's time (None: no timestamp, the time is the signer's own clock).
    timestamp: dt.datetime | None = None
    #: Who stamped the time (the TSA certificate's name), and whether the trust list vouches for it.
    timestamp_authority: str = ""
    timestamp_trusted: bool = False
    #: The file's document security store (/DSS) holds this signer's certificate (long-term validation).
    validation_data: bool = False
    #: Revocation answers (CRLs, OCSP responses) in the /DSS.
    revocation_data: bool = False
    #: A certification signature (DocMDP): after it only form filling and signatures are allowed.
    certifies: bool = False
    #: The CA that vouches: the trusted root the chain ends in, else the issuer the certificate names.
    ca_name: str = ""
    #: The chain ends in a trusted root of BSrE (the government CA): a certified electronic signature.
    bsre: bool = False


@dataclass(frozen=True)
class VerificationReport:
    file_sha256: str
    metadata: MinutesMetadata | None
    signatures: tuple[SignatureReport, ...]
    #: What was done to the file after it was signed, one sentence each (empty when nothing).
    findings: tuple[str, ...] = ()
    #: Signature fields nobody has signed yet ("Siap TTE").
    empty_fields: tuple[str, ...] = ()
    record: RecordMatch | None = None
    #: This exact file is in the store's register of signed PDFs (None: no store compared).
    registered: bool | None = None
    #: The store holds the meeting, and this file is not (nor was signed from) a copy it made
    #: of that revision: its code and content hash were copied onto other content.
    not_a_copy: bool = False
    #: A Laporan kegiatan Timpora (its period, the head's box), as first signed; None for minutes.
    report: ReportMetadata | None = None

    @property
    def all_intact(self) -> bool:
        """True only if there is at least one signature, every one is intact, and nothing else changed."""
        return bool(self.signatures) and all(s.intact for s in self.signatures) and not self.findings

    @property
    def record_conflicts(self) -> bool:
        """The store holds the meeting and this file says something else than its record."""
        from app.services.revisions import MatchStatus

        return self.not_a_copy or (
            self.record is not None and self.record.status in (MatchStatus.DIFFERENT, MatchStatus.UNKNOWN_REVISION)
        )

    @property
    def trustworthy(self) -> bool:
        """Everything holds: what `timpora verify` exits 0 for."""
        return self.all_intact and not self.record_conflicts

    def _comparison(self) -> list[str]:
        """What comparing the file with the store's record found."""
        if self.not_a_copy:
            return [
                _(
                    "This file is not a copy this store made of that revision: its verification code and content "
                    "hash were copied onto other content."
                )
            ]
        return [self.record.message] if self.record is not None else []

    def record_summary(self) -> list[str]:
        """What a verification says of the record: a signed file's record lines, an unsigned
        file's comparison alone."""
        return self.record_lines() if self.signatures else self._comparison()

    def record_lines(self) -> list[str]:
        """What the record comparison says; nothing vouches for a file that is not intact."""
        lines = []
        if not self.all_intact:
            if self.record is not None or self.registered is not None:
                lines.append(_("The file is not intact, so it was not compared with the record."))
        else:
            lines += self._comparison()
        if self.registered:
            lines.append(_("This exact file is in the register of signed minutes."))
        elif self.registered is False:
            lines.append(_("This exact file is not in the register of this store (it may be a copy signed elsewhere)."))
        return lines


def archive_lines(sig: SignatureReport, *, zone: str | None = None) -> list[str]:
    """What a signature carries for the years ahead: its timestamp (or that it has none), its validation data."""
    from app.signing.appearance import signing_time_label

    if sig.timestamp is None:
        lines = [_("No timestamp: the signing time is the signer's own clock (no timestamp server was used).")]
    else:
        lines = [
            _("Timestamp (RFC 3161): {time}, by {tsa} ({trust})").format(
                time=signing_time_label(sig.timestamp, zone=zone),
                tsa=sig.timestamp_authority,
                trust=_("trusted") if sig.timestamp_trusted else _("its TSA is not in the trust list"),
            )
        ]
    if sig.bsre:
        lines.append(
            _("Certified electronic signature (TTE): the certificate is from BSrE ({ca}).").format(ca=sig.ca_name)
        )
    elif sig.trust is Trust.TRUSTED:
        lines.append(_("Certification authority: {ca} (in the trust list).").format(ca=sig.ca_name))
    elif sig.trust is Trust.UNKNOWN_CA:
        lines.append(_("Issuer named in the certificate: {ca} (not in the trust list).").format(ca=sig.ca_name))
    if sig.certifies and sig.role == HEAD:  # a report's only signature: nobody signs after it
        lines.append(_("Certified by this signature: any later change but validation data is flagged (DocMDP)."))
    elif sig.certifies:
        lines.append(_("Certified by the first signature: after it only the second signature may be added (DocMDP)."))
    if sig.revocation_data:
        lines.append(_("Validation data embedded for long-term verification: certificates and revocation status."))
    elif sig.validation_data:
        lines.append(
            _("Validation data embedded for long-term verification: certificates (they name no revocation service).")
        )
    return lines


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


def _trust(status: PdfSignatureStatus | None, cert: asn1_x509.Certificate) -> Trust:
    if status is not None and status.trusted:
        return Trust.TRUSTED
    return Trust.SELF_ISSUED if cert.subject == cert.issuer else Trust.UNKNOWN_CA


def _validity_problem(cert: asn1_x509.Certificate, signed_at: dt.datetime | None) -> str:
    """A certificate must have been valid when it signed (by the time the signature states)."""
    if signed_at is None:
        return ""
    validity = cert["tbs_certificate"]["validity"]
    if signed_at < validity["not_before"].native:
        return _("the certificate was not yet valid when it signed")
    if signed_at > validity["not_after"].native:
        return _("the certificate had expired when it signed")
    return ""


def _problem(status: PdfSignatureStatus, changed_after: bool) -> str:
    if not status.intact:
        return _("the signed content has been changed")
    if not status.valid:
        return _("the signature itself is not valid")
    stamp = status.timestamp_validity
    if stamp is not None and not (stamp.intact and stamp.valid):
        return _("its timestamp does not belong to this signature")
    if changed_after or status.modification_level not in ALLOWED_AFTER_SIGNING or status.docmdp_ok is False:
        return _("the file was changed after this signature")
    return ""


def _unreadable(field_name: str) -> SignatureReport:
    return SignatureReport(
        field_name=field_name,
        role=role_of_field(field_name),
        signer_name="?",
        organization="",
        signed_at=None,
        intact=False,
        trust=Trust.UNKNOWN_CA,
        fingerprint="",
        problem=_("the signature cannot be read"),
    )


@dataclass(frozen=True)
class _ArchiveData:
    """What the file's document security store (/DSS) holds."""

    certificates: frozenset[bytes]  # SHA-256 of each certificate
    revocation: bool


def _archive_data(reader: PdfFileReader) -> _ArchiveData:
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        dss = DocumentSecurityStore.read_dss(reader)
        certificates = frozenset(hashlib.sha256(ref.get_object().data).digest() for ref in dss.certs.values())
        return _ArchiveData(certificates, bool(dss.ocsps or dss.crls))
    except Exception:  # noqa: BLE001 - no /DSS (the usual case offline), or one that cannot be read
        return _ArchiveData(frozenset(), False)


def _timestamp_fields(status: PdfSignatureStatus, archive: _ArchiveData, cert: asn1_x509.Certificate) -> dict[str, Any]:
    stamp = status.timestamp_validity
    fields_ = {"validation_data": hashlib.sha256(cert.dump()).digest() in archive.certificates}
    fields_["revocation_data"] = fields_["validation_data"] and archive.revocation
    if stamp is None:
        return fields_
    return {
        **fields_,
        "timestamp": stamp.timestamp,
        "timestamp_authority": _name_part(stamp.signing_cert, "common_name")
        or stamp.signing_cert.subject.human_friendly,
        "timestamp_trusted": bool(stamp.trusted),
    }


def _authority(status: PdfSignatureStatus, cert: asn1_x509.Certificate) -> dict[str, Any]:
    """Which CA vouches for the signer: by the validated chain's root, never by what the issuer calls itself."""
    from app.signing.trust import ca_name, is_bsre_name

    path = getattr(status, "validation_path", None)
    if status.trusted and path is not None:
        try:
            root = path[0]
            name = ca_name(root)
            return {"ca_name": name, "bsre": is_bsre_name(name)}
        except Exception:  # noqa: BLE001 - a path pyHanko built but cannot index: name the issuer
            pass
    issuer = cert.issuer.native
    return {"ca_name": str(issuer.get("common_name") or cert.issuer.human_friendly), "bsre": False}


def _certifies(embedded: EmbeddedPdfSignature) -> bool:
    try:
        return embedded.docmdp_level is not None
    except Exception:  # noqa: BLE001 - a malformed /Reference: no certification to speak of
        return False


def _report(
    embedded: EmbeddedPdfSignature,
    context: ValidationContext,
    *,
    changed_after: bool,
    archive: _ArchiveData | None = None,
) -> SignatureReport:
    try:
        cert = embedded.signer_cert
        common: dict[str, Any] = dict(
            field_name=str(embedded.fq_name),
            role=role_of_field(str(embedded.fq_name)),
            signer_name=_name_part(cert, "common_name"),
            organization=_name_part(cert, "organization_name"),
            fingerprint=hashlib.sha256(cert.dump()).hexdigest(),
        )
    except Exception:  # noqa: BLE001 - no certificate to name: the signature is unreadable
        return _unreadable(str(embedded.fq_name))
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context, key_usage_settings=KEY_USAGE)
    except Exception:  # noqa: BLE001 - a signature pyHanko cannot even evaluate is broken
        return SignatureReport(
            **common,
            signed_at=None,
            intact=False,
            trust=_trust(None, cert),
            problem=_("the signature cannot be read"),
        )
    signed_at = status.signer_reported_dt
    stamped = _timestamp_fields(status, archive or _ArchiveData(frozenset(), False), cert)
    # A timestamp is the TSA's clock, not the signer's: the certificate must have been valid then.
    problem = _problem(status, changed_after) or _validity_problem(cert, stamped.get("timestamp") or signed_at)
    return SignatureReport(
        **common,
        signed_at=signed_at,
        intact=not problem,
        trust=_trust(status, cert),
        problem=problem,
        certifies=_certifies(embedded),
        **_authority(status, cert),
        **stamped,
    )


@dataclass(frozen=True)
class _Signatures:
    """The filled signature fields of a file: those pyHanko can read, and the names of the others."""

    readable: list  # EmbeddedPdfSignature, in signing order
    unreadable: tuple[str, ...]
    field_order: tuple[str, ...]
    placed: list[PlacedSignature]


def _embedded_signatures(reader: PdfFileReader) -> _Signatures:
    """Every filled signature field; a malformed one is named, never a traceback."""
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    try:
        filled = list(fields.enumerate_sig_fields(reader, filled_status=True))
    except Exception as exc:  # noqa: BLE001 - a field tree pyHanko cannot walk is a damaged file
        raise FormatError(_("The signature fields of this PDF are damaged and cannot be read.")) from exc
    readable, unreadable, placed = [], [], []
    for name, _value, field_ref in filled:
        try:
            embedded = EmbeddedPdfSignature(reader, field_ref, str(name))
            if embedded.sig_object.get("/Type") == "/DocTimeStamp":
                continue  # a document timestamp vouches for time, not for a signer
            start, length1, offset2, length2 = (int(v) for v in embedded.byte_range)
            if start != 0 or min(length1, offset2, length2) < 0:
                raise ValueError("byte range")
            placed.append(
                PlacedSignature(str(name), field_ref.get_object(), embedded.signed_revision, offset2 + length2)
            )
            readable.append(embedded)
        except Exception:  # noqa: BLE001 - any defect of a signature dictionary: unreadable, said once
            unreadable.append(str(name))
    order = sorted(range(len(readable)), key=lambda i: placed[i].revision)
    return _Signatures(
        [readable[i] for i in order],
        tuple(unreadable),
        tuple(str(name) for name, *_rest in filled),
        [placed[i] for i in order],
    )


def signature_reports(
    reader: PdfFileReader, *, trust_roots: Iterable[asn1_x509.Certificate] = ()
) -> list[SignatureReport]:
    """One report per signature, in signing order (for checks before signing again)."""
    stream = reader.stream
    stream.seek(0)
    return list(_check(reader, stream.read(), trust_roots=trust_roots)[0])


def _check(
    reader: PdfFileReader, data: bytes, *, trust_roots: Iterable[asn1_x509.Certificate]
) -> tuple[tuple[SignatureReport, ...], tuple[str, ...], MinutesMetadata | None, ReportMetadata | None]:
    """(signature reports, changes after signing, the minutes' or the report's metadata as first signed)."""
    signatures = _embedded_signatures(reader)
    # The meeting, revision, content hash and boxes count only as the first signature signed
    # them: /Info can be rewritten after signing without breaking any signature.
    first_signed = data[: signatures.placed[0].end] if signatures.placed else None
    metadata = read_metadata(first_signed) if first_signed is not None else None
    report = read_report_metadata(first_signed) if first_signed is not None and metadata is None else None
    boxes = metadata.boxes if metadata is not None else report.boxes if report is not None else None
    try:
        findings = tuple(
            find_changes(
                reader,
                data,
                signatures.placed,
                boxes,
                unreadable=signatures.unreadable,
            )
        )
    except Exception:  # noqa: BLE001 - a structure too broken to compare is a changed file
        findings = (_("The file was changed after signing."),)
    # An explicit (possibly empty) trust list: never the operating system's, never the network.
    context = ValidationContext(trust_roots=list(trust_roots), allow_fetching=False, revocation_mode="soft-fail")
    archive = _archive_data(reader)
    reports = [_report(e, context, changed_after=bool(findings), archive=archive) for e in signatures.readable]
    if signatures.unreadable:  # in the order of the fields, so "signature 1" is still the chair's
        reports += [_unreadable(name) for name in signatures.unreadable]
        order = {name: index for index, name in enumerate(signatures.field_order)}
        reports.sort(key=lambda report: order.get(report.field_name, len(order)))
    return tuple(reports), findings, metadata, report


def _signers_against_record(
    session: Session, meeting_id: int, revision: int, signatures: tuple[SignatureReport, ...]
) -> tuple[SignatureReport, ...]:
    """Each signature's key against the register (its fingerprint), or else against the box's person.

    A key that merely copies a name (the office's, a person's) has another fingerprint than
    the one that signed into the register; a signature the register does not know must at
    least come from a certificate that names the person whose box it is.
    """
    from dataclasses import replace

    from app.services.records import load_bundle
    from app.services.revisions import signed_register
    from app.signing.signers import BoxPerson, is_holder

    register = [e for e in signed_register(session, meeting_id) if e.revision == revision]
    bundle = load_bundle(session, meeting_id)
    checked = []
    for sig in signatures:
        problem = ""
        if sig.intact and sig.role is not None:
            known = {e.fingerprint for e in register if e.role.value == sig.role and e.fingerprint}
            person = bundle.chair if sig.role == "chair" else bundle.secretary
            if known and sig.fingerprint not in known:
                problem = _("signed with another certificate than the one registered for this box")
            elif not known and person is not None and not is_holder(_subject_info(sig), BoxPerson(person.name)):
                problem = _("the certificate does not name {person}, whose box this is").format(person=person.name)
        checked.append(replace(sig, intact=False, problem=problem) if problem else sig)
    return tuple(checked)


def _subject_info(sig: SignatureReport) -> CertificateInfo:
    from app.signing.certificates import CertificateInfo

    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return CertificateInfo(sig.signer_name, sig.organization, "", epoch, epoch, sig.fingerprint, False)


def verify(
    pdf: bytes | Path,
    *,
    session: Session | None = None,
    trust_roots: Iterable[asn1_x509.Certificate] = (),
) -> VerificationReport:
    """Check every signature of a minutes PDF and, given a store session, match it with the record."""
    data = pdf if isinstance(pdf, bytes) else read_pdf_bytes(pdf)
    reader = open_pdf(data)
    signatures, findings, metadata, report = _check(reader, data, trust_roots=trust_roots)
    if not signatures:
        metadata = read_metadata(data)
        report = read_report_metadata(data) if metadata is None else None
    try:
        empty = tuple(str(name) for name, *_rest in fields.enumerate_sig_fields(reader, filled_status=False))
    except Exception:  # noqa: BLE001 - the filled ones were read; a broken empty one is named nowhere
        empty = ()
    file_sha256 = hashlib.sha256(data).hexdigest()
    record = registered = None
    not_a_copy = False
    if session is not None and report is None:  # a report has no meeting and no register
        from app.services.revisions import is_registered, match_record

        registered = is_registered(session, file_sha256)
        if metadata is not None:
            record = match_record(
                session, metadata.meeting_uuid, revision=metadata.revision, content_sha256=metadata.content_sha256
            )
            if record.meeting_id is not None:
                signatures = _signers_against_record(session, record.meeting_id, metadata.revision, signatures)
                not_a_copy = _not_a_copy(session, data, record.meeting_id, metadata.revision)
    return VerificationReport(
        file_sha256=file_sha256,
        metadata=metadata,
        signatures=signatures,
        findings=findings,
        empty_fields=empty,
        record=record,
        registered=registered,
        not_a_copy=not_a_copy,
        report=report,
    )


def _not_a_copy(session: Session, data: bytes, meeting_id: int, revision: int) -> bool:
    """The store made copies of this revision, and this file is none of them (nor signed from one).

    A store that has registered no copy of the revision (it rendered them before the register
    existed) cannot tell, and says nothing.
    """
    from app.services.rendered import genuine_copy, renders_of
    from app.services.revisions import signed_register

    copy = genuine_copy(session, data)
    if copy is not None:
        return copy.meeting_id != meeting_id or copy.revision != revision
    # Only a store that has recorded copies of this revision (or signed it) can call one foreign.
    return bool(renders_of(session, meeting_id, revision)) or any(
        e.revision == revision for e in signed_register(session, meeting_id)
    )
