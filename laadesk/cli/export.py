"""`laadesk export FILE --csv OUT`: the chosen targets in the exchange layout."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.core.errors import WorkbookUnavailable
from laadesk.export.exchange_csv import write_exchange_csv
from laadesk.store.opening import is_workbook_file
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("export", help="export targets (CSV now; PDF and Excel packs to come)")
    parser.add_argument("file", type=Path)
    parser.add_argument("--csv", type=Path, required=True, metavar="OUT", help="write the exchange layout as CSV")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if is_workbook_file(args.csv):
        raise WorkbookUnavailable(
            f"{args.csv} is a laadesk workbook; export will not overwrite it. Choose another name."
        )
    with Workbook.open(args.file, read_only=True) as workbook:
        count = write_exchange_csv(args.csv, workbook.targets(), workbook.catalogue())
    print(f"Wrote {count} targets to {args.csv}.")
    return 0
