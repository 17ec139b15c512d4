"""`laadesk import FILE SOURCE [--sheet NAME] [--columns MAP] [--dry-run]`: targets from a council's table or
the exchange layout, all or nothing."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from laadesk.cli.backup_first import back_up_first
from laadesk.cli.output import print_json
from laadesk.core.codes import parse_code, sort_key
from laadesk.core.compare import catalogue_polarity
from laadesk.core.council_table import SourceTable, read_choices, read_table
from laadesk.core.edits import Edit, Put
from laadesk.core.errors import CellProblem, ImportRejected, WorkbookUnavailable
from laadesk.core.import_plan import plan_import
from laadesk.core.labels import field_words
from laadesk.core.model import SubAreaTarget, Target
from laadesk.core.review import NOTE, PROPOSAL, Review, accepted_edit, review
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.sub_area_exchange import (
    SHEET,
    SubAreaRows,
    find_sub_area_header,
    plan_sub_area_import,
    read_sub_area_table,
)
from laadesk.export.exchange_xlsx import sheet_names
from laadesk.export.table_files import SPREADSHEETS, read_table_file
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
    parser.add_argument("--json", action="store_true", help="with --dry-run: print the changes as JSON for other tools")
    parser.add_argument(
        "--only",
        metavar="CODES",
        type=_codes_option,
        help='apply only the changes to these targets: --only "NI 153,NI 8" (the rest are left as they are)',
    )
    parser.add_argument(
        "--overwrite-agreed",
        action="store_true",
        help="write a changed level over a level already agreed in the negotiation (by default it lands as the "
        "area's proposal for that year, and the agreed level stays)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.json and not args.dry_run:
        raise WorkbookUnavailable("--json goes with --dry-run: it prints the changes an import would make.")
    try:
        choices = read_choices(args.columns or "")
    except ValueError as error:
        raise WorkbookUnavailable(f"--columns: {error}.") from None
    # Read and check the whole source before the workbook is opened for writing. Which layout a table is
    # in is known by its header row; an Excel pack carries its sub-area figures on a sheet of their own.
    source = read_table_file(args.source, args.sheet)
    sub_rows = sub_area_rows(args.source, args.sheet, source)
    if sub_rows is not None and find_sub_area_header(source) is not None:
        return import_sub_areas(args, sub_rows)
    table = read_table(source, choices)
    # Opening for writing takes the lock: a workbook open in another laadesk is refused (exit 2).
    with Workbook.open(args.file, read_only=args.dry_run) as workbook:
        notice = workbook.lock.notice(args.file) if workbook.lock else None
        if notice:
            print(f"laadesk: {notice}", file=sys.stderr)
        plan, problems = plan_import(
            str(args.source), table, workbook.targets(), workbook.partners(), workbook.catalogue(), deferral_reasons()
        )
        sub_plan = None
        if plan is not None and sub_rows is not None:
            sub_plan, problems = plan_sub_area_import(
                sub_rows, workbook.records(SubAreaTarget), workbook.targets(), also=_codes(plan.edit)
            )
            problems = [CellProblem(p.row, p.column, f"({SHEET}) {p.message}") for p in problems]
            plan = plan if sub_plan is not None else None
        if plan is None:
            return _rejected(args.source, problems)
        planned = plan.edit if sub_plan is None else Edit(plan.edit.label, plan.edit.changes + sub_plan.changes)
        snapshot = workbook.snapshot()
        found = review(snapshot, planned, args.source.name, catalogue_polarity(snapshot.catalogue))
        if args.json:
            print_json([p.as_json() for p in found.proposals])
            return 0
        wanted = [p.number for p in found.proposals if args.only is None or p.ni in args.only]
        overwrite = wanted if args.overwrite_agreed else ()
        edit = accepted_edit(snapshot, found, wanted, overwrite_agreed=overwrite, today=_today(snapshot))
        if not args.dry_run and not edit.empty:
            back_up_first(workbook, args.file, backups.BEFORE_IMPORT, "imported into")
            workbook.apply(edit)
    if args.only is not None:
        return _report_only(args, found, wanted)
    # A change that lands elsewhere than the table says (an agreed year's level as the area's
    # proposal, a comment as a note) is said once, as it lands, not also as the table's change.
    routed = [p for p in found.proposals if p.lands in (PROPOSAL, NOTE) and p.number not in overwrite]
    elsewhere = tuple(f"{p.ni}: {field_words(p.field)} " for p in routed)
    for line in (*plan.notes, *plan.report, *(sub_plan.report if sub_plan else ())):
        if not line.startswith(elsewhere) or not elsewhere:
            print(line)
    for proposal in routed:
        print(proposal.said)
    totals = plan.totals() + (f"; {sub_plan.totals()}" if sub_plan else "")
    if args.dry_run:
        print(f"Dry run of {args.source}: would make {totals}. Nothing was written.")
    else:
        print(f"Imported {args.source} into {args.file}: {totals}.")
    return 0


def _rejected(source: Path, problems: list[CellProblem]) -> int:
    """Each bad cell on its own line (file, row, column, why), then the sentence: nothing imported."""
    for problem in problems:
        print(f"{source} {problem}", file=sys.stderr)
    print(f"laadesk: {ImportRejected(str(source), problems)}", file=sys.stderr)
    return 1


def _report_only(args: argparse.Namespace, found: Review, wanted: list[int]) -> int:
    chosen = [p for p in found.proposals if p.number in wanted]
    for proposal in chosen:
        print(proposal.said)
    missing = sorted(set(args.only) - {p.ni for p in found.proposals}, key=sort_key)
    if missing:
        print(f"laadesk: {args.source.name} changes nothing of {', '.join(missing)}.", file=sys.stderr)
    done = "Dry run: would import" if args.dry_run else "Imported"
    print(f"{done} {len(chosen)} of {len(found.proposals)} changes from {args.source} into {args.file}.")
    return 0


def _codes_option(text: str) -> list[str]:
    try:
        return [parse_code(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _today(snapshot: WorkbookSnapshot) -> date:
    return snapshot.area.as_at or date.today()


def sub_area_rows(path: Path, sheet: str | None, source: SourceTable) -> SubAreaRows | None:
    """The sub-area rows a source brings: the table itself when its header is the sub-area layout's,
    else an Excel pack's `Sub-area targets` sheet (when no sheet was named); None when it has none."""
    if find_sub_area_header(source) is not None:
        return read_sub_area_table(source)
    if sheet is None and path.suffix.lower() in SPREADSHEETS and SHEET in sheet_names(path):
        return read_sub_area_table(read_table_file(path, SHEET))
    return None


