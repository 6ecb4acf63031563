"""Keep the translation catalogs complete: list message ids in the code that a catalog lacks.

python scripts/catalog.py            # report msgids with no Indonesian translation
python scripts/catalog.py --add FILE # append the missing ones (empty) to that .po file
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "N_": None, "gettext": None}


def code_msgids() -> dict[str, str]:
    """msgid -> first place it is used."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "app"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, f"app/{filename}:{lineno}")
    return found


def translated(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((ROOT / "translations" / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as fh:
            for m in read_po(fh, locale=lang):
                if m.id and m.string and not m.fuzzy:
                    merged[m.id] = m.string
    return merged


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="id")
    parser.add_argument("--add", type=Path, help="append missing msgids to this .po file")
    args = parser.parse_args()
    missing = {m: where for m, where in code_msgids().items() if m not in translated(args.lang)}
    if args.add:
        catalog = Catalog(locale=args.lang)
        if args.add.exists():
            with args.add.open("rb") as fh:
                catalog = read_po(fh, locale=args.lang)
        for msgid, where in missing.items():
            if msgid not in catalog:
                catalog.add(msgid, "", locations=[(where.split(":")[0], int(where.split(":")[1]))])
        with args.add.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False)
    for msgid, where in missing.items():
        print(f"{where}\t{msgid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
