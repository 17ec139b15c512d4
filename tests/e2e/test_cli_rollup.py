"""`laadesk rollup` end to end: a region folder with one of every bad file is rolled up with each bad file
named once and the rest read, the folder untouched; the figures are each workbook's; nothing of
government's side leaves; a colleague's edits meanwhile are seen whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
import sqlite3
import struct
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hostile.hostile_files import HOSTILE_WORKBOOKS, make_hostile_workbook, small_records
from openpyxl import load_workbook
from support.cli import Cli
from support.damage import sqlite_execute
from support.files import digest, listing
from support.region_folders import (
    CANARY,
    CANARY_FLOOR,
    DUPLICATED,
    SHAREABLE_CANARY,
    BadRun,
    being_edited,
    fingerprint,
    read_bad_region,
    read_legacy_folder,
    skipped_lines,
    user_version,
    write_canaries,
)
from support.workbooks import make_workbook

from laadesk.core.deferral import written
from laadesk.core.model import CHOSEN_ROLES, Target
from laadesk.core.rollup import POLARITY_OWN, TARGET_COLUMNS
from laadesk.store.region_demo import build_region, region_areas
from laadesk.store.rollup import PARALLEL_FROM
from laadesk.store.tables import internal_tables
from laadesk.store.workbook import Workbook

ORDER = "ORDER BY region, area, ni, sub_area"


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> BadRun:
    """The bad folder rolled up twice (JSON into nw.db with nw.csv and nw.xlsx; plain into again.db) as an
    officer without root's powers over files, while another process holds one workbook's EXCLUSIVE lock."""
    written = ("--out", "nw.db", "--csv", "nw.csv", "--xlsx", "nw.xlsx")
    return read_bad_region(tmp_path_factory.mktemp("rollup-bad"), "rollup", written, ("--out", "again.db"))


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_folder_has_enough_files_for_the_parallel_roll_up(rolled: BadRun) -> None:
    assert len(rolled.region.areas) + len(rolled.region.bad) > PARALLEL_FROM


def test_each_bad_file_is_named_once_on_stderr_in_json_and_in_the_skipped_table(rolled: BadRun) -> None:
    skipped = rolled.named_skipped()
    assert [s["path"] for s in skipped] == sorted(b.name for b in rolled.region.bad)
    table = query(rolled.cli.path("nw.db"), "SELECT path, reason FROM skipped ORDER BY path")
    assert table == [(s["path"], s["reason"]) for s in skipped]
    assert rolled.plain.out_lines[-1].startswith(f"{len(rolled.region.bad)} file(s) could not be read")


def test_every_readable_workbook_is_rolled_up_sub_folders_too_and_no_hidden_file(rolled: BadRun) -> None:
    areas = query(rolled.cli.path("nw.db"), "SELECT workbook, ons_code, area, region FROM areas ORDER BY workbook")
    assert [a[0] for a in areas] == sorted(rolled.region.areas)
    for workbook, ons_code, area, region in areas:
        expected = rolled.region.areas[workbook]
        assert (ons_code, area, region) == (expected.ons_code, expected.area, expected.go_region)
    assert any(w.startswith("merseyside/") for w, *_ in areas)
    assert DUPLICATED in rolled.region.areas  # the first copy in path order is kept, the second named
    everything = rolled.json.out + rolled.json.err + rolled.plain.out + rolled.plain.err
    for hidden in (*rolled.region.ignored, "readme.txt", ".bak", "~lock"):
        assert hidden not in everything
        assert query(rolled.cli.path("nw.db"), f"SELECT count(*) FROM skipped WHERE path LIKE '%{hidden}%'") == [(0,)]
    facts = dict(query(rolled.cli.path("nw.db"), "SELECT key, value FROM rollup"))
    assert facts["workbooks_read"] == str(len(rolled.region.areas))
    assert facts["files_skipped"] == str(len(rolled.region.bad))


def test_the_folder_is_unchanged_and_nothing_was_made_beside_any_workbook(rolled: BadRun) -> None:
    rolled.assert_the_folder_is_unchanged()
    assert sorted(p.name for p in rolled.cli.cwd.iterdir()) == ["again.db", "nw.csv", "nw.db", "nw.xlsx"]


def test_the_json_says_what_was_written_with_its_types(rolled: BadRun) -> None:
    shown = json.loads(rolled.json.out)
    assert set(shown) == {"out", "areas", "targets", "skipped", "csv", "xlsx"}
    assert shown["out"] == "nw.db" and shown["csv"] == "nw.csv" and shown["xlsx"] == "nw.xlsx"
    assert shown["areas"] == len(rolled.region.areas) and type(shown["areas"]) is int
    assert shown["targets"] == query(rolled.cli.path("nw.db"), "SELECT count(*) FROM targets")[0][0] > 0
    assert type(shown["targets"]) is int
    assert all(set(s) == {"path", "reason"} and all(type(v) is str for v in s.values()) for s in shown["skipped"])


def expected_rows(path: Path) -> dict[tuple[str, str], tuple[Any, ...]]:
    """What the roll-up must hold for one workbook, read by laadesk's Workbook API: (ni, sub-area) -> row."""
    with Workbook.open(path, read_only=True) as workbook:
        snapshot = workbook.snapshot()
    chosen = {t.code: t for t in snapshot.targets if t.role in CHOSEN_ROLES}
    rows: dict[tuple[str, str], tuple[Any, ...]] = {}

    def common(t: Target) -> tuple[Any, ...]:
        indicator = snapshot.catalogue.get(t.code)
        title = t.title or (indicator.title if indicator else "")
        reason = written(t.deferral_reason, t.deferral_note)
        if t.polarity is not None:
            polarity = (t.polarity.value, POLARITY_OWN)
        elif indicator is not None and indicator.polarity is not None:
            polarity = (indicator.polarity.value, indicator.polarity_basis)
        else:
            polarity = ("", "")
        revisit = t.revisit_date.isoformat() if t.revisit_date else ""
        return (title, t.role.value, t.status.value, reason, revisit, *polarity, int(t.reward))

    for t in chosen.values():
        levels = (t.baseline, t.baseline_period, t.target_2008_09, t.target_2009_10, t.target_2010_11)
        rows[(t.code, "")] = (*common(t), *levels, t.units, t.lead_partner, "", "")
    for s in snapshot.sub_areas:
        if s.code in chosen:
            levels = (s.baseline, s.baseline_period, s.target_2008_09, s.target_2009_10, s.target_2010_11)
            rows[(s.code, s.sub_area)] = (
                *common(chosen[s.code]),
                *levels,
                s.units,
                s.lead_partner,
                s.sub_area,
                s.kind.value,
            )
    return rows


