"""What a minutes (or report) PDF says about itself: meeting, revision, content hash, signature boxes.

Written into the PDF's document information dictionary as extra keys when it is rendered, so
`timpora sign` and `timpora verify` can work on a file alone, without the store.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFInfo, PDFString

KEY_MEETING = "TimporaMeeting"
KEY_REVISION = "TimporaRevision"
KEY_CONTENT = "TimporaContentSHA256"
KEY_BOXES = "TimporaSignatureBoxes"
#: Present ("1") only on minutes of a meeting that was not final: signing refuses them.
KEY_DRAFT = "TimporaDraft"
#: On a Laporan kegiatan Timpora instead of KEY_MEETING: its period, "YYYY-MM-DD/YYYY-MM-DD".
KEY_REPORT = "TimporaReportPeriod"
#: The head of office the report prints under its box: {"name", "position", "id_number"}.
KEY_HEAD = "TimporaHead"


@dataclass(frozen=True)
class SignatureBox:
    """Where a signer's signature goes: 0-based page, rectangle in PDF points (origin bottom left)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def as_list(self) -> list[float]:
        return [self.page, round(self.x0, 2), round(self.y0, 2), round(self.x1, 2), round(self.y1, 2)]


@dataclass(frozen=True)
class MinutesMetadata:
    meeting_uuid: str
    revision: int
    content_sha256: str
    #: keyed by SignerRole value: "chair", "secretary"
    boxes: dict[str, SignatureBox] = field(default_factory=dict)
    #: made while the meeting was a draft: "DRAF" on every page, not to be signed
    draft: bool = False


class _MinutesInfo(PDFInfo):
    """reportlab's info dictionary plus our keys."""

    extra: dict[str, str] = {}

    def format(self, document: Any) -> bytes:
        formatted = super().format(document)
        # super() returns bytes of a finished dictionary; rebuild it with the extra keys.
        return (
            formatted[:-2]
            + b"".join(
                b"/" + key.encode("ascii") + b" " + PDFString(value).format(document) + b"\n"
                for key, value in self.extra.items()
            )
            + formatted[-2:]
        )


@dataclass(frozen=True)
class ReportMetadata:
    """What a Laporan kegiatan Timpora says about itself: its period and the head's box."""

    start: dt.date
    end: dt.date
    #: keyed "head"
    boxes: dict[str, SignatureBox] = field(default_factory=dict)
    #: the head of office printed under the box: name, position, id_number ("" when none)
    head: dict[str, str] = field(default_factory=dict)


def _stamp_keys(canvas: Any, extra: dict[str, str]) -> None:
    old = canvas._doc.info
    info = _MinutesInfo()
    info.__dict__.update(old.__dict__)
    info.extra = extra
    canvas._doc.info = info


def _boxes_json(boxes: dict[str, SignatureBox]) -> str:
    return json.dumps({role: box.as_list() for role, box in boxes.items()}, sort_keys=True)


def stamp(canvas: Any, metadata: MinutesMetadata) -> None:
    """Attach the metadata to a reportlab canvas before it is saved."""
    extra = {
        KEY_MEETING: metadata.meeting_uuid,
        KEY_REVISION: str(metadata.revision),
        KEY_CONTENT: metadata.content_sha256,
        KEY_BOXES: _boxes_json(metadata.boxes),
    }
    if metadata.draft:
        extra[KEY_DRAFT] = "1"
    _stamp_keys(canvas, extra)


def stamp_report(canvas: Any, metadata: ReportMetadata) -> None:
    """Attach a report's metadata to a reportlab canvas before it is saved (signing reads it)."""
    _stamp_keys(
        canvas,
        {
            KEY_REPORT: f"{metadata.start.isoformat()}/{metadata.end.isoformat()}",
            KEY_BOXES: _boxes_json(metadata.boxes),
            KEY_HEAD: json.dumps(metadata.head, sort_keys=True),
        },
    )


def _boxes(info: Any) -> dict[str, SignatureBox]:
    boxes_raw = json.loads(str(info.get("/" + KEY_BOXES, "{}")))
    return {role: SignatureBox(int(v[0]), *map(float, v[1:5])) for role, v in boxes_raw.items()}


def _info(data: bytes) -> Any:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    info = reader.trailer_view.get("/Info")
    return None if info is None else info.get_object()


def read_report_metadata(pdf: bytes | Path) -> ReportMetadata | None:
    """The metadata of a report PDF, or None if it is not a report of ours."""
    data = Path(pdf).read_bytes() if isinstance(pdf, Path) else pdf
    try:
        info = _info(data)
        if info is None or info.get("/" + KEY_REPORT) is None or info.get("/" + KEY_MEETING) is not None:
            return None
        start, end = str(info["/" + KEY_REPORT]).split("/")
        head = json.loads(str(info.get("/" + KEY_HEAD, "{}")))
        return ReportMetadata(
            start=dt.date.fromisoformat(start),
            end=dt.date.fromisoformat(end),
            boxes=_boxes(info),
            head={str(k): str(v) for k, v in head.items()},
        )
    except Exception:  # a damaged or foreign PDF simply has no metadata we can trust
        return None


def read_metadata(pdf: bytes | Path) -> MinutesMetadata | None:
    """The metadata of a minutes PDF, or None if it is not one of ours."""
    data = Path(pdf).read_bytes() if isinstance(pdf, Path) else pdf
    try:
        info = _info(data)
        if info is None:
            return None
        meeting = info.get("/" + KEY_MEETING)
        if meeting is None:
            return None
        boxes = _boxes(info)
        return MinutesMetadata(
            meeting_uuid=str(meeting),
            revision=int(str(info.get("/" + KEY_REVISION, "1"))),
            content_sha256=str(info.get("/" + KEY_CONTENT, "")),
            boxes=boxes,
            draft=str(info.get("/" + KEY_DRAFT, "")) == "1",
        )
    except Exception:  # a damaged or foreign PDF simply has no metadata we can trust
        return None
