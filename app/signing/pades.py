"""PAdES signatures on minutes PDFs: each signer's visible signature in their box, one update each.

The chair's and the secretary's signatures are incremental updates of the same file, so the
first stays valid when the second is added. Nothing is signed that is not our minutes, or whose
existing signatures no longer hold; a file is written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import content, generic, layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model as xmp_model
from pyhanko.pdf_utils.metadata import xmp_xml
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.stamp import StaticStampStyle

from app.documents.metadata import MinutesMetadata, ReportMetadata, SignatureBox, read_metadata, read_report_metadata
from app.i18n import _
from app.services.errors import FormatError, UserError
from app.services.files import write_atomically
from app.signing.appearance import SignerDetails, draw_appearance
from app.signing.certificates import SigningIdentity
from app.signing.fields import ALL_FIELD_NAMES, FIELD_NAMES, HEAD, role_label
from app.signing.timestamps import TimestampSource
from app.signing.verification import open_pdf, read_pdf_bytes, signature_reports

__all__ = ["SignerDetails", "SignedFile", "check_signable", "prepare_for_tte", "sign_file", "sign_pdf"]


class SigningError(UserError):
    """The file cannot be signed as asked."""


_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignedFile:
    """What was written, for the register."""

    path: Path
    metadata: MinutesMetadata
    role: str
    signed_at: dt.datetime
    file_sha256: str


class _ImportedAppearance(content.PdfContent):
    """pyHanko's ImportedPdfPage reads a file by name; ours is in memory."""

    def __init__(self, pdf: bytes) -> None:
        super().__init__()
        self.pdf = pdf

    def render(self) -> bytes:
        reader = PdfFileReader(io.BytesIO(self.pdf))
        xobject = self._ensure_writer.import_page_as_xobject(reader, page_ix=0)
        name = "/Appearance" + uuid.uuid4().hex
        self.resources.xobject[name] = xobject
        x0, y0, x1, y1 = xobject.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x0), height=abs(y1 - y0))
        return name.encode("ascii") + b" Do"


