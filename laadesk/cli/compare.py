"""`laadesk compare FILE [--from LABEL] [--to LABEL] [--json]` and `laadesk compare FILE OTHER [--json]`:
what changed, in the negotiators' words. By default the latest agreed version against the workbook
now; OTHER is another workbook, or a council's table in any layout `laadesk import` reads (what
importing it would change). `--json` prints a list of {"ni", "field", "from", "to", "kind"}."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from laadesk.cli.output import print_json
from laadesk.core.agreement import agreement_form
from laadesk.core.compare import catalogue_polarity, compare
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.labels import counted
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.versions import AgreedVersion, version, versions
from laadesk.store.workbook import WORKBOOK_SUFFIX, Workbook

NOW = "now"


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("compare", help="list what changed between agreed versions, copies or a table")
    parser.add_argument("file", type=Path)
    parser.add_argument("other", type=Path, nargs="?", help="another workbook, or a council's table (.csv, .xlsx)")
    parser.add_argument("--from", dest="start", metavar="LABEL", help="an agreed version (default: the latest)")
    parser.add_argument("--to", dest="end", metavar="LABEL", help="an agreed version (default: the workbook now)")
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.other is not None and (args.start or args.end):
        raise WorkbookUnavailable("Compare with another file, or between agreed versions (--from/--to), not both.")
    with Workbook.open(args.file, read_only=True) as workbook:
        snapshot = workbook.snapshot()
        if args.other is not None:
            start_name, start = f"{args.file.name} now", agreement_form(snapshot)
            end_name, end = args.other.name, other_form(args.other, snapshot)
        else:
            found = versions(workbook)  # read (and hashed) once for both ends
            start_name, start = starting_version(workbook, args.start, found)
            end_name, end = (NOW, agreement_form(snapshot))
            if args.end:
                chosen = version(workbook, args.end, found)
                end_name, end = f'"{chosen.label}"', chosen.form
    differences = compare(start, end, catalogue_polarity(snapshot.catalogue))
    if args.json:
        print_json([d.as_json() for d in differences])
        return 0
    print(f"From {start_name} to {end_name}:")
    for difference in differences:
        print(f"  {difference.sentence}")
    print(f"{counted(len(differences), 'change')}." if differences else "No changes.")
    return 0


def starting_version(
    workbook: Workbook, label: str | None, found: tuple[AgreedVersion, ...]
) -> tuple[str, dict[str, Any]]:
    if label:
        chosen = version(workbook, label, found)
        return f'"{chosen.label}"', chosen.form
    newest = found[-1] if found else None
    if newest is None:
        raise WorkbookUnavailable(
            f"{workbook.path.name} has no agreed version yet to compare with: freeze one with "
            f"`laadesk agree {workbook.path.name} --label TEXT`, or name another workbook or a table to compare with."
        )
    return f'"{newest.label}"', newest.form


def other_form(path: Path, snapshot: WorkbookSnapshot) -> dict[str, Any]:
    """The agreement another workbook holds, or this one's as a council's table would leave it."""
    if path.suffix.lower() == WORKBOOK_SUFFIX:
        with Workbook.open(path, read_only=True) as other:
            return agreement_form(other.snapshot())
    from laadesk.core.applied import applied
    from laadesk.core.council_table import read_table
    from laadesk.core.import_plan import plan_import
    from laadesk.export.table_files import read_table_file
    from laadesk.store.reference import deferral_reasons

    table = read_table(read_table_file(path, None), {})
    plan, problems = plan_import(
        str(path), table, snapshot.targets, snapshot.partners, snapshot.catalogue, deferral_reasons()
    )
    if plan is None:
        for problem in problems:
            print(f"{path} {problem}", file=sys.stderr)
        raise WorkbookUnavailable(
            f"{path}: {counted(len(problems), 'problem')} (listed above), so it was not compared."
        )
    return agreement_form(applied(snapshot, plan.edit))
