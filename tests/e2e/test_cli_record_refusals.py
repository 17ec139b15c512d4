"""The negotiation's record refuses, with a sentence, what would lose or mislead: a history written
over a workbook, last round's reasons in a new round, a refresh pack from an altered version, a
sub-area table taken in part, a copy with no history merged as if it had one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from support.cli import Cli
from support.files import digest

from laadesk.core.edits import set_fields
from laadesk.store.versions import versions
from laadesk.store.workbook import Workbook

SIGNED = "Signed by the Secretary of State"
SUB_AREAS = Path(__file__).resolve().parents[1] / "data" / "sub_areas_kingsmere.csv"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    made = Cli(tmp_path / "work", tmp_path / "data")
    made("demo", "k.laa")
    return made


def change(path: Path, code: str, **values: float) -> None:
    with Workbook.open(path) as workbook:
        target = workbook.target(code)
        assert target is not None
        workbook.apply(set_fields(target, f"change {code}", **values))


def test_the_history_is_never_written_over_a_workbook(cli: Cli) -> None:
    shutil.copy(cli.path("k.laa"), cli.path("other.laa"))
    before = digest(cli.path("other.laa"))
    result = cli("history", "k.laa", "--csv", "other.laa", expect=2)
    assert result.err_lines == [
        "laadesk: other.laa is a laadesk workbook; history will not overwrite it. Choose another name."
    ]
    assert digest(cli.path("other.laa")) == before


def test_a_new_round_starts_without_the_last_rounds_reasons(cli: Cli) -> None:
    cli("agree", "k.laa", "--label", SIGNED)
    cli("refresh", "k.laa", "--label", "2009 refresh")
    change(cli.path("k.laa"), "NI 117", target_2010_11=4.0)
    cli("refresh", "k.laa", "--reason", "NI 117", "target_2010_11", "new survey")
    cli("agree", "k.laa", "--label", "Refresh agreed 2009")
    cli("refresh", "k.laa", "--label", "2010 refresh")
    change(cli.path("k.laa"), "NI 117", target_2010_11=3.0)
    report = cli("refresh", "k.laa", expect=1)
    assert report.out_lines[:2] == [
        'Changes since "Refresh agreed 2009": 1 (1 without a reason)',
        "  NI 117 target_2010_11: 4 -> 3  NO REASON YET",
    ]


def test_no_refresh_pack_is_made_from_an_altered_version(cli: Cli) -> None:
    cli("agree", "k.laa", "--label", SIGNED)
    with sqlite3.connect(cli.path("k.laa")) as db:  # another tool edits the version
        db.execute("UPDATE agreed_versions SET form = replace(form, '\"designated\"', '\"local\"')")
    db.close()
    result = cli("export", "k.laa", "--pdf", "refresh.pdf", "--changes-since", SIGNED, expect=2)
    assert result.err_lines[-1] == (
        f'laadesk: The agreed version "{SIGNED}" was altered after it was frozen (laadesk versions --verify), '
        "so no pack was made from it."
    )
    assert not cli.path("refresh.pdf").exists()


def test_a_sub_area_table_is_not_taken_in_part(cli: Cli) -> None:
    shutil.copy(SUB_AREAS, cli.path("s.csv"))
    before = digest(cli.path("k.laa"))
    result = cli("import", "k.laa", "s.csv", "--only", "NI 153", expect=2)
    assert result.err_lines == [
        "laadesk: s.csv is in the sub-area layout, which is imported whole (--dry-run lists its changes): "
        "--json, --only and --overwrite-agreed are for a table of targets."
    ]
    assert digest(cli.path("k.laa")) == before


def test_a_copy_with_no_history_is_imported_not_merged(cli: Cli) -> None:
    cli("council-copy", "k.laa", "council.laa")
    result = cli("merge", "k.laa", "council.laa", expect=2)
    assert result.err_lines == [
        "laadesk: council.laa has no history to merge from (a council's copy, or a copy from a laadesk before "
        "format 5 opened read-only): import its table instead (File > Import Returned Table)."
    ]


def test_a_version_altered_into_numbers_is_named_not_a_crash(cli: Cli) -> None:
    cli("agree", "k.laa", "--label", SIGNED)
    with sqlite3.connect(cli.path("k.laa")) as db:
        db.execute("UPDATE agreed_versions SET sha256 = 12345")
    db.close()
    result = cli("versions", "k.laa", "--verify", expect=2)
    assert result.err_lines == [
        f'laadesk: agreed version "{SIGNED}" was altered after it was frozen: its stored agreement no '
        "longer gives the hash recorded for it."
    ]
    with Workbook.open(cli.path("k.laa"), read_only=True) as workbook:
        assert [v.verified for v in versions(workbook)] == [False]