class _TimedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time is fixed beforehand, so the drawn time is the signed one."""

    def __init__(self, *args: Any, signing_time: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signing_time = signing_time

    def init_signing_session(self, pdf_out: BasePdfFileWriter, existing_fields_only: bool = False) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self.signing_time
        return session


class ArchivalWriter(IncrementalPdfFileWriter):
    """An incremental update that keeps a PDF/A file's XMP metadata in step with its info dictionary.

    pyHanko stamps the update's producer and modification time into both, but not alike: the
    info dictionary gets "<producer>; pyHanko x.y", the XMP "pyHanko x.y" alone, and each takes
    its own reading of the clock. PDF/A (ISO 19005-2, 6.6.2.3) wants the two to agree, so the
    XMP is given the info dictionary's values after pyHanko has written them.
    """

    def _update_meta(self) -> None:
        super()._update_meta()
        if self._info is None or "/Metadata" not in self.root:
            return
        info = self._info.get_object()
        stream = self.root["/Metadata"]
        if not isinstance(stream, xmp_xml.MetadataStream) or "/Producer" not in info or "/ModDate" not in info:
            return
        try:
            fields = {name: value for structure in stream.xmp for name, value in structure}
            fields[xmp_model.PDF_PRODUCER] = xmp_model.XmpValue(str(info["/Producer"]))
            modified = generic.parse_pdf_date(str(info["/ModDate"]))
            fields[xmp_model.XMP_MODDATE] = xmp_model.XmpValue(modified.replace(microsecond=0).isoformat())
            # (pyHanko's own way of rewriting the stream, as its update_xmp_with_meta does)
            stream._xmp = [xmp_model.XmpStructure(fields)]
            stream._reserialise()
            stream._encoded_data = None
        except (AttributeError, TypeError, ValueError, xmp_xml.XmpXmlProcessingError):
            # Another pyHanko, or XMP it cannot read: the signature stands, the file may then
            # no longer pass as PDF/A. Not worth refusing to sign for.
            _log.warning("could not bring the XMP metadata in step with the info dictionary", exc_info=True)
            return
        self.update_container(stream)


def _role_label(role: str) -> str:
    return role_label(role)


def check_signable(data: bytes, role: str, *, fingerprint: str = "") -> MinutesMetadata | ReportMetadata:
    """The file's metadata if `role` may sign it now (with the certificate of `fingerprint`); else one clear SigningError.

    Minutes are signed by the chair and the secretary, a Laporan kegiatan Timpora by the head
    of office alone: each kind of file only in its own boxes.
    """
    if role not in ALL_FIELD_NAMES:
        raise SigningError(_("Sign as chair or secretary."))
    metadata: MinutesMetadata | ReportMetadata | None = read_report_metadata(data)
    if metadata is not None:
        if role != HEAD:
            raise SigningError(
                _("This PDF is a Timpora activity report: only the head of office signs it (sign as head).")
            )
    else:
        metadata = read_metadata(data)
        if metadata is None:
            raise SigningError(_("This PDF is not minutes made by Notulen Timpora, so it cannot be signed here."))
        if role == HEAD:
            raise SigningError(
                _("These are meeting minutes: the chair and the secretary sign them, not the head of office.")
            )
        refuse_draft(metadata)
    if role not in metadata.boxes:
        raise SigningError(_("These minutes have no signature box for the {role}.").format(role=_role_label(role)))
    reader = open_pdf(data)
    _check_box(metadata.boxes[role], reader)
    reports = signature_reports(reader, trust_roots=())
    if any(not report.intact for report in reports):
        raise SigningError(
            _("The file was changed after it was signed, so it cannot be signed again; use the signed file as it was.")
        )
    if any(report.field_name == ALL_FIELD_NAMES[role] for report in reports):
        raise SigningError(_("The {role} has already signed this file.").format(role=_role_label(role)))
    for report in reports:
        if fingerprint and report.fingerprint == fingerprint:
            # One person, one key: the two boxes are two people's signatures, not one key's twice.
            raise SigningError(
                _(
                    "This certificate has already signed this file as {role}; each box is signed with "
                    "its own signer's certificate."
                ).format(role=_role_label(report.role) if report.role else report.field_name)
            )
    return metadata


def refuse_draft(metadata: MinutesMetadata) -> None:
    """Minutes printed "DRAF" are never signed nor made "Siap TTE": the meeting must be final first."""
    if metadata.draft:
        raise SigningError(
            _("These minutes were made while the meeting was a draft; make the meeting final, then make the PDF again.")
        )


def _check_box(box: SignatureBox, reader: PdfFileReader) -> None:
    """The metadata is read from an untrusted file: its box must be a real place on a real page."""
    pages = int(reader.root["/Pages"]["/Count"])
    if not (0 <= box.page < pages and box.x1 - box.x0 >= 20 and box.y1 - box.y0 >= 10):
        raise SigningError(_("The signature box recorded in this PDF is not a place on its pages."))


def _sig_fields(reader: PdfFileReader) -> Iterator[tuple[str, bool, Any]]:
    """(name, signed?, reference) of every signature field."""
    for name, value, ref in fields.enumerate_sig_fields(reader):
        yield name, value is not None, ref


def _field_spec(role: str, box: SignatureBox) -> fields.SigFieldSpec:
    # pyHanko annotates the box as whole numbers; a PDF rectangle takes any number, and ours are points.
    box_points = (box.x0, box.y0, box.x1, box.y1)
    return fields.SigFieldSpec(sig_field_name=ALL_FIELD_NAMES[role], on_page=box.page, box=box_points)  # type: ignore[arg-type]


def _reason(metadata: MinutesMetadata | ReportMetadata, role: str) -> str:
    """The signature's /Reason: what the signer puts their name under."""
    if isinstance(metadata, ReportMetadata):
        from app.i18n import plain_date

        return _("Signing the Timpora activity report of {start} to {end} as head of office").format(
            start=plain_date(metadata.start), end=plain_date(metadata.end)
        )
    return _("Signing the meeting minutes as {role}").format(role=_role_label(role))


