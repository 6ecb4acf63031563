"""The register of rendered copies: every minutes PDF this store wrote, by its SHA-256.

A verification code (and the QR code that carries it) names a revision of a meeting; anyone can
copy it onto other content, and the metadata of a PDF can copy the genuine content hash too.
What cannot be copied is the file itself: the store registers each PDF it renders and each it
signs, and a signed file begins with the bytes it was signed from (signatures are incremental
updates). So a file is a genuine copy when one of its revisions, cut at its end-of-file marker,
is a file in this register.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import RenderedCopy, SignedDocument

#: The end of a revision: "%%EOF" and the end of its line.
_EOF = re.compile(rb"%%EOF[ \t]*(\r\n|\r|\n)?")
#: More revisions than any signed minutes have (render, Siap TTE, two signatures, their /DSS).
MAX_REVISIONS = 16


@dataclass(frozen=True)
class GenuineCopy:
    """The registered file a PDF is, or was made from by later signatures."""

    meeting_id: int
    revision: int
    kind: str  # "rendered" or "signed"
    rendered_at: dt.datetime
    #: The PDF is exactly this registered file (not a later signed update of it).
    exact: bool


def register_render(
    session: Session,
    meeting_id: int,
    *,
    revision: int,
    content_sha256: str,
    data: bytes,
    pages: int,
    filename: str,
    kind: str = "rendered",
) -> RenderedCopy:
    """Register a PDF the store wrote (flush; the caller commits)."""
    copy = RenderedCopy(
        meeting_id=meeting_id,
        revision=revision,
        content_sha256=content_sha256,
        file_sha256=hashlib.sha256(data).hexdigest(),
        kind=kind,
        pages=pages,
        filename=filename[:255],
    )
    session.add(copy)
    session.flush()
    return copy


def revision_prefixes(data: bytes) -> list[bytes]:
    """SHA-256 of the file cut after each of its end-of-file markers, the whole file last."""
    ends = [m.end() for m in _EOF.finditer(data)][-MAX_REVISIONS:]
    if len(data) not in ends:
        ends.append(len(data))
    return [hashlib.sha256(data[:end]).digest() for end in ends]


def genuine_copy(session: Session, data: bytes) -> GenuineCopy | None:
    """The registered file this PDF is, or begins with (its newest such revision); None if none."""
    digests = [d.hex() for d in revision_prefixes(data)]
    whole = digests[-1]
    rows = [
        (copy.file_sha256, GenuineCopy(copy.meeting_id, copy.revision, copy.kind, copy.rendered_at, False))
        for copy in session.scalars(select(RenderedCopy).where(RenderedCopy.file_sha256.in_(digests)))
    ]
    rows += [
        (signed.file_sha256, GenuineCopy(signed.meeting_id, signed.revision, "signed", signed.signed_at, False))
        for signed in session.scalars(select(SignedDocument).where(SignedDocument.file_sha256.in_(digests)))
    ]
    if not rows:
        return None
    digest, copy = max(rows, key=lambda row: digests.index(row[0]))
    return GenuineCopy(copy.meeting_id, copy.revision, copy.kind, copy.rendered_at, digest == whole)


def renders_of(session: Session, meeting_id: int, revision: int) -> list[RenderedCopy]:
    """The registered copies of one revision, oldest first."""
    return list(
        session.scalars(
            select(RenderedCopy)
            .where(RenderedCopy.meeting_id == meeting_id, RenderedCopy.revision == revision)
            .order_by(RenderedCopy.rendered_at, RenderedCopy.id)
        )
    )
