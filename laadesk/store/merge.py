"""Merging a colleague's copy of the workbook into this one (the rules are in core/merge.py).

Two files are copies of one workbook when they carry the same identity (meta.workbook_id): Save a
Copy As, a copied file and a backup all do. The merge lands as one edit - one undo step, a backup
first - whose history entries name the copy; the other side's own history entries are carried
over as they are, so the two copies share them from now on and merging again changes nothing.
Conflicts are held in `held_changes` until the officer keeps this side's value or takes theirs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from laadesk.core.edits import Change, Edit, Put, Remove
from laadesk.core.errors import WorkbookProblem
from laadesk.core.history import MERGED, REDONE, REMOVED, UNDONE, HistoryEntry
from laadesk.core.merge import Conflict, MergePlan, plan_merge
from laadesk.store.history import COLUMNS, INSERT, EditLedger, new_change_id, read_entries
from laadesk.store.rows import from_row
from laadesk.store.tables import CONTENTS_OF, TableSpec, all_tables
from laadesk.store.workbook import Workbook

VERSION_COLUMNS = 'label, "when", who, sha256, form, change_id'
HELD_COLUMNS = "source, at, kind, record_key, ni, field, ours, theirs, theirs_record, change_id"


class MergeRefused(WorkbookProblem):
    """Two files that cannot be merged (not copies of one workbook, or one file twice)."""


@dataclass(frozen=True)
class Merged:
    """What a merge did (or, in a dry run, would do)."""

    other: Path
    plan: MergePlan
    carried: int  # the other side's history entries carried over

    @property
    def sentence(self) -> str:
        taken = f"{self.plan.taken} change{'s' if self.plan.taken != 1 else ''} taken"
        held = len(self.plan.conflicts)
        conflicts = f"{held} conflict{'s' if held != 1 else ''} held for you to choose" if held else "no conflicts"
        return f"{taken} from {self.other.name}, {conflicts}"


def _spec(table: str) -> TableSpec:
    return next(spec for spec in all_tables() if spec.name == table)


def _lookup(workbook: Workbook) -> Callable[[str, str], dict[str, Any] | None]:
    def row(table: str, record_key: str) -> dict[str, Any] | None:
        spec = _spec(table)
        where = " AND ".join(f'"{k}" = ?' for k in spec.keys)
        cursor = workbook.query(f'SELECT * FROM "{table}" WHERE {where}', tuple(json.loads(record_key)))
        found = cursor.fetchone()
        if found is None:
            return None
        return {d[0]: v for d, v in zip(cursor.description, tuple(found), strict=True) if d[0] != "key"}

    return row


@dataclass(frozen=True)
class PreparedMerge:
    """A merge worked out and not yet written: the edit (one undo step) and what goes with it."""

    merged: Merged
    edit: Edit
    carry: Callable[[sqlite3.Connection, EditLedger], None]  # Workbook.apply's `also`: history, versions, held
    uncarry: Callable[[sqlite3.Connection, EditLedger], None]  # with the edit's inverse: undoing the merge

    @property
    def empty(self) -> bool:
        return self.edit.empty and not self.merged.carried


def merge_copy(workbook: Workbook, other_path: Path, *, dry_run: bool = False) -> Merged:
    """Merge the copy at other_path into the open workbook (nothing written in a dry run)."""
    prepared = prepare_merge(workbook, other_path)
    if not dry_run and not prepared.empty:
        workbook.apply(prepared.edit, also=prepared.carry)
    return prepared.merged


def prepare_merge(workbook: Workbook, other_path: Path) -> PreparedMerge:
    """Work out merging the copy at other_path: refused (MergeRefused) for another workbook."""
    other_path = Path(other_path)
    if other_path.resolve() == workbook.path.resolve():
        raise MergeRefused(f"{other_path} is the workbook itself; choose the copy to merge into it.")
    with Workbook.open(other_path, read_only=True) as other:
        if not other.workbook_id or other.workbook_id != workbook.workbook_id:
            raise MergeRefused(
                f"{other_path.name} ({other.area().name}) is not a copy of {workbook.path.name} "
                f"({workbook.area().name}): they are two different workbooks, so nothing was merged."
            )
        theirs_all = list(read_entries(other))
        if not theirs_all:
            raise MergeRefused(
                f"{other_path.name} has no history to merge from (a council's copy, or a copy from a laadesk "
                "before format 5 opened read-only): import its table instead (File > Import Returned Table)."
            )
        ours_all = list(read_entries(workbook))
        ours_ids = {e.change_id for e in ours_all}
        theirs_ids = {e.change_id for e in theirs_all}
        # A merge of this same copy that was undone (entries merged and undone, naming it) changed nothing
        # of this side's own: its changes are the copy's, to be taken afresh.
        ours_since = [
            e
            for e in ours_all
            if e.change_id not in theirs_ids and not (e.how in (MERGED, UNDONE, REDONE) and e.source == other_path.name)
        ]
        theirs_since = [e for e in theirs_all if e.change_id not in ours_ids]
        plan = plan_merge(ours_since, theirs_since, _lookup(workbook), _lookup(other))
        ours_versions = {
            str(label).casefold(): sha for label, sha in workbook.query("SELECT label, sha256 FROM agreed_versions")
        }
        their_versions = other.query(
            'SELECT label, "when", who, sha256, form, change_id FROM agreed_versions'
        ).fetchall()
        contents = _contents_taken(other, plan)
    new_versions = [tuple(v) for v in their_versions if str(v[0]).casefold() not in ours_versions]
    plan.kept_versions.extend(
        str(v[0]) for v in their_versions if ours_versions.get(str(v[0]).casefold(), v[3]) != v[3]
    )
    frozen_entries = {e.change_id: e for e in theirs_all if e.kind == "agreed_versions"}
    merged = Merged(other_path, plan, len(theirs_since))
    edit = Edit(f"merge {plan.taken} changes from {other_path.name}", _changes(plan), MERGED, other_path.name)
    # Each change taken is recorded under the change id it had in the other copy: both copies then
    # hold that id, so neither counts it as its own when they are merged again.
    origins = {(e.kind, e.record_key, e.field): e.change_id for e in theirs_since}

    made: list[str] = []  # the moment each writing of the merge held its conflicts

    def carry(db: sqlite3.Connection, ledger: EditLedger) -> None:
        ledger.attribute(origins)
        made.append(workbook.clock())
        db.executemany(
            f"INSERT INTO agreed_versions ({VERSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            new_versions,
        )
        db.executemany(INSERT, [_entry_row(frozen_entries[v[5]]) for v in new_versions if v[5] in frozen_entries])
        for table, sha256, data in contents:  # the files of attachments taken from the copy
            db.execute(f'INSERT OR IGNORE INTO "{table}" (sha256, data) VALUES (?, ?)', (sha256, data))
        held = {tuple(r) for r in db.execute("SELECT kind, record_key, field, theirs, theirs_record FROM held_changes")}
        db.executemany(
            f"INSERT INTO held_changes ({HELD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_held_row(other_path.name, made[-1], c, origins) for c in plan.conflicts if _held_key(c) not in held],
        )

    def uncarry(db: sqlite3.Connection, _: EditLedger) -> None:
        """Undoing the merge: its entries stay (with the undo's, the history says what happened) but
        no longer under the other copy's change ids, and the versions and held conflicts it brought go,
        so that merging the same copy later takes its changes afresh."""
        ids = sorted(set(origins.values()))
        undone = new_change_id()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            db.execute(
                f"UPDATE history SET change_id = ? WHERE how IN (?, ?) AND source = ? AND change_id IN ({marks})",
                (undone, MERGED, REDONE, other_path.name, *chunk),
            )
        db.executemany(
            "DELETE FROM agreed_versions WHERE label = ? AND change_id = ?", [(v[0], v[5]) for v in new_versions]
        )
        db.executemany(
            "DELETE FROM history WHERE kind = 'agreed_versions' AND change_id = ?", [(v[5],) for v in new_versions]
        )
        if made:
            db.execute("DELETE FROM held_changes WHERE source = ? AND at = ?", (other_path.name, made[-1]))

    return PreparedMerge(merged, edit, carry, uncarry)


def _contents_taken(other: Workbook, plan: MergePlan) -> list[tuple[str, str, bytes]]:
    """The contents of the attachments the merge takes from the other copy (its records carry only their
    hash): each read from that copy, to be written with the records."""
    found: list[tuple[str, str, bytes]] = []
    for table, row, _before in plan.puts:
        content_table = CONTENTS_OF.get(table)
        if content_table is None or not isinstance(row.get("sha256"), str):
            continue
        data = other.read_content(content_table, row["sha256"])
        if data is not None:
            found.append((content_table, row["sha256"], data))
    return found


def _changes(plan: MergePlan) -> tuple[Change, ...]:
    changes: list[Change] = []
    for table, row, before in plan.puts:
        record_type = _record_type(table)
        changes.append(Put(from_row(record_type, row), None if before is None else from_row(record_type, before)))
    for table, gone in plan.removes:
        changes.append(Remove(from_row(_record_type(table), gone)))
    return tuple(changes)


def _record_type(table: str) -> type:
    kept = _spec(table).kept
    assert kept is not None, f"{table} holds no records to merge"
    return kept.record


def _entry_row(entry: HistoryEntry) -> tuple[Any, ...]:
    return tuple(getattr(entry, "op" if c == "op" else c) for c in COLUMNS)


def _held_key(conflict: Conflict) -> tuple[Any, ...]:
    """What makes a held conflict the same one again (merging the same copy twice holds it once)."""
    whole = not conflict.field
    return (
        conflict.kind,
        conflict.record_key,
        conflict.field,
        None if whole else conflict.theirs,
        conflict.theirs if whole else None,
    )


def _held_row(source: str, at: str, conflict: Conflict, origins: dict[tuple[str, str, str], str]) -> tuple[Any, ...]:
    whole = not conflict.field
    theirs = None if whole else conflict.theirs
    origin = origins.get((conflict.kind, conflict.record_key, conflict.field)) or origins.get(
        (conflict.kind, conflict.record_key, "")
    )
    record = conflict.theirs if whole else None
    return (
        source,
        at,
        conflict.kind,
        conflict.record_key,
        conflict.ni,
        conflict.field,
        conflict.ours,
        theirs,
        record,
        origin or "",
    )


# -- the officer's choice on a held conflict ------------------------------------------------------


@dataclass(frozen=True)
class HeldChange:
    id: int
    source: str
    conflict: Conflict
    change_id: str = ""  # the other copy's change: recorded with the choice, so a later merge does not hold it again


def held_changes(workbook: Workbook) -> tuple[HeldChange, ...]:
    rows = workbook.query(
        "SELECT id, source, kind, record_key, ni, field, ours, theirs, theirs_record, change_id FROM held_changes "
        "ORDER BY id"
    )
    found = []
    for held_id, source, kind, key, ni, field, ours, theirs, record, change_id in rows:
        conflict = Conflict(kind, key, ni, field, ours, record if not field else theirs)
        found.append(HeldChange(held_id, source, conflict, change_id))
    return tuple(found)


def _origin(held: HeldChange) -> dict[tuple[str, str, str], str]:
    conflict = held.conflict
    return {(conflict.kind, conflict.record_key, conflict.field): held.change_id} if held.change_id else {}


def take_theirs(workbook: Workbook, held: HeldChange) -> None:
    """Land the other copy's value of a held conflict (one undo step) and stop holding it."""
    conflict = held.conflict
    current = _lookup(workbook)(conflict.kind, conflict.record_key)
    record_type = _record_type(conflict.kind)
    before = None if current is None else from_row(record_type, current)
    if conflict.field:
        if current is None:
            raise MergeRefused(f"{conflict.sentence}: the record is no longer in this workbook.")
        change: Change = Put(from_row(record_type, {**current, conflict.field: conflict.theirs}), before)
    elif conflict.theirs is None:
        if before is None:
            raise MergeRefused(f"{conflict.sentence}: the record is already gone from this workbook.")
        change = Remove(before)
    else:
        change = Put(from_row(record_type, json.loads(conflict.theirs)), before)
    label = f"take {held.source}'s value: {conflict.sentence}"

    def let_go(db: sqlite3.Connection, ledger: EditLedger) -> None:
        ledger.attribute(_origin(held))
        db.execute("DELETE FROM held_changes WHERE id = ?", (held.id,))

    workbook.apply(Edit(label, (change,), MERGED, held.source), also=let_go)


def keep_ours(workbook: Workbook, held: HeldChange) -> None:
    """Keep this workbook's value of a held conflict: the other copy's is let go (and recorded)."""
    action = f"keep this workbook's value: {held.conflict.sentence}"
    with workbook.recording(action, MERGED) as (db, ledger):
        db.execute("DELETE FROM held_changes WHERE id = ?", (held.id,))
        conflict = held.conflict
        ledger.note_row(conflict.kind, json.loads(conflict.record_key), conflict.field, REMOVED, conflict.theirs, None)
        # Recorded under the other copy's change id: merging that copy again does not hold it again.
        ledger.attribute(_origin(held))
