"""A reportlab Paragraph that never draws past its width, and breaks its lines once per width.

Nothing off the page: reportlab breaks a word too long for a line (splitLongWords), but not
a URL or an e-mail address: it cuts those once at a slash, and whatever is left after the cut
is drawn whole, past the cell and the page edge. So before reportlab sees the text, every
token (a run without spaces) wider than the narrowest line is cut into pieces that each fit a
line: after "/" or "-", before "." "@" or "_", and, failing those, anywhere, with a hyphen
where a word is split between two letters. Each piece is the longest that fits, so two pieces
never share a line and reportlab has nothing left to cut.

Once per width: a table asks each cell's paragraph for its size when it measures rows, again
when it splits at a page end, and again when it draws: three identical line breakings per
cell. In a daftar hadir of 150 people that is most of the export's time; remembering the last
result removes a third of it, with the very same output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import Paragraph, _processed_frags, _wsc

_FUZZ = 1e-6
#: A token may be cut after these (the slash of a path, the hyphen of a compound) ...
BREAK_AFTER = frozenset("/-")
#: ... or before these (the dot of a host name, the @ of an address, the _ of a file name).
BREAK_BEFORE = frozenset(".@_")
#: A cut at a break character is taken when its line is at least this full; else a hard cut.
MIN_FILL = 0.5
#: A run of characters reportlab does not break at (its own list of white space).
_WORD = re.compile(f"[^{re.escape(_wsc)}]+")
_SPACES = frozenset(_wsc)


class Para(Paragraph):
    """Paragraph whose tokens fit its lines, with its last wrap remembered (keyed by width)."""

    def __init__(self, text: str, style: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        #: the frags as parsed, before any cutting for a width (reportlab replaces self.frags)
        self._parsed = self.frags

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self.__dict__.get("_wrap_memo")
        if memo is not None and memo[0] == availWidth:
            # reportlab drops blPara after drawing or measuring; put the remembered one back.
            _, self.width, self.height, self.blPara, self._wrapWidths, self.frags = memo
            return self.width, self.height
        if availWidth >= _FUZZ:
            style = self.style
            line = availWidth - style.leftIndent - style.rightIndent - max(0.0, style.firstLineIndent)
            self.frags = fitted_frags(self._parsed, line)
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _FUZZ:
            memo = (availWidth, self.width, self.height, self.blPara, self._wrapWidths, self.frags)
            self._wrap_memo = memo
        return size


def fitted_frags(frags: list, width: float) -> list:
    """The frags with spaces (and hyphens) cut into every token wider than `width`.

    Frags already broken into lines by reportlab (the parts of a split paragraph) are left as
    they are: they were cut for this width before.
    """
    if not frags or width <= 0 or _processed_frags(frags) or not all(hasattr(f, "text") for f in frags):
        return frags
    if sum(_frag_width(f, f.text) for f in frags) <= width:
        return frags  # the whole paragraph fits one line: nothing can be too wide
    cuts: dict[int, dict[int, str]] = {}
    for token in _wide_tokens(frags, width):
        for frag_index, char_index, text in _cut(frags, token, width):
            cuts.setdefault(frag_index, {})[char_index] = text
    if not cuts:
        return frags
    out = []
    for index, frag in enumerate(frags):
        inserts = cuts.get(index)
        if not inserts:
            out.append(frag)
            continue
        text = "".join(char + inserts.get(i, "") for i, char in enumerate(frag.text))
        out.append(frag.clone(text=text))
    return out


def _frag_width(frag: Any, text: str) -> float:
    return stringWidth(text, frag.fontName, frag.fontSize) if text else 0.0


def _tokens(frags: list) -> Iterator[tuple[list[tuple[int, int, int]], float]]:
    """Runs of non-space characters: ([(frag index, start, end), ...], width of the run).

    Measured a word at a time (one stringWidth per word, not per character: a long discussion
    costs little). A run may continue from one frag into the next (a symbol inside a word);
    a line break or an inline image ends it.
    """
    run: list[tuple[int, int, int]] = []  # (frag index, start, end) of the run being read
    run_width = 0.0
    for index, frag in enumerate(frags):
        if getattr(frag, "lineBreak", False) or getattr(frag, "cbDefn", None) is not None:
            yield run, run_width
            run, run_width = [], 0.0
            continue
        text = frag.text
        for match in _WORD.finditer(text):
            if match.start() > 0:  # a space before this word: the run before it is whole
                yield run, run_width
                run, run_width = [], 0.0
            run.append((index, match.start(), match.end()))
            run_width += stringWidth(match.group(), frag.fontName, frag.fontSize)
        if text and text[-1] in _SPACES:
            yield run, run_width
            run, run_width = [], 0.0
    yield run, run_width


def _wide_tokens(frags: list, width: float) -> Iterator[list[tuple[int, int, str, float]]]:
    """The runs wider than `width`, taken apart: lists of (frag index, char index, char, width)."""
    for run, run_width in _tokens(frags):
        if run and run_width > width:
            yield [
                (index, position, frags[index].text[position], _char_width(frags[index], position))
                for index, start, end in run
                for position in range(start, end)
            ]


def _char_width(frag: Any, position: int) -> float:
    return stringWidth(frag.text[position], frag.fontName, frag.fontSize)


def _is_letter(char: str) -> bool:
    """A letter of an alphabet that hyphenates (not a CJK ideograph, which breaks anywhere)."""
    return char.isalpha() and ord(char) < 0x2E80


def _cut(frags: list, token: list[tuple[int, int, str, float]], width: float) -> Iterator[tuple[int, int, str]]:
    """Where to cut one too-wide token: (frag index, char index, text to insert after the char)."""
    limit = width - 0.01
    start = 0
    total = len(token)
    while start < total:
        used = 0.0
        end = start
        while end < total and used + token[end][3] <= limit:
            used += token[end][3]
            end += 1
        if end >= total:
            return
        end = max(end, start + 1)  # a single character wider than the line goes alone
        soft = _soft_cut(token, start, end, limit)
        if soft is not None:
            yield token[soft - 1][0], token[soft - 1][1], " "
            start = soft
            continue
        cut, hyphen = _hard_cut(frags, token, start, end, limit)
        yield token[cut - 1][0], token[cut - 1][1], ("-" if hyphen else "") + " "
        start = cut


def _soft_cut(token: list[tuple[int, int, str, float]], start: int, end: int, limit: float) -> int | None:
    """The last cut at a break character in token[start:end] leaving a line MIN_FILL full."""
    used = sum(w for *_rest, w in token[start:end])
    for cut in range(end, start, -1):
        before, after = token[cut - 1][2], token[cut][2] if cut < len(token) else ""
        if cut < end:
            used -= token[cut][3]
        if used < MIN_FILL * limit:
            return None
        if before in BREAK_AFTER or after in BREAK_BEFORE:
            return cut
    return None


def _hard_cut(
    frags: list, token: list[tuple[int, int, str, float]], start: int, end: int, limit: float
) -> tuple[int, bool]:
    """Cut anywhere: between two letters it takes a hyphen, which must fit on the line too."""
    cut = end
    while cut > start + 1:
        before, after = token[cut - 1][2], token[cut][2]
        if not (_is_letter(before) and _is_letter(after)):
            return cut, False
        frag = frags[token[cut - 1][0]]
        used = sum(w for *_rest, w in token[start:cut])
        if used + stringWidth("-", frag.fontName, frag.fontSize) <= limit:
            return cut, True
        cut -= 1
    return cut, False
