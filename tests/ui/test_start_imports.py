"""Issue 15: the window shows before the libraries only documents, signing and pictures need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Loaded on first use (a PDF, a signature, a picture, a report), never for the first screen.
LATER = ("reportlab", "pyhanko", "cryptography", "PIL", "num2words", "openpyxl", "pypdf", "alembic", "babel.numbers")

SCRIPT = """
import json, sys
from app.cli.main import import_before_qt

import_before_qt()
from app.db import open_store
from app.ui.application import make_qt_app
from app.ui.main_window import MainWindow

app = make_qt_app()
store = open_store(sys.argv[1])
window = MainWindow(store)
window.show()
window.list_page.table.viewport().grab()
loaded = sorted({name for name in sys.modules for later in json.loads(sys.argv[2]) if name == later or name.startswith(later + ".")})
print(json.dumps(loaded))
window.close()
store.close()
"""


def test_the_first_screen_imports_none_of_the_later_libraries(demo_db, tmp_path):
    db, _meeting_id = demo_db
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TIMPORA_SETTINGS=str(tmp_path / "settings.ini"))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db), json.dumps(LATER)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_a_document_still_sets_the_pillow_pixel_limit_first(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", "import app.documents.minutes; from PIL import Image; print(Image.MAX_IMAGE_PIXELS)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["50000000"]


def test_the_store_modules_load_before_qt_and_without_it():
    """`timpora` imports the store's modules before PySide6 (each import after it pays shiboken's
    source check): they must not pull Qt in themselves."""
    code = (
        "import sys; from app.cli.main import import_before_qt; import_before_qt(); "
        "print(sorted(n for n in ('PySide6', 'shiboken6', 'sqlalchemy.orm', 'app.models', 'app.services.meetings') "
        "if n in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "['app.models', 'app.services.meetings', 'sqlalchemy.orm']"
