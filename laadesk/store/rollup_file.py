"""The roll-up's own file: its tables, making a new one, and never writing over a file that is not a
roll-up (a workbook, another database)."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from laadesk.core.errors import WorkbookUnavailable
from laadesk.store import opening
from laadesk.store.folder_reading import BUSY_WAIT_SECONDS

# "LAAr": a roll-up database, told apart from a workbook ("LAAd") and from any other SQLite file.
ROLLUP_APPLICATION_ID = 0x4C414172

# The roll-up's tables are STRICT: a value of a kind laadesk never stores (a file altered by another
# program) fails its workbook's copy, which is then skipped, never half rolled up.
SCHEMA = (
    f"PRAGMA application_id = {ROLLUP_APPLICATION_ID}",
    "CREATE TABLE areas (ons_code TEXT PRIMARY KEY, area TEXT NOT NULL, region TEXT NOT NULL, type TEXT NOT NULL, "
    "tier TEXT NOT NULL, as_at TEXT NOT NULL, sign_off_stage TEXT NOT NULL, workbook TEXT NOT NULL) STRICT",
    "CREATE TABLE targets (ons_code TEXT NOT NULL REFERENCES areas(ons_code), area TEXT NOT NULL, "
    "region TEXT NOT NULL, ni TEXT NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, "
    "baseline REAL, baseline_period TEXT NOT NULL, target_2008_09 REAL, target_2009_10 REAL, "
    "target_2010_11 REAL, units TEXT NOT NULL, lead_partner TEXT NOT NULL, deferred_reason TEXT NOT NULL, "
    "revisit TEXT NOT NULL, polarity TEXT NOT NULL, polarity_basis TEXT NOT NULL, "
    "reward INTEGER NOT NULL CHECK (reward IN (0, 1)), sub_area TEXT NOT NULL, sub_area_kind TEXT NOT NULL, "
    "baseline_as_written TEXT NOT NULL, target_2008_09_as_written TEXT NOT NULL, "
    "target_2009_10_as_written TEXT NOT NULL, target_2010_11_as_written TEXT NOT NULL, "
    "PRIMARY KEY (ons_code, ni, sub_area)) STRICT",
    "CREATE TABLE skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL) STRICT",
    "CREATE TABLE rollup (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
)
# Made once every row is in (faster than keeping them up to date row by row).
INDEXES = (
    "CREATE INDEX targets_by_ni ON targets (ni)",
    "CREATE INDEX targets_by_region ON targets (region)",
    "CREATE INDEX targets_by_kind_status ON targets (kind, status)",
    "CREATE INDEX areas_by_region ON areas (region)",
)


def new_database(path: Path) -> sqlite3.Connection:
    """A new roll-up database at path, its tables made (its indexes wait until every row is in)."""
    # Opened by URI so that SQLite reads each workbook's ATTACH URI (mode=ro, immutable) as one even where
    # it was built without SQLITE_USE_URI (as Python's own Windows and macOS builds may be); a path alone
    # would be taken as a file name, "file:...", made anew.
    conn = sqlite3.connect(path.resolve().as_uri(), uri=True, timeout=BUSY_WAIT_SECONDS)
    if sys.version_info >= (3, 12):
        conn.setconfig(opening.SQLITE_DBCONFIG_DEFENSIVE, True)
    # The file is new and placed only when complete: its journal (for a workbook's rollback) stays in memory.
    for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "journal_mode = MEMORY", "synchronous = OFF"):
        conn.execute(f"PRAGMA {pragma}")
    conn.isolation_level = None  # transactions said explicitly: one a workbook (ATTACH cannot be inside one)
    for statement in SCHEMA:
        conn.execute(statement)
    return conn


def check_out(out: Path) -> None:
    """WorkbookUnavailable with a sentence unless a roll-up may be written at out: its folder exists, and
    any file there already is itself a roll-up (never a workbook or another database)."""
    if not os.path.lexists(out):
        if not out.parent.is_dir():
            raise WorkbookUnavailable(f"Cannot write {out}: the folder {out.parent} does not exist.")
        return
    try:
        with open(out, "rb") as handle:
            header = handle.read(72)
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot write {out}: {error.strerror or error}.") from None
    if not (header.startswith(opening.SQLITE_MAGIC) and int.from_bytes(header[68:72], "big") == ROLLUP_APPLICATION_ID):
        raise WorkbookUnavailable(f"{out} already exists and is not a laadesk roll-up; laadesk will not overwrite it.")
