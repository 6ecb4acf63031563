"""User text to Paragraph markup: escaped, other scripts in a fallback font, undrawable characters noted.

reportlab's Paragraph reads its text as XML-ish markup, so a name like "<b>Müller & Co" or a note
ending in "</para>" would be taken as tags. Everything a user typed goes through `Markup`.
A character the document's faces lack is drawn in a fallback face (symbols, Arabic script,
Thai, and Chinese, Japanese and Korean when the system has a CJK font: app/documents/fonts.py),
so a finding can print "王伟 (WANG WEI)". reportlab neither joins Arabic letters nor lays them
right to left: a run of Arabic script is joined (arabic-reshaper: the letters' presentation
forms) and reversed here, as a name inside an Indonesian line reads. A character no face can
draw (most emoji; CJK on a system without a CJK font) would vanish from the page without a
trace; it prints as a visible box instead, and it is recorded so the export can say which ones.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper

from app.documents.fonts import FontFamily, coverage, fallback_fonts, symbols_font

#: Printable ASCII needs no per-character look at all: every face has it.
_PLAIN = re.compile(r"[ -~]*")
#: Printed where a character cannot be drawn: U+25A1 WHITE SQUARE, in every shipped face.
MISSING_MARK = "\u25a1"
#: Letters of the Arabic script (Arabic, Persian, Urdu ...) and their presentation forms.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
#: A run of Arabic words: letters, with spaces between them but not around them.
_ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[ \u00a0]+[{_ARABIC}]+)*")


def visual_arabic(text: str) -> str:
    """Each run of Arabic script joined into its presentation forms and put in drawing order.

    Inside a left-to-right line an Arabic name is laid right to left as a whole: its words in
    reverse order, each word's letters too. (Digits inside an Arabic run are rare in a name and
    would come out reversed.)
    """
    return _ARABIC_RUN.sub(lambda run: arabic_reshaper.reshape(run.group(0))[::-1], text)


class Markup:
    """Callable turning plain text into safe Paragraph markup for one font family."""

    def __init__(self, family: FontFamily) -> None:
        self._main = coverage(family.regular) & coverage(family.bold)
        self._symbols_name = symbols_font()
        self._symbols = coverage(self._symbols_name)
        #: character -> first text it was seen in (for a useful message), in order of discovery
        self.missing: dict[str, str] = {}

    def __call__(self, text: str | None) -> str:
        """One paragraph's markup; a line break inside it becomes <br/>."""
        if not text:
            return ""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        if _PLAIN.fullmatch(text.replace("\n", " ")):
            return escape(text).replace("\n", "<br/>")
        return self._careful(visual_arabic(unicodedata.normalize("NFC", text)))

    def paragraphs(self, text: str | None) -> list[str]:
        """Markup of each line of a longer text, one Paragraph each.

        Every line is its own paragraph rather than a <br/> inside one: reportlab starts the
        part of a paragraph it carries to the next page (or into a split table row) with an
        empty line when the split falls on a <br/>.
        """
        if not text or not text.strip():
            return []
        return [self(line.strip()) for line in text.replace("\r", "\n").split("\n") if line.strip()]

    def check(self, text: str | None) -> None:
        """Note undrawable characters of text drawn straight on the canvas (not via Paragraph)."""
        self(text)

    def _careful(self, text: str) -> str:
        out: list[str] = []
        face: str | None = None  # the fallback face of the run being written, if any
        for char in text:
            code = ord(char)
            if char == "\n":
                piece, wanted = "<br/>", None
            elif unicodedata.category(char) in ("Cc", "Cf"):
                # Control and format characters (NUL, zero-width joiner, bidi marks) carry no ink
                # of their own: leaving them out loses nothing.
                continue
            elif code in self._main:
                piece, wanted = escape(char), None
            elif 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF:
                continue  # variation selectors and skin tones: colour-emoji hints, no glyph of their own
            elif code in self._symbols:
                piece, wanted = escape(char), self._symbols_name
            elif (fallback := self._fallback(code)) is not None:
                piece, wanted = escape(char), fallback
            else:
                # The fonts would draw nothing at all here (their .notdef glyph is blank): print a
                # visible box instead, so the gap shows on paper, and report the character.
                self._note(char, text)
                piece, wanted = MISSING_MARK, None
            if wanted != face:
                # one <font> per run of a fallback face, not per character: fewer pieces to lay out
                out.append(("</font>" if face else "") + (f'<font name="{wanted}">' if wanted else ""))
                face = wanted
            out.append(piece)
        if face:
            out.append("</font>")
        return "".join(out)

    @staticmethod
    def _fallback(code: int) -> str | None:
        """The first fallback face that draws this character (loaded only when first needed)."""
        for face in fallback_fonts():
            if code in face.coverage:
                return face.name
        return None

    def _note(self, char: str, text: str) -> None:
        if char not in self.missing:
            self.missing[char] = text if len(text) <= 60 else text[:57] + "..."


def describe(char: str) -> str:
    """'中 (U+4E2D)': how a missing character is named in a warning."""
    return f"{char} (U+{ord(char):04X})"
