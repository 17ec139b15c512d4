"""The roll-up reads only tables that may leave government: `shareable()` refuses every internal table,
and SQLite's own authorizer, watching a real roll-up of workbooks, sees no other table read."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from support.damage import sqlite_execute
from support.region_folders import FORMATS, write_canaries

from laadesk.store import rollup, rollup_file
from laadesk.store.region_demo import build_region, region_areas
from laadesk.store.tables import all_tables, internal_tables

SHAREABLE = frozenset(spec.name for spec in all_tables() if not spec.internal)
SQLITE_OWN = frozenset({"sqlite_master", "sqlite_schema", "sqlite_temp_master"})


def test_the_negotiating_side_is_internal() -> None:
    assert {"history", "agreed_versions", "held_changes", "champion_notes", "positions", "position_history"} <= set(
        internal_tables()
    )


@pytest.mark.parametrize("table", internal_tables())
def test_shareable_refuses_every_internal_table(table: str) -> None:
    with pytest.raises(PermissionError, match=f"not '{table}'"):
        rollup.shareable(table)


@pytest.mark.parametrize("table", ["sqlite_schema", "no_such_table", "Champion_Notes", 'targets" UNION SELECT'])
def test_shareable_refuses_a_table_it_does_not_know(table: str) -> None:
    with pytest.raises(PermissionError):
        rollup.shareable(table)


def test_shareable_names_each_other_table_in_the_attached_workbook() -> None:
    assert {"targets", "sub_area_targets", "indicators", "area", "sign_off"} <= SHAREABLE
    for table in SHAREABLE:
        assert rollup.shareable(table) == f'workbook."{table}"'


def test_the_copy_statements_name_only_shareable_tables() -> None:
    named = {m for s in rollup._copy_statements() for m in re.findall(r'workbook\."(\w+)"', s)}
    assert named == {"targets", "sub_area_targets", "indicators"}
    assert named <= SHAREABLE


def workbook_reads(conn: sqlite3.Connection) -> set[str]:
    """Record each table of the attached workbook that SQLite reads from now on (a count(*) too)."""
    read: set[str] = set()

    def authorize(action: int, table: str | None, column: str | None, database: str | None, _: str | None) -> int:
        if action == sqlite3.SQLITE_READ and database == rollup.WB and table:
            read.add(table)
        return sqlite3.SQLITE_OK

    conn.set_authorizer(authorize)
    return read


@pytest.fixture
def region(tmp_path: Path) -> list[Path]:
    """A two-tier county (sub-area figures) with canaries in every internal table, an older-format
    workbook (upgraded in memory), and a unitary area."""
    areas = region_areas("North West")
    paths = build_region(tmp_path / "region", [a for a in areas if a.districts][:1] + list(areas[:1]))
    write_canaries(paths[0])
    older = tmp_path / "region" / "older.laa"
    shutil.copyfile(FORMATS / "workbook-format-1.laa", older)
    sqlite_execute(older, "UPDATE area SET ons_code = '98F1'")
    return [*paths, older]


def test_rolling_up_workbooks_reads_no_internal_table(region: list[Path], tmp_path: Path) -> None:
    conn = rollup_file.new_database(tmp_path / "rollup.db")
    try:
        read = workbook_reads(conn)
        areas, skipped, _ = rollup._copy_all(conn, region[0].parent, region)
        assert (len(areas), skipped) == (3, [])
        assert conn.execute("SELECT count(*) FROM targets WHERE sub_area != ''").fetchone()[0] > 0
    finally:
        conn.close()
    assert read >= {"area", "targets", "sub_area_targets", "indicators", "sign_off", "adoptions", "partners"}
    assert read - SQLITE_OWN <= SHAREABLE, read - SHAREABLE


def test_the_authorizer_would_see_an_internal_table_read(region: list[Path], tmp_path: Path) -> None:
    """The watch above can fail: a read of a note, or a mere count of the history, is seen."""
    conn = rollup_file.new_database(tmp_path / "rollup.db")
    try:
        conn.execute(f"ATTACH ? AS {rollup.WB}", (f"{region[0].resolve().as_uri()}?mode=ro",))
        read = workbook_reads(conn)
        conn.execute(f"SELECT text FROM {rollup.WB}.champion_notes").fetchall()
        conn.execute(f"SELECT count(*) FROM {rollup.WB}.history").fetchall()
        conn.execute(f"DETACH {rollup.WB}")
    finally:
        conn.close()
    assert read == {"champion_notes", "history"}
