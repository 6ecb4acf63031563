"""resources/ and translations/ stand at the top of the tree, yet a built wheel carries them inside
the package, and the installed package finds a font and a catalog through app/assets.py."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_lists_every_package_under_app():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(ROOT).parts) for path in (ROOT / "app").rglob("__init__.py")}
    assert found | {"app.resources", "app.translations"} == listed


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The project built as a wheel (no dependencies) and unpacked into a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(work),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = work.glob("notulen_timpora-*.whl")
    target = work / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_the_wheel_carries_the_fonts_icons_catalogs_and_migrations(installed):
    for relative in (
        "app/resources/fonts/Arimo-Regular.ttf",
        "app/resources/fonts/Arimo-Tinos-OFL.txt",
        "app/resources/icons/app.png",
        "app/translations/id/LC_MESSAGES/messages.po",
        "app/migrations/env.py",
    ):
        assert (installed / relative).is_file(), relative


def test_the_installed_package_opens_a_font_and_a_catalog_of_its_own(installed, tmp_path):
    # Run from an empty folder, with only the unpacked wheel on the path before site-packages,
    # so neither the checkout nor the editable install can answer.
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import app, app.assets as a;"
        "from reportlab.pdfbase.ttfonts import TTFont;"
        "font = a.resource_path('fonts', 'Arimo-Regular.ttf');"
        "TTFont('probe', str(font));"
        "from app.i18n import set_language, _;"
        "set_language('id');"
        "print(app.__file__); print(font); print(_('Save'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(installed)], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0].startswith(str(installed))
    assert out[1] == str(installed / "app" / "resources" / "fonts" / "Arimo-Regular.ttf")
    assert out[2] == "Simpan"
