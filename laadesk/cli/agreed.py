"""`laadesk agree FILE --label TEXT [--who NAME]` freezes the agreement as an agreed version;
`laadesk versions FILE [--json] [--verify]` lists them, and with --verify exits 2 naming any
version whose recorded hash its stored agreement no longer gives (altered by another tool)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from laadesk.cli.output import author, print_json
from laadesk.core.cross_checks import check_workbook
from laadesk.core.labels import counted
from laadesk.core.rules import Severity
from laadesk.store.versions import AgreedVersion, freeze, versions
from laadesk.store.workbook import Workbook

EXIT_ALTERED = 2


def add_parser(commands: Any) -> None:
    agree = commands.add_parser("agree", help="freeze the agreement as an agreed version")
    agree.add_argument("file", type=Path)
    agree.add_argument("--label", required=True, help='what the version is ("Signed by the Secretary of State")')
    agree.add_argument("--who", metavar="NAME", help="your name, for the history (default: your account name)")
    agree.set_defaults(run=run_agree)
    listing = commands.add_parser("versions", help="list the agreed versions and check their hashes")
    listing.add_argument("file", type=Path)
    listing.add_argument("--json", action="store_true", help="print JSON for other tools")
    listing.add_argument("--verify", action="store_true", help="exit 2 naming any version altered since it was frozen")
    listing.set_defaults(run=run_versions)


def run_agree(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, author=author(args.who)) as workbook:
        errors = [p for p in check_workbook(workbook.snapshot()) if p.severity is Severity.ERROR]
        made = freeze(workbook, args.label)
    print(f'Froze the agreement as "{made.label}" (SHA-256 {made.short_hash}...) at {made.when} by {made.who}.')
    if errors:
        print(
            f"laadesk: note: the agreement was frozen with {counted(len(errors), 'error')} outstanding "
            "(`laadesk validate` lists them).",
            file=sys.stderr,
        )
    return 0


def run_versions(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, read_only=True) as workbook:
        found = versions(workbook)
    altered = [v for v in found if not v.verified]
    if args.json:
        print_json([v.as_json() for v in found])
    else:
        for item in found:
            print(row(item))
        print(f"{counted(len(found), 'agreed version')}.")
    if args.verify and altered:
        for item in altered:
            print(
                f'laadesk: agreed version "{item.label}" was altered after it was frozen: its stored agreement no '
                "longer gives the hash recorded for it.",
                file=sys.stderr,
            )
        return EXIT_ALTERED
    if args.verify and not args.json:
        print("Every agreed version gives the hash recorded for it.")
    return 0


def row(item: AgreedVersion) -> str:
    mark = "" if item.verified else "  ALTERED since it was frozen"
    return f"{item.label}  {item.when}  {item.who}  {item.sha256}{mark}"
