"""The national roll-up: every workbook in a folder read, read-only, into one SQLite database that
departments read and Datasette serves.

Each workbook is attached read-only to the roll-up's own connection and its rows are copied by SQLite
itself (INSERT ... SELECT), inside one transaction per workbook: a colleague saving meanwhile is
not seen half way, and a workbook that fails half way leaves none of its rows. Only tables that are
not government's side are named in a statement (`shareable()` checks their mark when the statements
are made), so a position, a floor, a note or a history row cannot reach the roll-up.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import sqlite3
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from laadesk import __version__
from laadesk.core.errors import WorkbookCorrupt, WorkbookProblem, WorkbookUnavailable
from laadesk.core.model import Adoption, Partner, SignOff
from laadesk.core.region import Skipped
from laadesk.core.rollup import (
    AREA_COLUMNS,
    CHOSEN,
    LEVELS,
    POLARITY_OWN,
    TARGET_COLUMNS,
    no_ons_code,
    same_area,
)
from laadesk.core.sign_off import stage_of
from laadesk.core.snapshot import kind_of
from laadesk.store import opening
from laadesk.store.folder_reading import reworded, shown, size_problem, unread
from laadesk.store.migrations import SCHEMA_VERSION, migrate
from laadesk.store.rollup_file import INDEXES, check_out, new_database
from laadesk.store.rows import from_row
from laadesk.store.tables import all_tables

T = TypeVar("T")

WB = "workbook"  # the schema name each workbook is attached under, one at a time
PARALLEL_FROM = 24  # below this many workbooks one process is as quick as starting more


def shareable(table: str) -> str:
    """The attached workbook's table, if it is not government's side; a roll-up never reads one that is."""
    spec = next((s for s in all_tables() if s.name == table), None)
    if spec is None or spec.internal:
        raise PermissionError(f"the roll-up reads only tables that may leave government, not '{table}'")
    return f'{WB}."{table}"'


@functools.cache
def _copy_statements() -> tuple[str, str]:
    """INSERT ... SELECT of a workbook's chosen targets, then of their sub-area figures, made once.

    A deferral's reason is written as core/deferral.written writes it ("reason: note"); a national
    target's title is the one in the workbook's own edition of the indicator set.
    """
    targets, sub_areas, indicators = shareable("targets"), shareable("sub_area_targets"), shareable("indicators")
    key = ":ons_code, :area, :region"
    title = "CASE WHEN coalesce(t.title, '') != '' THEN t.title ELSE coalesce(i.title, '') END"
    reason = (
        "CASE WHEN coalesce(t.deferral_note, '') != '' "
        "THEN coalesce(t.deferral_reason, '') || ': ' || t.deferral_note ELSE coalesce(t.deferral_reason, '') END"
    )
    own = "coalesce(t.polarity, '') != ''"
    polarity = (
        f"CASE WHEN {own} THEN t.polarity ELSE coalesce(i.polarity, '') END, "
        f"CASE WHEN {own} THEN '{POLARITY_OWN}' WHEN coalesce(i.polarity, '') != '' "
        "THEN coalesce(i.polarity_basis, '') ELSE '' END, "
        "CASE WHEN t.reward THEN 1 ELSE 0 END"
    )
    national = f"LEFT JOIN {indicators} i ON i.ni = CAST(substr(t.code, 4) AS INTEGER) AND t.code = 'NI ' || i.ni"
    chosen = f"t.role IN ({', '.join(repr(c) for c in CHOSEN)})"

    def figures(alias: str) -> str:
        levels = ", ".join(f"{alias}.{level}" for level in LEVELS[1:])
        return (
            f"{alias}.baseline, coalesce({alias}.baseline_period, ''), {levels}, "
            f"coalesce({alias}.units, ''), coalesce({alias}.lead_partner, '')"
        )

    def written(alias: str) -> str:
        return ", ".join(f"{alias}.{level}_as_written" for level in LEVELS)

    columns = ", ".join(TARGET_COLUMNS)
    return (
        f"INSERT INTO main.targets ({columns}) SELECT {key}, t.code, {title}, t.role, t.status, {figures('t')}, "
        f"{reason}, coalesce(t.revisit_date, ''), {polarity}, '', '', {written('t')} "
        f"FROM {targets} t {national} WHERE {chosen}",
        f"INSERT INTO main.targets ({columns}) SELECT {key}, s.code, {title}, t.role, t.status, {figures('s')}, "
        f"{reason}, coalesce(t.revisit_date, ''), {polarity}, s.sub_area, s.kind, {written('s')} "
        f"FROM {sub_areas} s JOIN {targets} t ON t.code = s.code {national} WHERE {chosen}",
    )


def _records(conn: sqlite3.Connection, record: type[T]) -> list[T]:
    cursor = conn.execute(f"SELECT * FROM {shareable(kind_of(record).table)}")
    names = [column[0] for column in cursor.description]
    return [from_row(record, dict(zip(names, row, strict=True))) for row in cursor]


@dataclass(frozen=True)
class RollUp:
    """What one roll-up holds: an area's line per workbook read, its target rows, and what was skipped."""

    areas: tuple[tuple[Any, ...], ...]  # AREA_COLUMNS
    targets: int
    skipped: tuple[Skipped, ...]


