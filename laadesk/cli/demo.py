"""`laadesk demo FILE`: build the demo workbook for a fictional area from resources/demo."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.store.demo import build_demo


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("demo", help="create the demo workbook (a fictional area) at FILE")
    parser.add_argument("file", type=Path)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with build_demo(args.file) as workbook:
        name = workbook.area().name
    print(f"Created the demo workbook for {name} (a fictional area) at {args.file}.")
    return 0
