"""`laadesk region` end to end: one line per area of a folder with one of every bad file, each bad file
named once, nothing in the folder changed; the counts are each workbook's; exit 0 only when all read."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from support.cli import Cli
from support.region_folders import (
    DUPLICATED,
    BadRun,
    being_edited,
    fingerprint,
    no_sqlite_leftovers,
    read_bad_region,
    read_legacy_folder,
)

from laadesk.core.model import Role
from laadesk.core.sign_off import sign_off_stage
from laadesk.store.region_demo import build_region, region_areas
from laadesk.store.workbook import Workbook

LINE_KEYS = {
    "path": str,
    "area": str,
    "region": str,
    "ons_code": str,
    "stage": str,
    "designated": int,
    "statutory": int,
    "statutory_due": int,
    "local": int,
    "deferred": int,
    "errors": int,
    "overdue": int,
    "as_at": str,
    "last_changed": str,
    "last_changed_by": str,
    "open_by": str,
}


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> BadRun:
    """The bad folder listed twice (JSON; plain) as an officer without root's powers over files, while
    another process holds one workbook's EXCLUSIVE lock."""
    return read_bad_region(tmp_path_factory.mktemp("region-bad"), "region", (), ())


def test_each_bad_file_is_named_once_on_stderr_and_in_the_json(listed: BadRun) -> None:
    skipped = listed.named_skipped()
    assert sorted(s["path"] for s in skipped) == sorted(b.name for b in listed.region.bad)
    assert all(set(s) == {"path", "reason"} for s in skipped)


def test_every_readable_area_has_one_line_sub_folders_too_and_no_hidden_file(listed: BadRun) -> None:
    lines = json.loads(listed.json.out)["areas"]
    assert sorted(a["path"] for a in lines) == sorted(listed.region.areas)
    for line in lines:
        area = listed.region.areas[line["path"]]
        assert (line["area"], line["ons_code"], line["region"]) == (area.area, area.ons_code, area.go_region)
    assert len({a["ons_code"] for a in lines}) == len(lines)  # the second copy of an area is named, not listed
    everything = listed.json.out + listed.json.err + listed.plain.out + listed.plain.err
    for hidden in (*listed.region.ignored, "readme.txt", ".bak", "~lock"):
        assert hidden not in everything
    table = listed.plain.out_lines
    assert table[0].split()[:2] == ["Region", "Area"]
    assert len(table) == 1 + len(lines) + 1
    assert table[-1] == f"{len(lines)} workbook(s) read; {len(listed.region.bad)} could not be read."
    for line in lines:
        assert sum(1 for row in table[1:-1] if f"  {line['area']}  " in row) == 1, line["area"]


def test_the_folder_is_unchanged_and_nothing_was_made_beside_any_workbook(listed: BadRun) -> None:
    listed.assert_the_folder_is_unchanged()


def test_the_json_lines_have_their_keys_and_types(listed: BadRun) -> None:
    shown = json.loads(listed.json.out)
    assert set(shown) == {"areas", "skipped"}
    for line in shown["areas"]:
        assert set(line) == set(LINE_KEYS)
        for key, kind in LINE_KEYS.items():
            assert type(line[key]) is kind, (key, line[key])
        date.fromisoformat(line["as_at"])
    owned = next(a for a in shown["areas"] if a["path"] == DUPLICATED)
    assert owned["open_by"] == "alice.smith on GO-LAPTOP-7"  # its lock file (hidden) says who edits it
    assert {a["open_by"] for a in shown["areas"] if a["path"] != DUPLICATED} == {""}


