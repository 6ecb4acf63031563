"""The visible face of a digital signature, drawn with reportlab to the exact size of its box.

Drawn here instead of by pyHanko's text stamp: that one spaces out the letters of fonts with
2048 units per em and cannot wrap a long jabatan. The result is a one-page PDF that signing
places, unscaled, in the signer's box; the text shrinks until every line fits, never clipped.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color, white
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.assets import resource_path
from app.documents.fonts import register_ttf
from app.i18n import N_, clock, gettext, plain_date
from app.services.validation import format_id_number

REGULAR, BOLD = "TimporaSignSans", "TimporaSignSans-Bold"
PADDING = 4.0
LEADING = 1.2
LARGEST, SMALLEST, STEP = 9.0, 4.5, 0.25
INK = Color(0.1, 0.1, 0.1)
MUTED = Color(0.3, 0.3, 0.3)
FRAME = Color(0.12, 0.31, 0.47)
ZONE_OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9}


@dataclass(frozen=True)
class SignerDetails:
    """Who signs, as the minutes name them: "Ditandatangani secara elektronik oleh: ..."."""

    name: str
    position: str = ""
    id_number: str = ""
    #: The person whose box this is, when someone else signs for them ("a.n.", atas nama).
    on_behalf_of: str = ""


NBSP = "\u00a0"


@dataclass(frozen=True)
class _Line:
    text: str
    font: str
    scale: float
    color: Color
    #: False keeps the line whole (a NIP is never split); it then shrinks to fit instead.
    wrap: bool = True

    def breakable_text(self) -> str:
        """The text with non-breaking spaces where a break would read badly.

        Never between a short word and a number ("PP 71/2019", "No. 6") nor before a time
        zone ("11.15 WITA"), nowhere in a line that must stay whole. They become plain spaces again when drawn, so copied text is clean.
        """
        if not self.wrap:
            return self.text.replace(" ", NBSP)
        words = self.text.split(" ")
        glued = words[:1]
        for previous, word in zip(words, words[1:]):
            number_after_short = len(previous) <= 4 and word[:1].isdigit()
            glue = NBSP if number_after_short or word in ZONE_OFFSETS else " "
            glued.append(glue + word)
        return "".join(glued)


@lru_cache(maxsize=1)
def register_fonts() -> None:
    # Noto Sans has 1000 units per em; it ships with its OFL licence in resources/fonts.
    # (subsets tagged by content: the chair's and the secretary's stamps differ in one file)
    register_ttf(REGULAR, str(resource_path("fonts", "NotoSans-Regular.ttf")))
    register_ttf(BOLD, str(resource_path("fonts", "NotoSans-Bold.ttf")))


def zone_label(when: dt.datetime) -> str:
    hours = (when.utcoffset() or dt.timedelta()).total_seconds() / 3600
    for label, offset in ZONE_OFFSETS.items():
        if hours == offset:
            return label
    if hours == 0:
        return "UTC"
    sign = "+" if hours >= 0 else "-"
    whole, minutes = divmod(abs(int(hours * 60)), 60)
    return f"UTC{sign}{whole:02d}.{minutes:02d}" if minutes else f"UTC{sign}{whole}"


def signing_time_label(when: dt.datetime, *, zone: str | None = None, lang: str = "id") -> str:
    """'21 November 2024 10.15 WIB': in the office's zone if known, else the clock's own."""
    if when.tzinfo is None:
        when = when.astimezone()
    if zone in ZONE_OFFSETS:
        when = when.astimezone(dt.timezone(dt.timedelta(hours=ZONE_OFFSETS[zone])))
    return f"{plain_date(when.date(), lang=lang)} {clock(when.time())} {zone_label(when)}"


def id_number_label(number: str, *, lang: str = "id") -> str:
    digits = number.replace(" ", "")
    if not digits:
        return ""
    label = gettext("NIP", lang=lang) if len(digits) == 18 and digits.isdigit() else gettext("NIP/NRP", lang=lang)
    return f"{label} {format_id_number(digits)}"


def _lines(details: SignerDetails, when_label: str, *, self_issued: bool, office: bool, lang: str) -> list[_Line]:
    lines = [_Line(gettext("Electronically signed by:", lang=lang), REGULAR, 0.85, MUTED)]
    if details.position.strip():
        lines.append(_Line(details.position.strip(), REGULAR, 1.0, INK))
    lines.append(_Line(details.name.strip(), BOLD, 1.05, INK))
    if details.id_number.strip():
        lines.append(_Line(id_number_label(details.id_number, lang=lang), REGULAR, 1.0, INK, wrap=False))
    if details.on_behalf_of.strip():
        lines.append(
            _Line(gettext("on behalf of {name}", lang=lang).format(name=details.on_behalf_of.strip()), BOLD, 0.9, INK)
        )
    lines.append(_Line(gettext("Time: {time}", lang=lang).format(time=when_label), REGULAR, 0.85, MUTED))
    if self_issued:
        label = (
            N_("Self-issued office certificate, not a certified TTE (PP 71/2019)")
            if office
            else N_("Self-issued personal certificate, not a certified TTE (PP 71/2019)")
        )
        lines.append(
            _Line(
                gettext(label, lang=lang),
                REGULAR,
                0.8,
                MUTED,
            )
        )
    return lines


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at plain spaces only (reportlab's simpleSplit breaks at NBSP too)."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and pdfmetrics.stringWidth(candidate, font, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _layout(lines: list[_Line], width: float, height: float) -> tuple[float, list[tuple[_Line, str]]]:
    """The largest size at which every wrapped line fits the box, and the wrapped lines.

    Below SMALLEST the text goes on shrinking rather than overflow: a box too small to read
    is the renderer's to fix, a clipped signature text would be ours.
    """
    size = LARGEST
    while True:
        wrapped = [
            (line, part)
            for line in lines
            for part in _wrap(line.breakable_text(), line.font, size * line.scale, width - 2 * PADDING)
        ]
        needed = sum(size * line.scale * LEADING for line, _part in wrapped)
        widest = max(pdfmetrics.stringWidth(part, line.font, size * line.scale) for line, part in wrapped)
        if (needed <= height - 2 * PADDING and widest <= width - 2 * PADDING) or size <= STEP:
            return size, wrapped
        size -= STEP if size > SMALLEST else STEP / 5


def draw_appearance(
    width: float,
    height: float,
    details: SignerDetails,
    *,
    signed_at: dt.datetime,
    self_issued: bool,
    office_certificate: bool = True,
    zone: str | None = None,
    lang: str = "id",
) -> bytes:
    """A one-page PDF of exactly width × height points showing the signature's details."""
    register_fonts()
    when_label = signing_time_label(signed_at, zone=zone, lang=lang)
    size, wrapped = _layout(
        _lines(details, when_label, self_issued=self_issued, office=office_certificate, lang=lang), width, height
    )
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=REGULAR, initialFontSize=size)
    # Names the stamp (its font subsets' tags derive from it: each stamp's own, app/documents/fonts.py).
    canvas.setTitle(" / ".join(part for _line, part in wrapped) + f" / {width:.2f}x{height:.2f}")
    canvas.setStrokeColor(FRAME)
    canvas.setFillColor(white)
    canvas.setLineWidth(0.75)
    # Opaque: a scanned signature the renderer may have put in the same box must not show
    # through the text and make both unreadable.
    canvas.roundRect(0.5, 0.5, width - 1, height - 1, 3, stroke=1, fill=1)
    block = sum(size * line.scale * LEADING for line, _part in wrapped)
    # Centre the block vertically: a short block in a tall box reads as one stamp.
    y = height - (height - block) / 2
    for line, part in wrapped:
        font_size = size * line.scale
        y -= font_size * LEADING
        canvas.setFillColor(line.color)
        canvas.setFont(line.font, font_size)
        canvas.drawString(PADDING, y + font_size * (LEADING - 1) / 2 + font_size * 0.2, part.replace(NBSP, " "))
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
