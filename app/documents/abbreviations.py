"""Abbreviations spelled out at their first use in the minutes' running text (PUEBI, TND).

"Polres Lubuklinggau" first reads "Kepolisian Resor Lubuklinggau (Polres Lubuklinggau)", then
"Polres Lubuklinggau" ever after. The long forms come from the directory (an agency's name as
of the meeting's date beside its short name) and from a short list of the abbreviations every
Timpora document uses. A text that already gives the long form before the abbreviation in
brackets ("Tim Pengawasan Orang Asing (TIMPORA)") counts as its first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: (abbreviations that mean the same, long form): the words of Timpora minutes.
GLOSSARY: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Tim PORA", "TIMPORA", "Timpora", "Tim Pora"), "Tim Pengawasan Orang Asing"),
    (("TKA",), "tenaga kerja asing"),
    (("WNA",), "warga negara asing"),
    (("Kanwil",), "Kantor Wilayah"),
    (("Kanim",), "Kantor Imigrasi"),
    (("Polres",), "Kepolisian Resor"),
    (("Kodim",), "Komando Distrik Militer"),
    (("Kesbangpol",), "Badan Kesatuan Bangsa dan Politik"),
    (("Binda",), "Badan Intelijen Negara Daerah"),
    (("BIN",), "Badan Intelijen Negara"),
    (("Polri",), "Kepolisian Negara Republik Indonesia"),
    (("TNI",), "Tentara Nasional Indonesia"),
    (("Disnaker",), "Dinas Tenaga Kerja"),
    (("Kemenag",), "Kementerian Agama"),
    (("Forkopimda",), "Forum Koordinasi Pimpinan Daerah"),
    (("Pilkada",), "pemilihan kepala daerah"),
)


class Abbreviations:
    """Remembers which abbreviations the document has spelled out; `spell_out` in reading order."""

    def __init__(self, agencies: Iterable[tuple[str, str]] = ()) -> None:
        #: abbreviation -> (its group, long form); a group is spelled out once for all its members
        self._long: dict[str, tuple[int, str]] = {}
        for group, (shorts, long) in enumerate(GLOSSARY):
            for short in shorts:
                self._long[short] = (group, long)
        offset = len(GLOSSARY)
        for n, (name, short) in enumerate(agencies):
            short, name = short.strip(), name.strip()
            if short and name and short.lower() not in name.lower():
                self._long.setdefault(short, (offset + n, name))
        self._used: set[int] = set()
        # longest first, so "Polres Lubuklinggau" wins over "Polres"
        words = sorted(self._long, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w.])(" + "|".join(re.escape(w) for w in words) + r")(?![\w])") if words else None
        )

    def spell_out(self, text: str) -> str:
        """The text with each abbreviation not yet spelled out in this document written
        "long form (abbreviation)" at its first occurrence."""
        if not text or self._pattern is None:
            return text
        out, last = [], 0
        for match in self._pattern.finditer(text):
            short = match.group(1)
            group, long = self._long[short]
            before = text[: match.start()]
            if group in self._used:
                continue
            self._mark_used(short, group)
            if _defined_before(before, long):
                continue
            if long.lower() in before.lower()[-len(long) - 3 :]:
                continue
            written = long[0].upper() + long[1:] if _starts_sentence(before) else long
            out.append(text[last : match.start()])
            out.append(f"{written} ({short})")
            last = match.end()
        out.append(text[last:])
        return "".join(out)

    def _mark_used(self, short: str, group: int) -> None:
        self._used.add(group)
        # "Polres Lubuklinggau" spelled out teaches "Polres" too
        for word, (other, _long) in self._long.items():
            if word != short and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", short):
                self._used.add(other)


def _defined_before(before: str, long: str) -> bool:
    """'Tim Pengawasan Orang Asing (' just before the abbreviation: it is being defined here."""
    head = before.rstrip()
    return head.endswith("(") and head[:-1].rstrip().lower().endswith(long.lower())


def _starts_sentence(before: str) -> bool:
    head = before.rstrip()
    return not head or head.endswith((".", "!", "?", ":", ";")) and not head.endswith(("(",))
