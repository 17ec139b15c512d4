"""Opening a workbook file defensively, and naming what is wrong with one that will not open."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from laadesk.core.errors import (
    NotAWorkbook,
    WorkbookCorrupt,
    WorkbookProblem,
    WorkbookTooNew,
    WorkbookUnavailable,
)
from laadesk.store.migrations import APPLICATION_ID, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
SQLITE_DBCONFIG_DEFENSIVE = 1010


def inspect_header(path: Path) -> int:
    """The workbook's schema version, read from the file header without opening it in SQLite.

    Refuses files that are not laadesk workbooks, are too new, or are cut short, so that
    SQLite never touches (or writes a journal beside) a file that is not ours.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        raise WorkbookUnavailable(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise WorkbookUnavailable(f"{path} is a folder, not a workbook file.") from None
    except PermissionError:
        raise WorkbookUnavailable(f"{path} cannot be read: permission denied.") from None
    except OSError as error:
        raise WorkbookUnavailable(f"{path} cannot be read: {error.strerror or error}.") from None
    if size == 0:
        raise NotAWorkbook(f"{path} is empty, not a laadesk workbook.")
    if not header.startswith(SQLITE_MAGIC):
        raise NotAWorkbook(f"{path} is not a laadesk workbook (it is not an SQLite database file).")
    if len(header) < 100:
        raise WorkbookCorrupt(f"{path} is damaged: the file is cut short. Restore it from a backup.")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id != APPLICATION_ID:
        raise NotAWorkbook(f"{path} is not a laadesk workbook (it is an SQLite database from another application).")
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise WorkbookTooNew(
            f"{path} was written by a newer laadesk (workbook format {version}; this laadesk "
            f"reads formats up to {SCHEMA_VERSION}). Update laadesk to open it."
        )
    if version == 0:
        raise WorkbookCorrupt(f"{path} is damaged: it was never completely created. Restore it from a backup.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size < 512 or page_size & (page_size - 1) or size < page_size * page_count:
        raise WorkbookCorrupt(f"{path} is damaged: the file is cut short. Restore it from a backup.")
    return version


def connect(path: Path, *, read_only: bool, create: bool = False) -> sqlite3.Connection:
    """A connection with laadesk's defensive settings.

    Journal mode DELETE, not WAL: workbooks live on USB sticks and network shares, where
    WAL's shared-memory index does not work (https://www.sqlite.org/wal.html, "WAL does not
    work over a network filesystem") and its -wal file is easily left behind when a file is
    copied. synchronous=FULL makes every committed edit durable before it is acknowledged.
    """
    mode = "rwc" if create else ("ro" if read_only else "rw")
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error as error:
        raise translate(error, path) from None
    try:
        if sys.version_info >= (3, 12):
            conn.setconfig(SQLITE_DBCONFIG_DEFENSIVE, True)
        for pragma in (
            "trusted_schema = OFF",
            "cell_size_check = ON",
            "foreign_keys = ON",
            "secure_delete = ON",
            "synchronous = FULL",
        ):
            conn.execute(f"PRAGMA {pragma}")
        if not read_only:
            conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.Error as error:
        conn.close()
        raise translate(error, path) from None
    return conn


def check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file SQLite finds damaged, or whose schema holds objects laadesk never makes."""
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise WorkbookCorrupt(f"{path} is damaged ({_one_line(result)}). Restore it from a backup.")
        odd = conn.execute("SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view')").fetchone()
    except sqlite3.Error as error:
        raise translate(error, path) from None
    if odd is not None:
        raise NotAWorkbook(
            f"{path} is not a laadesk workbook: it contains a {odd[0]} ('{odd[1]}') that "
            "laadesk never creates, so it was not opened."
        )


def _one_line(report: str) -> str:
    """The first real finding of an SQLite report, on one line and short enough to read."""
    lines = [line.strip() for line in report.splitlines() if line.strip() and not line.startswith("***")]
    first = " ".join((lines[0] if lines else report).split())
    return first if len(first) <= 100 else first[:97] + "..."


def recover_interrupted_save(path: Path) -> None:
    """Roll back a save that a crash cut short, so a read-only open sees the last complete one.

    A leftover non-empty `-journal` is SQLite's record of an unfinished transaction; only a
    connection that can write may roll it back (https://www.sqlite.org/atomiccommit.html).
    """
    journal = Path(f"{path}-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return
    except OSError:
        return
    conn = connect(path, read_only=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.Error as error:
        raise translate(error, path) from None
    finally:
        conn.close()


def translate(error: sqlite3.Error, path: Path) -> WorkbookProblem:
    """A sentence a person can act on for an SQLite failure on this file."""
    name = getattr(error, "sqlite_errorname", "")
    text = _one_line(str(error))
    if name == "SQLITE_READONLY_ROLLBACK":
        return WorkbookUnavailable(
            f"{path} was left half-saved when a program stopped, and the folder it is in cannot be "
            "written to recover it; copy it somewhere writable and open it there."
        )
    if "decode to UTF-8" in text or "Could not decode" in text:
        return WorkbookCorrupt(f"{path} is damaged (it holds text that is not valid UTF-8). Restore it from a backup.")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return WorkbookUnavailable(f"The disk holding {path} is full; the last change was not saved.")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return WorkbookUnavailable(f"{path} is read-only; changes cannot be saved to it.")
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return WorkbookUnavailable(f"{path} is in use by another program; try again in a moment.")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        folder = path.parent if path.parent.exists() else "its folder"
        return WorkbookUnavailable(f"{path} cannot be opened (check {folder} exists and can be written).")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return WorkbookCorrupt(f"{path} is damaged ({text}). Restore it from a backup.")
    if name.startswith("SQLITE_IOERR"):
        return WorkbookUnavailable(f"{path} could not be read or written ({text}); is the drive still there?")
    return WorkbookCorrupt(f"{path} could not be read ({text}).")


def is_workbook_file(path: Path) -> bool:
    """Whether path holds a laadesk workbook (by its header), so nothing overwrites it by accident."""
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def file_exists_problem(path: Path) -> WorkbookUnavailable | None:
    if os.path.lexists(path):
        return WorkbookUnavailable(f"{path} already exists; laadesk will not overwrite it.")
    return None
