"""Reading PDFs back the way a person's tools do: poppler's pdftotext, pdffonts, pdfinfo, pdfimages."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def text(pdf: Path, *, layout: bool = False) -> str:
    return _run("pdftotext", *(["-layout"] if layout else []), str(pdf), "-")


def pages(pdf: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return text(pdf).split("\f")[:-1]


def flat(value: str) -> str:
    """Whitespace folded to single spaces, so text wrapped inside a table cell reads as one line."""
    return re.sub(r"\s+", " ", value)


def info(pdf: Path) -> dict[str, str]:
    out = _run("pdfinfo", str(pdf))
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def page_size(pdf: Path) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", info(pdf)["Page size"])
    assert match, info(pdf)["Page size"]
    return float(match.group(1)), float(match.group(2))


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool


def fonts(pdf: Path) -> list[FontRow]:
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]
    out = []
    for row in rows:
        # name type encoding emb sub uni object ID: read the three yes/no columns from the right
        parts = row.split()
        out.append(FontRow(name=parts[0], type=" ".join(parts[1:-6]), embedded=parts[-5] == "yes"))
    return out


@dataclass(frozen=True)
class ImageRow:
    page: int
    width: int
    height: int
    kind: str


def images(pdf: Path) -> list[ImageRow]:
    rows = _run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    out = []
    for row in rows:
        parts = row.split()
        out.append(ImageRow(page=int(parts[0]), width=int(parts[3]), height=int(parts[4]), kind=parts[2]))
    return out


def extract_images(pdf: Path, page: int, folder: Path) -> list:
    """The pictures of one page (1-based) as Pillow images, in the order they are drawn."""
    from PIL import Image

    subprocess.run(["pdfimages", "-j", "-f", str(page), "-l", str(page), str(pdf), str(folder / "img")], check=True)
    return [Image.open(p) for p in sorted(folder.glob("img-*"))]


@dataclass(frozen=True)
class Word:
    page: int  # 0-based
    text: str
    x0: float
    y0: float  # from the top of the page, as pdftotext gives it
    x1: float
    y1: float


def words(pdf: Path) -> list[Word]:
    """Every word with its box (pdftotext -bbox)."""
    html = _run("pdftotext", "-bbox", str(pdf), "-")
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html).replace("xmlns=", "ns=")
    root = ElementTree.fromstring(html)
    out = []
    for index, page in enumerate(root.iter("page")):
        for w in page.iter("word"):
            out.append(
                Word(
                    index,
                    w.text or "",
                    float(w.get("xMin")),
                    float(w.get("yMin")),
                    float(w.get("xMax")),
                    float(w.get("yMax")),
                )
            )
    return out
