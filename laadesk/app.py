"""Composition root for the desktop application: arguments, QApplication, main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from laadesk import __version__
from laadesk.core.errors import WorkbookProblem
from laadesk.store.demo import build_demo
from laadesk.store.paths import user_data_dir
from laadesk.store.workbook import Workbook

DEMO_FILE = "demo.laa"


def demo_workbook_path() -> Path:
    """The demo workbook in the user's data folder, built from resources on first use."""
    path = user_data_dir() / DEMO_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path).close()
    return path


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="laadesk-gui", description="The Local Area Agreement workbook.")
    parser.add_argument("file", nargs="?", type=Path, help="a workbook (.laa); without one, the demo workbook")
    parser.add_argument("--version", action="version", version=f"laadesk {__version__}")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from laadesk.ui.application import run_application  # Qt loads only for the GUI

    try:
        path = args.file or demo_workbook_path()
        workbook = Workbook.open(path)
    except WorkbookProblem as problem:
        from laadesk.ui.application import show_problem

        return show_problem(str(problem))
    return run_application(workbook)
