"""Helpers for the installers' tests: the repository's installers/ importable, real tools run plainly."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # installers/ is a folder of the repository, not an installed package


def run(command: Sequence[str | Path], **options: object) -> subprocess.CompletedProcess[str]:
    """Run a real tool, output captured as text, never raising on its exit status."""
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, check=False, **options)  # type: ignore[call-overload, no-any-return]


def desktop_env(home: Path) -> dict[str, str]:
    """A desktop session's file-type environment rooted in home (as GNOME's file manager sees it)."""
    return dict(
        os.environ,
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_DIRS="/usr/local/share:/usr/share",
        XDG_CURRENT_DESKTOP="GNOME",
        GIO_USE_VFS="local",  # no gvfs daemon here: GIO reads the files itself
    )


def content_type(path: Path, env: dict[str, str]) -> str:
    """The file type GIO (and so GNOME's file manager and xdg-open) gives a file."""
    done = run(["gio", "info", "--attributes=standard::content-type", path], env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("standard::content-type:")[1].split()[0]
