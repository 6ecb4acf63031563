"""Language: every message has its Indonesian text, and dates, numbers and countries read right."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from app.i18n import _, clock, country_name, long_date, number, set_language, spelled_date

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import catalog  # noqa: E402


def test_every_message_in_the_code_has_an_indonesian_translation():
    missing = {m: w for m, w in catalog.code_msgids().items() if m not in catalog.translated("id")}
    assert missing == {}


def test_translations_keep_their_placeholders():
    for msgid, text in catalog.translated("id").items():
        assert set(re.findall(r"{[^}]*}", msgid)) == set(re.findall(r"{[^}]*}", text)), msgid


def test_messages_follow_the_chosen_language():
    set_language("id")
    assert _("The meeting date is required.") == "Tanggal rapat wajib diisi."
    set_language("en")
    assert _("The meeting date is required.") == "The meeting date is required."


def test_dates_numbers_and_countries_in_indonesian():
    day = dt.date(2024, 11, 21)
    assert long_date(day) == "Kamis, 21 November 2024"
    assert long_date(dt.date(2024, 11, 20)) == "Rabu, 20 November 2024"
    assert clock(dt.time(9, 5)) == "09.05"
    assert number(1234.5) == "1.234,5"
    assert country_name("CN") == "Tiongkok" and country_name("US") == "Amerika Serikat"
    assert spelled_date(day) == ("Kamis tanggal dua puluh satu bulan November tahun dua ribu dua puluh empat")
