"""installers/build.py's own failures: a sentence saying what is missing and how to get it, no traceback."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from installer_helpers import REPO, run


def test_build_py_names_the_missing_build_tools(tmp_path: Path) -> None:
    # -S and no site-packages: a Python with the standard library only, as before `pip install -e ".[build]"`.
    env = dict(os.environ, PYTHONPATH="")
    command = [
        sys.executable,
        "-S",
        REPO / "installers" / "build.py",
        "--dist",
        tmp_path / "d",
        "--work",
        tmp_path / "w",
    ]
    done = run(command, env=env)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("build.py: PyInstaller, PIL, PySide6 are not installed for ")
    assert '-m pip install -e ".[build]"' in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "d").exists()  # nothing is built before the tools are there
