"""The document fonts: OFL TTFs shipped in resources/fonts, registered once with reportlab.

Arimo is the Arial twin (the default), Tinos the Times twin (the office's choice). Noto Sans
Symbols2 is a fallback for the symbols people paste (✓ ★ ☎) that neither twin draws, Noto Naskh
Arabic and Noto Sans Thai for foreigners' names in those scripts, and a CJK font of the system
(when it has one) for Chinese, Japanese and Korean names. Every face is embedded (subset) in the
PDF; nothing falls back to reportlab's built-in Helvetica.

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
import logging
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, makeToUnicodeCMap

from app.assets import resource_path
from app.models.enums import DocumentFont

_log = logging.getLogger(__name__)

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

    def addObjects(self, doc: Any) -> None:
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


def document_key(doc: Any) -> str:
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


# --- scripts no shipped face draws ---------------------------------------------------------------

#: Shipped (small, OFL): Arabic script and Thai. resources/fonts/<name>.ttf
SHIPPED_FALLBACKS = ("NotoNaskhArabic-Regular", "NotoSansThai-Regular")
#: Chinese, Japanese and Korean take 5 MB or more of font: not shipped, but taken from the
#: system when it has one (file name, face index in a collection). Windows first: every
#: Windows has Microsoft YaHei, Malgun Gothic and MS Gothic. Noto Sans CJK (Debian's
#: fonts-noto-cjk) has PostScript outlines, which reportlab cannot embed, so it is not listed.
SYSTEM_FALLBACKS = (
    ("msyh.ttc", 0),  # Microsoft YaHei: Chinese, kana
    ("malgun.ttf", 0),  # Malgun Gothic: Korean
    ("msgothic.ttc", 0),  # MS Gothic: Japanese
    ("simsun.ttc", 0),  # SimSun
    ("wqy-microhei.ttc", 0),  # WenQuanYi Micro Hei (fonts-wqy-microhei): Chinese, kana, Hangul
    ("DroidSansFallbackFull.ttf", 0),  # Droid Sans Fallback (fonts-droid-fallback): Chinese, kana
)
#: Where SYSTEM_FALLBACKS are looked for.
SYSTEM_FONT_DIRS = (
    Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts",
    Path("/usr/share/fonts/truetype/wqy"),
    Path("/usr/share/fonts/truetype/droid"),
    Path("/usr/share/fonts/truetype"),
    Path("/Library/Fonts"),
)


@dataclass(frozen=True)
class Fallback:
    """A face for characters the document's own faces lack; only the subset used is embedded."""

    name: str
    coverage: frozenset[int]


def _fallback_candidates() -> list[tuple[str, Path, int]]:
    found = [(f"Fallback-{stem}", resource_path("fonts", f"{stem}.ttf"), 0) for stem in SHIPPED_FALLBACKS]
    for filename, index in SYSTEM_FALLBACKS:
        for folder in SYSTEM_FONT_DIRS:
            path = folder / filename
            if path.is_file():
                found.append((f"Fallback-{path.stem}-{index}", path, index))
                break
    return found


@cache
def fallback_fonts() -> tuple[Fallback, ...]:
    """Register (once, when first needed) the fallback faces present, in the order they are tried.

    A system font reportlab cannot read or may not embed (licence flags) is skipped: its
    characters then print as boxes and are reported like any other undrawable character.
    """
    fallbacks = []
    for name, path, index in _fallback_candidates():
        try:
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TaggedTTFont(name, str(path), subfontIndex=index))
        except Exception as exc:  # TTFError and friends: a damaged or restricted font file
            _log.warning("fallback font %s not usable: %s", path, exc)
            continue
        fallbacks.append(Fallback(name=name, coverage=coverage(name)))
    return tuple(fallbacks)
