"""A copy of a workbook the council may have: what government keeps to itself taken out, and
written so that none of it survives anywhere in the file's bytes.

Left out: every table marked internal where its records are declared (core/snapshot.py) -
today every champion note (internal and shareable alike - the council pack prints no note at
all, so none is the safe reading), every negotiating position with its private floor, and the
history of positions (who moved which figure when). Everything else is what the council pack
already shows, and stays.

How nothing survives: the open workbook is copied with SQLite's backup API into memory, the
internal rows are deleted there, and `VACUUM INTO` writes a new file built row by row from
what is left. A vacuumed file has no free pages, no slack holding old records and no journal
(https://www.sqlite.org/lang_vacuum.html#vacuuminto), so deleted text is nowhere in it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from laadesk.core.errors import WorkbookProblem, WorkbookUnavailable
from laadesk.core.labels import listed
from laadesk.core.snapshot import Kept
from laadesk.store import opening
from laadesk.store.file_steps import place_new_file
from laadesk.store.tables import all_tables
from laadesk.store.workbook import Workbook

COUNCIL_COPY_KEY = "council_copy_made_at"


def internal_kinds() -> list[Kept]:
    """The kinds of record whose every row stays with government."""
    return [spec.kept for spec in all_tables() if spec.internal and spec.kept is not None]


@dataclass(frozen=True)
class CouncilCopy:
    """What was written, and what was left out, for the sentence a person reads."""

    path: Path
    targets: int
    removed: tuple[tuple[Kept, int], ...]  # each internal kind of record, and how many were left out

    def describe(self) -> str:
        held = [kind.counted(count) for kind, count in self.removed if count]
        left_out = f"left out {listed(held)}" if held else "it held nothing internal to leave out"
        return f"{self.targets} target{'' if self.targets == 1 else 's'} kept; {left_out}"


def save_council_copy(workbook: Workbook, target: Path) -> CouncilCopy:
    """Write the council's copy of workbook to target, which must not exist yet."""
    target = Path(target)
    problem = opening.file_exists_problem(target)
    if problem is not None:
        raise problem
    if not target.parent.is_dir():
        raise WorkbookUnavailable(f"Cannot write {target}: the folder {target.parent} does not exist.")
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        workbook.backup_to(memory)
        removed = tuple((kind, _rows(memory, kind.table)) for kind in internal_kinds())
        targets = _rows(memory, "targets")
        memory.execute("BEGIN")
        for spec in all_tables():
            if spec.internal:
                memory.execute(f'DELETE FROM "{spec.name}"')
        memory.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (COUNCIL_COPY_KEY, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        memory.execute("COMMIT")
        _vacuum_into(memory, target)
    finally:
        memory.close()
    return CouncilCopy(target, targets, removed)


def _rows(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def _vacuum_into(memory: sqlite3.Connection, target: Path) -> None:
    """A fresh, compact file under a hidden name, synced, then given its name - never over another file."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.council")
    try:
        if os.path.lexists(partial):  # left by a copy this process began and never finished
            partial.unlink()
        memory.execute("VACUUM INTO ?", (str(partial),))
        # VACUUM INTO does not sync what it writes; a copy handed over must be on the disk.
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        _check(partial, target)
        place_new_file(partial, target)
    except sqlite3.Error as error:
        raise WorkbookUnavailable(_cannot_write(target, error)) from None
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot write {target}: {error.strerror or error}.") from None
    finally:
        # On a write-protected disk even removing a file that is not there fails (EROFS).
        for leftover in (partial, Path(f"{partial}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)


def _cannot_write(target: Path, error: sqlite3.Error) -> str:
    """Why SQLite could not write the copy, without the hidden name it was being written under."""
    name = getattr(error, "sqlite_errorname", "")
    text = str(error)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return f"Cannot write {target}: the disk is full."
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")) or "unable to open" in text or "readonly" in text:
        return f"Cannot write {target}: its folder cannot be written to."
    return f"Cannot write {target} ({text.split(':')[0]})."


def _check(partial: Path, target: Path) -> None:
    """The copy passes every check a workbook gets when opened, and holds none of the internal rows."""
    unclean = WorkbookUnavailable(f"Cannot write {target}: the copy did not come out clean, so it was not kept.")
    try:
        conn = opening.connect(partial, read_only=True)
    except WorkbookProblem:
        raise unclean from None
    try:
        opening.check_contents(conn, partial)
        left = sum(_rows(conn, spec.name) for spec in all_tables() if spec.internal)
        free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
    except WorkbookProblem:
        raise unclean from None
    finally:
        conn.close()
    if left or free:
        raise unclean
