"""Running the real `laadesk` command in a subprocess, and making the files it is given."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from laadesk.core.model import Target
from laadesk.store.workbook import Workbook

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
VENV_BIN = Path(sys.executable).parent

# The exchange layout, written out here (not imported) so a change to it fails a test.
HEADER = (
    "ni,title,kind,status,baseline,baseline_period,target_2008_09,target_2009_10,target_2010_11,"
    "units,lead_partner,partners,deferred_reason,comment"
)
COLUMNS = tuple(HEADER.split(","))


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    @property
    def out_lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def describe(self) -> str:
        return f"laadesk {' '.join(self.args)} -> exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def cli_env(data_dir: Path) -> dict[str, str]:
    """The environment for a run: every per-user folder inside the test's own directory."""
    env = dict(os.environ)
    home = data_dir.parent / "home"
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        LAADESK_DATA_DIR=str(data_dir),
        XDG_DATA_HOME=str(home / "share"),
        XDG_CONFIG_HOME=str(home / "config"),
        HOME=str(home),
    )
    return env


def check_no_crash(result: Result, data_dir: Path) -> None:
    """Never a traceback, and never the 'something went wrong inside laadesk' exit."""
    assert "Traceback" not in result.err, result.describe()
    assert "Traceback" not in result.out, result.describe()
    if result.code == 3:
        logs = sorted((data_dir / "logs").glob("crash-*.txt")) if (data_dir / "logs").is_dir() else []
        detail = logs[-1].read_text(encoding="utf-8") if logs else "(no crash log)"
        raise AssertionError(f"laadesk crashed (exit 3)\n{result.describe()}\n--- crash log\n{detail}")


class Cli:
    """Runs `python -m laadesk` in one working folder with its own per-user data folder."""

    def __init__(self, cwd: Path, data_dir: Path) -> None:
        self.cwd = cwd
        self.data_dir = data_dir
        cwd.mkdir(parents=True, exist_ok=True)
        data_dir.mkdir(parents=True, exist_ok=True)

    def __call__(self, *args: str | Path, expect: int | None = 0, env: Mapping[str, str] | None = None) -> Result:
        argv = tuple(str(a) for a in args)
        done = subprocess.run(
            [sys.executable, "-m", "laadesk", *argv],
            cwd=self.cwd,
            env={**cli_env(self.data_dir), **(env or {})},
            capture_output=True,
            timeout=120,
            check=False,
        )
        result = Result(
            argv,
            done.returncode,
            done.stdout.decode("utf-8", errors="replace"),
            done.stderr.decode("utf-8", errors="replace"),
        )
        check_no_crash(result, self.data_dir)
        if expect is not None:
            assert result.code == expect, result.describe()
        return result

    def path(self, name: str) -> Path:
        return self.cwd / name

    def copy_in(self, source: Path, name: str) -> Path:
        target = self.cwd / name
        shutil.copyfile(source, target)
        return target


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def csv_text(rows: Iterable[Mapping[str, str]], columns: Iterable[str] = COLUMNS) -> str:
    """An exchange CSV as Excel writes it (CRLF line ends); missing cells are blank."""
    columns = tuple(columns)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        unknown = set(row) - set(columns) - set(COLUMNS)
        assert not unknown, unknown
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


def write_csv(
    path: Path,
    rows: Iterable[Mapping[str, str]],
    *,
    encoding: str = "utf-8",
    columns: Iterable[str] = COLUMNS,
) -> Path:
    path.write_bytes(csv_text(rows, columns).encode(encoding))
    return path


def read_targets(path: Path) -> dict[str, Target]:
    with Workbook.open(path, read_only=True) as workbook:
        return {t.code: t for t in workbook.targets()}


def read_partner_names(path: Path) -> list[str]:
    with Workbook.open(path, read_only=True) as workbook:
        return [p.name for p in workbook.partners()]


def sqlite_execute(path: Path, *statements: str) -> None:
    """Change a file with plain sqlite3, as another program (or a curious user) would."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def replace_bytes(path: Path, old: bytes, new: bytes) -> None:
    """Overwrite the first occurrence of old with new (same length) in the raw file."""
    assert len(old) == len(new)
    data = bytearray(path.read_bytes())
    where = data.find(old)
    assert where >= 0, f"{old!r} not found in {path}"
    data[where : where + len(old)] = new
    path.write_bytes(bytes(data))


def break_rowid_order(path: Path, table: str) -> None:
    """Corrupt one B-tree cell: the first row of a table's first leaf page gets rowid 127.

    SQLite's quick_check then reports the rows out of order (a damaged file that still
    opens), the way a bad sector or a half-copied USB stick leaves one.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = root
    while True:
        base = (page - 1) * page_size
        header = base + (100 if page == 1 else 0)
        if data[header] == 0x05:  # interior table page: follow the left-most child
            first = base + int.from_bytes(data[header + 12 : header + 14], "big")
            page = int.from_bytes(data[first : first + 4], "big")
            continue
        assert data[header] == 0x0D, f"page {page} is not a table leaf"
        position = base + int.from_bytes(data[header + 8 : header + 10], "big")
        while data[position] & 0x80:  # the payload size varint
            position += 1
        position += 1
        assert data[position] < 0x7F, "expected a small one-byte rowid"
        data[position] = 0x7F
        break
    path.write_bytes(bytes(data))


HALF_SAVE = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN")
conn.execute("UPDATE indicators SET title = title || ' (half-saved)'")
print("writing", flush=True)
sys.stdin.read()
"""


def leave_half_saved(path: Path) -> None:
    """Kill a process in the middle of a write, as a flat laptop battery does: a hot journal is left."""
    with subprocess.Popen(
        [sys.executable, "-c", HALF_SAVE, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as writer:
        try:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "writing"
        finally:
            writer.kill()
            writer.wait()
    assert Path(f"{path}-journal").exists()