ROW = (
    "title, kind, status, deferred_reason, revisit, polarity, polarity_basis, reward, baseline, baseline_period, "
    "target_2008_09, target_2009_10, "
    "target_2010_11, units, lead_partner, sub_area, sub_area_kind"
)


def test_every_figure_is_the_workbooks_own_with_a_row_per_sub_area(rolled: BadRun) -> None:
    db = rolled.cli.path("nw.db")
    two_tier_rows = 0
    for workbook, area in rolled.region.areas.items():
        expected = expected_rows(rolled.region.folder / workbook)
        found = {
            (row[0], row[1]): row[2:]
            for row in query(db, f"SELECT ni, sub_area, {ROW} FROM targets WHERE ons_code = '{area.ons_code}'")
        }
        assert found == expected, workbook
        for row in query(db, f"SELECT area, region FROM targets WHERE ons_code = '{area.ons_code}'"):
            assert row == (area.area, area.go_region)
        split = {ni for ni, sub_area in found if sub_area}
        if area.districts:
            assert split, f"{workbook} is two-tier: it has sub-area rows"
            for ni in split:
                assert {s for n, s in found if n == ni} == {"", *area.districts[:3]}
            two_tier_rows += len(split)
        else:
            assert not split
    assert two_tier_rows >= 6  # three counties, two split targets each


