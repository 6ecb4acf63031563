"""The Windows installer script and the Wine stage's inputs, checked without Windows or Wine.

scripts/windows_smoke.sh compiles and runs the installer under Wine in CI; these catch the
mistakes it found before (a directive Inno Setup does not know, a path the house move broke,
association keys left behind) on any machine in a second.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISS = ROOT / "packaging" / "windows" / "installer.iss"


def _setup_section() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8")
    section = text.split("[Setup]", 1)[1].split("\n[", 1)[0]
    pairs = (line.split("=", 1) for line in section.splitlines() if "=" in line and not line.startswith(";"))
    return {key.strip(): value.strip() for key, value in pairs}


def test_the_setup_section_uses_inno_setup_6_directives():
    setup = _setup_section()
    assert "ArchitecturesInstallMode" not in setup  # not a directive: ISCC stops on it
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{userpf}\\")


def test_files_the_script_names_exist_relative_to_it():
    setup = _setup_section()
    icon = ISS.parent / setup["SetupIconFile"].replace("\\", "/")
    assert icon.resolve() == ROOT / "resources" / "icons" / "app.ico"
    assert icon.is_file()
    assert (ISS.parent / setup["OutputDir"].replace("\\", "/")).resolve() == ROOT / "dist"


def test_the_uninstaller_removes_the_association_keys_it_emptied():
    lines = [line for line in ISS.read_text(encoding="utf-8").splitlines() if line.startswith("Root: HKCU")]
    for key in ("Software\\Classes\\.timpora", "Software\\Classes\\.timpora\\OpenWithProgids"):
        (line,) = [line for line in lines if f'Subkey: "{key}";' in line]
        flags = re.search(r"Flags: ([^;]+)", line).group(1).split()
        assert {"uninsdeletevalue", "uninsdeletekeyifempty"} <= set(flags), line
    (program_class,) = [line for line in lines if 'Subkey: "Software\\Classes\\NotulenTimpora.Meeting";' in line]
    assert "uninsdeletekey" in program_class


def test_the_wine_stage_is_called_by_ci_and_its_stand_ins_exist():
    assert "bash scripts/windows_smoke.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    script = (ROOT / "scripts" / "windows_smoke.sh").read_text(encoding="utf-8")
    for name in ("icuuc", "bcryptprimitives"):
        assert f"scripts/wine/{name}.c" in script or "scripts/wine/$name.c" in script
        assert (ROOT / "scripts" / "wine" / f"{name}.c").is_file()
