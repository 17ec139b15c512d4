"""`laadesk indicators [--search TEXT] [--json]`: the National Indicator Set, and loading a newer one."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.cli.output import print_json
from laadesk.core.catalogue import Catalogue, Indicator
from laadesk.store.reference import default_catalogue, install_catalogue, read_catalogue_file
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("indicators", help="list or search the National Indicator Set; load a newer one")
    parser.add_argument(
        "--search", metavar="TEXT", default="", help="words to find in number, title, theme, department"
    )
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.add_argument(
        "--workbook", type=Path, metavar="FILE", help="use (or with --load, update) this workbook's edition"
    )
    parser.add_argument(
        "--load",
        type=Path,
        metavar="CSV",
        help="check a catalogue CSV in the shipped layout and make it the default for new workbooks "
        "(or, with --workbook, that workbook's edition)",
    )
    parser.add_argument("--edition", help="the name of the edition being loaded (default: the file's name)")
    parser.set_defaults(run=run)


def as_json(indicator: Indicator) -> dict[str, Any]:
    return {
        "ni": indicator.ni,
        "code": indicator.code,
        "title": indicator.title,
        "title_unverified": indicator.title_unverified,
        "title_basis": indicator.title_basis,
        "theme": indicator.theme,
        "department": indicator.department,
        "survey": indicator.survey,
        "statutory": indicator.statutory,
        "polarity": indicator.polarity.value if indicator.polarity else None,
        "polarity_basis": indicator.polarity_basis,
        "withdrawn": indicator.withdrawn,
        "source": indicator.source,
    }


def as_line(indicator: Indicator) -> str:
    marks = [
        mark
        for mark, present in (
            ("withdrawn", indicator.withdrawn),
            ("statutory", indicator.statutory),
            (indicator.survey, bool(indicator.survey)),
        )
        if present
    ]
    suffix = f"  [{', '.join(marks)}]" if marks else ""
    return f"{indicator.code:<7} {indicator.shown_title}{suffix}"


def _load(args: argparse.Namespace) -> int:
    catalogue = read_catalogue_file(args.load, args.edition or args.load.stem)
    if args.workbook:
        with Workbook.open(args.workbook) as workbook:
            workbook.replace_catalogue(catalogue)
        where = f"{args.workbook} now uses"
    else:
        install_catalogue(catalogue)
        where = "New workbooks will use"
    print(
        f"{where} '{catalogue.edition}' ({len(catalogue.indicators)} indicators, "
        f"{len(catalogue.statutory())} statutory)."
    )
    return 0


def run(args: argparse.Namespace) -> int:
    if args.load:
        return _load(args)
    catalogue: Catalogue
    if args.workbook:
        with Workbook.open(args.workbook, read_only=True) as workbook:
            catalogue = workbook.catalogue()
    else:
        catalogue = default_catalogue()
    found = catalogue.search(args.search)
    if args.json:
        print_json({"edition": catalogue.edition, "indicators": [as_json(i) for i in found]})
        return 0
    for indicator in found:
        print(as_line(indicator))
    unverified = sum(1 for i in found if i.title_unverified)
    print(
        f"{len(found)} of {len(catalogue.indicators)} indicators ({catalogue.edition}); "
        f"{unverified} shown titles are recalled and unverified."
    )
    return 0
