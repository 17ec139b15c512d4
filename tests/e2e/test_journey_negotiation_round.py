"""A whole round of the negotiation from the command line, checking the file after every step:
agree -> export for the council -> the council returns a changed table -> review it -> merge a
colleague's copy -> refresh -> agree again."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
from support.cli import Cli

from laadesk.core.agreement import agreement_form, agreement_hash
from laadesk.core.edits import set_fields
from laadesk.core.history import IMPORTED, MERGED, HistoryFilter
from laadesk.core.model import Visibility
from laadesk.store.history import read_entries
from laadesk.store.versions import versions
from laadesk.store.workbook import Workbook

SIGNED = "Signed by the Secretary of State"
REFRESH = "2009 refresh"


def opened(path: Path) -> Workbook:
    return Workbook.open(path, read_only=True)


def returned_table(cli: Cli) -> None:
    """The council's Excel pack back, with NI 20 2010/11 made more ambitious, NI 16's agreed 2010/11
    level changed, and a comment on NI 8."""
    book = openpyxl.load_workbook(cli.path("council.xlsx"))
    sheet = book["Targets"]
    header = next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "NI")
    headings = [c.value for c in sheet[header]]
    rows = {r[0].value: r[0].row for r in sheet.iter_rows(min_row=header + 1, max_col=1)}
    sheet.cell(row=rows["NI 20"], column=headings.index("2010/11") + 1, value=5.0)
    sheet.cell(row=rows["NI 16"], column=headings.index("2010/11") + 1, value=11.0)
    sheet.cell(row=rows["NI 8"], column=headings.index("Comment") + 1, value="Members ask to hold 2010/11")
    book.save(cli.path("returned.xlsx"))


def test_a_round_from_signature_to_refresh(cli: Cli) -> None:
    cli("demo", "kingsmere.laa")
    path = cli.path("kingsmere.laa")

    # 1. The agreement as signed is frozen; its hash is the one anyone recomputes from the file.
    agreed = cli("agree", "kingsmere.laa", "--label", SIGNED, "--who", "Ruth Calloway")
    assert agreed.out_lines[0].startswith(f'Froze the agreement as "{SIGNED}" (SHA-256 ')
    with opened(path) as workbook:
        (signed,) = versions(workbook)
        assert signed.verified and signed.who == "Ruth Calloway"
        assert signed.sha256 == agreement_hash(agreement_form(workbook.snapshot()))
    assert cli("compare", "kingsmere.laa").out_lines == [f'From "{SIGNED}" to now:', "No changes."]

    # 2. The council's pack goes out; nothing of government's side is in it.
    cli("export", "kingsmere.laa", "--xlsx", "council.xlsx", "--pdf", "council.pdf", "--version", SIGNED)
    cover = subprocess.run(["pdftotext", "-l", "1", str(cli.path("council.pdf")), "-"], capture_output=True, text=True)
    assert f'"{SIGNED}", frozen' in " ".join(cover.stdout.split()) and signed.short_hash in cover.stdout

    # 3. The council returns a changed table: reviewed, never written over.
    returned_table(cli)
    before = path.read_bytes()
    dry = json.loads(cli("import", "kingsmere.laa", "returned.xlsx", "--dry-run", "--json").out)
    assert [(p["ni"], p["field"], p["lands"]) for p in dry] == [
        ("NI 8", "comment", "champion note"),
        ("NI 16", "target_2010_11", "area's proposal"),
        ("NI 20", "target_2010_11", "level"),
    ]
    assert path.read_bytes() == before
    only = cli("import", "kingsmere.laa", "returned.xlsx", "--only", "NI 20,NI 8")
    assert only.out_lines[-1] == "Imported 2 of 3 changes from returned.xlsx into kingsmere.laa."
    with opened(path) as workbook:
        snapshot = workbook.snapshot()
        assert snapshot.target("NI 20").target_2010_11 == 5.0  # type: ignore[union-attr]
        assert snapshot.target("NI 16").target_2010_11 == 11.9  # type: ignore[union-attr]  # not taken
        note = next(n for n in snapshot.notes if n.text == "Members ask to hold 2010/11")
        assert note.visibility is Visibility.SHAREABLE and note.indicators == ("NI 8",)
        imported = list(read_entries(workbook, HistoryFilter(ni="NI 20")))
        assert imported[-1].how == IMPORTED and imported[-1].source == "returned.xlsx"

    # 4. A colleague works on a copy and changes NI 33 and NI 20, while NI 20 changes here too:
    # the change only the copy made is taken, the one both made is held for the officer.
    shutil.copy(path, cli.path("colleague.laa"))
    with Workbook.open(cli.path("colleague.laa"), author="Colleague") as other:
        for code, level in (("NI 33", 6.9), ("NI 20", 5.5)):
            target = other.target(code)
            assert target is not None
            other.apply(set_fields(target, f"change {code}", target_2010_11=level))
    with Workbook.open(path, author="Ruth Calloway") as mine:
        target = mine.target("NI 20")
        assert target is not None
        mine.apply(set_fields(target, "change NI 20", target_2010_11=4.8))
    merged = cli("merge", "kingsmere.laa", "colleague.laa", expect=1)
    assert "NI 33 2010/11 target: 6.8 -> 6.9" in merged.out_lines
    assert "conflict: NI 20 2010/11 target: 4.8 here, 5.5 in the other copy" in merged.out_lines
    with opened(path) as workbook:
        assert workbook.target("NI 33").target_2010_11 == 6.9  # type: ignore[union-attr]
        assert workbook.target("NI 20").target_2010_11 == 4.8  # type: ignore[union-attr]
        assert any(e.how == MERGED for e in read_entries(workbook, HistoryFilter(ni="NI 33")))

    # 5. The refresh round: every change since the signed version needs a reason.
    opened_round = cli("refresh", "kingsmere.laa", "--label", REFRESH)
    assert opened_round.out_lines[0] == f'Opened the refresh round "{REFRESH}" from the agreed version "{SIGNED}".'
    report = cli("refresh", "kingsmere.laa", expect=1)
    assert report.out_lines[0] == f'Changes since "{SIGNED}": 2 (2 without a reason)'
    for code in ("NI 20", "NI 33"):
        cli("refresh", "kingsmere.laa", "--reason", code, "target_2010_11", f"{code}: agreed at the mid-year review")
    assert cli("refresh", "kingsmere.laa").out_lines[0] == f'Changes since "{SIGNED}": 2 (0 without a reason)'
    cli("export", "kingsmere.laa", "--pdf", "refresh.pdf", "--changes-since", SIGNED)
    pages = subprocess.run(["pdftotext", "-layout", str(cli.path("refresh.pdf")), "-"], capture_output=True, text=True)
    assert "Changes since the agreed version" in pages.stdout and "agreed at the mid-year review" in pages.stdout

    # 6. Agreed again: the round ends, two versions, both verified; the compare is empty again.
    cli("agree", "kingsmere.laa", "--label", "Refresh agreed 2009")
    with opened(path) as workbook:
        assert [v.label for v in versions(workbook)] == [SIGNED, "Refresh agreed 2009"]
        assert all(v.verified for v in versions(workbook))
        assert not workbook.snapshot().refresh_round.open
    assert cli("versions", "kingsmere.laa", "--verify").code == 0
    assert cli("compare", "kingsmere.laa").out_lines[-1] == "No changes."
    changed = json.loads(cli("compare", "kingsmere.laa", "--from", SIGNED, "--json").out)
    assert {(c["ni"], c["field"]) for c in changed} == {("NI 20", "target_2010_11"), ("NI 33", "target_2010_11")}
