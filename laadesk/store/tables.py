"""Every table of a workbook: which kind of record it holds, by which key, and whether it is
government's side. Record tables follow their declaration in core (`snapshot.kinds()`); the
tables that hold no records - the file's own facts, the indicator set, the history and the agreed
versions - are classed here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from laadesk.core.snapshot import Kept, kinds
from laadesk.store.rows import plain_value, to_row


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
    internal: bool  # every row stays with government: never in the council's copy
    kept: Kept | None = None  # the records it holds (None: not records, e.g. the indicator set)

    @functools.cached_property
    def singleton(self) -> bool:
        """One row, keyed by the constant record.key."""
        return self.kept is not None and self.kept.single

    def row(self, record: Any) -> dict[str, Any]:
        row = to_row(record)
        if self.singleton:
            row["key"] = record.key
        return row

    def upsert(self, columns: tuple[str, ...]) -> str:
        """The statement that writes one record: insert it, or update the row with its key."""
        return _upsert(self.name, columns, self.keys)

    def delete(self) -> str:
        where = " AND ".join(f'"{k}" = ?' for k in self.keys)
        return f'DELETE FROM "{self.name}" WHERE {where}'

    def key_values(self, record: Any) -> tuple[Any, ...]:
        if self.singleton:
            return (record.key,)
        # The key fields alone, as stored (every edit asks, twice: its whole row is not needed).
        if len(self.keys) == 1:
            return (plain_value(getattr(record, self.keys[0])),)
        return tuple(plain_value(getattr(record, k)) for k in self.keys)


# Tables that hold no records of the area: the file's own facts (format, edition, when made)
# and the National Indicator Set edition - public, and in every copy.
REFERENCE_TABLES = (
    TableSpec("meta", ("key",), internal=False),
    TableSpec("indicators", ("ni",), internal=False),
)


# The workbook's record of itself: every change (history), what was agreed (agreed versions), and
# the other side's values of a merge's conflicts until the officer chooses (held changes).
# Government's side; read only by the history and versions code, never at opening (a workbook
# with 100,000 history entries opens as fast as one with none).
LEDGER_TABLES = (
    TableSpec("history", ("id",), internal=True),
    TableSpec("agreed_versions", ("label",), internal=True),
    TableSpec("held_changes", ("id",), internal=True),
)


# The attached files' contents: for each table of attachment records, the table holding their contents
# (keyed by SHA-256), on the records' side. Read only when a file is extracted, never at opening (a
# workbook may hold 250 MB of them).
CONTENTS_OF = {"attachments": "attachment_files", "internal_attachments": "internal_attachment_files"}


@functools.cache
def content_tables() -> tuple[TableSpec, ...]:
    """The contents' tables, each internal exactly when its records' kind is."""
    side = {kind.table: kind.internal for kind in kinds()}
    return tuple(TableSpec(contents, ("sha256",), side[records]) for records, contents in CONTENTS_OF.items())


@functools.cache
def all_tables() -> tuple[TableSpec, ...]:
    """Every table a workbook has, each classed as government's side or not."""
    records = tuple(TableSpec(k.table, k.keys, k.internal, k) for k in kinds())
    return REFERENCE_TABLES + LEDGER_TABLES + content_tables() + records


def ledger_table_names() -> frozenset[str]:
    return frozenset(spec.name for spec in LEDGER_TABLES)


def unread_at_opening() -> frozenset[str]:
    """Tables opening neither reads nor checks: the ledger (checked when first read) and the attached
    files' contents (each checked against its SHA-256 when extracted)."""
    return frozenset(spec.name for spec in LEDGER_TABLES) | frozenset(CONTENTS_OF.values())


def internal_tables() -> tuple[str, ...]:
    """The tables whose every row stays with government."""
    return tuple(spec.name for spec in all_tables() if spec.internal)


@functools.cache
def _by_record() -> dict[type, TableSpec]:
    return {spec.kept.record: spec for spec in all_tables() if spec.kept is not None}


def spec_for(record: Any) -> TableSpec:
    return _by_record()[type(record)]
