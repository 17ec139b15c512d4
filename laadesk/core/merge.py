"""Merging a colleague's copy: a three-way merge against the point where the two copies parted.

Both copies carry the workbook's history. The entries both have are their common past; what
each side did after parting is the entries only it has. For every record the other side changed
since then:

- if this side has not touched it since parting, the other side's record is taken as it is
  (added, changed or removed);
- if both changed it, field by field: a field only the other side changed is taken; a field both
  changed to the same value is left; a field both changed differently is a **conflict** - this
  workbook keeps its own value and the other is held for the officer to choose;
- a record one side removed and the other changed is a conflict about the whole record.

Champion notes have their own ids, so notes from both sides are all kept. Nothing is resolved
silently and nothing from either side is lost: it is taken, already the same, or held.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from laadesk.core.history import RECORD_WORDS, HistoryEntry, shown
from laadesk.core.labels import field_words

Row = Mapping[str, Any]
RowLookup = Callable[[str, str], Row | None]  # (table, record key as JSON) -> the record's row, or None
WHOLE = ""  # a whole record added or removed: every field of it is touched

# Tables whose records merge field by field; the ledger tables are carried over as they are.
NOT_RECORDS = frozenset({"meta", "agreed_versions", "history", "held_changes"})


@dataclass(frozen=True)
class Conflict:
    """A field (or a whole record) both sides changed differently since they parted."""

    kind: str
    record_key: str
    ni: str
    field: str  # "" for the whole record
    ours: Any  # as stored; a whole record as a JSON object (None when this side removed it)
    theirs: Any

    @property
    def sentence(self) -> str:
        noun = RECORD_WORDS.get(self.kind, self.kind)
        names = " ".join(str(v) for v in json.loads(self.record_key) if v not in ("", None))
        subject = f"{names} {field_words(self.field)}" if self.field else f"{noun} {names}"
        if self.kind in ("area", "sign_off"):
            subject = f"{noun} {field_words(self.field)}" if self.field else noun
        if not self.field:
            mine = "removed" if self.ours is None else "changed"
            other = "removed" if self.theirs is None else "changed"
            return f"{subject}: {mine} here, {other} in the other copy"
        return f"{subject}: {shown(self.ours)} here, {shown(self.theirs)} in the other copy"

    def as_json(self) -> dict[str, Any]:
        return {
            "ni": self.ni,
            "record": self.kind,
            "key": json.loads(self.record_key),
            "field": self.field,
            "ours": self.ours,
            "theirs": self.theirs,
            "sentence": self.sentence,
        }


@dataclass
class MergePlan:
    """What merging the other copy does to this one."""

    puts: list[tuple[str, dict[str, Any], Row | None]] = field(default_factory=list)  # table, new row, row before
    removes: list[tuple[str, Row]] = field(default_factory=list)  # table, row removed
    conflicts: list[Conflict] = field(default_factory=list)
    same: int = 0  # records both sides brought to the same state
    kept_versions: list[str] = field(default_factory=list)  # versions both have under one label, differing

    @property
    def taken(self) -> int:
        """How many changes are taken: one for each field of a changed record, one for each record
        added or removed."""
        return len(self.lines())

    def lines(self) -> list[str]:
        """Each change taken, in the negotiators' words."""
        said = []
        for table, row, before in self.puts:
            subject = _subject(table, row)
            if before is None:
                said.append(f"{subject}: added")
                continue
            for name in sorted(set(row) | set(before)):
                if row.get(name) != before.get(name):
                    field_name = field_words(name)
                    said.append(f"{subject} {field_name}: {shown(before.get(name))} -> {shown(row.get(name))}")
        for table, gone in self.removes:
            said.append(f"{_subject(table, gone)}: removed")
        for label in self.kept_versions:
            said.append(f'agreed version "{label}" differs in the other copy: this workbook keeps its own')
        return said


def touched(entries: Iterable[HistoryEntry]) -> dict[tuple[str, str], dict[str, Any]]:
    """For each record one side's entries changed: each field changed with its value when the two
    copies parted (the first entry's `before`); WHOLE when the record was added or removed."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        if entry.kind in NOT_RECORDS:
            continue
        found.setdefault((entry.kind, entry.record_key), {}).setdefault(entry.field, entry.before)
    return found


def _changed(fields: dict[str, Any], row: Row, everything: set[str]) -> set[str]:
    """The fields a side really changed since parting: touched and not back at the value they had
    then (an edit undone, or changed and changed back, is no change); every field of a whole record."""
    if WHOLE in fields:
        return everything
    return {name for name, base in fields.items() if row.get(name) != base}


def plan_merge(
    ours_since: Iterable[HistoryEntry],
    theirs_since: Iterable[HistoryEntry],
    ours: RowLookup,
    theirs: RowLookup,
) -> MergePlan:
    """The merge of the other side's changes since parting into this side's records."""
    mine = touched(ours_since)
    plan = MergePlan()
    for (kind, key), their_fields in touched(theirs_since).items():
        their_row, our_row = theirs(kind, key), ours(kind, key)
        if their_row == our_row:
            plan.same += 1
            continue
        ni = _ni(their_row or our_row or {})
        if (kind, key) not in mine:
            if their_row is None:
                assert our_row is not None
                plan.removes.append((kind, our_row))
            else:
                plan.puts.append((kind, dict(their_row), our_row))
            continue
        if their_row is None or our_row is None:
            plan.conflicts.append(Conflict(kind, key, ni, WHOLE, _whole(our_row), _whole(their_row)))
            continue
        everything = set(their_row) | set(our_row)
        theirs_changed = _changed(their_fields, their_row, everything)
        ours_changed = _changed(mine[(kind, key)], our_row, everything)
        merged = dict(our_row)
        for name in sorted(theirs_changed & everything):
            if their_row.get(name) == our_row.get(name):
                continue
            if name in ours_changed:
                plan.conflicts.append(Conflict(kind, key, ni, name, our_row.get(name), their_row.get(name)))
            else:
                merged[name] = their_row.get(name)
        if merged != dict(our_row):
            plan.puts.append((kind, merged, our_row))
    return plan


def _subject(table: str, row: Row) -> str:
    noun = RECORD_WORDS.get(table, table)
    if table in ("area", "sign_off"):
        return noun
    if table == "targets":
        return str(row.get("code"))
    named = " ".join(
        str(row[k]) for k in ("code", "year", "sub_area", "partner", "name", "title", "body") if row.get(k)
    )
    return f"{noun} {named or row.get('id', '')}".strip()


def _whole(row: Row | None) -> str | None:
    return None if row is None else json.dumps(dict(row), ensure_ascii=False, sort_keys=True)


def _ni(row: Row) -> str:
    return str(row.get("code") or "")
