"""Finds files shipped inside the package, the same way installed, editable or frozen."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. resource_path("fonts", "Arimo-Regular.ttf").

    The package is always installed as real files (wheel, editable or a PyInstaller folder),
    so a plain path is safe to hand to reportlab, Qt and Alembic.
    """
    return Path(str(resources.files("app.resources").joinpath(*parts)))


def package_path(*parts: str) -> Path:
    """Path of a file inside the `app` package itself (migrations, translations)."""
    return Path(str(resources.files("app").joinpath(*parts)))
