"""Signing a report from the window, on the worker: make the report if needed, sign as head, verify.

A report belongs to no meeting: no meeting is finalized or locked, and no register entry is
made (the register proves a meeting's revision; a report is proved by its own signature). The
passphrase lives only in the request while the job runs. Nothing already in the folder is
written over: a name in use gets a number, "… (2).pdf".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.db import Store
from app.i18n import _
from app.ui.ops import Job

if TYPE_CHECKING:
    from app.signing.verification import VerificationReport

#: The words `timpora sign --as head` adds to the name of the signed copy.
SIGNED_WORDS = "ttd-kepala"


@dataclass(frozen=True)
class ReportSignRequest:
    start: dt.date
    end: dt.date
    p12: Path
    passphrase: str = field(repr=False)
    #: The report PDF to sign; None: the report of the period is made now.
    source: Path | None
    #: Where new files go (the report made now, and the signed copy).
    folder: Path
    #: The date printed on the signature line of a report made now.
    issued: dt.date
    #: Sign with a certificate that is not the head's own, openly on their behalf ("a.n.").
    on_behalf: bool = False


@dataclass(frozen=True)
class ReportSignResult:
    source: Path
    path: Path
    start: dt.date
    end: dt.date
    certificate_name: str
    certificate_kind: str
    report: VerificationReport  # imported lazily, with pyHanko
    zone: str
    #: Why the signature has no RFC 3161 timestamp ("" when it has one).
    timestamp_missing: str


def report_stem(start: dt.date, end: dt.date) -> str:
    """The name the page's export suggests, without ".pdf"."""
    return f"laporan-timpora-{start.isoformat()}-{end.isoformat()}"


def run_report_sign(store: Store, request: ReportSignRequest, job: Job) -> ReportSignResult:
    """On the worker. A wrong passphrase or certificate is refused before any file is made."""
    import tempfile

    from app.services.files import write_new_file
    from app.services.office import get_office
    from app.signing.report import sign_report
    from app.signing.trust import trust_folder, trusted_cas
    from app.signing.verification import verify
    from app.ui.key_loader import open_identity

    job.report(5, _("Opening the certificate…"))
    identity = open_identity(request.p12, request.passphrase)
    with store.session() as session:
        zone = get_office(session).time_zone.value
    # Made and signed in a private folder first; each file then takes a free name in the folder
    # only when whole, so a failure leaves nothing half-written there.
    with tempfile.TemporaryDirectory(prefix="timpora-") as scratch:
        source = request.source
        if source is None:
            from app.documents.report_exports import export_report

            job.report(20, _("Making the report PDF…"))
            stem = report_stem(request.start, request.end)
            with store.session() as session:
                made = export_report(
                    session, request.start, request.end, Path(scratch) / f"{stem}.pdf", issued=request.issued
                )
            source = write_new_file(request.folder, stem, ".pdf", made.path.read_bytes())
        job.report(50, _("Signing…"))
        signed = sign_report(
            source,
            p12=request.p12,
            passphrase=request.passphrase,
            target=Path(scratch) / "signed.pdf",
            db=store.location,
            on_behalf=request.on_behalf,
            identity=identity,
        )
        signed_path = write_new_file(request.folder, f"{source.stem}-{SIGNED_WORDS}", ".pdf", signed.path.read_bytes())
    job.report(85, _("Checking the signature…"))
    roots = [cert for _ca, cert in trusted_cas(trust_folder(store.path))]
    report = verify(signed_path, trust_roots=roots)  # a report has no record in the store to compare
    return ReportSignResult(
        source=source,
        path=signed_path,
        start=signed.metadata.start,
        end=signed.metadata.end,
        certificate_name=identity.info.subject_name,
        certificate_kind=identity.info.kind_label,
        report=report,
        zone=zone,
        timestamp_missing=signed.timestamp_missing,
    )
