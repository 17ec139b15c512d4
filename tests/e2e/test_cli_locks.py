"""The command line and other laadesks: writers refuse a locked workbook, readers never need the lock,
and every import is backed up first. Each test runs the real `laadesk` command in a subprocess."""

from __future__ import annotations

import getpass
import json
import re
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support.cli import Cli, cli_env
from support.files import digest, listing
from support.locks import write_lock
from support.spreadsheets import COMPLETE_ROW, write_csv
from support.workbooks import targets_in_file

from laadesk.store import backups, opening
from laadesk.store.migrations import SCHEMA_VERSION

DATA = Path(__file__).resolve().parent.parent / "data"
HOST = socket.gethostname()
USER = getpass.getuser()

ROW = {**COMPLETE_ROW, "partners": "Jobcentre Plus"}

# The desktop editor with the workbook open: a real laadesk process holding it for editing.
HOLDER = r"""
import sys
from laadesk.store.workbook import Workbook
workbook = Workbook.open(sys.argv[1])
print("HOLDING", flush=True)
sys.stdin.read()
workbook.close()
"""


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    cli("new", "x.laa", "--area", "Demo")
    write_csv(cli.path("t.csv"), [ROW])
    return cli


@contextmanager
def editing(cli: Cli, name: str) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, name],
        cwd=cli.cwd,
        env=cli_env(cli.data_dir),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stdin is not None
        assert process.stdout.readline().strip() == "HOLDING"
        try:
            yield process
        finally:
            if process.poll() is None:
                process.stdin.close()
            process.wait(timeout=30)


def backups_of(cli: Cli, stem: str) -> list[str]:
    folder = cli.data_dir / "backups" / stem
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_import_refuses_a_workbook_open_in_another_laadesk_while_readers_work(cli: Cli) -> None:
    with editing(cli, "x.laa"):
        before = digest(cli.path("x.laa"))
        result = cli("import", "x.laa", "t.csv", expect=2)
        assert len(result.err_lines) == 1 and result.out == ""
        assert re.fullmatch(
            rf"laadesk: x\.laa is being edited in laadesk by {re.escape(USER)} on this computer "
            rf"\({re.escape(HOST)}\) since \d\d:\d\d today; it can be opened read-only, but not changed "
            r"until it is closed there\.",
            result.err_lines[0],
        ), result.describe()
        # Another writer is refused the same way; readers neither take nor need the lock.
        catalogue = DATA.parent.parent / "resources" / "national_indicators.csv"
        cli("indicators", "--load", catalogue, "--workbook", "x.laa", expect=2)
        assert json.loads(cli("info", "x.laa", "--json").out)["area"] == "Demo"
        assert cli("validate", "x.laa", expect=1).code == 1
        cli("export", "x.laa", "--csv", "out.csv")
        dry = cli("import", "x.laa", "t.csv", "--dry-run")
        assert dry.out_lines[-1].endswith("Nothing was written.")
        assert digest(cli.path("x.laa")) == before
        assert backups_of(cli, "x") == []
        assert listing(cli.cwd) == [".x.laa.lock", "out.csv", "t.csv", "x.laa"]
    # Closed in the editor: the import goes ahead.
    cli("import", "x.laa", "t.csv")
    assert sorted(targets_in_file(cli.path("x.laa"))) == ["NI 152"]
    assert listing(cli.cwd) == ["out.csv", "t.csv", "x.laa"]


def test_import_respects_a_lock_from_another_computer(cli: Cli) -> None:
    lock = write_lock(cli.path("x.laa"), since="2008-06-03T14:02:00+01:00")
    assert lock == cli.path(".x.laa.lock")
    before = digest(cli.path("x.laa")), lock.read_bytes()
    result = cli("import", "x.laa", "t.csv", expect=2)
    assert result.err_lines[0].startswith(
        "laadesk: x.laa is being edited in laadesk by alice.smith on GO-LAPTOP-7 since "
    )
    assert result.err_lines[0].endswith("; it can be opened read-only, but not changed until it is closed there.")
    assert (digest(cli.path("x.laa")), lock.read_bytes()) == before
    cli("info", "x.laa")


