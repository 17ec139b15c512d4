"""`laadesk council-copy FILE OUT`: a copy of the workbook for the council, with no champion
notes, negotiating positions, floors or negotiating history anywhere in its bytes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.store.council_copy import save_council_copy
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "council-copy",
        help="save a copy for the council: no champion notes, positions, floors or negotiating history",
        description="Write a copy of the workbook to give the council: no champion notes, positions, floors "
        "or negotiating history, and no trace of them anywhere in the file. The workbook itself is not changed.",
    )
    parser.add_argument("file", type=Path, help="the workbook")
    parser.add_argument("out", type=Path, help="the copy to write (must not exist yet)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Read-only: the officer's own workbook is never changed by making the council's copy.
    with Workbook.open(args.file, read_only=True) as workbook:
        copy = save_council_copy(workbook, args.out)
    print(f"Wrote a copy of {args.file} for the council to {args.out}: {copy.describe()}.")
    return 0
