"""The document fonts: OFL TTFs shipped in resources/fonts, registered once with reportlab.

Arimo is the Arial twin (the default), Tinos the Times twin (the office's choice). Noto Sans
Symbols2 is a fallback for the symbols people paste (✓ ★ ☎) that neither twin draws. Every face
is embedded (subset) in the PDF; nothing falls back to reportlab's built-in Helvetica.

Every subset gets its own tag. reportlab names the subsets of each font AAAAAA+, AAAAAB+ ... in
every file, so the signature stamps of the chair and the secretary, two different subsets of
Noto Sans, both came out as AAAAAA+NotoSans-Regular in one signed file (ISO 32000 9.6.4 wants a
tag per subset). `TaggedTTFont` derives the tag from a hash of the document (its information
dictionary: title, author, subject and our keys), the font and the characters of the subset:
different subsets get different tags, even two identical ASCII subsets embedded by two stamps,
and the same document rendered twice still gives the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, makeToUnicodeCMap

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


def subset_tag(document: str, face_name: bytes, subset: list[int]) -> str:
    """Six capital letters from a hash of the document, the font's name and the subset's characters."""
    key = b"\0".join((document.encode("utf-8"), face_name, ",".join(map(str, subset)).encode("ascii")))
    digest = hashlib.sha256(key).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(6):
        number, letter = divmod(number, 26)
        letters.append(chr(ord("A") + letter))
    return "".join(letters)


class TaggedTTFont(TTFont):
    """A TrueType font whose embedded subsets carry a tag of their own (see the module's note).

    `addObjects` is reportlab's own (5.x), but for the name: reportlab builds it from the
    subset's number alone.
    """

    def addObjects(self, doc) -> None:
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        document = document_key(doc)
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            face = self.face.name + self.face.subfontNameX
            base_name = subset_tag(document, face, subset) + "+" + face.decode("pdfdoc")

            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal_name
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))

            cmap = pdfdoc.PDFStream()
            cmap.content = makeToUnicodeCMap(base_name, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)

            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]


def document_key(doc) -> str:
    """What tells one document from another before it is written: its information dictionary.

    (Not the creation date: the same minutes rendered twice should be the same bytes.)
    """
    info = doc.info
    fields = [str(getattr(info, name, "")) for name in ("title", "author", "subject", "keywords")]
    extra = getattr(info, "extra", {}) or {}
    return "\n".join(fields + [f"{key}={value}" for key, value in sorted(extra.items())])


def register_ttf(name: str, path: str) -> None:
    """Register (once) a TrueType file under `name`, its subsets tagged uniquely."""
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TaggedTTFont(name, path))


def _register(name: str, filename: str) -> None:
    register_ttf(name, str(resource_path("fonts", filename)))


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
