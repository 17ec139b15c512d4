"""`laadesk qa FILE [--json]`: the GO's QA checklist for the agreement - each item met or open, with
its evidence; exit 0 when every item is met, 1 listing the open ones. `--tick ITEM [--comment TEXT]`
and `--untick ITEM` record a reviewer's judgement."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from laadesk.cli.output import author, print_json
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.qa import QaItem, QaState, find_item, open_items, qa_states, summary, tick_edit, untick_edit
from laadesk.store.reference import qa_checklist
from laadesk.store.workbook import Workbook

EXIT_OPEN = 1


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("qa", help="the QA checklist: each item met or open; exit 1 while any is open")
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON for other tools")
    change = parser.add_mutually_exclusive_group()
    change.add_argument("--tick", metavar="ITEM", help="tick a judgement item as met (its id, e.g. peer-review)")
    change.add_argument("--untick", metavar="ITEM", help="take a tick back")
    parser.add_argument("--comment", default="", help="the reviewer's comment on the tick")
    parser.add_argument("--who", metavar="NAME", help="your name, for the tick and the history")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    items = qa_checklist()
    if args.tick or args.untick:
        with Workbook.open(args.file, author=author(args.who)) as workbook:
            item = _item(items, args.tick or args.untick)
            snapshot = workbook.snapshot()
            if args.tick:
                try:
                    edit = tick_edit(snapshot, item, workbook.author, workbook.clock(), args.comment)
                except ValueError as refused:
                    raise WorkbookUnavailable(f"{refused}.") from None
            else:
                edit = untick_edit(snapshot, item)
            if not edit.empty:
                workbook.apply(edit)
            states = qa_states(workbook.snapshot(), items)
        done = "ticked" if args.tick else ("unticked" if not edit.empty else "was not ticked; nothing changed")
        print(f"{item.id} {done}.", file=sys.stderr)
    else:
        with Workbook.open(args.file, read_only=True) as workbook:
            states = qa_states(workbook.snapshot(), items)
    if args.json:
        print_json({"met": not open_items(states), "items": [_as_json(s) for s in states]})
    else:
        for state in states:
            print(f"[{'x' if state.met else ' '}] {state.item.id}  ({state.item.kind}) {state.item.item}")
            print(f"      {state.evidence}")
            for finding in state.findings:
                print(f"        - {finding}")
        print(summary(states) + ".")
    return 0 if not open_items(states) else EXIT_OPEN


def _item(items: tuple[QaItem, ...], ident: str) -> QaItem:
    item = find_item(items, ident)
    if item is None:
        raise WorkbookUnavailable(f"The QA checklist has no item '{ident}'; `laadesk qa FILE` lists them.")
    return item


def _as_json(state: QaState) -> dict[str, object]:
    tick = state.tick
    return {
        "id": state.item.id,
        "kind": state.item.kind.value,
        "item": state.item.item,
        "state": state.state,
        "findings": list(state.findings),
        "ticked_by": tick.who if tick else None,
        "ticked_at": tick.when if tick else None,
        "comment": tick.comment if tick else None,
    }