def test_csv_and_excel_hold_exactly_the_targets_table(rolled: BadRun) -> None:
    table = query(rolled.cli.path("nw.db"), f"SELECT {', '.join(TARGET_COLUMNS)} FROM targets {ORDER}")
    with rolled.cli.path("nw.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(TARGET_COLUMNS)
    assert len(rows) - 1 == len(table) > 100
    for written_row, row in zip(rows[1:], table, strict=True):
        for text, value in zip(written_row, row, strict=True):
            if value is None:
                assert text == ""
            elif isinstance(value, (int, float)):
                assert float(text) == value
            else:
                assert text == value
    book = load_workbook(rolled.cli.path("nw.xlsx"), read_only=True)
    try:
        assert book.sheetnames == ["targets"]
        sheet = list(book["targets"].iter_rows(values_only=True))
    finally:
        book.close()
    assert list(sheet[0]) == list(TARGET_COLUMNS)
    assert len(sheet) - 1 == len(table)
    for cells, row in zip(sheet[1:], table, strict=True):
        assert [None if c == "" else c for c in cells] == [None if v == "" else v for v in row]


@pytest.fixture(scope="module")
def good_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five areas of the East Midlands (a two-tier county among them), generated; only good files."""
    areas = region_areas("East Midlands")
    folder = tmp_path_factory.mktemp("rollup-good") / "East Midlands"
    build_region(folder, areas[:5])
    return folder


def test_a_folder_of_good_workbooks_rolls_up_with_exit_0(good_folder: Path, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    before = fingerprint(good_folder)
    done = cli("rollup", good_folder, "--out", "em.db", "--json")
    assert done.err == ""
    shown = json.loads(done.out)
    assert (shown["areas"], shown["skipped"], shown["csv"], shown["xlsx"]) == (5, [], None, None)
    assert query(cli.path("em.db"), "SELECT count(*) FROM skipped") == [(0,)]
    assert query(cli.path("em.db"), "SELECT count(*) FROM areas") == [(5,)]
    assert fingerprint(good_folder) == before
    plain = cli("rollup", good_folder, "--out", "em.db")
    assert plain.out_lines == [f"Rolled up 5 areas ({shown['targets']} target rows) into em.db."]


def test_only_an_older_roll_up_is_replaced(good_folder: Path, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    one = cli.path("one")
    build_region(one, region_areas("North East")[:1])
    cli("rollup", one, "--out", "r.db")
    assert query(cli.path("r.db"), "SELECT count(*) FROM areas") == [(1,)]
    cli("rollup", good_folder, "--out", "r.db")  # an older roll-up: replaced
    assert query(cli.path("r.db"), "SELECT count(*) FROM areas") == [(5,)]

    workbook = next(good_folder.glob("*.laa"))
    shutil.copyfile(workbook, cli.path("precious.laa"))
    sqlite3.connect(cli.path("other.db")).execute("CREATE TABLE mine (x)").connection.close()
    cli.path("notes.txt").write_text("mine", encoding="utf-8")
    for taken in ("precious.laa", "other.db", "notes.txt"):
        kept = digest(cli.path(taken))
        refused = cli("rollup", good_folder, "--out", taken, expect=2)
        assert refused.err_lines == [
            f"laadesk: {taken} already exists and is not a laadesk roll-up; laadesk will not overwrite it."
        ]
        assert digest(cli.path(taken)) == kept
    # nor do the CSV and Excel copies overwrite a workbook or the roll-up itself
    kept = digest(cli.path("precious.laa"))
    for flag in ("--csv", "--xlsx"):
        refused = cli("rollup", good_folder, "--out", "new.db", flag, "precious.laa", expect=2)
        assert "precious.laa already exists and is a database" in refused.err, refused.describe()
        refused = cli("rollup", good_folder, "--out", "new.db", flag, "new.db", expect=2)
        assert "given for two outputs" in refused.err, refused.describe()
    assert digest(cli.path("precious.laa")) == kept
    assert not cli.path("new.db").exists()


def test_a_run_that_cannot_write_leaves_no_output_at_all(good_folder: Path, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    missing = "the folder missing does not exist."
    cases = {
        ("--out", "missing/r.db"): f"laadesk: Cannot write missing/r.db: {missing}",
        ("--out", "r.db", "--csv", "missing/r.csv"): f"laadesk: Cannot write missing/r.csv: {missing}",
        ("--out", "r.db", "--xlsx", "missing/r.xlsx"): f"laadesk: Cannot write missing/r.xlsx: {missing}",
        ("--out", "r.db", "--csv", "r.csv", "--xlsx", "folder"): "laadesk: Cannot write folder: it is a folder.",
    }
    cli.path("folder").mkdir()
    for args, sentence in cases.items():
        refused = cli("rollup", good_folder, *args, expect=2)
        assert refused.err_lines == [sentence]
        assert refused.out == ""
        assert listing(cli.cwd) == ["folder"], args
        assert listing(cli.path("folder")) == []
    refused = cli("rollup", cli.path("nowhere"), "--out", "r.db", expect=2)
    assert refused.err_lines == [f"laadesk: {cli.path('nowhere')} does not exist."]
    assert listing(cli.cwd) == ["folder"]
    # A folder the officer may not write to: the sentence names the file asked for, and nothing is left.
    cli.path("folder").chmod(0o555)
    for args in (("--out", "folder/r.db"), ("--out", "r.db", "--csv", "r.csv", "--xlsx", "folder/r.xlsx")):
        refused = cli("rollup", good_folder, *args, expect=2, unprivileged=True)
        assert len(refused.err_lines) == 1 and refused.err.startswith(f"laadesk: Cannot write {args[-1]}: ")
        assert listing(cli.cwd) == ["folder"] and listing(cli.path("folder")) == []


def test_a_workbook_edited_meanwhile_is_rolled_up_whole(tmp_path: Path) -> None:
    """A colleague's laadesk saves edit after edit (two levels and the lead partner changed together in
    each) while the roll-up reads: both succeed, and the roll-up holds one edit's figures, never a mix."""
    cli = Cli(tmp_path / "work", tmp_path / "data")
    folder = cli.path("region")
    (edited, *_) = build_region(folder, region_areas("South West")[:3])
    with Workbook.open(edited, read_only=True) as workbook:
        target = next(t for t in workbook.targets() if t.role.value == "designated" and t.baseline is not None)
        ons_code = workbook.area().ons_code
    seen: set[str] = set()
    with being_edited(edited, target.code, seconds=6) as editor:
        started = time.monotonic()
        runs = 0
        while time.monotonic() - started < 5 and editor.poll() is None:
            runs += 1
            cli("rollup", folder, "--out", f"r{runs}.db", "--csv", f"r{runs}.csv")
            found = query(
                cli.path(f"r{runs}.db"),
                "SELECT target_2009_10, target_2010_11, lead_partner FROM targets "
                f"WHERE ons_code = '{ons_code}' AND ni = '{target.code}' AND sub_area = ''",
            )
            assert len(found) == 1
            level, later, lead = found[0]
            if lead.startswith("Edit "):
                n = int(lead.removeprefix("Edit "))
                assert (level, later) == (1000.0 + n, 1000.5 + n), found
                seen.add(lead)
            else:
                assert (level, later, lead) == (target.target_2009_10, target.target_2010_11, target.lead_partner)
        assert editor.stdout is not None
        edits = int(editor.stdout.read().strip() or 0)
        assert editor.wait(timeout=30) == 0
    assert runs >= 3 and edits > runs
    assert seen, "the roll-ups read the workbook while it was being edited"
    assert not list(folder.glob("*-journal")) and not list(folder.glob(".*.lock"))