class _Skip(Exception):
    """One workbook left out of the roll-up, with the sentence that says why."""


class _SameArea(_Skip):
    """A workbook of an area an earlier one gave; which area, so that joined parts can name the first."""

    def __init__(self, sentence: str, ons_code: str, area: str) -> None:
        super().__init__(sentence)
        self.ons_code = ons_code
        self.area = area


def roll_up(folder: Path, paths: Sequence[Path], out: Path) -> RollUp:
    """Every workbook's shareable rows into a new roll-up database at out, complete or not at all; an
    existing file is replaced only if it is itself a roll-up (never a workbook or another database).

    With enough workbooks each core rolls up a run of them into a part of its own, and the parts are
    joined in order (an area in two workbooks: the first in path order is kept, as in one run)."""
    check_out(out)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    parts = [partial.with_name(f"{partial.name}.{n}") for n in range(_workers(len(paths)))]
    try:
        for made in (partial, *parts):
            made.unlink(missing_ok=True)
        conn = new_database(partial)
        try:
            if len(parts) > 1:
                runs = [
                    paths[n * len(paths) // len(parts) : (n + 1) * len(paths) // len(parts)] for n in range(len(parts))
                ]
                with ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context("fork")) as pool:
                    found = list(pool.map(_roll_part, [folder] * len(parts), runs, parts))
                areas, skipped = _join_parts(conn, parts, found)
            else:
                areas, skipped, _ = _copy_all(conn, folder, paths)
            rollup = _finish(conn, folder, areas, skipped)
        finally:
            conn.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out)
    except (OSError, sqlite3.Error) as error:
        why = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise WorkbookUnavailable(f"Cannot write {out}: {why}.") from None
    finally:
        for made in (partial, *parts):
            made.unlink(missing_ok=True)
    return rollup


def _workers(files: int) -> int:
    """How many processes read: one, unless there are enough files for more to pay."""
    if files < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8, files // (PARALLEL_FROM // 2)))


# The areas read, the files skipped, and of those the second copies of an area: (index, ONS code, area).
Found = tuple[list[tuple[Any, ...]], list[Skipped], list[tuple[int, str, str]]]


def _roll_part(folder: Path, paths: Sequence[Path], part: Path) -> Found:
    """One process's run of workbooks into a part database of its own."""
    conn = new_database(part)
    try:
        return _copy_all(conn, folder, paths)
    finally:
        conn.close()


def _copy_all(conn: sqlite3.Connection, folder: Path, paths: Sequence[Path]) -> Found:
    areas: list[tuple[Any, ...]] = []
    skipped: list[Skipped] = []
    again: list[tuple[int, str, str]] = []
    seen: dict[str, str] = {}
    for path in paths:
        name = shown(path, folder)
        try:
            areas.append(_copy_workbook(conn, path, name, seen))
            seen[areas[-1][0]] = name
        except _Skip as why:
            if isinstance(why, _SameArea):
                again.append((len(skipped), why.ons_code, why.area))
            skipped.append(Skipped(name, str(why)))
    return areas, skipped, again


def _join_parts(
    conn: sqlite3.Connection, parts: Sequence[Path], found: Sequence[Found]
) -> tuple[list[tuple[Any, ...]], list[Skipped]]:
    """The parts' rows copied in order; an area a part holds that an earlier part already gave is skipped,
    and so named; a part's own second copies of that area then name the earlier part's workbook as first."""
    areas: list[tuple[Any, ...]] = []
    skipped: list[Skipped] = []
    kept: dict[str, str] = {}
    for part, (part_areas, part_skipped, part_again) in zip(parts, found, strict=True):
        for index, ons_code, area_name in part_again:
            if ons_code in kept:
                path = part_skipped[index].path
                part_skipped[index] = Skipped(path, same_area(path, area_name, ons_code, kept[ons_code]))
        skipped.extend(part_skipped)
        again = [a for a in part_areas if a[0] in kept]
        for area in again:
            skipped.append(Skipped(area[7], same_area(area[7], area[1], area[0], kept[area[0]])))
        conn.execute("ATTACH ? AS part", (str(part),))
        try:
            conn.execute("BEGIN")
            if again:
                conn.executemany("DELETE FROM part.targets WHERE ons_code = ?", [(a[0],) for a in again])
                conn.executemany("DELETE FROM part.areas WHERE ons_code = ?", [(a[0],) for a in again])
            conn.execute("INSERT INTO main.areas SELECT * FROM part.areas")
            conn.execute("INSERT INTO main.targets SELECT * FROM part.targets")
            conn.execute("COMMIT")
        finally:
            conn.execute("DETACH part")
        fresh = [a for a in part_areas if a[0] not in kept]
        kept.update((a[0], a[7]) for a in fresh)
        areas.extend(fresh)
    return areas, skipped


