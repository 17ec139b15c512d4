"""Composition root for the desktop application: arguments, QApplication, main window."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from laadesk import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from laadesk.ui.window.main_window import MainWindow


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="laadesk-gui", description="The Local Area Agreement workbook.")
    parser.add_argument("file", nargs="?", type=Path, help="a workbook (.laa) to open")
    parser.add_argument("--demo", action="store_true", help="open the demo workbook (Kingsmere, a fictional area)")
    parser.add_argument(
        "--region",
        type=Path,
        metavar="FOLDER",
        help="open the region desk on a folder of workbooks (and its sub-folders), read-only",
    )
    parser.add_argument("--version", action="version", version=f"laadesk {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the main window on a temporary workbook, export both packs, exit 0 if all went well",
    )
    parser.add_argument(
        "--smoke-test-report", type=Path, metavar="FILE", help="also write the smoke test's lines to FILE"
    )
    return parser.parse_args(argv)


def prepare_gui() -> None:
    """Before the window's modules load: PySide6's check of each module imported after it made the
    quick one (ui/import_check.py), and the methods of laadesk's classes not compiled again
    (record_methods.py; imported after the check is quick, with dataclasses, a large file for it)."""
    from laadesk.ui.import_check import quicken  # Qt loads only for the GUI

    quicken()
    from laadesk import record_methods

    record_methods.install()


def open_gui(path: Path | None, *, demo: bool = False) -> tuple[QApplication, MainWindow]:
    """Everything `laadesk-gui` does before its event loop: the window shown, the workbook open.

    The objects made while starting (modules, classes, Qt wrappers) live until the program ends;
    the garbage collector walking them again and again as they are made was ~3% of the cold start,
    so it waits until the window is up (open_window then freezes them and lets it run).
    """
    gc.disable()
    prepare_gui()
    from laadesk.ui.application import open_window  # Qt loads only for the GUI

    return open_window(path, demo=demo)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke_test:
        prepare_gui()
        from laadesk.ui.smoke_test import run_smoke_test

        return run_smoke_test(args.smoke_test_report)
    if args.region is not None:
        gc.disable()  # as open_gui: the collector waits until the window is up
        prepare_gui()
        from laadesk.ui.application import open_region_desk

        app, desk = open_region_desk(args.region)
        return int(app.exec()) if desk is not None else 2
    app, _window = open_gui(args.file, demo=args.demo)
    return int(app.exec())