def import_sub_areas(args: argparse.Namespace, rows: SubAreaRows) -> int:
    """Import a table in the sub-area layout: one undo step, a backup first, a line per change."""
    if args.json or args.only is not None or args.overwrite_agreed:
        raise WorkbookUnavailable(
            f"{args.source.name} is in the sub-area layout, which is imported whole (--dry-run lists its changes): "
            "--json, --only and --overwrite-agreed are for a table of targets."
        )
    with Workbook.open(args.file, read_only=args.dry_run) as workbook:
        notice = workbook.lock.notice(args.file) if workbook.lock else None
        if notice:
            print(f"laadesk: {notice}", file=sys.stderr)
        plan, problems = plan_sub_area_import(rows, workbook.records(SubAreaTarget), workbook.targets())
        if plan is None:
            return _rejected(args.source, problems)
        if not args.dry_run and plan.changes:
            back_up_first(workbook, args.file, backups.BEFORE_IMPORT, "imported into")
            workbook.apply(plan.edit(str(args.source)))  # sub-area figures have no agreed levels to keep
    for line in plan.report:
        print(line)
    if args.dry_run:
        print(f"Dry run of {args.source}: would make {plan.totals()}. Nothing was written.")
    else:
        print(f"Imported {args.source} into {args.file}: {plan.totals()}.")
    return 0


def _codes(edit: Edit) -> list[str]:
    """The codes of the targets an edit adds or changes (a file's sub-area rows may be for them)."""
    return [c.after.code for c in edit.changes if isinstance(c, Put) and isinstance(c.after, Target)]