def test_the_counts_are_each_workbooks_own(listed: BadRun) -> None:
    for line in json.loads(listed.json.out)["areas"]:
        path = listed.region.folder / line["path"]
        with Workbook.open(path, read_only=True) as workbook:
            snapshot = workbook.snapshot()
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            last = conn.execute("SELECT at, who FROM history ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            conn.close()
        assert [line["last_changed"], line["last_changed_by"]] == list(last)
        targets = snapshot.targets
        assert line["designated"] == sum(1 for t in targets if t.role is Role.DESIGNATED)
        assert line["statutory"] == sum(1 for t in targets if t.role is Role.STATUTORY)
        assert line["local"] == sum(1 for t in targets if t.role is Role.LOCAL)
        assert line["deferred"] == sum(1 for t in targets if t.chosen and t.deferred)
        assert line["statutory_due"] == len(snapshot.catalogue.statutory()) > 0
        assert line["stage"] == sign_off_stage(snapshot)
        assert snapshot.area.as_at is not None and line["as_at"] == snapshot.area.as_at.isoformat()


def test_a_folder_of_good_workbooks_lists_with_exit_0(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    folder = cli.path("East Midlands")
    build_region(folder, region_areas("East Midlands")[:4])
    before = fingerprint(folder)
    done = cli("region", folder)
    assert done.err == ""
    assert done.out_lines[-1] == "4 workbook(s) read."
    assert len(done.out_lines) == 1 + 4 + 1
    shown = json.loads(cli("region", folder, "--json").out)
    assert (len(shown["areas"]), shown["skipped"]) == (4, [])
    assert fingerprint(folder) == before
    no_sqlite_leftovers(folder)


def test_a_folder_that_is_not_there_is_one_sentence(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    refused = cli("region", cli.path("nowhere"), expect=2)
    assert refused.err_lines == [f"laadesk: {cli.path('nowhere')} does not exist."]
    cli.path("file.laa").write_text("x", encoding="utf-8")
    refused = cli("region", "file.laa", expect=2)
    assert refused.err_lines == ["laadesk: file.laa is not a folder; give the folder that holds the workbooks."]


def test_a_workbook_edited_meanwhile_is_listed(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    folder = cli.path("region")
    (edited, *_) = build_region(folder, region_areas("North East")[:3])
    with Workbook.open(edited, read_only=True) as workbook:
        code = next(t.code for t in workbook.targets() if t.role is Role.DESIGNATED)
    with being_edited(edited, code, seconds=20) as editor:
        for _ in range(3):
            shown = json.loads(cli("region", folder, "--json").out)
            assert len(shown["areas"]) == 3 and shown["skipped"] == []
            line = next(a for a in shown["areas"] if a["path"] == edited.name)
            assert line["open_by"] != ""  # the colleague's laadesk holds its lock
            assert editor.poll() is None  # and it is still editing
        editor.terminate()
        editor.wait(timeout=30)


def test_older_formats_and_wal_files_are_listed_and_left_as_they_are(tmp_path: Path) -> None:
    legacy = read_legacy_folder(Cli(tmp_path / "work", tmp_path / "data"), "region", "--json")
    assert {a["path"]: a["ons_code"] for a in json.loads(legacy.result.out)["areas"]} == legacy.codes


def test_demo_region_makes_a_folder_the_region_reads_and_refuses_in_one_sentence(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    made = cli("demo-region", "ne", "--region", "north east", "--count", "3")
    assert made.out_lines == ["Created 3 generated workbook(s) in ne (real areas, fictional figures)."]
    assert sorted(p.name for p in cli.path("ne").iterdir()) == ["county-durham.laa", "darlington.laa", "gateshead.laa"]
    shown = json.loads(cli("region", "ne", "--json").out)
    assert [a["region"] for a in shown["areas"]] == ["North East"] * 3
    before = fingerprint(cli.path("ne"))
    refused = cli("demo-region", "ne", "--region", "North East", "--count", "4", expect=2)
    first = region_areas("North East")[0].area.lower()
    assert refused.err_lines == [f"laadesk: ne/{first}.laa already exists; give an empty or new folder."]
    assert fingerprint(cli.path("ne")) == before
    refused = cli("demo-region", "x", "--region", "Atlantis", expect=2)
    assert refused.err.startswith('laadesk: There is no region "Atlantis"; the regions are: East Midlands, ')
    cli.path("a-file").write_text("x", encoding="utf-8")
    refused = cli("demo-region", "a-file", "--count", "1", expect=2)
    assert refused.err_lines == ["laadesk: a-file is a file, not a folder; give an empty or new folder."]
    cli.path("shut").mkdir(mode=0o555)
    for folder in ("shut", "shut/sub"):
        refused = cli("demo-region", folder, "--count", "1", expect=2, unprivileged=True)
        assert refused.err_lines == [f"laadesk: Cannot make workbooks in {folder}: Permission denied."]
    assert list(cli.path("shut").iterdir()) == []
