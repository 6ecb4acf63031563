"""User text to Paragraph markup: escaped, symbols in the fallback font, undrawable characters noted.

reportlab's Paragraph reads its text as XML-ish markup, so a name like "<b>Müller & Co" or a note
ending in "</para>" would be taken as tags. Everything a user typed goes through `Markup`.
A character none of the shipped fonts can draw (Chinese, Arabic, most emoji) would vanish from
the page without a trace; it prints as a visible box instead, and it is recorded so the export
can say which ones.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from app.documents.fonts import FontFamily, coverage, symbols_font

#: Printable ASCII needs no per-character look at all: every face has it.
_PLAIN = re.compile(r"[ -~]*")
#: Printed where a character cannot be drawn: U+25A1 WHITE SQUARE, in every shipped face.
MISSING_MARK = "\u25a1"


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
        return self._careful(unicodedata.normalize("NFC", text))

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
        for char in text:
            code = ord(char)
            if char == "\n":
                out.append("<br/>")
            elif unicodedata.category(char) in ("Cc", "Cf"):
                # Control and format characters (NUL, zero-width joiner, bidi marks) carry no ink
                # of their own: leaving them out loses nothing.
                continue
            elif code in self._main:
                out.append(escape(char))
            elif 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF:
                continue  # variation selectors and skin tones: colour-emoji hints, no glyph of their own
            elif code in self._symbols:
                out.append(f'<font name="{self._symbols_name}">{escape(char)}</font>')
            else:
                # The fonts would draw nothing at all here (their .notdef glyph is blank): print a
                # visible box instead, so the gap shows on paper, and report the character.
                self._note(char, text)
                out.append(MISSING_MARK)
        return "".join(out)

    def _note(self, char: str, text: str) -> None:
        if char not in self.missing:
            self.missing[char] = text if len(text) <= 60 else text[:57] + "..."


def describe(char: str) -> str:
    """'中 (U+4E2D)': how a missing character is named in a warning."""
    return f"{char} (U+{ord(char):04X})"