def signing_now() -> dt.datetime:
    # Whole seconds: the CMS signing time and the drawn time then say exactly the same.
    return dt.datetime.now().astimezone().replace(microsecond=0)


def sign_pdf(
    data: bytes,
    identity: SigningIdentity,
    *,
    role: str,
    details: SignerDetails,
    signed_at: dt.datetime | None = None,
    zone: str | None = None,
    location: str = "",
    timestamp: TimestampSource | None = None,
) -> bytes:
    """The signed file's bytes: `data` plus one incremental update with this signature.

    With `timestamp` (a TSA reached just before): the signature carries its RFC 3161 token and
    a second update holds the validation data of the signer's and the TSA's certificates (/DSS).
    """
    metadata = check_signable(data, role, fingerprint=identity.info.fingerprint)
    box = metadata.boxes[role]
    # The first signature certifies the minutes (DocMDP, "form filling and signing"): every reader
    # that honours it flags any later change but signatures (the other signer's) and archive data.
    reader = open_pdf(data)
    existing = {str(name): filled for name, filled, _ref in _sig_fields(reader)}
    first = not any(existing.values())
    signed_at = signed_at or signing_now()
    appearance = draw_appearance(
        box.x1 - box.x0,
        box.y1 - box.y0,
        details,
        signed_at=signed_at,
        self_issued=identity.info.self_issued,
        office_certificate=identity.info.is_office,
        zone=zone,
    )
    style = StaticStampStyle(
        background=_ImportedAppearance(appearance),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN,
            y_align=layout.AxisAlignment.ALIGN_MIN,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.NO_SCALING,
        ),
    )
    signature_meta = signers.PdfSignatureMetadata(
        field_name=ALL_FIELD_NAMES[role],
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=identity.info.subject_name,  # who signed: the key's holder, whatever box it is
        reason=_reason(metadata, role),
        location=location or None,
        certify=first,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        **_archive_settings(identity, timestamp),
    )
    pdf_signer = _TimedPdfSigner(
        signature_meta,
        signer=identity.pyhanko_signer(),
        stamp_style=style,
        new_field_spec=_field_spec(role, box),
        signing_time=signed_at,
        timestamper=timestamp.timestamper if timestamp is not None else None,
    )
    try:
        writer = ArchivalWriter(io.BytesIO(data), strict=False)
        if first:
            # A certified file may gain no new visible field afterwards (every DocMDP reader flags
            # one): the other signer's empty field is made now, in the certifying revision (and
            # the fields in the order of the boxes, the chair's first, as readers list them).
            for other, other_box in sorted(metadata.boxes.items()):
                if other in ALL_FIELD_NAMES and ALL_FIELD_NAMES[other] not in existing:
                    _check_box(other_box, reader)
                    fields.append_signature_field(writer, _field_spec(other, other_box))
        return pdf_signer.sign_pdf(writer).getvalue()
    except PdfError as exc:  # a structure pyHanko cannot update: the file, not the program
        raise FormatError(_("The PDF file is damaged and cannot be read.")) from exc


def _anchors(certificates: list[asn1_x509.Certificate]) -> list[asn1_x509.Certificate]:
    """The top of each chain among `certificates`: a certificate whose issuer is not among them."""
    subjects = {c.subject.dump() for c in certificates}
    return [c for c in certificates if c.issuer == c.subject or c.issuer.dump() not in subjects]


def _archive_settings(identity: SigningIdentity, timestamp: TimestampSource | None) -> dict:
    """PdfSignatureMetadata's settings for validation data in the /DSS (only with a TSA: online).

    The chains are anchored at their own tops: the data is embedded so that a verifier years
    later has it, not because this signer trusts it (whom to trust is the verifier's trust
    list). Revocation data is fetched where a certificate names a place for it, and its
    absence (a self-issued certificate names none) does not stop the signing.
    """
    if timestamp is None:
        return {}
    from pyhanko_certvalidator import ValidationContext

    from app.signing.certificates import to_asn1

    signer_chain = [to_asn1(identity.certificate), *(to_asn1(c) for c in identity.chain)]
    chains = signer_chain + list(timestamp.certificates)
    context = ValidationContext(
        trust_roots=_anchors(signer_chain) + _anchors(list(timestamp.certificates)),
        other_certs=chains,
        allow_fetching=True,
        revocation_mode="soft-fail",
    )
    usage = signer_chain[0].key_usage_value.native if signer_chain[0].key_usage_value else []
    return {
        "embed_validation_info": True,
        "validation_context": context,
        # The usages the certificate has (of the two a signer may have): CAs differ in which they set.
        "signer_key_usage": {u for u in usage if u in ("digital_signature", "non_repudiation")},
    }


