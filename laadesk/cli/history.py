"""`laadesk history FILE [--json] [--since DATE] [--ni CODE] [--who NAME] [--csv OUT]`: every change
to the workbook, oldest first: what, from, to, who, when and how it came."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from laadesk.core.codes import parse_code
from laadesk.core.dates import parse_date
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.history import HistoryFilter, line
from laadesk.export.history_csv import write_history_csv
from laadesk.store.history import read_entries
from laadesk.store.opening import is_workbook_file
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("history", help="list every change to a workbook")
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.add_argument("--since", metavar="DATE", help="only changes on or after this day (30/6/2008, 2008-06-30)")
    parser.add_argument("--ni", metavar="CODE", help="only changes to this target (NI 153, 153)")
    parser.add_argument("--who", metavar="NAME", help="only changes made by this person")
    parser.add_argument("--csv", metavar="OUT", type=Path, help="write the changes to a CSV file instead")
    parser.set_defaults(run=run)


def wanted(args: argparse.Namespace) -> HistoryFilter:
    since = None
    if args.since:
        try:
            since = parse_date(args.since)
        except ValueError:
            since = None
        if since is None:
            raise WorkbookUnavailable(f'--since "{args.since}" is not a date laadesk reads (try 30/6/2008).')
    code = ""
    if args.ni:
        try:
            code = parse_code(args.ni)
        except ValueError as error:
            raise WorkbookUnavailable(f"--ni: {error}") from None
    return HistoryFilter(since, code, (args.who or "").strip())


def run(args: argparse.Namespace) -> int:
    chosen = wanted(args)
    if args.csv is not None and is_workbook_file(args.csv):
        raise WorkbookUnavailable(
            f"{args.csv} is a laadesk workbook; history will not overwrite it. Choose another name."
        )
    with Workbook.open(args.file, read_only=True) as workbook:
        if args.csv:
            count = write_history_csv(args.csv, read_entries(workbook, chosen))
            print(f"Wrote {count} changes to {args.csv}.", file=sys.stderr)
            return 0
        entries = list(read_entries(workbook, chosen))
    if args.json:
        json.dump([e.as_json() for e in entries], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for entry in entries:
            print(line(entry))
        described = chosen.describe()
        print(f"{len(entries)} changes{' ' + described if described else ''}.")
    return 0
