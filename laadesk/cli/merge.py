"""`laadesk merge FILE OTHER [--dry-run] [--json]`: a colleague's copy merged into the workbook.

Changes only the other copy made are taken; a field both changed differently is a conflict: the
workbook keeps its own value, holds the other for the officer to choose in the window, and the
command exits 1 listing them. A backup is taken first. Copies of two different workbooks are
refused (exit 2)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.cli.backup_first import back_up_first
from laadesk.cli.output import author, print_json
from laadesk.store import backups
from laadesk.store.merge import Merged, merge_copy
from laadesk.store.workbook import Workbook

EXIT_CONFLICTS = 1


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("merge", help="merge a colleague's copy of the workbook into it")
    parser.add_argument("file", type=Path, help="the workbook")
    parser.add_argument("other", type=Path, help="the copy (Save a Copy As, a copied file, a backup)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.add_argument("--who", metavar="NAME", help="your name, for the history (default: your account name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, read_only=args.dry_run, author=author(args.who)) as workbook:
        if not args.dry_run:
            merge_copy(workbook, args.other, dry_run=True)  # refused before anything is written
            back_up_first(workbook, args.file, backups.BEFORE_MERGE, "merged into")
        merged = merge_copy(workbook, args.other, dry_run=args.dry_run)
    if args.json:
        print_json(as_json(merged, args.dry_run))
    else:
        report(merged, args.dry_run, args.file)
    return EXIT_CONFLICTS if merged.plan.conflicts else 0


def as_json(merged: Merged, dry_run: bool) -> dict[str, Any]:
    return {
        "other": str(merged.other),
        "dry_run": dry_run,
        "taken": merged.plan.lines(),
        "conflicts": [c.as_json() for c in merged.plan.conflicts],
        "carried_history_entries": merged.carried,
    }


def report(merged: Merged, dry_run: bool, path: Path) -> None:
    for line in merged.plan.lines():
        print(line)
    for conflict in merged.plan.conflicts:
        print(f"conflict: {conflict.sentence}")
    if merged.plan.conflicts and not dry_run:
        print("Each conflict keeps this workbook's value; open it in laadesk to choose (Sign-off > Held Changes).")
    if dry_run:
        print(f"Dry run: would merge {merged.sentence.replace(' held for you to choose', '')}. Nothing was written.")
    else:
        print(f"Merged into {path.name}: {merged.sentence}.")
