"""`laadesk info FILE [--json]`: what a workbook holds, at a glance."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk import __version__
from laadesk.cli.output import print_json
from laadesk.core.cross_checks import check_workbook
from laadesk.core.model import ActionStatus, AgreementState, Role
from laadesk.core.rules import ready_for_sign_off, summary
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("info", help="describe a workbook")
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    parser.set_defaults(run=run)


def describe(workbook: Workbook) -> dict[str, Any]:
    snapshot = workbook.snapshot()
    problems = check_workbook(snapshot)
    area = snapshot.area

    def count(role: Role) -> int:
        return sum(1 for t in snapshot.targets if t.role is role)

    return {
        "file": str(workbook.path),
        "area": area.name,
        "ons_code": area.ons_code,
        "go_region": area.go_region,
        "type": area.type.value if area.type else "",
        "tier": area.tier.value,
        "lsp_name": area.lsp_name,
        "districts": [d.name for d in snapshot.districts],
        "partners": [p.name for p in snapshot.partners],
        "workbook_format": workbook.schema_version,
        "created_at": workbook.meta("created_at"),
        "created_by": workbook.meta("created_by"),
        "nis_edition": workbook.nis_edition,
        "targets": {
            "designated": count(Role.DESIGNATED),
            "statutory": count(Role.STATUTORY),
            "local": count(Role.LOCAL),
            "candidate": count(Role.CANDIDATE),
            "rejected": count(Role.REJECTED),
            "deferred": sum(1 for t in snapshot.targets if t.chosen and t.deferred),
        },
        "story_sections": len(snapshot.story),
        "champion_notes": len(snapshot.notes),
        "open_actions": sum(1 for n in snapshot.notes if n.action_status is ActionStatus.OPEN),
        "adoptions": {"recorded": len(snapshot.adoptions), "adopted": sum(1 for a in snapshot.adoptions if a.date)},
        "milestones": {"total": len(snapshot.milestones), "done": sum(1 for m in snapshot.milestones if m.done)},
        "sub_area_targets": {
            "rows": len(snapshot.sub_areas),
            "targets": len({s.code for s in snapshot.sub_areas}),
        },
        "partner_agreements": {
            "recorded": len(snapshot.agreements),
            **{state.value: sum(1 for a in snapshot.agreements if a.state is state) for state in AgreementState},
        },
        "summary": summary(snapshot.targets, snapshot.catalogue, problems),
        "ready_for_sign_off": ready_for_sign_off(problems),
    }


def run(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, read_only=True) as workbook:
        facts = describe(workbook)
    if args.json:
        print_json(facts)
        return 0
    kind = ", ".join(x for x in (facts["tier"], facts["type"], facts["go_region"]) if x)
    targets = facts["targets"]
    lines = [
        f"{facts['area']}" + (f" ({kind})" if kind else ""),
        f"File: {facts['file']} (workbook format {facts['workbook_format']}; read by laadesk {__version__})",
        f"National Indicator Set: {facts['nis_edition']}",
        f"Targets: {targets['designated']} designated, {targets['statutory']} statutory, "
        f"{targets['local']} local, {targets['deferred']} deferred; "
        f"{targets['candidate']} candidates, {targets['rejected']} rejected",
        f"Story of place: {facts['story_sections']} sections. Champion notes: {facts['champion_notes']} "
        f"({facts['open_actions']} open actions)",
        f"Sign-off: {facts['adoptions']['adopted']} of {facts['adoptions']['recorded']} authorities adopted. "
        f"Milestones: {facts['milestones']['done']} of {facts['milestones']['total']} done",
        f"Rules: {facts['summary']}" + (" - ready for sign-off" if facts["ready_for_sign_off"] else ""),
    ]
    if facts["districts"]:
        lines.insert(1, f"Districts: {', '.join(facts['districts'])}")
    print("\n".join(lines))
    return 0
