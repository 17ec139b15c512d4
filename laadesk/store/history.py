"""Writing and reading the workbook's history (core/history.py says what an entry is).

Every edit goes through Workbook.apply, which hands each change to an EditLedger before writing
it: the ledger compares the record with the one it replaces - as the edit read it from the file
(the file is locked to this laadesk), or read from the file when the edit does not say - and in
the same transaction writes one entry per field that differs. So an entry exists exactly when the
change reached the file, and an undone edit is recorded as the change it made.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any, Protocol

from laadesk.core.codes import sort_key
from laadesk.core.edits import Change, Edit, Put, Remove
from laadesk.core.errors import WorkbookCorrupt
from laadesk.core.history import ADDED, CHANGED, REMOVED, HistoryEntry, HistoryFilter
from laadesk.store.rows import json_list, replaced_fields
from laadesk.store.tables import TableSpec, spec_for


class Workbook(Protocol):
    """What reading the history needs of an open workbook (store/workbook.py's Workbook)."""

    path: Path

    def check_history(self) -> None: ...

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor: ...


COLUMNS = (
    "change_id",
    "at",
    "who",
    "how",
    "source",
    "action",
    "kind",
    "record_key",
    "ni",
    "field",
    "op",
    "before",
    "after",
)
INSERT = f"INSERT INTO history ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
Row = dict[str, Any]
PREFETCH_FROM = 8  # an edit of this many changes reads its records' stored rows a table at a time


def new_change_id() -> str:
    """128 random bits as 32 hexadecimal digits (as uuid4().hex, without importing uuid at start-up)."""
    return os.urandom(16).hex()


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _row_encoder() -> Callable[[Row], str]:
    """_encode for a row of plain values, from one C encoder made once: encode() makes one at every call,
    a third of the work of an entry for a record added (an import adds two hundred). No check for a
    value that holds itself: a row's values are text and numbers."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without json's C accelerator
        return _encode
    encoder = make(
        None, json.JSONEncoder().default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
    return lambda row: "".join(encoder(row, 0))


_encode_row = _row_encoder()


def whole(row: Row) -> str:
    """A whole record as its entry keeps it: a JSON object of its filled columns, in their order
    (a blank, no value and an empty list are left out: what was added or removed, not its form)."""
    return _encode_row({k: v for k, v in row.items() if v is not None and v != "" and v != "[]"})


class EditLedger:
    """The history entries of one edit, gathered as its changes are written."""

    def __init__(self, db: sqlite3.Connection, edit: Edit, *, who: str, at: str, change_id: str = "") -> None:
        self.db = db
        self.edit = edit
        self.common = (change_id or new_change_id(), at, who, edit.how, edit.source, edit.label)
        self.entries: list[tuple[Any, ...]] = []
        self._seen: dict[tuple[str, str], Row | None] = {}  # rows this edit already wrote, not yet on disk
        self._prefetched: dict[tuple[str, str], Row | None] = {}  # rows as stored before the edit

    def prefetch(self, changes: tuple[Change, ...]) -> None:
        """Read, in one statement a table, the stored rows of an edit's many records keyed by one
        column (an import's two hundred targets): one query each cost a third of the import."""
        if len(changes) < PREFETCH_FROM:
            return
        wanted: dict[str, tuple[TableSpec, list[Any]]] = {}
        for change in changes:
            record = change.after if isinstance(change, Put) else change.record
            spec = spec_for(record)
            if len(spec.keys) == 1 and not spec.singleton:
                wanted.setdefault(spec.name, (spec, []))[1].append(spec.key_values(record)[0])
        for table, (spec, keys) in wanted.items():
            column = spec.keys[0]
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                cursor = self.db.execute(f'SELECT * FROM "{table}" WHERE "{column}" IN ({marks})', chunk)
                names = [d[0] for d in cursor.description]
                found = {}
                for values in cursor:
                    row = {n: v for n, v in zip(names, values, strict=True) if n != "key"}
                    found[row[column]] = row
                for key in chunk:
                    self._prefetched[(table, json_list((key,)))] = found.get(key)

    def note(self, change: Change) -> Row | None:
        """Note one change before it is written; the row it writes (None for a removal)."""
        record = change.after if isinstance(change, Put) else change.record
        spec = spec_for(record)
        key = spec.key_values(record)
        record_key: str = json_list(key)
        new = spec.row(record) if isinstance(change, Put) else None
        before = change.before if isinstance(change, Put) else None
        if before is not None and (spec.name, record_key) not in self._seen:
            # The record the edit replaces, as the window read it from the file an edit ago (the file
            # is locked to this laadesk): no second read on every keystroke.
            if new is not None and type(before) is type(record):
                # Of its fields, only those the edit replaced are compared.
                self._seen[(spec.name, record_key)] = new
                ni = _indicator(new)
                for name, old in replaced_fields(before, record):
                    if old != new[name]:
                        self._add(spec.name, record_key, ni, name, CHANGED, old, new[name])
                return new
            stored: Row | None = {k: v for k, v in spec.row(before).items() if k != "key"}
        else:
            stored = self._stored(spec, key, record_key)
        self._seen[(spec.name, record_key)] = new
        ni = _indicator(new or stored or {})
        if isinstance(change, Remove) or new is None:
            if stored is not None:
                self._add(spec.name, record_key, ni, "", REMOVED, whole(stored), None)
        elif stored is None:
            self._add(spec.name, record_key, ni, "", ADDED, None, whole(new))
        else:
            for name, value in new.items():
                if name != "key" and stored.get(name) != value:
                    self._add(spec.name, record_key, ni, name, CHANGED, stored.get(name), value)
        return new

    def note_row(self, kind: str, record_key: list[Any], field: str, op: str, before: Any, after: Any) -> None:
        """An entry for something that is not a record change (a version frozen, a format upgrade)."""
        self._add(kind, _encode(record_key), "", field, op, before, after)

    def attribute(self, origins: dict[tuple[str, str, str], str]) -> None:
        """Give an entry the change id of the change it repeats (a merge taking the other copy's change),
        keyed by (table, record key, field) - field "" for a whole record: both copies then hold that id,
        so neither counts the change as its own when they are merged again."""
        for index, entry in enumerate(self.entries):
            kind, record_key, field = entry[6], entry[7], entry[9]
            origin = origins.get((kind, record_key, field)) or origins.get((kind, record_key, ""))
            if origin:
                self.entries[index] = (origin, *entry[1:])

    def write(self) -> None:
        if len(self.entries) == 1:
            self.db.execute(INSERT, self.entries[0])
        elif self.entries:
            self.db.executemany(INSERT, self.entries)

    def _stored(self, spec: TableSpec, key: tuple[Any, ...], record_key: str) -> Row | None:
        if (spec.name, record_key) in self._seen:
            return self._seen[(spec.name, record_key)]
        if (spec.name, record_key) in self._prefetched:
            return self._prefetched[(spec.name, record_key)]
        where = " AND ".join(f'"{k}" = ?' for k in spec.keys)
        cursor = self.db.execute(f'SELECT * FROM "{spec.name}" WHERE {where}', key)
        found = cursor.fetchone()
        if found is None:
            return None
        names = [d[0] for d in cursor.description]
        return {n: v for n, v in zip(names, found, strict=True) if n != "key"}

    def _add(self, kind: str, record_key: str, ni: str, field: str, op: str, before: Any, after: Any) -> None:
        self.entries.append((*self.common[:6], kind, record_key, ni, field, op, before, after))


def _indicator(row: Row) -> str:
    """The target a record belongs to: its code, or the first indicator a note or section names."""
    if row.get("code"):
        return str(row["code"])
    named = row.get("indicators")
    if isinstance(named, str) and named.startswith("["):
        try:
            codes = json.loads(named)
        except ValueError:
            return ""
        return str(codes[0]) if codes and isinstance(codes[0], str) else ""
    return ""


def read_entries(
    workbook: Workbook, wanted: HistoryFilter | None = None, *, newest_first: bool = False
) -> Generator[HistoryEntry, None, None]:
    """The entries asked for, oldest first (or newest first), read as they are needed."""
    workbook.check_history()
    where, params = (wanted or HistoryFilter()).sql()
    order = "DESC" if newest_first else "ASC"
    for row in workbook.query(f"SELECT id, {', '.join(COLUMNS)} FROM history{where} ORDER BY id {order}", params):
        values = tuple(row)
        if any(isinstance(v, bytes) for v in values) or not all(isinstance(v, str) for v in values[1:12]):
            raise WorkbookCorrupt(
                f"{workbook.path} is damaged (history entry {values[0]} holds something laadesk never writes). "
                "Restore it from a backup."
            )
        yield HistoryEntry(*values)


def entry_count(workbook: Workbook) -> int:
    workbook.check_history()
    return int(workbook.query("SELECT count(*) FROM history").fetchone()[0])


def people(workbook: Workbook) -> list[str]:
    """Everyone the history names, alphabetically."""
    workbook.check_history()
    rows = workbook.query("SELECT DISTINCT who FROM history")
    return sorted((str(r[0]) for r in rows if r[0]), key=str.casefold)


def indicators(workbook: Workbook) -> list[str]:
    """Every indicator the history has an entry about, in code order (a removed one too)."""
    workbook.check_history()
    rows = workbook.query("SELECT DISTINCT ni FROM history WHERE ni != ''")
    return sorted((str(r[0]) for r in rows if r[0]), key=lambda c: (sort_key(c), c))
