"""Which table holds which kind of record, and by which key."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from laadesk.core.model import (
    Adoption,
    AreaProfile,
    ChampionNote,
    District,
    Evidence,
    Milestone,
    Partner,
    Position,
    Record,
    SignOff,
    StorySection,
    Target,
)
from laadesk.store.rows import to_row


@functools.cache
def _upsert(table: str, columns: tuple[str, ...], keys: tuple[str, ...]) -> str:
    """Worked out once per table and set of columns: an edit is then one prepared statement."""
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in keys)
    key_names = ", ".join(f'"{k}"' for k in keys)
    conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT ({key_names}) {conflict}'


@dataclass(frozen=True)
class TableSpec:
    name: str
    keys: tuple[str, ...]
    singleton: bool = False  # one row, keyed by the constant record.key

    def row(self, record: Record) -> dict[str, Any]:
        row = to_row(record)
        if self.singleton:
            row["key"] = record.key
        return row

    def upsert(self, columns: tuple[str, ...]) -> str:
        """The statement that writes one record: insert it, or update the row with its key."""
        return _upsert(self.name, columns, self.keys)

    def key_values(self, record: Record) -> tuple[Any, ...]:
        if self.singleton:
            return (record.key,)
        row = to_row(record)
        return tuple(row[k] for k in self.keys)


TABLES: dict[type, TableSpec] = {
    AreaProfile: TableSpec("area", ("key",), singleton=True),
    SignOff: TableSpec("sign_off", ("key",), singleton=True),
    District: TableSpec("districts", ("name",)),
    Partner: TableSpec("partners", ("name",)),
    StorySection: TableSpec("story_sections", ("id",)),
    Evidence: TableSpec("evidence", ("id",)),
    Target: TableSpec("targets", ("code",)),
    Position: TableSpec("positions", ("code", "year")),
    ChampionNote: TableSpec("champion_notes", ("id",)),
    Adoption: TableSpec("adoptions", ("id",)),
    Milestone: TableSpec("milestones", ("id",)),
}


def spec_for(record: Record) -> TableSpec:
    return TABLES[type(record)]
