"""Composition root for the desktop application: arguments, QApplication, main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from laadesk import __version__


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="laadesk-gui", description="The Local Area Agreement workbook.")
    parser.add_argument("file", nargs="?", type=Path, help="a workbook (.laa) to open")
    parser.add_argument("--demo", action="store_true", help="open the demo workbook (Kingsmere, a fictional area)")
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


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.smoke_test:
        from laadesk.ui.smoke_test import run_smoke_test

        return run_smoke_test(args.smoke_test_report)
    from laadesk.ui.application import run_application  # Qt loads only for the GUI

    return run_application(args.file, demo=args.demo)
