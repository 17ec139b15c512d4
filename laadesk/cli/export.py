"""`laadesk export FILE --pdf|--xlsx|--csv OUT [--audience ...] [--for-partner NAME] [--as-at DATE]`: packs and CSV;
`--pdf OUT --qa`: the QA report."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from laadesk.core.area import PROTECTIVE_MARKINGS
from laadesk.core.dates import DATE_HINT, parse_date
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.pack import Audience, ChartChoice, build_pack, partner_authority_named
from laadesk.core.qa import qa_states
from laadesk.core.refresh import changes_since
from laadesk.export.exchange_csv import write_exchange_csv, write_sub_area_csv
from laadesk.export.packs import PackFormat, write_packs
from laadesk.store.opening import is_workbook_file
from laadesk.store.reference import deferral_reasons, qa_checklist
from laadesk.store.versions import cover_line, version, version_snapshot, versions
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("export", help="export the sign-off pack (PDF, Excel) or the targets as CSV")
    parser.add_argument("file", type=Path)
    parser.add_argument("--pdf", type=Path, metavar="OUT", help="write the pack as PDF")
    parser.add_argument("--xlsx", type=Path, metavar="OUT", help="write the pack as an Excel workbook")
    parser.add_argument("--csv", type=Path, metavar="OUT", help="write the targets in the exchange layout as CSV")
    parser.add_argument(
        "--sub-areas", action="store_true", help="with --csv: write the targets' sub-area figures (the sub-area layout)"
    )
    parser.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.COUNCIL.value,
        help="council (default): what the council adopts; internal: plus positions, floors and notes",
    )
    parser.add_argument(
        "--marking",
        choices=PROTECTIVE_MARKINGS,
        default="",
        metavar="MARKING",
        help="the council pack's protective marking (default none: the agreement is published once adopted); "
        f"one of: {', '.join(PROTECTIVE_MARKINGS)}. The internal brief carries the workbook's own",
    )
    parser.add_argument(
        "--charts",
        choices=[c.value for c in ChartChoice],
        default=ChartChoice.FLAGGED.value,
        help="which targets get a trajectory chart in the PDF: flagged (default: reward targets, targets "
        "not yet agreed and targets still contested), all, or none",
    )
    parser.add_argument(
        "--for-partner",
        default="",
        metavar="NAME",
        help="with --pdf: the pack for one partner authority - only the targets that relate to it, its "
        "sub-area figures and a block for its agreement",
    )
    parser.add_argument(
        "--version",
        dest="agreed_version",
        metavar="LABEL",
        help="make the pack from an agreed version (laadesk versions lists them); its cover prints the "
        "version's label, day and the first 12 digits of its hash",
    )
    parser.add_argument(
        "--changes-since",
        metavar="LABEL",
        help="with --pdf: a section listing each change to the targets since that agreed version, the agreed "
        "and proposed levels side by side with the reason for each (the refresh pack)",
    )
    parser.add_argument(
        "--qa",
        action="store_true",
        help="with --pdf OUT alone: write the QA report (the checklist, each item's state and evidence, the "
        "reviewer's sign-off), internal to government, instead of a pack",
    )
    parser.add_argument(
        "--as-at",
        type=_as_at,
        metavar="DATE",
        help="the day the pack speaks of (cover, footers, overdue milestones); default: the workbook's "
        "own 'as at', else today",
    )
    parser.set_defaults(run=run)


def _as_at(text: str) -> date:
    try:
        day = parse_date(text)
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None
    if day is None:
        raise argparse.ArgumentTypeError(f"give a date ({DATE_HINT})")
    return day


def run(args: argparse.Namespace) -> int:
    if args.qa:
        return _qa_report(args)
    outputs = [(PackFormat.PDF, args.pdf), (PackFormat.XLSX, args.xlsx)]
    chosen = [(f, p) for f, p in outputs if p is not None]
    if args.sub_areas and args.csv is None:
        raise WorkbookUnavailable("--sub-areas goes with --csv OUT: it writes the sub-area layout as CSV.")
    if args.for_partner and (args.pdf is None or args.xlsx is not None or args.audience != Audience.COUNCIL.value):
        raise WorkbookUnavailable(
            "--for-partner NAME goes with --pdf OUT alone: it writes that partner authority's pack."
        )
    if not chosen and args.csv is None:
        raise WorkbookUnavailable("Say what to export: --pdf OUT, --xlsx OUT and/or --csv OUT.")
    for path in [p for _, p in chosen] + ([args.csv] if args.csv else []):
        if is_workbook_file(path):
            raise WorkbookUnavailable(
                f"{path} is a laadesk workbook; export will not overwrite it. Choose another name."
            )
    if args.changes_since and args.pdf is None:
        raise WorkbookUnavailable("--changes-since LABEL goes with --pdf OUT: it adds a section to the PDF pack.")
    with Workbook.open(args.file, read_only=True) as workbook:
        snapshot = workbook.snapshot()
        found = versions(workbook) if args.agreed_version or args.changes_since else ()  # read (and hashed) once
        frozen = version(workbook, args.agreed_version, found) if args.agreed_version else None
        since = version(workbook, args.changes_since, found) if args.changes_since else None
    for asked in (frozen, since):
        if asked is not None and not asked.verified:
            raise WorkbookUnavailable(
                f'The agreed version "{asked.label}" was altered after it was frozen (laadesk versions --verify), '
                "so no pack was made from it."
            )
    if frozen is not None:
        snapshot = version_snapshot(snapshot, frozen)
    changes = None
    if since is not None:
        changes = changes_since(since.label, since.when, since.short_hash, since.form, snapshot)
    partner = partner_authority_named(snapshot, args.for_partner) if args.for_partner else ""
    if args.csv is not None and args.sub_areas:
        count = write_sub_area_csv(args.csv, snapshot.sub_areas)
        print(f"Wrote {count} sub-area row{'s' if count != 1 else ''} to {args.csv}.")
    elif args.csv is not None:
        count = write_exchange_csv(args.csv, snapshot.targets, snapshot.catalogue)
        print(f"Wrote {count} targets to {args.csv}.")
    if chosen:
        audience = Audience(args.audience)
        pack = build_pack(
            snapshot,
            audience,
            date.today(),
            deferral_reasons().wordings(),
            as_at=args.as_at,
            council_marking=args.marking if audience is Audience.COUNCIL else "",
            charts=ChartChoice(args.charts),
            for_partner=partner,
            agreed_version=cover_line(frozen) if frozen is not None else "",
            changes_since=changes,
        )
        name = "council pack" if audience is Audience.COUNCIL else "internal brief"
        name = f"pack for {partner}" if partner else name
        if pack.unsettled and audience is Audience.COUNCIL:
            count = len(pack.unsettled)
            first = "the first: " if count != 1 else ""
            print(
                f"laadesk: {args.file} has {count} error{'s' if count != 1 else ''} left ({first}"
                f"{pack.unsettled[0].rstrip('.')}), so the {name} says Draft on its cover; "
                f"'laadesk validate {args.file}' lists every problem.",
                file=sys.stderr,
            )
        for written in write_packs(pack, chosen):
            print(f"Wrote the {name} ({written.detail}) to {written.path}.")
    return 0


def _qa_report(args: argparse.Namespace) -> int:
    if args.pdf is None or args.xlsx is not None or args.csv is not None or args.for_partner or args.changes_since:
        raise WorkbookUnavailable("--qa goes with --pdf OUT alone: it writes the QA report, not a pack.")
    if is_workbook_file(args.pdf):
        raise WorkbookUnavailable(
            f"{args.pdf} is a laadesk workbook; export will not overwrite it. Choose another name."
        )
    from laadesk.export.pdf_qa import write_qa_report  # reportlab loads only for a PDF

    items = qa_checklist()
    with Workbook.open(args.file, read_only=True) as workbook:
        snapshot = workbook.snapshot()
    as_at = args.as_at or snapshot.area.as_at or date.today()
    pages = write_qa_report(snapshot.area, qa_states(snapshot, items), as_at, args.pdf)
    print(f"Wrote the QA report ({pages} page{'s' if pages != 1 else ''}, internal to government) to {args.pdf}.")
    return 0
