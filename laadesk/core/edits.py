"""Edits as plain data with their inverses: what undo, import and the CLI all apply."""

from __future__ import annotations

import dataclasses
import functools
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
    after = _replaced(record, values)
    if after == record:
        return Edit(label, ())
    return Edit(label, (Put(after, record),))


def add(record: Record, label: str) -> Edit:
    return Edit(label, (Put(record),))


def remove(record: Record, label: str) -> Edit:
    return Edit(label, (Remove(record),))


@functools.cache
def _plain_fields(cls: type) -> frozenset[str] | None:
    """The fields of a record type whose copy is its values copied: a dataclass whose __init__ only
    sets its fields (none left out of it, no __post_init__, no __new__) and keeps them in __dict__.
    None for any other type."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") or hasattr(cls, "__slots__"):
        return None
    if cls.__new__ is not object.__new__ or not all(f.init for f in dataclasses.fields(cls)):
        return None
    return frozenset(f.name for f in dataclasses.fields(cls))


def _replaced(record: Record, values: dict[str, Any]) -> Record:
    """dataclasses.replace(record, **values), made by copying the values of a plain record: every typed
    edit makes one, and replace's generic way costs four times as much for a thirty-field target."""
    kind: type = type(record)
    names = _plain_fields(kind)
    held = record.__dict__ if names is not None else {}
    if names is None or len(held) != len(names) or not values.keys() <= names:
        return replace(record, **values)
    copy: Record = object.__new__(kind)
    copy.__dict__.update(held)
    copy.__dict__.update(values)
    return copy
