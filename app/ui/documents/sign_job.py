"""Signing from the window, on the worker: make the minutes if needed, sign, register, verify.

The passphrase lives only in the request while the job runs; it is never written anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import Store
from app.i18n import _
from app.ui.documents.export_job import ExportKind, suggested_name
from app.ui.ops import Job

if TYPE_CHECKING:
    from app.signing.verification import VerificationReport

#: File-name words per signer, as `timpora sign` names its output.
ROLE_WORDS = {"chair": "pimpinan", "secretary": "notulis"}
_SIGNED_STEM = re.compile(r"^(?P<base>.*?)-ttd(?P<words>(?:-(?:pimpinan|notulis))+)$")


@dataclass(frozen=True)
class SignRequest:
    meeting_id: int
    role: str
    p12: Path
    passphrase: str = field(repr=False)
    #: The PDF to sign; None: the minutes of the current revision are made now.
    source: Path | None
    #: Where new files go (the minutes made now, and the signed copy).
    folder: Path
    #: Sign with a certificate that is not the box's person's, openly on their behalf ("a.n.").
    on_behalf: bool = False


@dataclass(frozen=True)
class SignResult:
    source: Path
    path: Path
    recorded: bool
    revision: int
    certificate_name: str
    certificate_kind: str
    report: VerificationReport  # imported lazily, with pyHanko
    zone: str


def signed_name(source: Path, role: str) -> str:
    """ "Notulen ….pdf" → "Notulen …-ttd-pimpinan.pdf" → "Notulen …-ttd-pimpinan-notulis.pdf"."""
    match = _SIGNED_STEM.match(source.stem)
    base, words = (match["base"], match["words"].strip("-").split("-")) if match else (source.stem, [])
    if ROLE_WORDS[role] not in words:
        words.append(ROLE_WORDS[role])
    return f"{base}-ttd-{'-'.join(words)}.pdf"


def run_sign(store: Store, request: SignRequest, job: Job) -> SignResult:
    """On the worker. A wrong passphrase or certificate is refused before any file is made."""
    from app.services.office import get_office
    from app.signing.minutes import sign_minutes
    from app.signing.verification import verify
    from app.ui.key_loader import open_identity

    job.report(5, _("Opening the certificate…"))
    identity = open_identity(request.p12, request.passphrase)
    source = request.source
    if source is None:
        from app.services.revisions import finalize_meeting

        # What is signed is final: finalizing freezes the record and prints it without "DRAF".
        # Its own short unit of work: the store is not held for writing while the PDF renders.
        with store.session() as session:
            finalize_meeting(session, request.meeting_id)
    with store.session() as session:
        zone = get_office(session).time_zone.value
        if source is None:
            from app.documents.exports import export_minutes
            from app.services.meetings import get_meeting

            job.report(20, _("Making the minutes PDF…"))
            meeting = get_meeting(session, request.meeting_id)
            name = suggested_name(
                title=meeting.title, date=meeting.date, revision=meeting.revision, kind=ExportKind.MINUTES
            )
            source = export_minutes(session, request.meeting_id, request.folder / name).path
    job.report(45, _("Signing…"))
    target = request.folder / signed_name(source, request.role)
    outcome = sign_minutes(
        source,
        p12=request.p12,
        passphrase=request.passphrase,
        role=request.role,
        target=target,
        db=store.location,
        identity=identity,
        on_behalf=request.on_behalf,
    )
    job.report(85, _("Checking the signature…"))
    from app.signing.trust import trust_folder, trusted_cas

    roots = [cert for _ca, cert in trusted_cas(trust_folder(store.path))]
    with store.session() as session:
        report = verify(outcome.signed.path, session=session, trust_roots=roots)
    return SignResult(
        source=source,
        path=outcome.signed.path,
        recorded=outcome.recorded,
        revision=outcome.signed.metadata.revision,
        certificate_name=identity.info.subject_name,
        certificate_kind=identity.info.kind_label,
        report=report,
        zone=zone,
    )


def create_certificate(office_name: str, passphrase: str, target: Path, job: Job, *, person=None):
    """On the worker: a new RSA key takes a moment. Returns the CertificateInfo.

    With `person` (a BoxPerson of the directory): their personal certificate, the service
    `timpora certificate create --person` uses; else the office's.
    """
    from app.signing.certificates import create_office_certificate, create_personal_certificate

    job.report(10, _("Making the key…"))
    if person is not None:
        return create_personal_certificate(
            person.name, person.id_number, person.position, office_name, passphrase, target
        )
    return create_office_certificate(office_name, passphrase, target)
