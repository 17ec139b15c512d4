"""Edits as plain data with their inverses: what undo, import and the CLI all apply."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from laadesk.core.model import Record


@dataclass(frozen=True)
class Put:
    """Insert `after`, or replace `before` with it (same key)."""

    after: Record
    before: Record | None = None

    def inverse(self) -> Put | Remove:
        if self.before is None:
            return Remove(self.after)
        return Put(self.before, self.after)


@dataclass(frozen=True)
class Remove:
    """Delete a record."""

    record: Record

    def inverse(self) -> Put:
        return Put(self.record, None)


Change = Put | Remove


@dataclass(frozen=True)
class Edit:
    """One user action: any number of changes, applied in one transaction, named for undo.

    `how` and `source` say how it reached the workbook for its history (core/history.py): typed,
    pasted, imported from a file, merged from a copy...
    """

    label: str
    changes: tuple[Change, ...]
    how: str = "typed"
    source: str = ""

    def inverse(self) -> Edit:
        return Edit(self.label, tuple(c.inverse() for c in reversed(self.changes)), "undone", self.source)

    def came(self, how: str, source: str = "") -> Edit:
        """The same changes, recorded as having come this way."""
        return replace(self, how=how, source=source)

    @property
    def empty(self) -> bool:
        return not self.changes


def set_fields(record: Record, label: str, **values: Any) -> Edit:
    """An edit changing some fields of one record (nothing, if they already hold those values)."""
    after = replace(record, **values)
    if after == record:
        return Edit(label, ())
    return Edit(label, (Put(after, record),))


def add(record: Record, label: str) -> Edit:
    return Edit(label, (Put(record),))


def remove(record: Record, label: str) -> Edit:
    return Edit(label, (Remove(record),))
