"""`laadesk refresh FILE --label TEXT` opens a review and refresh round from the latest agreed version;
`laadesk refresh FILE` reports the open round (each change since the version with its reason, the
deferrals to settle, the statutory levels to ask for; exit 1 while a change has no reason);
`laadesk refresh FILE --reason CODE FIELD TEXT` records why a change was made. The round ends
when the agreement is frozen again (`laadesk agree`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.cli.output import author
from laadesk.core.codes import parse_code
from laadesk.core.errors import WorkbookCorrupt, WorkbookUnavailable
from laadesk.core.refresh import changes_since, reason_edit, statutory_asks
from laadesk.core.refresh_rules import check_refresh
from laadesk.core.rounds import RefreshRound
from laadesk.store.refresh import start_round
from laadesk.store.workbook import Workbook

EXIT_UNEXPLAINED = 1


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("refresh", help="open or report the review and refresh round")
    parser.add_argument("file", type=Path)
    parser.add_argument("--label", help='open a round with this name ("2009 refresh")')
    parser.add_argument(
        "--reason",
        nargs=3,
        metavar=("CODE", "FIELD", "TEXT"),
        help='why a change was made: --reason "NI 153" target_2010_11 "new baseline from the 2008 survey"',
    )
    parser.add_argument("--who", metavar="NAME", help="your name, for the history (default: your account name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.label and args.reason:
        raise WorkbookUnavailable("Open a round (--label) or give a reason (--reason), one at a time.")
    writing = bool(args.label or args.reason)
    with Workbook.open(args.file, read_only=not writing, author=author(args.who)) as workbook:
        if args.label:
            made = start_round(workbook, args.label)
            print(f'Opened the refresh round "{made.label}" from the agreed version "{made.from_version}".')
        elif args.reason:
            _give_reason(workbook, *args.reason)
        snapshot = workbook.snapshot()
    round_ = snapshot.refresh_round
    if not round_.open:
        print(f"{args.file.name} has no refresh round open.")
        return 0
    since = changes_since(round_.from_version, "", "", _base(args.file.name, round_), snapshot)
    print(f'Changes since "{round_.from_version}": {len(since.lines)} ({len(since.unexplained)} without a reason)')
    for line in since.lines:
        reason = f"  because: {line.reason}" if line.reason else "  NO REASON YET"
        print(f"  {line.ni} {line.field}: {line.agreed} -> {line.proposed}{reason}")
    deferrals = [p.message for p in check_refresh(snapshot) if p.rule == "refresh-deferral"]
    asks = statutory_asks(snapshot)
    if deferrals or asks:
        print("To settle in this round:")
        for sentence in (*deferrals, *asks):
            print(f"  {sentence}")
    print("Freeze the agreement again to end the round (laadesk agree FILE --label TEXT).")
    # Opening a round or giving a reason did what was asked; the report alone says whether reasons lack.
    return EXIT_UNEXPLAINED if since.unexplained and not writing else 0


def _base(name: str, round_: RefreshRound) -> dict[str, Any]:
    base = round_.base()
    if base is None:
        raise WorkbookCorrupt(
            f'{name} is damaged (the agreement the refresh round "{round_.label}" started from cannot be read).'
        )
    return base


def _give_reason(workbook: Workbook, code_text: str, field: str, reason: str) -> None:
    try:
        code = parse_code(code_text)
    except ValueError as error:
        raise WorkbookUnavailable(f"--reason: {error}") from None
    snapshot = workbook.snapshot()
    round_ = snapshot.refresh_round
    if not round_.open:
        raise WorkbookUnavailable(f"{workbook.path.name} has no refresh round open to give reasons in.")
    changed = {
        (line.ni, line.field) for line in changes_since("", "", "", _base(workbook.path.name, round_), snapshot).lines
    }
    if (code, field) not in changed:
        listed = ", ".join(f"{c} {f}" for c, f in sorted(changed)) or "none"
        raise WorkbookUnavailable(f'{code} {field} has not changed since "{round_.from_version}" (changes: {listed}).')
    workbook.apply(reason_edit(snapshot.change_reasons, code, field, reason))
    print(f"Recorded the reason for the change to {code} {field}.")
