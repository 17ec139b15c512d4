"""`laadesk import FILE SOURCE [--dry-run]`: targets from the exchange layout, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from laadesk.core.errors import ImportRejected, WorkbookUnavailable
from laadesk.core.exchange import ExchangeRow
from laadesk.core.import_plan import plan_import
from laadesk.export.exchange_csv import read_exchange_csv
from laadesk.export.exchange_xlsx import read_exchange_xlsx
from laadesk.store import backups
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("import", help="import targets from a .csv or .xlsx in the exchange layout")
    parser.add_argument("file", type=Path, help="the workbook")
    parser.add_argument("source", type=Path, help="a .csv, or an .xlsx whose first sheet is Targets")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.set_defaults(run=run)


def read_source(source: Path) -> tuple[list[str], list[ExchangeRow]]:
    suffix = source.suffix.lower()
    if suffix == ".csv":
        return read_exchange_csv(source)
    if suffix in (".xlsx", ".xlsm"):
        return read_exchange_xlsx(source)
    raise WorkbookUnavailable(f"{source} is neither a .csv nor an .xlsx file; save it as one of those to import it.")


def run(args: argparse.Namespace) -> int:
    # Read and check the whole source before the workbook is opened for writing.
    header, rows = read_source(args.source)
    # Opening for writing takes the lock: a workbook open in another laadesk is refused (exit 2).
    with Workbook.open(args.file, read_only=args.dry_run) as workbook:
        notice = workbook.lock.notice(args.file) if workbook.lock else None
        if notice:
            print(f"laadesk: {notice}", file=sys.stderr)
        plan, problems = plan_import(
            str(args.source), header, rows, workbook.targets(), workbook.partners(), workbook.catalogue()
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
    for line in plan.report:
        print(line)
    totals = f"{plan.added} added, {plan.updated} updated, {plan.unchanged} unchanged"
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
