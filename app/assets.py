"""Finds the files shipped with the app, the same way installed, editable, from a checkout or frozen.

`resources/` (fonts, icons) and `translations/` stand at the top of the source tree and are
mapped into the package as `app/resources` and `app/translations` when it is built (a wheel,
the PyInstaller folder); an editable install or a checkout reads them where they stand.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

#: The source tree: `app/` and the shipped folders beside it.
_SOURCE_ROOT = Path(__file__).resolve().parent.parent


@cache
def shipped_folder(name: str) -> Path:
    """`resources` or `translations`: inside the built package if it is there, else the checkout's."""
    built = Path(str(resources.files("app"))) / name
    return built if built.is_dir() else _SOURCE_ROOT / name


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. resource_path("fonts", "Arimo-Regular.ttf").

    The package is always installed as real files (wheel, editable or a PyInstaller folder),
    so a plain path is safe to hand to reportlab, Qt and Alembic.
    """
    return shipped_folder("resources").joinpath(*parts)


def translation_path(*parts: str) -> Path:
    """Path inside the shipped catalogs, e.g. translation_path("id", "LC_MESSAGES")."""
    return shipped_folder("translations").joinpath(*parts)


def package_path(*parts: str) -> Path:
    """Path of a file inside the `app` package itself (the migrations)."""
    return Path(str(resources.files("app").joinpath(*parts)))
