"""The printed words are Indonesian whatever the window speaks; the export's own messages are translated."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.pofile import read_po

from app.db import open_store
from app.export.documents import export_minutes
from app.i18n import set_language
from tests.export import pdftools

ROOT = Path(__file__).resolve().parents[2]


def test_an_english_interface_still_prints_indonesian_minutes(demo_db, tmp_path):
    path, meeting_id = demo_db
    set_language("en")
    store = open_store(path)
    with store.session() as session:
        result = export_minutes(session, meeting_id, tmp_path / "x.pdf")
    store.close()
    flat = pdftools.flat(pdftools.text(result.path))
    for word in ("Hari/Tanggal", "Kamis, 21 November 2024", "Tiongkok", "Belum dimulai", "Selesai", "Dalam proses",
                 "Visa kunjungan", "Izin", "Halaman 1 dari"):
        assert word in flat, word
    for english in ("Thursday", "China", "Not started", "Done", "In progress", "Visit visa", "Excused", "Page 1"):
        assert english not in flat, english


def _msgids() -> set[str]:
    found = set()
    for source in (ROOT / "app" / "export").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args:
                if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    return found


def test_every_message_of_the_export_has_its_indonesian_translation():
    with (ROOT / "app" / "translations" / "id" / "LC_MESSAGES" / "export.po").open("rb") as fh:
        catalog = read_po(fh, locale="id")
    translated = {m.id: m.string for m in catalog if m.id and m.string}
    msgids = _msgids()
    assert len(msgids) >= 5
    assert msgids <= set(translated), msgids - set(translated)
    for msgid, text in translated.items():
        # the same placeholders on both sides, or .format() would fail in one language
        assert sorted(part.split("}")[0] for part in msgid.split("{")[1:]) == sorted(
            part.split("}")[0] for part in text.split("{")[1:]
        ), msgid
