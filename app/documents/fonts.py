"""The document fonts: OFL TTFs shipped in resources/fonts, registered once with reportlab.

Arimo is the Arial twin (the default), Tinos the Times twin (the office's choice). Noto Sans
Symbols2 is a fallback for the symbols people paste (✓ ★ ☎) that neither twin draws. Every face
is embedded (subset) in the PDF; nothing falls back to reportlab's built-in Helvetica.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.assets import resource_path
from app.models.enums import DocumentFont

#: Files per document font choice: resources/fonts/<stem>-<Face>.ttf
FAMILY_STEMS = {DocumentFont.SANS: "Arimo", DocumentFont.SERIF: "Tinos"}
SYMBOLS_STEM = "NotoSansSymbols2"


@dataclass(frozen=True)
class FontFamily:
    """The reportlab names of one family's four faces."""

    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


def _register(name: str, filename: str) -> None:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))


@cache
def document_family(choice: DocumentFont = DocumentFont.SANS) -> FontFamily:
    """Register (once) and return the family for the office's font choice."""
    stem = FAMILY_STEMS[DocumentFont(choice)]
    family = FontFamily(
        name=stem,
        regular=f"{stem}-Regular",
        bold=f"{stem}-Bold",
        italic=f"{stem}-Italic",
        bold_italic=f"{stem}-BoldItalic",
    )
    for face in (family.regular, family.bold, family.italic, family.bold_italic):
        _register(face, f"{face}.ttf")
    # <b> and <i> inside a Paragraph pick these faces instead of reportlab's Helvetica family.
    pdfmetrics.registerFontFamily(
        stem, normal=family.regular, bold=family.bold, italic=family.italic, boldItalic=family.bold_italic
    )
    for bold, italic, face in (
        (0, 0, family.regular),
        (1, 0, family.bold),
        (0, 1, family.italic),
        (1, 1, family.bold_italic),
    ):
        addMapping(stem, bold, italic, face)
    return family


@cache
def symbols_font() -> str:
    """Register (once) the symbol fallback and return its reportlab name."""
    name = f"{SYMBOLS_STEM}-Regular"
    _register(name, f"{name}.ttf")
    return name


@cache
def coverage(font_name: str) -> frozenset[int]:
    """Code points the registered TTF has a glyph for (its cmap)."""
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)
