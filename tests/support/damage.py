"""Files changed behind laadesk's back: plain sqlite3, bytes overwritten, a B-tree cell broken, a save cut short."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path


def sqlite_execute(path: Path, *statements: str, writable_schema: bool = False) -> None:
    """Change a file with plain sqlite3, as another program (a curious user, an attacker) would."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if writable_schema:
            conn.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            conn.execute(statement)
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
