"""The Linux package: the one-folder bundle, menu entry, icons and workbook file type in one tarball."""

from __future__ import annotations

import platform
import shutil
import tarfile
from pathlib import Path

from installers import product
from installers.icons import LINUX_SIZES, Icons

HERE = Path(__file__).resolve().parent / "linux"
EXECUTABLE = 0o755


def package_name() -> str:
    return f"{product.NAME}-{product.version()}-linux-{platform.machine() or 'unknown'}"


def stage(bundle: Path, icons: Icons, out_dir: Path) -> Path:
    """Lay out the package folder (what the tarball unpacks to) in out_dir; returns it."""
    root = out_dir / package_name()
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copytree(bundle, root / product.NAME, symlinks=True)
    share = root / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(HERE / "laadesk.desktop", share / "applications" / f"{product.NAME}.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copy2(HERE / "laadesk-workbook.xml", share / "mime" / "packages" / "laadesk-workbook.xml")
    hicolor = share / "icons" / "hicolor"
    for size in LINUX_SIZES:
        for kind, name in (("apps", product.NAME), ("mimetypes", product.WORKBOOK_ICON_NAME)):
            folder = hicolor / f"{size}x{size}" / kind
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(icons.png[size], folder / f"{name}.png")
    for kind, name in (("apps", product.NAME), ("mimetypes", product.WORKBOOK_ICON_NAME)):
        folder = hicolor / "scalable" / kind
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons.svg, folder / f"{name}.svg")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(HERE / script, root / script)
        (root / script).chmod(EXECUTABLE)
    shutil.copy2(HERE / "INSTALL.txt", root / "INSTALL.txt")
    return root


def tarball(staged: Path) -> Path:
    """staged as a .tar.gz beside it, unpacking to a folder of the same name."""
    archive = staged.with_name(staged.name + ".tar.gz")
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(staged, arcname=staged.name)
    return archive
