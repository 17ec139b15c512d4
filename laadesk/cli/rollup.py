"""`laadesk rollup FOLDER --out FILE.db [--csv OUT] [--xlsx OUT] [--json]`: every workbook in a folder
into one database of what may leave government; exit 1 when any file could not be read."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.cli.output import print_json, tell
from laadesk.export.rollup_files import write_targets_csv, write_targets_xlsx
from laadesk.store.folder_reading import region_folder, workbook_files
from laadesk.store.rollup import roll_up


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "rollup", help="roll every workbook in a folder up into one database (what may leave government)"
    )
    parser.add_argument("folder", type=Path, help="the folder of workbooks (its sub-folders too)")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.db", help="the roll-up database to write")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="also write the targets table as CSV")
    parser.add_argument("--xlsx", type=Path, metavar="OUT", help="also write the targets table as Excel")
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = region_folder(args.folder)
    rollup = roll_up(folder, workbook_files(folder), args.out)
    written: dict[str, str | None] = {"csv": None, "xlsx": None}
    if args.csv:
        write_targets_csv(args.out, args.csv)
        written["csv"] = str(args.csv)
    if args.xlsx:
        write_targets_xlsx(args.out, args.xlsx)
        written["xlsx"] = str(args.xlsx)
    for skipped in rollup.skipped:
        tell(f"skipped: {skipped.why}")
    if args.json:
        print_json(
            {
                "out": str(args.out),
                "areas": len(rollup.areas),
                "targets": rollup.targets,
                "skipped": [{"path": s.path, "reason": s.why} for s in rollup.skipped],
                **written,
            }
        )
    else:
        areas = f"{len(rollup.areas)} area{'s' if len(rollup.areas) != 1 else ''}"
        print(f"Rolled up {areas} ({rollup.targets} target rows) into {args.out}.")
        for kind, path in written.items():
            if path:
                print(f"The targets table is also in {path} ({kind.upper()}).")
        if rollup.skipped:
            print(
                f"{len(rollup.skipped)} file(s) could not be read and are not in it (listed above and in its "
                "'skipped' table)."
            )
    return 1 if rollup.skipped else 0
