"""The visible signature: every line inside its box at any size the renderer may choose."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from app.signing.appearance import SignerDetails, draw_appearance, signing_time_label

LONG = SignerDetails(
    "Prof. Dr. Hj. Raden Ajeng Sri Wahyuningsih Kusumawardhani, S.H., M.Hum.",
    "Kepala Kantor Imigrasi Kelas II Non TPI Muara Enim",
    "198001012005011001",
)
WHEN = dt.datetime(2024, 11, 21, 3, 15, tzinfo=dt.UTC)


def _words(pdf_path):
    html = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    return (float(page[1]), float(page[2])), [(w, *map(float, box)) for *box, w in words]


@pytest.mark.parametrize(("width", "height"), [(200, 70), (140, 40), (250, 45), (200, 120), (90, 90), (100, 25)])
def test_every_word_is_inside_the_box(tmp_path, width, height):
    path = tmp_path / "ttd.pdf"
    path.write_bytes(draw_appearance(width, height, LONG, signed_at=WHEN, self_issued=True, zone="WIB"))
    (page_w, page_h), words = _words(path)
    assert (round(page_w), round(page_h)) == (width, height)
    text = " ".join(w[0] for w in words)
    for expected in ("Ditandatangani", "Kusumawardhani,", "19800101", "200501", "WIB", "swaterbit,", "71/2019)"):
        assert expected in text
    for word, x0, y0, x1, y1 in words:
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, word


def test_a_usual_box_is_legible_and_keeps_numbers_together(tmp_path):
    path = tmp_path / "ttd.pdf"
    path.write_bytes(draw_appearance(200, 70, LONG, signed_at=WHEN, self_issued=True, zone="WIB"))
    _page, words = _words(path)
    heights = [y1 - y0 for _w, _x0, y0, _x1, y1 in words]
    assert min(heights) >= 5.5  # a word box this tall is text of about 4.5 pt or more
    lines = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    assert "NIP 19800101 200501 1 001" in lines and "10.15 WIB" in lines
    assert re.search(r"\(PP 71/2019\)", lines)


def test_no_warning_without_a_self_issued_certificate(tmp_path):
    path = tmp_path / "ttd.pdf"
    path.write_bytes(draw_appearance(200, 70, LONG, signed_at=WHEN, self_issued=False))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "swaterbit" not in text and "Ditandatangani secara elektronik oleh:" in text


def test_the_time_is_shown_in_the_offices_zone():
    assert signing_time_label(WHEN, zone="WIB") == "21 November 2024 10.15 WIB"
    assert signing_time_label(WHEN, zone="WITA") == "21 November 2024 11.15 WITA"
    assert signing_time_label(WHEN, zone="WIT") == "21 November 2024 12.15 WIT"
    assert signing_time_label(WHEN) == "21 November 2024 03.15 UTC"
    half = dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert signing_time_label(WHEN.astimezone(half)) == "21 November 2024 08.45 UTC+05.30"