def default_output(source: Path, role: str) -> Path:
    suffix = {"chair": "ttd-pimpinan", "secretary": "ttd-notulis"}[role]
    return source.with_name(f"{source.stem}-{suffix}.pdf")


def check_target(source: Path, target: Path) -> None:
    """The signed copy goes beside the original, never over it: the original can be signed again."""
    if not target.parent.is_dir():
        raise SigningError(_("The folder {folder} does not exist.").format(folder=target.parent))
    if target.resolve() == Path(source).resolve():
        raise SigningError(_("Save the signed file under another name; the original stays as it is."))


def sign_file(
    source: Path,
    identity: SigningIdentity,
    *,
    role: str,
    details: SignerDetails,
    target: Path | None = None,
    zone: str | None = None,
    location: str = "",
) -> SignedFile:
    """Sign `source` into `target` (beside it by default); on any error no file is left."""
    source = Path(source)
    target = Path(target) if target else default_output(source, role)
    check_target(source, target)
    data = read_pdf_bytes(source)
    signed_at = signing_now()
    signed = sign_pdf(data, identity, role=role, details=details, signed_at=signed_at, zone=zone, location=location)
    write_atomically(target, signed)
    metadata = read_metadata(signed)
    assert metadata is not None  # it was there before signing, and signing appends only
    return SignedFile(
        path=target, metadata=metadata, role=role, signed_at=signed_at, file_sha256=hashlib.sha256(signed).hexdigest()
    )


def _boxes_for_tte(data: bytes) -> dict[str, SignatureBox]:
    """The signers' boxes that get a field: the chair's and the secretary's in final minutes, the
    head of office's in a report; minutes printed "DRAF" and foreign PDFs are refused."""
    report = read_report_metadata(data)
    if report is not None:
        if HEAD not in report.boxes:
            raise SigningError(_("This report has no signature box for the head of office."))
        return {HEAD: report.boxes[HEAD]}  # whatever else it claims, a report is the head's alone
    metadata = read_metadata(data)
    if metadata is None:
        raise SigningError(
            _("This PDF is neither minutes nor a report made by Notulen Timpora, so it cannot be prepared here.")
        )
    refuse_draft(metadata)
    return {role: box for role, box in metadata.boxes.items() if role in FIELD_NAMES}


def prepare_for_tte(source: Path, target: Path) -> list[str]:
    """ "Siap TTE": the minutes (or a report) with an empty signature field in each signer's box.

    The government's signing tools then find the fields where the signatures belong. Roles
    that already have a field (signed or not) are left as they are. Returns the roles added.
    """
    source, target = Path(source), Path(target)
    data = read_pdf_bytes(source)
    boxes = _boxes_for_tte(data)
    reader = open_pdf(data)
    if any(not report.intact for report in signature_reports(reader, trust_roots=())):
        raise SigningError(
            _("The file was changed after it was signed, so it cannot be signed again; use the signed file as it was.")
        )
    existing = {name for name, *_rest in fields.enumerate_sig_fields(reader)}
    writer = ArchivalWriter(io.BytesIO(data), strict=False)
    added = []
    for role, box in sorted(boxes.items()):
        if ALL_FIELD_NAMES[role] not in existing:
            _check_box(box, reader)
            fields.append_signature_field(writer, _field_spec(role, box))
            added.append(role)
    if not added:
        raise SigningError(_("Every signer already has a signature field in this file."))
    check_target(source, target)
    buffer = io.BytesIO()
    writer.write(buffer)
    write_atomically(target, buffer.getvalue())
    return added
