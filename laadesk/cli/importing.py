"""`laadesk import FILE SOURCE [--sheet NAME] [--columns MAP] [--dry-run]`: targets from a council's table or
the exchange layout, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from laadesk.core.council_table import read_choices, read_table
from laadesk.core.errors import ImportRejected, WorkbookUnavailable
from laadesk.core.import_plan import plan_import
from laadesk.export.table_files import read_table_file
from laadesk.store import backups
from laadesk.store.reference import deferral_reasons
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("import", help="import targets from a council's table (.csv or .xlsx)")
    parser.add_argument("file", type=Path, help="the workbook")
    parser.add_argument("source", type=Path, help="a .csv, or an .xlsx (its Targets sheet, or the one named)")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of an .xlsx that holds the targets")
    parser.add_argument(
        "--columns",
        metavar="MAP",
        help='which column holds what, where laadesk does not know the header: "NI ref=ni,Target 08/09=target_2008_09,'
        'Suggested changes=-" (- leaves a column out)',
    )
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        choices = read_choices(args.columns or "")
    except ValueError as error:
        raise WorkbookUnavailable(f"--columns: {error}.") from None
    # Read and check the whole source before the workbook is opened for writing.
    table = read_table(read_table_file(args.source, args.sheet), choices)
    # Opening for writing takes the lock: a workbook open in another laadesk is refused (exit 2).
    with Workbook.open(args.file, read_only=args.dry_run) as workbook:
        notice = workbook.lock.notice(args.file) if workbook.lock else None
        if notice:
            print(f"laadesk: {notice}", file=sys.stderr)
        plan, problems = plan_import(
            str(args.source), table, workbook.targets(), workbook.partners(), workbook.catalogue(), deferral_reasons()
        )
        if plan is None:
            rejection = ImportRejected(str(args.source), problems)
            for problem in problems:
                print(f"{args.source} {problem}", file=sys.stderr)
            print(f"laadesk: {rejection}", file=sys.stderr)
            return 1
        if not args.dry_run and not plan.edit.empty:
            _back_up(workbook, args.file)
            workbook.apply(plan.edit)
    for line in (*plan.notes, *plan.report):
        print(line)
    totals = plan.totals()
    if args.dry_run:
        print(f"Dry run of {args.source}: would make {totals}. Nothing was written.")
    else:
        print(f"Imported {args.source} into {args.file}: {totals}.")
    return 0


def _back_up(workbook: Workbook, path: Path) -> None:
    """A backup of the workbook as it was, taken before the import writes anything."""
    try:
        backups.take_backup(workbook, backups.BEFORE_IMPORT)
    except backups.BackupFailed as failed:
        raise WorkbookUnavailable(
            f"Nothing was imported into {path}: backing it up first to {failed.folder} failed ({failed.why})."
        ) from None
