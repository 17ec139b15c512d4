"""The whole Linux chain: installers/build.py freezes laadesk, packs the tarball and smoke-tests the
frozen program; then install.sh installs it for one user, a desktop opens workbooks with it, the
installed program passes its smoke test in a real X window, and uninstall.sh removes it all again.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from installer_helpers import REPO, content_type, desktop_env, run
from support.files import copy_closed

from installers import product

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Built:
    output: str
    summary: dict[str, object]
    tarball: Path


@dataclass(frozen=True)
class Installed:
    home: Path
    env: dict[str, str]
    output: str
    workbook: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("build")
    done = run([sys.executable, REPO / "installers" / "build.py", "--dist", root / "dist", "--work", root / "work"])
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    summary = json.loads((root / "work" / "build-summary.json").read_text(encoding="utf-8"))
    yield Built(done.stdout, summary, Path(str(summary["package"])))
    shutil.rmtree(root)  # 270 MB of bundle and tarball: not kept with pytest's last three runs


@pytest.fixture(scope="module")
def installed(built: Built, demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("install")
    with tarfile.open(built.tarball) as tar:
        tar.extractall(root / "unpacked", filter="tar")
    home = root / "home"
    home.mkdir()
    env = desktop_env(home)
    (unpacked,) = (root / "unpacked").iterdir()
    done = run(["sh", unpacked / "install.sh"], env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.rmtree(root / "unpacked")  # the installed copy must stand on its own
    workbook = copy_closed(demo_master, home / "Documents" / "Kingsmere.laa")
    yield Installed(home, env, done.stdout, workbook)
    shutil.rmtree(root)


def test_the_build_freezes_packs_and_smoke_tests_laadesk(built: Built) -> None:
    assert "(frozen, Python" in built.output
    assert "laadesk smoke test passed" in built.output
    assert "demo, validate and export" in built.output  # the frozen laadesk-cli too
    assert int(str(built.summary["bundle_bytes"])) > 50_000_000
    assert float(str(built.summary["first_paint_after_launch_s"])) > 0


def test_the_tarball_holds_the_program_menu_entry_icons_and_file_type(built: Built) -> None:
    with tarfile.open(built.tarball) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
        modes = {member.name.split("/", 1)[1]: member.mode for member in tar.getmembers() if "/" in member.name}
    for name in (
        "laadesk/laadesk",
        "laadesk/laadesk-cli",
        "laadesk/_internal/resources/national_indicators.csv",
        "laadesk/_internal/resources/demo/kingsmere.toml",
        "laadesk/_internal/resources/icon/laadesk.svg",
        "share/applications/laadesk.desktop",
        "share/mime/packages/laadesk-workbook.xml",
        "share/icons/hicolor/16x16/apps/laadesk.png",
        "share/icons/hicolor/256x256/apps/laadesk.png",
        "share/icons/hicolor/scalable/apps/laadesk.svg",
        "share/icons/hicolor/48x48/mimetypes/application-x-laadesk-workbook.png",
        "install.sh",
        "uninstall.sh",
        "INSTALL.txt",
    ):
        assert name in names, f"the tarball lacks {name}"
    for executable in ("laadesk/laadesk", "laadesk/laadesk-cli", "install.sh", "uninstall.sh"):
        assert modes[executable] & 0o111
    assert not any("translations/" in n or "libQt6Quick" in n or "libQt6Pdf" in n for n in names)


def test_install_sh_registers_laadesk_for_workbooks(installed: Installed) -> None:
    local = installed.home / ".local"
    desktop = local / "share" / "applications" / "laadesk.desktop"
    done = run(["desktop-file-validate", desktop])
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    assert f'Exec="{local / "lib" / "laadesk" / "laadesk"}" %f' in desktop.read_text(encoding="utf-8")
    assert content_type(installed.workbook, installed.env) == product.WORKBOOK_MIME_TYPE
    default = run(["xdg-mime", "query", "default", product.WORKBOOK_MIME_TYPE], env=installed.env)
    assert default.stdout.strip() == "laadesk.desktop", default.stderr
    assert (local / "share" / "icons" / "hicolor" / "scalable" / "apps" / "laadesk.svg").is_file()
    version = run([local / "bin" / "laadesk-cli", "--version"], env=installed.env)  # through the symlink
    assert version.stdout.strip() == f"laadesk {product.version()}"
    assert f"Installed laadesk {product.version()}" in installed.output


def test_the_installed_program_passes_its_smoke_test_in_an_x_window(installed: Installed) -> None:
    env = {k: v for k, v in installed.env.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    done = run(["xvfb-run", "-a", installed.home / ".local" / "bin" / "laadesk", "--smoke-test"], env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Qt platform" not in done.stderr  # no plugin missing from the bundle
    assert "on the xcb platform" in done.stdout
    assert "laadesk smoke test passed" in done.stdout


def test_uninstall_sh_removes_laadesk_and_keeps_the_workbooks(installed: Installed) -> None:
    local = installed.home / ".local"
    done = run(["sh", local / "lib" / "laadesk" / "uninstall.sh"], env=installed.env)
    assert done.returncode == 0, done.stderr
    assert not (local / "lib" / "laadesk").exists()
    assert not (local / "bin" / "laadesk").is_symlink() and not (local / "bin" / "laadesk-cli").is_symlink()
    assert not (local / "share" / "applications" / "laadesk.desktop").exists()
    assert not list((local / "share" / "icons").rglob("laadesk.*"))
    assert content_type(installed.workbook, installed.env) == "application/vnd.sqlite3"
    assert "laadesk" not in (installed.home / ".config" / "mimeapps.list").read_text(encoding="utf-8")
    assert installed.workbook.is_file()
    assert os.listdir(local / "share" / "mime" / "packages") == []
