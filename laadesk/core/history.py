"""The workbook's history: every change to it, field by field, with who, when and how.

Each edit that reaches the file leaves one entry per field it changed (or one for a record added
or removed), all sharing the edit's change id. Two copies of one workbook share the entries up to
the moment they parted, which is what merging a colleague's copy starts from. The history is
government's side: never in anything bound for the council.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from laadesk.core.dates import format_date
from laadesk.core.labels import field_words
from laadesk.core.snapshot import kinds

# How a change reached the workbook (the edit's `how`).
TYPED = "typed"
PASTED = "pasted"
IMPORTED = "imported"
MERGED = "merged"
UNDONE = "undone"
REDONE = "redone"
MIGRATED = "migrated"
AGREED = "agreed"

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

# What a person calls each table's records in a history line.
RECORD_WORDS = {
    "area": "area profile",
    "targets": "target",
    "districts": "district",
    "partners": "partner",
    "story_sections": "story section",
    "evidence": "evidence reference",
    "champion_notes": "champion note",
    "positions": "negotiating position",
    "position_history": "position change",
    "sub_area_targets": "sub-area target",
    "partner_agreements": "partner authority agreement",
    "adoptions": "adoption",
    "sign_off": "sign-off",
    "milestones": "milestone",
    "agreed_versions": "agreed version",
    "meta": "workbook format",
}


@functools.cache
def _kept_nouns() -> dict[str, str]:
    """Each record table's noun as its kind declares it (core/snapshot.py), for kinds RECORD_WORDS does
    not word otherwise."""
    return {kind.table: kind.nouns[0] for kind in kinds()}


@dataclass(frozen=True)
class HistoryEntry:
    """One field of one record changed (or one record added or removed) by one edit."""

    id: int
    change_id: str  # shared by every entry of one edit, and by the copies of the workbook that have it
    at: str  # ISO 8601, UTC
    who: str
    how: str  # typed, pasted, imported, merged, undone, redone, migrated, agreed
    source: str  # the file an import or a merge came from; "" when typed
    action: str  # the edit's name, as the undo menu shows it
    kind: str  # the table the record is kept in
    record_key: str  # the record's key values, as a JSON list
    ni: str  # the target's code when the record belongs to one, else ""
    field: str  # "" for a whole record added or removed
    op: str  # added, removed, changed
    before: Any  # as stored; a whole record as a JSON object
    after: Any

    @property
    def key_values(self) -> list[Any]:
        values = json.loads(self.record_key)
        return values if isinstance(values, list) else [values]

    @property
    def what(self) -> str:
        """The record and field in the negotiators' words: "NI 153 2010/11 target"."""
        noun = RECORD_WORDS.get(self.kind) or _kept_nouns().get(self.kind, self.kind.replace("_", " "))
        named = " ".join(str(v) for v in self.key_values if v not in ("", None))
        if self.kind in ("area", "sign_off", "meta"):
            named = ""
        elif self.kind == "positions":
            named = f"{named} position"
            noun = ""
        elif self.kind == "targets":
            noun = ""
        subject = " ".join(part for part in (noun, named) if part)
        if not self.field or self.kind == "meta":
            return subject
        return f"{subject} {field_words(self.field)}".strip()

    def as_json(self) -> dict[str, Any]:
        return {
            "when": self.at,
            "who": self.who,
            "how": self.how,
            "source": self.source,
            "action": self.action,
            "ni": self.ni,
            "what": self.what,
            "record": self.kind,
            "key": self.key_values,
            "field": self.field,
            "kind": self.op,
            "from": self.before,
            "to": self.after,
            "change": self.change_id,
        }


def shown(value: Any) -> str:
    """A stored value as a history line shows it."""
    if value is None or value == "":
        return "blank"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def line(entry: HistoryEntry) -> str:
    """One entry as `laadesk history` prints it."""
    if entry.op == ADDED:
        change = "added"
    elif entry.op == REMOVED:
        change = "removed"
    else:
        change = f"{shown(entry.before)} -> {shown(entry.after)}"
    through = entry.how + (f" from {entry.source}" if entry.source else "")
    return f"{entry.at}  {entry.who}  {entry.what}: {change}  ({through}; {entry.action})"


@dataclass(frozen=True)
class HistoryFilter:
    """Which entries a person asked for: since a day, about one indicator, by one person."""

    since: date | None = None
    ni: str = ""
    who: str = ""

    def sql(self) -> tuple[str, tuple[Any, ...]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.since is not None:
            clauses.append("at >= ?")
            params.append(self.since.isoformat())
        if self.ni:
            clauses.append("ni = ?")
            params.append(self.ni)
        if self.who:
            clauses.append("who = ?")
            params.append(self.who)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", tuple(params)

    def describe(self) -> str:
        parts = []
        if self.since is not None:
            parts.append(f"since {format_date(self.since)}")
        if self.ni:
            parts.append(f"about {self.ni}")
        if self.who:
            parts.append(f"by {self.who}")
        return " ".join(parts)


HISTORY_CSV_COLUMNS = ("when", "who", "how", "source", "action", "ni", "what", "kind", "from", "to")


def csv_rows(entries: Iterable[HistoryEntry]) -> Iterable[tuple[str, ...]]:
    for entry in entries:
        data = entry.as_json()
        yield tuple("" if data[c] is None else str(data[c]) for c in HISTORY_CSV_COLUMNS)
