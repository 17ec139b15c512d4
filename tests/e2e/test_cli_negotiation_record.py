"""The negotiation's record end to end: history, agree, versions, compare, reviewed imports and merge."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from pathlib import Path

import pytest
from support.cli import Cli
from support.files import digest
from support.workbooks import target_in_file

from laadesk.core.history import HISTORY_CSV_COLUMNS, HistoryFilter, line
from laadesk.store.history import read_entries
from laadesk.store.workbook import Workbook

NI_20 = "NI 20 2010/11 target 5.9 -> 5 (more ambitious)"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo, and a returned table changing NI 8's comment, NI 16's agreed 2010/11 level and NI 20's."""
    cli = Cli(tmp_path_factory.mktemp("made"), tmp_path_factory.mktemp("made-data"))
    cli("demo", "kingsmere.laa")
    cli("export", "kingsmere.laa", "--csv", "table.csv")
    with cli.path("table.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    changed = {
        "NI 8": ("comment", "Please think again"),
        "NI 16": ("target_2010_11", "11"),
        "NI 20": ("target_2010_11", "5"),
    }
    for row in rows:
        if row["ni"] in changed:
            name, value = changed[row["ni"]]
            row[name] = value
    for name, only_20 in (("returned.csv", False), ("other.csv", True)):
        with cli.path(name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows([dict(r, target_2010_11="5.2") if only_20 and r["ni"] == "NI 20" else r for r in rows])
    return {"demo": cli.path("kingsmere.laa"), "returned": cli.path("returned.csv"), "other": cli.path("other.csv")}


@pytest.fixture
def cli(tmp_path: Path, made: dict[str, Path]) -> Cli:
    runner = Cli(tmp_path / "work", tmp_path / "data")
    runner.copy_in(made["demo"], "k.laa")
    runner.copy_in(made["returned"], "returned.csv")
    runner.copy_in(made["other"], "other.csv")
    return runner


def lines(cli: Cli, wanted: HistoryFilter | None = None) -> list[str]:
    with Workbook.open(cli.path("k.laa"), read_only=True) as workbook:
        return [line(e) for e in read_entries(workbook, wanted)]


# -- history ----------------------------------------------------------------------------------------


def test_history_lists_every_change_then_counts_them(cli: Cli) -> None:
    result = cli("history", "k.laa")
    expected = lines(cli)
    assert len(expected) == 332
    assert result.out_lines == [*expected, "332 changes."]
    assert result.err == ""


def test_history_about_one_indicator_and_since_a_day(cli: Cli) -> None:
    about = cli("history", "k.laa", "--ni", "16")
    expected = lines(cli, HistoryFilter(ni="NI 16"))
    assert len(expected) > 3
    assert about.out_lines == [*expected, f"{len(expected)} changes about NI 16."]
    assert cli("history", "k.laa", "--since", "1/1/2100").out_lines == ["0 changes since 1 Jan 2100."]
    assert cli("history", "k.laa", "--since", "2008-01-01").out_lines[-1] == "332 changes since 1 Jan 2008."


def test_history_refuses_an_indicator_code_it_cannot_read(cli: Cli) -> None:
    result = cli("history", "k.laa", "--ni", "banana", expect=2)
    assert result.out == ""
    assert result.err_lines == [
        "laadesk: --ni: 'banana' is not an indicator code; use a number such as 116 or NI 116, or the area's own "
        "code such as L1 or SI 14"
    ]


@pytest.mark.parametrize("day", ["yesterday", "31/2/2008"])
def test_history_refuses_a_day_it_cannot_read(cli: Cli, day: str) -> None:
    result = cli("history", "k.laa", "--since", day, expect=2)
    assert result.out == ""
    assert result.err_lines == [f'laadesk: --since "{day}" is not a date laadesk reads (try 30/6/2008).']


def test_history_as_json_and_as_csv(cli: Cli) -> None:
    listed = json.loads(cli("history", "k.laa", "--json", "--ni", "NI 47").out)
    assert listed and {e["ni"] for e in listed} == {"NI 47"}
    assert set(listed[0]) == {
        "when",
        "who",
        "how",
        "source",
        "action",
        "ni",
        "what",
        "record",
        "key",
        "field",
        "kind",
        "from",
        "to",
        "change",
    }
    assert (listed[0]["record"], listed[0]["key"], listed[0]["kind"], listed[0]["from"]) == (
        "targets",
        ["NI 47"],
        "added",
        None,
    )
    result = cli("history", "k.laa", "--csv", "history.csv")
    assert (result.out, result.err_lines) == ("", ["Wrote 332 changes to history.csv."])
    with cli.path("history.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HISTORY_CSV_COLUMNS and len(rows) == 333
    assert cli.path("history.csv").read_bytes()[:3] == b"\xef\xbb\xbf"


# -- agree and versions --------------------------------------------------------------------------------

FROZE = re.compile(r'Froze the agreement as "First draft" \(SHA-256 ([0-9a-f]{12})\.\.\.\) at (\S+) by Ruth Calloway\.')


def agree(cli: Cli, label: str = "First draft") -> tuple[str, str]:
    result = cli("agree", "k.laa", "--label", label, "--who", "Ruth Calloway")
    (said,) = result.out_lines
    found = FROZE.fullmatch(said)
    assert found, said
    return found.group(1), found.group(2)


def test_agree_then_list_and_verify_the_versions(cli: Cli) -> None:
    short, when = agree(cli)
    with sqlite3.connect(cli.path("k.laa")) as db:
        (sha,) = db.execute("SELECT sha256 FROM agreed_versions").fetchone()
    assert sha[:12] == short
    assert cli("versions", "k.laa").out_lines == [f"First draft  {when}  Ruth Calloway  {sha}", "1 agreed version."]
    assert json.loads(cli("versions", "k.laa", "--json").out) == [
        {"label": "First draft", "when": when, "who": "Ruth Calloway", "sha256": sha, "verified": True}
    ]
    verified = cli("versions", "k.laa", "--verify")
    assert verified.out_lines[-1] == "Every agreed version gives the hash recorded for it."
    twice = cli("agree", "k.laa", "--label", "FIRST  draft", expect=2)
    assert twice.err_lines == [
        'laadesk: k.laa already has an agreed version labelled "FIRST draft"; versions are never replaced, so give '
        "this one another label."
    ]


def test_verify_names_a_version_altered_by_another_tool(cli: Cli) -> None:
    agree(cli)
    with sqlite3.connect(cli.path("k.laa")) as db:
        db.execute(
            "UPDATE agreed_versions SET form = replace(form, '\"target_2010_11\":29.9', '\"target_2010_11\":31')"
        )
    result = cli("versions", "k.laa", "--verify", expect=2)
    assert result.out_lines[0].endswith("  ALTERED since it was frozen")
    assert result.err_lines == [
        'laadesk: agreed version "First draft" was altered after it was frozen: its stored agreement no longer '
        "gives the hash recorded for it."
    ]


# -- compare ---------------------------------------------------------------------------------------------


def test_compare_needs_a_version_or_another_file(cli: Cli) -> None:
    result = cli("compare", "k.laa", expect=2)
    assert result.err_lines == [
        "laadesk: k.laa has no agreed version yet to compare with: freeze one with `laadesk agree k.laa --label "
        "TEXT`, or name another workbook or a table to compare with."
    ]


def test_compare_the_latest_version_with_now_another_workbook_and_a_table(cli: Cli) -> None:
    agree(cli)
    cli.copy_in(cli.path("k.laa"), "before.laa")
    assert cli("compare", "k.laa").out_lines == ['From "First draft" to now:', "No changes."]
    cli("import", "k.laa", "returned.csv", "--only", "NI 20")
    assert cli("compare", "k.laa").out_lines == ['From "First draft" to now:', f"  {NI_20}", "1 change."]
    assert json.loads(cli("compare", "k.laa", "--json").out) == [
        {
            "ni": "NI 20",
            "field": "target_2010_11",
            "from": 5.9,
            "to": 5,
            "kind": "changed",
            "ambition": "more ambitious",
            "sentence": NI_20,
        }
    ]
    assert cli("compare", "before.laa", "k.laa").out_lines == [
        "From before.laa now to k.laa:",
        f"  {NI_20}",
        "1 change.",
    ]
    assert cli("compare", "before.laa", "returned.csv").out_lines == [
        "From before.laa now to returned.csv:",
        "  NI 8 comment changed",
        "  NI 16 2010/11 target 11.9 -> 11 (more ambitious)",
        f"  {NI_20}",
        "3 changes.",
    ]


# -- import, reviewed -----------------------------------------------------------------------------------


def test_a_dry_run_lists_the_proposals_as_json_and_writes_nothing(cli: Cli) -> None:
    before = digest(cli.path("k.laa"))
    listed = json.loads(cli("import", "k.laa", "returned.csv", "--dry-run", "--json").out)
    assert [(p["number"], p["ni"], p["field"], p["lands"]) for p in listed] == [
        (1, "NI 8", "comment", "champion note"),
        (2, "NI 16", "target_2010_11", "area's proposal"),
        (3, "NI 20", "target_2010_11", "level"),
    ]
    assert listed[2] == {
        "number": 3,
        "ni": "NI 20",
        "field": "target_2010_11",
        "kind": "changed",
        "ambition": "more ambitious",
        "lands": "level",
        "sentence": NI_20,
    }
    assert digest(cli.path("k.laa")) == before
    refused = cli("import", "k.laa", "returned.csv", "--json", expect=2)
    assert refused.err_lines == ["laadesk: --json goes with --dry-run: it prints the changes an import would make."]
    assert digest(cli.path("k.laa")) == before


def test_importing_only_one_target_changes_only_that_target(cli: Cli) -> None:
    with Workbook.open(cli.path("k.laa"), read_only=True) as workbook:
        before = {t.code: t for t in workbook.targets()}
    result = cli("import", "k.laa", "returned.csv", "--only", "NI 20")
    assert result.out_lines == [NI_20, "Imported 1 of 3 changes from returned.csv into k.laa."]
    with Workbook.open(cli.path("k.laa"), read_only=True) as workbook:
        after = {t.code: t for t in workbook.targets()}
    assert {code for code in after if after[code] != before.get(code)} == {"NI 20"}
    assert target_in_file(cli.path("k.laa"), "NI 20").target_2010_11 == 5.0


# -- merge ----------------------------------------------------------------------------------------------


def test_merge_a_copy_dry_run_then_for_real_then_again(cli: Cli) -> None:
    cli.copy_in(cli.path("k.laa"), "copy.laa")
    cli("import", "copy.laa", "returned.csv", "--only", "NI 20")
    before = digest(cli.path("k.laa"))
    dry = cli("merge", "k.laa", "copy.laa", "--dry-run")
    assert dry.out_lines == [
        "NI 20 2010/11 target: 5.9 -> 5",
        "Dry run: would merge 1 change taken from copy.laa, no conflicts. Nothing was written.",
    ]
    assert digest(cli.path("k.laa")) == before
    assert cli("merge", "k.laa", "copy.laa").out_lines == [
        "NI 20 2010/11 target: 5.9 -> 5",
        "Merged into k.laa: 1 change taken from copy.laa, no conflicts.",
    ]
    assert target_in_file(cli.path("k.laa"), "NI 20").target_2010_11 == 5.0
    assert cli("merge", "k.laa", "copy.laa").out_lines == [
        "Merged into k.laa: 0 changes taken from copy.laa, no conflicts."
    ]


def test_merge_with_a_conflict_exits_1_keeping_ours(cli: Cli) -> None:
    cli.copy_in(cli.path("k.laa"), "copy.laa")
    cli("import", "k.laa", "returned.csv", "--only", "NI 20")
    cli("import", "copy.laa", "other.csv", "--only", "NI 20")
    result = cli("merge", "k.laa", "copy.laa", expect=1)
    assert result.out_lines == [
        "conflict: NI 20 2010/11 target: 5 here, 5.2 in the other copy",
        "Each conflict keeps this workbook's value; open it in laadesk to choose (Sign-off > Held Changes).",
        "Merged into k.laa: 0 changes taken from copy.laa, 1 conflict held for you to choose.",
    ]
    assert target_in_file(cli.path("k.laa"), "NI 20").target_2010_11 == 5.0


def test_merging_a_different_workbook_is_refused(cli: Cli) -> None:
    cli("new", "other.laa", "--area", "Kingsmere")
    before = digest(cli.path("k.laa"))
    result = cli("merge", "k.laa", "other.laa", expect=2)
    assert result.err_lines == [
        "laadesk: other.laa (Kingsmere) is not a copy of k.laa (Kingsmere): they are two different workbooks, so "
        "nothing was merged."
    ]
    assert digest(cli.path("k.laa")) == before