def test_import_after_a_crash_clears_the_lock_and_says_so(cli: Cli) -> None:
    with editing(cli, "x.laa") as editor:
        editor.send_signal(signal.SIGKILL)
        editor.wait(timeout=30)
    assert cli.path(".x.laa.lock").exists()
    result = cli("import", "x.laa", "t.csv")
    assert len(result.err_lines) == 1, result.describe()
    assert re.fullmatch(
        r"laadesk: laadesk on this computer stopped unexpectedly while editing x\.laa at \d\d:\d\d today; "
        r"its lock has been cleared\. Every change made before then is in the file\.",
        result.err_lines[0],
    ), result.describe()
    assert result.out_lines[-1] == "Imported t.csv into x.laa: 1 added, 0 updated, 0 unchanged."
    assert not cli.path(".x.laa.lock").exists()


def test_import_backs_the_workbook_up_first(cli: Cli) -> None:
    dry = cli("import", "x.laa", "t.csv", "--dry-run")
    assert backups_of(cli, "x") == []  # a dry run writes nothing, so needs no backup
    result = cli("import", "x.laa", "t.csv")
    assert result.out_lines[:-1] == dry.out_lines[:-1] and result.err == ""
    [name] = backups_of(cli, "x")
    assert re.fullmatch(r"x \d{4}-\d\d-\d\d \d{6} before-import\.laa", name)
    backup = cli.data_dir / "backups" / "x" / name
    assert targets_in_file(backup) == {}  # the workbook as it was before the import
    assert sorted(targets_in_file(cli.path("x.laa"))) == ["NI 152"]
    # The same file again changes nothing, so nothing is backed up.
    cli("import", "x.laa", "t.csv")
    assert backups_of(cli, "x") == [name]


def test_import_backs_up_into_the_folder_chosen_in_the_editor(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "stick backups"
    chosen.mkdir()
    monkeypatch.setenv("LAADESK_DATA_DIR", str(cli.data_dir))
    backups.choose_folder(chosen)  # what Restore from Backup > Change backup folder keeps
    result = cli("import", "x.laa", "t.csv")
    assert result.err == "", result.describe()
    assert backups_of(cli, "x") == []
    [backup] = (chosen / "x").iterdir()
    assert backup.name.endswith(" before-import.laa") and targets_in_file(backup) == {}


def test_import_into_an_older_format_backs_up_before_the_upgrade_and_the_import(cli: Cli) -> None:
    cli.copy_in(DATA / "workbook-format-1.laa", "old.laa")
    write_csv(cli.path("t.csv"), [dict(ROW, ni="NI 153")])
    cli("import", "old.laa", "t.csv")
    names = backups_of(cli, "old")
    assert sorted(n.rsplit(" ", 1)[1] for n in names) == ["before-import.laa", "before-migration.laa"]
    versions = {n.rsplit(" ", 1)[1]: opening.inspect_header(cli.data_dir / "backups" / "old" / n) for n in names}
    assert versions == {"before-migration.laa": 1, "before-import.laa": SCHEMA_VERSION}
    assert opening.inspect_header(cli.path("old.laa")) == SCHEMA_VERSION


def test_no_import_without_its_backup(cli: Cli) -> None:
    (cli.data_dir / "backups").write_text("a file where the backups folder should be")
    before = digest(cli.path("x.laa"))
    result = cli("import", "x.laa", "t.csv", expect=2)
    assert result.err_lines == [
        f"laadesk: Nothing was imported into x.laa: backing it up first to {cli.data_dir / 'backups' / 'x'} "
        "failed (not a directory)."
    ]
    assert digest(cli.path("x.laa")) == before
    assert listing(cli.cwd) == ["t.csv", "x.laa"]  # and no lock left behind
    conn = sqlite3.connect(cli.path("x.laa"))
    assert conn.execute("SELECT count(*) FROM targets").fetchone() == (0,)
    conn.close()
