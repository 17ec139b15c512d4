"""`laadesk attach FILE PATH [--internal] [--link CODE]...`, `laadesk attachments FILE [--json]` and
`laadesk extract FILE NAME OUT`: evidence files kept inside the workbook, and taken out byte for byte."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from laadesk.cli.output import author, print_json
from laadesk.core.attachments import Attachment, describe_size
from laadesk.core.dates import format_moment
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.attachments import attach, every_attachment, extract, find_attachment, held_bytes
from laadesk.store.workbook import Workbook


def add_parser(commands: Any) -> None:
    adding = commands.add_parser("attach", help="attach a file (PDF, XLSX, DOCX, ODT, CSV, PNG, JPEG) as evidence")
    adding.add_argument("file", type=Path)
    adding.add_argument("path", type=Path, help="the file to attach")
    adding.add_argument("--internal", action="store_true", help="for government only: never in a council output")
    adding.add_argument(
        "--link",
        action="append",
        default=[],
        metavar="CODE",
        help="a target (NI 153) or story section (its title) it is evidence for; repeat for more",
    )
    adding.add_argument("--who", metavar="NAME", help="your name, for the attachment and the history")
    adding.set_defaults(run=run_attach)
    listing = commands.add_parser("attachments", help="list the files attached to a workbook")
    listing.add_argument("file", type=Path)
    listing.add_argument("--json", action="store_true", help="print JSON for other tools")
    listing.set_defaults(run=run_list)
    taking = commands.add_parser("extract", help="write an attached file out, byte for byte")
    taking.add_argument("file", type=Path)
    taking.add_argument("name", help="the attachment's name (or the start of its SHA-256)")
    taking.add_argument("out", type=Path, help="where to write it (never over an existing file)")
    taking.set_defaults(run=run_extract)


def _links(snapshot: WorkbookSnapshot, links: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each --link as a target's code or a story section's id; WorkbookUnavailable naming one that is neither."""
    codes: list[str] = []
    sections: list[str] = []
    targets = {t.code.casefold(): t.code for t in snapshot.targets}
    titles = {s.title.casefold(): s.id for s in snapshot.story}
    for link in (part.strip() for given in links for part in given.split(",")):
        if not link:
            continue
        if link.casefold() in targets:
            codes.append(targets[link.casefold()])
        elif link.casefold() in titles:
            sections.append(titles[link.casefold()])
        else:
            raise WorkbookUnavailable(
                f"--link {link}: the workbook has no target or story section called that "
                "(a target's code such as NI 153, or a section's title)."
            )
    return tuple(dict.fromkeys(codes)), tuple(dict.fromkeys(sections))


def run_attach(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, author=author(args.who)) as workbook:
        indicators, sections = _links(workbook.snapshot(), args.link)
        done = attach(workbook, args.path, internal=args.internal, indicators=indicators, sections=sections)
        held = held_bytes(workbook.snapshot())
    record = done.attachment
    side = "internal to government" if record.internal else "shareable"
    if done.already:
        print(f"{args.path} is already attached as {record.name} ({side}); nothing was added.")
    else:
        print(
            f"Attached {record.name} ({record.kind}, {describe_size(record.size)}, {side}; SHA-256 "
            f"{record.sha256[:12]}...). The workbook holds {describe_size(held)} of attachments."
        )
    return 0


def run_list(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, read_only=True) as workbook:
        snapshot = workbook.snapshot()
    every = every_attachment(snapshot)
    if args.json:
        print_json([_as_json(a, snapshot) for a in every])
        return 0
    for one in every:
        side = "internal" if one.internal else "shareable"
        links = ", ".join((*one.indicators, *(_section_title(snapshot, s) for s in one.sections)))
        print(
            f"{one.name}  {one.kind}  {describe_size(one.size)}  {side}  {one.sha256[:12]}  "
            f"{one.who}  {format_moment(one.when)}" + (f"  for {links}" if links else "")
        )
    print(f"{len(every)} attachment{'s' if len(every) != 1 else ''}, {describe_size(held_bytes(snapshot))}.")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    with Workbook.open(args.file, read_only=True) as workbook:
        found = find_attachment(workbook.snapshot(), args.name)
        extract(workbook, found, args.out)
    print(f"Wrote {found.name} ({describe_size(found.size)}, SHA-256 checked) to {args.out}.")
    return 0


def _section_title(snapshot: WorkbookSnapshot, section_id: str) -> str:
    return next((s.title for s in snapshot.story if s.id == section_id), section_id)


def _as_json(one: Attachment, snapshot: WorkbookSnapshot) -> dict[str, object]:
    return {
        "name": one.name,
        "kind": one.kind,
        "size": one.size,
        "sha256": one.sha256,
        "internal": one.internal,
        "who": one.who,
        "when": one.when,
        "indicators": list(one.indicators),
        "sections": [_section_title(snapshot, s) for s in one.sections],
    }
