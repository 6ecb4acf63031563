"""The house keeps its shape: Qt only under app/ui, layers import downwards, no import circles.

Every import counts, also those inside functions (a lazy import is still a dependency); only
imports under `if TYPE_CHECKING:` are left out, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"

#: The layers below the window and the command line: none of them may import either.
CORE = ("app.models", "app.services", "app.documents", "app.signing", "app.db", "app.i18n", "app.assets", "app.logs")
#: The window's rooms, one package per screen; a room imports the shell's base modules, never another room.
ROOMS = ("meetings", "editor", "documents", "directory", "settings", "reports")
#: Shell modules that put the rooms together; every other module directly in app/ui is a base
#: module the rooms share, so it must not import a room.
SHELL_ASSEMBLERS = {"app.ui.application", "app.ui.main_window", "app.ui.smoke"}


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in APP.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(path: Path) -> set[str]:
    """Dotted names a file imports, at any depth, outside `if TYPE_CHECKING:` blocks."""
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return names


@cache
def app_imports(module: str) -> frozenset[str]:
    """The app's modules this one imports (`from app.x import y` names module app.x.y if it is one)."""
    known = modules()
    return frozenset(name for name in imported_names(known[module]) if name in known and name != module)


def cycles(nodes: list[str], edges: Callable[[str], frozenset[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges(node)):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.remove(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(nodes):
        if name not in index:
            connect(name)
    return found


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _room(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["app", "ui"] and parts[2] in ROOMS else None


def test_no_module_outside_ui_imports_pyside6():
    offenders = [
        name
        for name, path in modules().items()
        if not _inside(name, "app.ui") and any(_inside(n, "PySide6") for n in imported_names(path))
    ]
    assert offenders == []


def test_the_core_imports_neither_the_window_nor_the_command_line():
    offenders = {
        name: sorted(t for t in app_imports(name) if _inside(t, "app.ui") or _inside(t, "app.cli"))
        for name in modules()
        if any(_inside(name, layer) for layer in CORE)
    }
    assert {name: targets for name, targets in offenders.items() if targets} == {}


def test_models_and_services_import_neither_documents_nor_signing():
    offenders = {
        name: sorted(t for t in app_imports(name) if _inside(t, "app.documents") or _inside(t, "app.signing"))
        for name in modules()
        if _inside(name, "app.models") or _inside(name, "app.services")
    }
    assert {name: targets for name, targets in offenders.items() if targets} == {}


def test_only_the_command_line_parses_arguments():
    offenders = [
        name for name, path in modules().items() if not _inside(name, "app.cli") and "argparse" in imported_names(path)
    ]
    assert offenders == []


def test_rooms_of_the_window_do_not_import_each_other():
    offenders = {}
    for name in modules():
        room = _room(name)
        if room is None:
            continue
        foreign = sorted(t for t in app_imports(name) if _room(t) not in (None, room))
        assembling = sorted(t for t in app_imports(name) if t in SHELL_ASSEMBLERS)
        if foreign or assembling:
            offenders[name] = foreign + assembling
    assert offenders == {}


def test_the_shells_base_modules_do_not_import_a_room():
    offenders = {
        name: sorted(t for t in app_imports(name) if _room(t) is not None)
        for name in modules()
        if name.count(".") == 2 and _inside(name, "app.ui") and name not in SHELL_ASSEMBLERS
    }
    assert {name: targets for name, targets in offenders.items() if targets} == {}


def test_there_are_no_import_circles():
    assert cycles(sorted(modules()), app_imports) == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from PySide6.QtCore import Qt\n", {"PySide6.QtCore", "PySide6.QtCore.Qt"}),
        ("def f():\n    import argparse\n", {"argparse"}),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import argparse\n",
            {"typing", "typing.TYPE_CHECKING"},
        ),
    ],
)
def test_the_scan_sees_imports_at_any_depth_but_not_type_checking_ones(tmp_path, source, expected):
    sample = tmp_path / "sample.py"
    sample.write_text(source)
    assert imported_names(sample) == expected


def test_the_circle_finder_would_see_a_circle():
    graph = {
        "app.a": frozenset({"app.b"}),
        "app.b": frozenset({"app.c"}),
        "app.c": frozenset({"app.a"}),
        "app.d": frozenset({"app.a"}),
    }
    assert cycles(sorted(graph), graph.__getitem__) == [["app.a", "app.b", "app.c"]]
