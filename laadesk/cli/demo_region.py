"""`laadesk demo-region FOLDER [--region NAME] [--count N]`: a folder of generated workbooks for trying
the region desk and the roll-up - the demo's fictional agreement under real 2008 areas' names."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.core.errors import WorkbookUnavailable
from laadesk.store.reference import reference_areas
from laadesk.store.region_demo import build_region, file_name, region_areas


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "demo-region", help="create a folder of generated workbooks (real areas, fictional figures) at FOLDER"
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--region", default="", help='one Government Office region, e.g. "North West" (default: all)')
    parser.add_argument("--count", type=int, default=0, help="only the first N areas of the region")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    areas = region_areas(args.region, max(args.count, 0))
    if not areas:
        regions = sorted({a.go_region for a in reference_areas()})
        raise WorkbookUnavailable(f'There is no region "{args.region}"; the regions are: {", ".join(regions)}.')
    if args.folder.exists() and not args.folder.is_dir():
        raise WorkbookUnavailable(f"{args.folder} is a file, not a folder; give an empty or new folder.")
    taken = [file_name(a) for a in areas if (args.folder / file_name(a)).exists()]
    if taken:
        raise WorkbookUnavailable(f"{args.folder / taken[0]} already exists; give an empty or new folder.")
    try:
        made = build_region(args.folder, areas)
    except OSError as error:  # the folder is a file, or cannot be written to
        raise WorkbookUnavailable(f"Cannot make workbooks in {args.folder}: {error.strerror or error}.") from None
    print(f"Created {len(made)} generated workbook(s) in {args.folder} (real areas, fictional figures).")
    return 0
