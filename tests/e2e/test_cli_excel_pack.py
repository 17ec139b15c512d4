"""`laadesk export FILE --xlsx OUT` then `laadesk import FILE OUT`, end to end: the Excel pack's Targets
sheet, title block and headings in words above the exchange layout, comes back exactly and quietly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from support.cli import Cli
from support.workbooks import targets_in_file

from laadesk.core.exchange import EXCHANGE_FIELDS
from laadesk.core.model import Target
from laadesk.store.workbook import Workbook


def pack_codes(path: Path) -> list[str]:
    """The codes on the pack's Targets sheet, below its title block and heading row."""
    sheet = openpyxl.load_workbook(path)["Targets"]
    header = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "NI")
    return [str(row[0]) for row in sheet.iter_rows(min_row=header + 1, max_col=1, values_only=True) if row[0]]


def exchanged(target: Target) -> dict[str, Any]:
    return {name: getattr(target, name) for name in EXCHANGE_FIELDS}


@pytest.mark.parametrize("audience", ["council", "internal"])
def test_the_pack_imports_back_exactly_and_without_a_note(cli: Cli, demo: Path, audience: str) -> None:
    cli.copy_in(demo, "kingsmere.laa")
    cli("export", "kingsmere.laa", "--xlsx", "pack.xlsx", "--audience", audience)
    codes = pack_codes(cli.path("pack.xlsx"))
    count = len(codes)
    assert count == 51
    again = cli("import", "kingsmere.laa", "pack.xlsx")
    assert again.out_lines == [f"Imported pack.xlsx into kingsmere.laa: 0 added, 0 updated, {count} unchanged."]
    assert again.err == ""

    cli("new", "fresh.laa", "--area", "Demo")
    fresh = cli("import", "fresh.laa", "pack.xlsx")
    assert fresh.out_lines[-1] == f"Imported pack.xlsx into fresh.laa: {count} added, 0 updated, 0 unchanged."
    # What it says is what it did: each target and partner added, no header found below a title,
    # no row skipped, no column left out.
    said = fresh.out_lines[:-1]
    assert all(line.endswith((" target", "to the area's partners")) for line in said), said
    assert fresh.err == ""
    before, after = targets_in_file(cli.path("kingsmere.laa")), targets_in_file(cli.path("fresh.laa"))
    assert sorted(after) == sorted(codes)
    for code in codes:
        assert exchanged(after[code]) == exchanged(before[code]), code


def test_levels_a_council_writes_in_words_come_back_as_written(cli: Cli, demo: Path) -> None:
    cli.copy_in(demo, "kingsmere.laa")
    cli("export", "kingsmere.laa", "--xlsx", "pack.xlsx")
    book = openpyxl.load_workbook(cli.path("pack.xlsx"))
    sheet = book["Targets"]
    header = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "NI")
    headings = [c.value for c in sheet[header]]
    row = next(r[0].row for r in sheet.iter_rows(min_row=header + 1, max_col=1) if r[0].value == "NI 16")
    sheet.cell(row=row, column=headings.index("2009/10") + 1, value="12-12.5 (a range)")
    sheet.cell(row=row, column=headings.index("2010/11") + 1, value=11.75)
    sheet.cell(row=row, column=headings.index("Comment") + 1, value="Returned by the council, 2 July")
    book.save(cli.path("returned.xlsx"))

    # The demo's NI 16 levels are agreed in the negotiation: nothing in the returned table overwrites them.
    result = cli("import", "kingsmere.laa", "returned.xlsx")
    assert result.out_lines[-4:] == [
        'NI 16 2009/10 target 12.3 -> "12-12.5 (a range)" (as written) - lands as a shareable champion note '
        "(the agreed level 12.3 stays)",
        "NI 16 2010/11 target 11.9 -> 11.75 (more ambitious) - lands as the area's proposal (the agreed level "
        "11.9 stays)",
        'NI 16 comment: "Returned by the council, 2 July" - lands as a shareable champion note',
        "Imported returned.xlsx into kingsmere.laa: 0 added, 1 updated, 50 unchanged; "
        "1 level kept as written, to settle.",
    ]
    target = targets_in_file(cli.path("kingsmere.laa"))["NI 16"]
    assert (target.target_2009_10, target.target_2010_11, target.as_written("target_2009_10")) == (12.3, 11.9, "")
    with Workbook.open(cli.path("kingsmere.laa"), read_only=True) as workbook:
        snapshot = workbook.snapshot()
    notes = sorted(n.text for n in snapshot.notes if n.indicators == ("NI 16",) and n.author.startswith("returned"))
    assert notes == [
        "Returned by the council, 2 July",
        'The returned table gives the 2009/10 level as "12-12.5 (a range)"; the agreed level 12.3 stays.',
    ]
    proposal = next(p for p in snapshot.positions if (p.code, p.year) == ("NI 16", "2010/11"))
    assert (proposal.area_proposal, proposal.agreed_level) == (11.75, 11.9)

    # The officer may choose to write them over the agreed levels; the words are then kept as written.
    cli("import", "kingsmere.laa", "returned.xlsx", "--overwrite-agreed")
    target = targets_in_file(cli.path("kingsmere.laa"))["NI 16"]
    assert (target.target_2009_10, target.as_written("target_2009_10")) == (None, "12-12.5 (a range)")
    assert target.target_2010_11 == 11.75 and target.comment != "Returned by the council, 2 July"

    # The words go out again as written, and come back once more unchanged.
    cli("export", "kingsmere.laa", "--xlsx", "second.xlsx")
    cli("new", "fresh.laa", "--area", "Demo")
    cli("import", "fresh.laa", "second.xlsx")
    again, before = targets_in_file(cli.path("fresh.laa")), targets_in_file(cli.path("kingsmere.laa"))
    assert again["NI 16"].as_written("target_2009_10") == "12-12.5 (a range)"
    for code in pack_codes(cli.path("second.xlsx")):
        assert exchanged(again[code]) == exchanged(before[code]), code
