"""The Windows installer script, compiled here by makensis against a stand-in bundle.

The real bundle can only be built on Windows (.github/workflows/windows-installer.yml); this
proves the NSIS script itself compiles, with warnings treated as errors, and agrees with the
names the other installers use.
"""

from __future__ import annotations

import re
import types
from pathlib import Path

import PyInstaller.utils.win32
import pytest
from installer_helpers import REPO, run

from installers import build, product
from installers.icons import Icons

SCRIPT = REPO / "installers" / "windows" / "laadesk.nsi"


def defines(tmp_path: Path, icons: Icons) -> list[str]:
    bundle = tmp_path / "laadesk"
    (bundle / "_internal").mkdir(parents=True)
    for name in ("laadesk.exe", "laadesk-cli.exe", "_internal/base_library.zip"):
        (bundle / name).write_bytes(b"MZ stand-in for " + name.encode())
    version = product.version()
    return [
        f"-DVERSION={version}",
        f"-DWIN_VERSION={product.windows_version(version)}",
        f"-DBUNDLE_DIR={bundle}",
        f"-DICON={icons.ico}",
        f"-DOUTFILE={tmp_path / f'laadesk-{version}-setup.exe'}",
    ]


def test_makensis_compiles_the_installer_without_a_warning(tmp_path: Path, icons: Icons) -> None:
    done = run(["makensis", "-V4", "-WX", *defines(tmp_path, icons), SCRIPT])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    installer = tmp_path / f"laadesk-{product.version()}-setup.exe"
    data = installer.read_bytes()
    assert data[:2] == b"MZ" and b"Nullsoft" in data
    for packed in ('File: "laadesk.exe"', 'File: "laadesk-cli.exe"', 'File: "base_library.zip"', '"laadesk.ico"'):
        assert packed in done.stdout
    assert "x86-unicode" in done.stdout  # runs on every Windows, installs the 64-bit bundle per user


def test_makensis_refuses_a_build_that_names_no_bundle(tmp_path: Path, icons: Icons) -> None:
    partial = [d for d in defines(tmp_path, icons) if not d.startswith("-DBUNDLE_DIR=")]
    done = run(["makensis", "-V2", *partial, SCRIPT])
    assert done.returncode != 0
    assert "Define VERSION, WIN_VERSION, BUNDLE_DIR, ICON and OUTFILE" in done.stdout + done.stderr


def test_the_script_registers_the_workbook_type_the_other_installers_declare() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    found = dict(re.findall(r'^!define (\w+) "([^"]*)"', text, re.MULTILINE))
    assert found["EXT"] == f".{product.WORKBOOK_EXTENSION}"
    assert found["PROG_ID"] == product.WINDOWS_PROG_ID
    assert found["MIME_TYPE"] == product.WORKBOOK_MIME_TYPE
    assert found["EXE"] == f"{product.NAME}.exe" and found["CLI_EXE"] == f"{product.CLI_NAME}.exe"
    assert "RequestExecutionLevel user" in text  # no administrator rights asked for


def test_pyinstaller_reads_the_windows_version_resource(tmp_path: Path) -> None:
    """PyInstaller's own parser and serialiser of the version file (win32api is only for patching .exe files)."""
    source = Path(PyInstaller.utils.win32.__file__).with_name("versioninfo.py").read_text(encoding="utf-8")
    source = source.replace("from PyInstaller.compat import win32api", "win32api = None")
    versioninfo = types.ModuleType("versioninfo")
    exec(compile(source, "versioninfo.py", "exec"), versioninfo.__dict__)
    info = versioninfo.load_version_info_from_text_file(str(build.windows_version_file(tmp_path)))
    assert len(info.toRaw()) > 500
    assert f"StringStruct('ProductVersion', '{product.version()}')" in str(info)


@pytest.mark.parametrize(("text", "expected"), [("0.1.0", "0.1.0.0"), ("1.2", "1.2.0.0"), ("2.0.0rc1", "2.0.0.1")])
def test_windows_versions_have_four_numbers(text: str, expected: str) -> None:
    assert product.windows_version(text) == expected
