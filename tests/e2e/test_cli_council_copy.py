"""`laadesk council-copy FILE OUT`, end to end: a workbook the council may have, nothing internal in it."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import struct
from pathlib import Path

import pytest
from support.cli import Cli
from support.files import digest, listing

from laadesk.core.floors import BEYOND_FLOOR
from laadesk.store.migrations import SCHEMA_VERSION
from laadesk.store.workbook import Workbook

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_copy_has_everything_but_notes_positions_floors_and_history(cli: Cli, demo: Path) -> None:
    original = cli.copy_in(demo, "kingsmere.laa")
    before = digest(original)
    with Workbook.open(original, read_only=True) as workbook:
        source = workbook.snapshot()
    assert source.notes and source.positions and source.position_history
    assert any(p.floor is not None for p in source.positions)

    result = cli("council-copy", "kingsmere.laa", "for the council.laa")
    assert result.out_lines == [
        f"Wrote a copy of kingsmere.laa for the council to for the council.laa: {len(source.targets)} targets "
        f"kept; left out {len(source.notes)} champion notes, {len(source.positions)} negotiating positions "
        f"(with their floors) and {len(source.position_history)} changes of negotiating history."
    ]
    assert result.err == ""
    assert digest(original) == before  # the officer's own workbook is not touched
    assert listing(cli.cwd) == ["for the council.laa", "kingsmere.laa"]  # no journal, lock or half-copy

    with Workbook.open(cli.path("for the council.laa"), read_only=True) as workbook:
        copy = workbook.snapshot()
        assert workbook.schema_version == SCHEMA_VERSION
        assert workbook.meta("council_copy_made_at")
    assert (copy.notes, copy.positions, copy.position_history) == ((), (), ())
    for name in (
        "area",
        "targets",
        "districts",
        "partners",
        "story",
        "evidence",
        "adoptions",
        "sign_off",
        "milestones",
    ):
        assert getattr(copy, name) == getattr(source, name), name
    assert copy.catalogue == source.catalogue

    data = cli.path("for the council.laa").read_bytes()
    for note in source.notes:
        assert note.text.encode() not in data
    kept = {v for t in source.targets for v in (t.baseline, *t.levels) if v is not None}
    floors = {p.floor for p in source.positions if p.floor is not None} - kept  # a floor may equal a target
    assert floors
    for floor in floors:
        assert struct.pack(">d", floor) not in data
    conn = sqlite3.connect(f"{cli.path('for the council.laa').as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_the_copy_is_an_ordinary_workbook(cli: Cli, demo: Path) -> None:
    cli.copy_in(demo, "kingsmere.laa")
    cli("council-copy", "kingsmere.laa", "copy.laa")
    info = json.loads(cli("info", "copy.laa", "--json").out)
    assert (info["champion_notes"], info["open_actions"], info["area"]) == (0, 0, "Kingsmere")
    original = json.loads(cli("info", "kingsmere.laa", "--json").out)
    assert info["targets"] == original["targets"]
    # The floor warnings are government's alone: the copy has no positions, so validating it never
    # shows one; its summary is the original's less those warnings.
    copy_says, original_says = (cli("validate", name, expect=None).out for name in ("copy.laa", "kingsmere.laa"))
    floors = original_says.count(BEYOND_FLOOR)
    assert floors > 0 and BEYOND_FLOOR not in copy_says
    fewer = re.sub(r"(\d+) warnings", lambda m: f"{int(m[1]) - floors} warnings", original["summary"])
    assert info["summary"] == fewer
    cli("export", "copy.laa", "--csv", "copy.csv")
    cli("export", "kingsmere.laa", "--csv", "original.csv")
    assert cli.path("copy.csv").read_bytes() == cli.path("original.csv").read_bytes()
    cli("council-copy", "copy.laa", "copy of copy.laa")  # a copy of a copy is fine, and as clean
    with Workbook.open(cli.path("copy of copy.laa"), read_only=True) as workbook:
        assert workbook.notes() == () and workbook.positions() == ()


@pytest.mark.parametrize("existing", ["a text file", "another workbook", "the workbook itself", "a folder"])
def test_the_copy_never_overwrites(cli: Cli, demo: Path, existing: str) -> None:
    cli.copy_in(demo, "kingsmere.laa")
    target = {
        "a text file": "notes.txt",
        "another workbook": "other.laa",
        "the workbook itself": "kingsmere.laa",
        "a folder": "folder.laa",
    }[existing]
    if existing == "a text file":
        cli.path(target).write_text("keep me\n", encoding="utf-8")
    elif existing == "another workbook":
        cli.copy_in(demo, target)
    elif existing == "a folder":
        cli.path(target).mkdir()
    fingerprints = {name: (digest(cli.path(name)) if cli.path(name).is_file() else "dir") for name in listing(cli.cwd)}
    result = cli("council-copy", "kingsmere.laa", target, expect=2)
    assert result.err_lines == [f"laadesk: {target} already exists; laadesk will not overwrite it."]
    assert result.out == ""
    after = {name: (digest(cli.path(name)) if cli.path(name).is_file() else "dir") for name in listing(cli.cwd)}
    assert after == fingerprints


def test_the_copy_into_a_missing_folder(cli: Cli, demo: Path) -> None:
    cli.copy_in(demo, "kingsmere.laa")
    result = cli("council-copy", "kingsmere.laa", "missing/copy.laa", expect=2)
    assert result.err_lines == ["laadesk: Cannot write missing/copy.laa: the folder missing does not exist."]
    assert listing(cli.cwd) == ["kingsmere.laa"]


def test_the_copy_into_a_folder_that_cannot_be_written(cli: Cli, demo: Path, tmp_path: Path) -> None:
    cli.copy_in(demo, "kingsmere.laa")
    locked = cli.path("locked")
    locked.mkdir()
    os.chmod(locked, 0o555)
    try:
        # As root (CI containers) the command runs without root's power to write anywhere.
        result = cli("council-copy", "kingsmere.laa", "locked/copy.laa", expect=2, unprivileged=True)
        assert result.err_lines == ["laadesk: Cannot write locked/copy.laa: its folder cannot be written to."]
        assert os.listdir(locked) == []
    finally:
        os.chmod(locked, 0o755)


def test_the_copy_of_an_older_format_is_in_this_format_and_the_original_is_untouched(cli: Cli) -> None:
    fixture = DATA / "workbook-format-1.laa"
    cli.copy_in(fixture, "old.laa")
    before = digest(cli.path("old.laa"))
    cli("council-copy", "old.laa", "copy.laa")
    assert digest(cli.path("old.laa")) == before
    with Workbook.open(cli.path("copy.laa"), read_only=True) as workbook:
        assert workbook.schema_version == SCHEMA_VERSION
        assert workbook.notes() == () and workbook.positions() == () and workbook.position_history() == ()
        assert workbook.targets()
    assert listing(cli.cwd) == ["copy.laa", "old.laa"]


def test_an_unusable_workbook_makes_no_copy(cli: Cli) -> None:
    cli.path("notes.laa").write_text("not a workbook\n", encoding="utf-8")
    result = cli("council-copy", "notes.laa", "copy.laa", expect=2)
    assert result.err_lines == ["laadesk: notes.laa is not a laadesk workbook (it is not an SQLite database file)."]
    assert listing(cli.cwd) == ["notes.laa"]


def test_help_names_the_command(cli: Cli) -> None:
    result = cli("--help")
    assert "council-copy" in result.out
    result = cli("council-copy", "--help")
    assert "no champion notes, positions, floors or negotiating history" in " ".join(result.out.split())
    shutil.rmtree(cli.data_dir, ignore_errors=True)


def test_the_copy_onto_a_write_protected_stick_is_a_sentence(cli: Cli, demo: Path, tmp_path: Path) -> None:
    from fault_conditions import small_disk

    cli.copy_in(demo, "kingsmere.laa")
    with small_disk(cli.path("stick"), 256, read_only=True):
        result = cli("council-copy", "kingsmere.laa", "stick/copy.laa", expect=2)
        assert result.err_lines == ["laadesk: Cannot write stick/copy.laa: its folder cannot be written to."]
        assert os.listdir(cli.path("stick")) == []


def test_the_copy_onto_a_full_stick_is_a_sentence_and_leaves_nothing(cli: Cli, demo: Path) -> None:
    from fault_conditions import small_disk

    cli.copy_in(demo, "kingsmere.laa")
    with small_disk(cli.path("stick"), 128) as disk:
        assert disk.free_bytes() < cli.path("kingsmere.laa").stat().st_size
        result = cli("council-copy", "kingsmere.laa", "stick/copy.laa", expect=2)
        assert result.err_lines == ["laadesk: Cannot write stick/copy.laa: the disk is full."]
        assert os.listdir(cli.path("stick")) == []
