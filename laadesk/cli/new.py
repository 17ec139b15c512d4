"""`laadesk new FILE --area NAME`: start a workbook for an area, never over an existing file."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from laadesk.core.errors import WorkbookUnavailable
from laadesk.store.reference import area_profile, default_catalogue, reference_areas
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("new", help="create a workbook for an area (refuses to overwrite)")
    parser.add_argument("file", type=Path, help="the workbook file to create, e.g. kingsmere.laa")
    parser.add_argument("--area", required=True, help="area name; one of the 150 LAA areas fills in the rest")
    parser.add_argument("--ons-code", help="the area's ONS code")
    parser.add_argument("--region", help="Government Office region, e.g. 'East Midlands' or GOEM")
    parser.set_defaults(run=run)


def _region(text: str) -> str:
    regions = {a.go_region.casefold(): a.go_region for a in reference_areas()}
    regions.update({a.go.casefold(): a.go_region for a in reference_areas()})
    found = regions.get(text.strip().casefold())
    if found is None:
        names = sorted(set(regions.values()))
        raise WorkbookUnavailable(f"'{text}' is not a Government Office region; use one of: {', '.join(names)}.")
    return found


def run(args: argparse.Namespace) -> int:
    area, districts, known_area = area_profile(args.area)
    if not area.name:
        raise WorkbookUnavailable("The area needs a name (--area).")
    if args.ons_code is not None:
        area = replace(area, ons_code=args.ons_code.strip())
    if args.region is not None:
        area = replace(area, go_region=_region(args.region))
    catalogue = default_catalogue()
    with Workbook.create(args.file, area, catalogue, districts=districts):
        pass
    known = " (from the list of 2008 LAA areas)" if known_area else ""
    print(f"Created {args.file} for {area.name}{known}, with the {catalogue.edition}.")
    return 0