def _finish(conn: sqlite3.Connection, folder: Path, areas: list[tuple[Any, ...]], skipped: list[Skipped]) -> RollUp:
    conn.execute("BEGIN")
    for statement in INDEXES:
        conn.execute(statement)
    conn.executemany("INSERT INTO skipped VALUES (?, ?)", ((s.path, s.why) for s in skipped))
    targets = conn.execute("SELECT count(*) FROM targets").fetchone()[0]
    facts = {
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "made_by": f"laadesk {__version__}",
        "folder": folder.name,
        "workbooks_read": str(len(areas)),
        "files_skipped": str(len(skipped)),
    }
    conn.executemany("INSERT INTO rollup VALUES (?, ?)", facts.items())
    conn.execute("COMMIT")
    return RollUp(tuple(areas), int(targets), tuple(sorted(skipped, key=lambda s: s.path)))


def _copy_workbook(conn: sqlite3.Connection, path: Path, name: str, seen: dict[str, str]) -> tuple[Any, ...]:
    """One workbook's area line and rows, copied in one transaction (all of them, or none and _Skip)."""
    problem = size_problem(path)
    if problem:
        raise _Skip(f"{name} {problem}")
    try:
        version = opening.inspect_header(path, recover=False)
        _attach(conn, path, version)
    except WorkbookProblem as refused:
        raise _Skip(_named(str(reworded(refused, path)), path, name)) from None
    except sqlite3.Error as error:
        raise _Skip(_named(str(unread(error, path)), path, name)) from None
    try:
        conn.execute("BEGIN")  # the workbook's read lock is taken at its first read and held to the end
        area = _copy_rows(conn, path, name, seen)
        conn.execute("COMMIT")
        return area
    except BaseException as failed:
        conn.execute("ROLLBACK")
        if isinstance(failed, sqlite3.IntegrityError | ValueError):  # a STRICT column or a record refused a value
            sentence = (
                f"{path} is damaged (it holds a value of a kind laadesk never stores: {failed}); it was not read."
            )
            raise _Skip(_named(sentence, path, name)) from None
        if isinstance(failed, sqlite3.Error | UnicodeDecodeError):
            raise _Skip(_named(str(unread(failed, path)), path, name)) from None
        if isinstance(failed, WorkbookProblem):
            raise _Skip(_named(str(reworded(failed, path)), path, name)) from None
        raise
    finally:
        conn.execute(f"DETACH {WB}")


def _attach(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """The workbook attached read-only; an older one as a copy upgraded in memory, never on disk."""
    if version < SCHEMA_VERSION:
        source = opening.connect(path, read_only=True)
        memory = sqlite3.connect(":memory:")
        try:
            # One read transaction for the check and the copy: they see one state of the file, and the
            # copy never waits on a colleague's save (Python's backup() retries a busy file for ever).
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            opening.check_schema(source, path)
            source.backup(memory)
            source.execute("COMMIT")
            migrate(memory)
            image = bytearray(memory.serialize())
        finally:
            memory.close()
            source.close()
        # A file another program switched to WAL keeps saying so in its header (bytes 18-19), and SQLite
        # cannot open an in-memory image that says WAL (SQLITE_CANTOPEN): the copy says rollback journal.
        if image[18:20] == b"\x02\x02":
            image[18:20] = b"\x01\x01"
        conn.execute(f"ATTACH ':memory:' AS {WB}")
        conn.deserialize(bytes(image), name=WB)
        return
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if opening.in_wal_mode(path):
        uri += "&immutable=1"
    conn.execute(f"ATTACH ? AS {WB}", (uri,))


def _copy_rows(conn: sqlite3.Connection, path: Path, name: str, seen: dict[str, str]) -> tuple[Any, ...]:
    opening.check_schema(conn, path, schema=WB)
    found = conn.execute(f"SELECT name, ons_code, go_region, type, tier, as_at FROM {shareable('area')}").fetchall()
    sign_off = _records(conn, SignOff)
    if len(found) != 1 or len(sign_off) != 1:
        raise WorkbookCorrupt(f"{path} is damaged: its area or its sign-off is missing. Restore it from a backup.")
    area_name, ons_code, region, kind, tier, as_at = ("" if v is None else str(v) for v in found[0])
    if not ons_code.strip():
        raise _Skip(no_ons_code(name, area_name))
    if ons_code in seen:
        raise _SameArea(same_area(name, area_name, ons_code, seen[ons_code]), ons_code, area_name)
    stage = stage_of(sign_off[0], _records(conn, Adoption), _records(conn, Partner))
    area = (ons_code, area_name, region, kind, tier, as_at, stage, name)
    conn.execute(f"INSERT INTO main.areas ({', '.join(AREA_COLUMNS)}) VALUES ({', '.join('?' * len(area))})", area)
    for statement in _copy_statements():
        conn.execute(statement, {"ons_code": ons_code, "area": area_name, "region": region})
    return area


def _named(sentence: str, path: Path, name: str) -> str:
    """A sentence about a file with its path as the region's lists show it."""
    return sentence.replace(str(path.resolve()), name).replace(str(path), name)
