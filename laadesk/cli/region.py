"""`laadesk region FOLDER [--json]`: one line per area's workbook in a folder - where each agreement
stands - read-only; exit 1 when any file could not be read."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from laadesk.cli.output import print_json, tell
from laadesk.core.region import AreaOverview, Skipped, one_line_per_area, overview_columns
from laadesk.core.region_views import overview_row
from laadesk.store.folder_reading import region_folder, workbook_files
from laadesk.store.region_read import read_overview


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("region", help="list every workbook in a folder: where each agreement stands")
    parser.add_argument("folder", type=Path, help="the folder of workbooks (its sub-folders too)")
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = region_folder(args.folder)
    found = one_line_per_area([read_overview(path, folder) for path in workbook_files(folder)])
    areas = [f for f in found if isinstance(f, AreaOverview)]
    skipped = [f for f in found if isinstance(f, Skipped)]
    for one in skipped:
        tell(f"skipped: {one.why}")
    if args.json:
        lines = [{k: v for k, v in asdict(a).items() if k != "targets"} for a in areas]
        print_json({"areas": lines, "skipped": [{"path": s.path, "reason": s.why} for s in skipped]})
    else:
        _print_table(areas)
        print(f"{len(areas)} workbook(s) read" + (f"; {len(skipped)} could not be read." if skipped else "."))
    return 1 if skipped else 0


def _print_table(areas: list[AreaOverview]) -> None:
    heads = [head for head, _ in overview_columns()]
    rows = [overview_row(a) for a in areas]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(heads)]
    print("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
