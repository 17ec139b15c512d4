"""Hostile and broken workbook files: each gets one clear sentence, nothing is written, nothing hangs.

Every case is made by conftest.HOSTILE_WORKBOOKS in a fresh folder, then given to the real
command (a subprocess with a timeout, as a person runs it) and to Workbook.open. The file's
bytes and the folder's listing are compared before and after: refusing a file must not touch
it or leave anything beside it (no journal, no lock file, no copy).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_files import HOSTILE_WORKBOOKS, TIMEOUT, expected_message, fingerprint, make_hostile_workbook, run_cli
from support.files import listing
from support.spreadsheets import COMPLETE_ROW, write_csv

from laadesk.store.workbook import Workbook

KINDS = sorted(HOSTILE_WORKBOOKS)
COMMANDS = (
    ("info", "{name}"),  # read-only
    ("validate", "{name}", "--json"),  # read-only, the whole workbook read and judged
    ("import", "{name}", "t.csv"),  # opens for writing (takes the lock first)
    ("council-copy", "{name}", "copy.laa"),  # read-only, then writes a new file beside it
)


def test_the_matrix_is_as_wide_as_the_issue_asks() -> None:
    assert len(KINDS) >= 40
    for wanted in ("huge-blob", "trigger", "check-constraint-calling-functions", "generated-column", "fifo"):
        assert wanted in KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_the_command_refuses_with_one_sentence_and_touches_nothing(
    kind: str, small_workbook: Path, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    path = make_hostile_workbook(kind, work, small_workbook)
    write_csv(work / "t.csv", [COMPLETE_ROW])
    before, files = fingerprint(path), listing(work)
    wanted = expected_message(kind, path.name)
    for command in COMMANDS:
        args = [part.format(name=path.name) for part in command]
        result = run_cli(work, tmp_path / "data", *args)
        assert result.code == 2, result.describe()
        assert result.out == "", result.describe()
        assert len(result.err_lines) == 1, result.describe()
        line = result.err_lines[0]
        assert line.startswith(f"laadesk: {path.name} "), result.describe()
        assert wanted.fullmatch(line.removeprefix("laadesk: ")), f"{line!r} !~ {wanted.pattern!r}"
        assert fingerprint(path) == before, f"{args} changed the file"
        assert listing(work) == files, f"{args} left files behind: {listing(work)}"
        assert result.seconds < TIMEOUT / 2, f"{args} took {result.seconds:.1f} s"


@pytest.mark.parametrize("read_only", [False, True], ids=["for-editing", "read-only"])
@pytest.mark.parametrize("kind", KINDS)
def test_the_store_refuses_with_the_same_sentence(
    kind: str, read_only: bool, small_workbook: Path, tmp_path: Path
) -> None:
    path = make_hostile_workbook(kind, tmp_path, small_workbook)
    before, files = fingerprint(path), listing(tmp_path)
    started = time.monotonic()
    with pytest.raises(HOSTILE_WORKBOOKS[kind].error) as refused:
        Workbook.open(path, read_only=read_only).close()
    seconds = time.monotonic() - started
    assert expected_message(kind, str(path)).fullmatch(str(refused.value)), str(refused.value)
    assert "\n" not in str(refused.value)
    assert fingerprint(path) == before
    assert listing(tmp_path) == files
    assert seconds < 10, f"refusing took {seconds:.1f} s"


def test_a_50_mb_blob_is_refused_in_well_under_a_second_per_open(small_workbook: Path, tmp_path: Path) -> None:
    path = make_hostile_workbook("huge-blob", tmp_path, small_workbook)
    assert path.stat().st_size > 50 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(Exception, match="holds a blob"):
        Workbook.open(path, read_only=True)
    assert time.monotonic() - started < 2.0


def test_an_unreadable_workbook_is_named_as_such(small_workbook: Path, tmp_path: Path) -> None:
    """Permission denied (as root, the command runs without root's power to read anything)."""
    path = tmp_path / "locked.laa"
    shutil.copyfile(small_workbook, path)
    os.chmod(path, 0)
    try:
        before, files = fingerprint(path), listing(tmp_path)
        for command in (("info", "locked.laa"), ("import", "locked.laa", "t.csv")):
            write_csv(tmp_path / "t.csv", [COMPLETE_ROW])
            result = run_cli(tmp_path, tmp_path / "data", *command, unprivileged=True)
            assert result.code == 2, result.describe()
            assert result.err_lines == ["laadesk: locked.laa cannot be read: permission denied."], result.describe()
            assert fingerprint(path) == before
            assert listing(tmp_path) == sorted({*files, "data", "home", "t.csv"})
    finally:
        os.chmod(path, 0o600)


def test_a_garbage_journal_beside_a_workbook_is_not_played_back(small_workbook: Path, tmp_path: Path) -> None:
    """SQLite rolls back only a journal with a valid header; noise is discarded, the workbook untouched."""
    path = tmp_path / "x.laa"
    shutil.copyfile(small_workbook, path)
    journal = tmp_path / "x.laa-journal"
    journal.write_bytes(os.urandom(8192))
    before = fingerprint(path)
    result = run_cli(tmp_path, tmp_path / "data", "info", "x.laa", "--json")
    assert result.code == 0, result.describe()
    assert '"area": "Kingsmere"' in result.out
    assert fingerprint(path) == before
    assert not journal.exists()  # SQLite deleted the noise; nothing else was written
    assert listing(tmp_path) == ["data", "home", "x.laa"]


WAL_WRITER = r"""
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("UPDATE targets SET comment = 'written into the WAL' WHERE code = 'NI 116'")
os._exit(0)  # gone without a checkpoint: the change is only in x.laa-wal
"""


def test_a_workbook_another_program_switched_to_wal(small_workbook: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.laa"
    shutil.copyfile(small_workbook, path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.close()
    assert listing(tmp_path) == ["x.laa"]
    before = fingerprint(path)
    # Read-only commands read it as it is, leaving no -wal or -shm file behind.
    for command in (("info", "x.laa"), ("validate", "x.laa"), ("export", "x.laa", "--csv", "out.csv")):
        result = run_cli(tmp_path, tmp_path / "data", *command)
        assert result.code in (0, 1), result.describe()
    assert fingerprint(path) == before
    assert listing(tmp_path) == ["data", "home", "out.csv", "x.laa"]


def test_changes_waiting_in_a_wal_file_are_refused_read_only_then_folded_in(
    small_workbook: Path, tmp_path: Path
) -> None:
    path = tmp_path / "x.laa"
    shutil.copyfile(small_workbook, path)
    subprocess.run([sys.executable, "-c", WAL_WRITER, str(path)], check=True, timeout=TIMEOUT)
    assert (tmp_path / "x.laa-wal").stat().st_size > 0
    files, before = listing(tmp_path), fingerprint(path)
    result = run_cli(tmp_path, tmp_path / "data", "info", "x.laa")
    assert result.code == 2, result.describe()
    assert result.err_lines == [
        "laadesk: x.laa was switched to WAL journal mode by another program and changes to it still wait in "
        "x.laa-wal; open it in laadesk for editing (not read-only) to fold them back in."
    ]
    assert fingerprint(path) == before
    assert listing(tmp_path) == sorted(["data", "home", *files])
    # Opening it for editing folds the change in and turns the file back to a rollback journal.
    with Workbook.open(path) as workbook:
        assert workbook.target("NI 116").comment == "written into the WAL"  # type: ignore[union-attr]
    assert not (tmp_path / "x.laa-wal").exists()
    assert path.read_bytes()[18:20] == b"\x01\x01"


def test_tables_sqlite_makes_itself_are_allowed(small_workbook: Path, tmp_path: Path) -> None:
    """ANALYZE (run by a database browser) adds sqlite_stat1: data only, and not a reason to refuse."""
    path = tmp_path / "x.laa"
    shutil.copyfile(small_workbook, path)
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")
    conn.commit()
    assert conn.execute("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'").fetchone()[0] == 1
    conn.close()
    with Workbook.open(path, read_only=True) as workbook:
        assert workbook.target("NI 116") is not None


def test_every_released_format_passes_the_strict_schema_check(tmp_path: Path) -> None:
    """The schema check compares with what the migrations make: each shipped format must still open."""
    data = Path(__file__).resolve().parents[1] / "data"
    fixtures = sorted(data.glob("workbook-format-*.laa"))
    assert len(fixtures) >= 2
    for fixture in fixtures:
        copy = tmp_path / fixture.name
        shutil.copyfile(fixture, copy)
        with Workbook.open(fixture, read_only=True) as workbook:
            assert workbook.targets()
        with Workbook.open(copy, backup_folder=tmp_path / "backups") as workbook:
            assert workbook.targets()


def test_a_refused_special_file_is_never_opened(tmp_path: Path) -> None:
    """A pipe is refused before anyone opens it: an open() of a FIFO with no writer never returns."""
    path = tmp_path / "pipe.laa"
    os.mkfifo(path)
    assert stat.S_ISFIFO(path.lstat().st_mode)
    started = time.monotonic()
    with pytest.raises(Exception, match="a device or a pipe"):
        Workbook.open(path)
    assert time.monotonic() - started < 1.0
