"""Extract every msgid of the app and write app/translations/id/LC_MESSAGES/ui.po.

Usage: python scripts/ui_catalog.py TRANSLATIONS.py   (a module with a dict T: msgid -> Indonesian)
Without an argument it only lists the msgids the catalogs do not translate yet.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "app" / "translations" / "id" / "LC_MESSAGES" / "ui.po"


def msgids() -> dict[str, str]:
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        ROOT / "app", method_map=[("**.py", "python")], keywords={"_": None, "N_": None, "gettext": None}
    ):
        if isinstance(message, str):
            found.setdefault(message, f"app/{filename}:{lineno}")
    return found


def main() -> None:
    ids = msgids()
    if len(sys.argv) < 2:
        sys.path.insert(0, str(ROOT))
        from app.i18n import _catalog

        missing = [m for m in ids if m not in _catalog("id")]
        print("\n".join(missing) or "every msgid is translated")
        return
    translations = runpy.run_path(sys.argv[1])["T"]
    catalog = Catalog(locale="id", project="Notulen Timpora", fuzzy=False)
    for msgid, where in ids.items():
        if msgid in translations:
            path, line = where.rsplit(":", 1)
            catalog.add(msgid, translations[msgid], locations=[(path, int(line))])
    with TARGET.open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=False)
    print(f"{len(catalog)} messages written to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
