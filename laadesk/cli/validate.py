"""`laadesk validate FILE [--json]`: exit 0 ready for sign-off, 1 problems listed, 2 unusable."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any

from laadesk.cli.output import print_json
from laadesk.core.cross_checks import check_workbook
from laadesk.core.rules import ready_for_sign_off, summary
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("validate", help="check the negotiation rules")
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, read_only=True) as workbook:
        snapshot = workbook.snapshot()
    problems = check_workbook(snapshot)
    ready = ready_for_sign_off(problems)
    line = summary(snapshot.targets, snapshot.catalogue, problems)
    if args.json:
        print_json({"ready_for_sign_off": ready, "summary": line, "problems": [asdict(p) for p in problems]})
    else:
        for problem in problems:
            print(f"{problem.severity.value}: {problem.message}")
        print(line)
        print("Ready for sign-off." if ready else "Not ready for sign-off: errors remain.")
    return 0 if ready else 1