def every_part(xlsx: Path) -> bytes:
    with zipfile.ZipFile(xlsx) as package:
        return b"".join(package.read(name) for name in package.namelist())


def test_nothing_of_governments_side_reaches_the_roll_up_csv_or_excel(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    folder = cli.path("region")
    (canaried, _) = build_region(folder, region_areas("London")[:2])
    write_canaries(canaried)
    # The canaries are there to find: in every internal table of the workbook itself.
    conn = sqlite3.connect(f"{canaried.resolve().as_uri()}?mode=ro", uri=True)
    try:
        for table in internal_tables():
            dump = repr(conn.execute(f'SELECT * FROM "{table}"').fetchall())
            assert CANARY in dump or repr(CANARY_FLOOR) in dump, table
    finally:
        conn.close()
    cli("rollup", folder, "--out", "london.db", "--csv", "london.csv", "--xlsx", "london.xlsx")
    outputs = {
        "db": cli.path("london.db").read_bytes(),
        "csv": cli.path("london.csv").read_bytes(),
        "xlsx": every_part(cli.path("london.xlsx")),
    }
    floor_bytes = (struct.pack(">d", CANARY_FLOOR), struct.pack("<d", CANARY_FLOOR))
    for kind, data in outputs.items():
        assert SHAREABLE_CANARY.encode() in data, kind  # the shareable canary is there: the search works
        assert CANARY.encode() not in data, kind
        assert b"987654" not in data and b"876543" not in data, kind
        assert not any(b in data for b in floor_bytes), kind


def test_older_formats_and_wal_files_are_read_upgraded_in_memory_never_on_disk(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    legacy = read_legacy_folder(cli, "rollup", "--out", "legacy.db")
    assert len(legacy.versions) >= 6
    assert min(legacy.versions.values()) == 1
    assert dict(query(cli.path("legacy.db"), "SELECT workbook, ons_code FROM areas")) == legacy.codes
    for name, code in legacy.codes.items():
        count = query(cli.path("legacy.db"), f"SELECT count(*) FROM targets WHERE ons_code = '{code}'")[0][0]
        assert count > 0, name
    # Not upgraded, not rolled back (the folder's files are as they were: read_legacy_folder).
    assert {name: user_version(legacy.folder / name) for name in legacy.versions} == legacy.versions


def test_every_hostile_workbook_of_the_single_file_suite_is_named_once(tmp_path: Path) -> None:
    """tests/hostile's workbooks (damaged pages and schemas, planted triggers and views, values of the wrong
    kind, links, pipes) all in one folder, each given an ONS code of its own where SQL can still reach its
    area (so that it is its damage, not a missing code, that keeps it out): each file is rolled up or named
    in one sentence, none that a reader could only mend by writing, and the region names each one too."""
    cli = Cli(tmp_path / "work", tmp_path / "data")
    folder = cli.path("hostile")
    folder.mkdir()
    small = make_workbook(tmp_path / "small.laa", small_records())
    for number, kind in enumerate(HOSTILE_WORKBOOKS):
        path = make_hostile_workbook(kind, folder, small)
        if not HOSTILE_WORKBOOKS[kind].special and kind not in SQL_WOULD_MEND:
            with contextlib.suppress(sqlite3.Error):
                sqlite_execute(path, f"UPDATE area SET ons_code = 'H{number:03d}'")
    made = listing(folder)  # one case makes two files (a loop of two links)
    assert len(made) > len(HOSTILE_WORKBOOKS) > 40
    before = fingerprint(folder)
    rolled_up = cli("rollup", folder, "--out", "h.db", "--json", expect=1, timeout=60)
    shown = json.loads(rolled_up.out)
    areas = dict(query(cli.path("h.db"), "SELECT workbook, ons_code FROM areas"))
    named = [s["path"] for s in shown["skipped"]]
    assert sorted(named + list(areas)) == sorted(made)
    assert len(skipped_lines(rolled_up)) == len(named)
    for line in skipped_lines(rolled_up):
        assert "can be written" not in line and "cannot be written" not in line, line
    # Those read had their damage only where the roll-up does not look (the indicator set, notes, partners).
    assert set(areas) <= {f"{kind}.laa" for kind in DAMAGE_NOT_ROLLED_UP}, areas
    listed = cli("region", folder, "--json", expect=1, timeout=60)
    assert sorted(s["path"] for s in json.loads(listed.out)["skipped"]) == sorted(made)
    assert json.loads(listed.out)["areas"] == []
    assert fingerprint(folder) == before


# Rewriting these with sqlite3 would mend them (their header claims pages the file lacks, or its pages
# are overwritten at random): left as made.
SQL_WOULD_MEND = {"header-claims-huge-size", "random-pages"}
# Damage in what a roll-up never reads: the file's own facts, a column of the indicator set, a target's
# partners or comment.
DAMAGE_NOT_ROLLED_UP = {
    "blob-in-meta",
    "fraction-in-a-whole-number",
    "huge-blob",
    "partners-broken-json",
    "partners-not-a-list",
    "partners-numbers",
}
