"""The core never imports Qt: only app/ui may."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_pyside6():
    offenders = []
    for path in APP.rglob("*.py"):
        if "ui" in path.relative_to(APP).parts[:1]:
            continue
        if any(name == "PySide6" or name.startswith("PySide6.") for name in _imports(path)):
            offenders.append(str(path.relative_to(APP)))
    assert offenders == []


def test_the_scan_would_see_a_qt_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import Qt\n")
    assert "PySide6.QtCore" in _imports(sample)
