"""The agreement as a version holds it: one canonical form anyone can recompute and hash.

An agreed version records what the Secretary of State signed: the area, the targets with their
levels, statuses and deferrals, the sub-area figures, the partner authorities' agreements, the
story of place, the adoptions and the sign-off. Nothing of government's side (positions, floors,
champion notes, history) is in it, and nothing that is only the workbook's housekeeping (the
timetable, evidence references). docs/agreed-versions.md sets the form out for other tools.

The form is JSON: an object with the keys below, each record an object of its fields by name,
each list of records in a fixed order (targets by their code as laadesk orders codes, the others
by their key), dates as "YYYY-MM-DD", a level with no fraction as an integer (29, not 29.0),
text exactly as typed. The hash is SHA-256 over its UTF-8 bytes written with sorted keys and no
spaces (`canonical_bytes`).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any

from laadesk.core.codes import sort_key
from laadesk.core.field_types import field_types
from laadesk.core.snapshot import WorkbookSnapshot, kinds

FORM = "laadesk agreement 1"

# The parts of a snapshot an agreement holds, each with the fields that key one record in it.
PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("targets", ("code",)),
    ("sub_areas", ("code", "sub_area")),
    ("agreements", ("code", "partner")),
    ("story", ("id",)),
    ("adoptions", ("id",)),
)


def plain(value: Any) -> Any:
    """A field's value as the canonical form writes it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def record_form(record: Any) -> dict[str, Any]:
    return {f.name: plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _ordered(records: tuple[Any, ...], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    return sorted((record_form(r) for r in records), key=_order(keys))


def agreement_form(snapshot: WorkbookSnapshot) -> dict[str, Any]:
    """The agreement a snapshot holds, in the canonical form."""
    form: dict[str, Any] = {"form": FORM, "area": record_form(snapshot.area)}
    for part, keys in PARTS:
        form[part] = _ordered(getattr(snapshot, part), keys)
    form["sign_off"] = record_form(snapshot.sign_off)
    return form


def canonical_bytes(form: dict[str, Any]) -> bytes:
    return json.dumps(form, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def agreement_hash(form: dict[str, Any]) -> str:
    """SHA-256 of the canonical form, as 64 lowercase hexadecimal digits."""
    return hashlib.sha256(canonical_bytes(form)).hexdigest()


def form_from_rows(rows: Mapping[str, Sequence[dict[str, Any]]], *, ordered: bool = True) -> dict[str, Any]:
    """The canonical form from rows read with stored_columns' expressions (by snapshot field:
    "area", "targets", ...), without making records first: what agreement_form gives for the same
    workbook, at a fraction of the cost. SQLite has done the blanks and whole numbers; only lists
    and yes/no are left to convert, in the rows themselves (made for this call). `ordered=False`
    leaves the lists as read: compare matches records by their keys, and only the canonical
    writing (the hash) needs the order."""
    form: dict[str, Any] = {"form": FORM}
    for part in ("area", "sign_off"):
        found = rows.get(part) or ()
        form[part] = _row_form(_kind(part), found[0]) if found else record_form(_kind(part)())
    for part, keys in PARTS:
        record_type = _kind(part)
        converted = [_row_form(record_type, r) for r in rows.get(part) or ()]
        form[part] = sorted(converted, key=_order(keys)) if ordered else converted
    return form


def stored_columns(part: str) -> list[str]:
    """SQL expressions reading a part's columns already in canonical form (SQLite does the work):
    blank text for a missing value where the field is not optional, whole numbers as integers."""
    expressions = []
    for name, kind in _plan(_kind(part)):
        column = f'"{name}"'
        if kind == "text":
            expressions.append(f"coalesce({column}, '') AS {column}")
        elif kind == "number":
            expressions.append(
                f"CASE WHEN typeof({column}) = 'real' AND {column} = CAST({column} AS INTEGER) "
                f"THEN CAST({column} AS INTEGER) ELSE {column} END AS {column}"
            )
        else:
            expressions.append(column)
    return expressions


def _order(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    if keys == ("code",):
        return lambda form: _code_order(form["code"])

    def order(form: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(_code_order(form[k]) if k == "code" else str(form[k]) for k in keys)

    return order


_code_order = functools.lru_cache(maxsize=8192)(sort_key)  # a workbook's few hundred codes, sorted often


def _kind(part: str) -> Any:
    return next(k.record for k in kinds() if k.field == part)


def _row_form(record_type: type, row: dict[str, Any]) -> dict[str, Any]:
    for name, read in _left_to_read(record_type):
        row[name] = read(row[name])
    return row


@functools.cache
def _left_to_read(record_type: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """The fields a row read with stored_columns still needs converted: lists and yes/no."""
    return tuple((name, _READ[kind]) for name, kind in _plan(record_type) if kind in ("list", "bool"))


@functools.cache
def _plan(record_type: type) -> tuple[tuple[str, str], ...]:
    """Each field of a record type with how its stored value becomes canonical: "list", "bool",
    "number", "text" (blank when missing), or "plain" (as stored)."""
    plan = []
    for name, hint in field_types(record_type).items():
        optional = typing.get_origin(hint) in (types.UnionType, typing.Union) and type(None) in typing.get_args(hint)
        base = next((a for a in typing.get_args(hint) if a is not type(None)), hint) if optional else hint
        if typing.get_origin(base) is tuple:
            kind = "list"
        elif base is bool:
            kind = "bool"
        elif base is float:
            kind = "number"
        elif not optional and (base is str or (isinstance(base, type) and issubclass(base, Enum))):
            kind = "text"
        else:
            kind = "plain"
        plan.append((name, kind))
    return tuple(plan)


# The decoder's own method: json.loads checks its arguments at each of a compare's hundred lists.
_decode_list = json.JSONDecoder().decode

# What is left for Python of a row read with stored_columns (SQLite did blanks and whole numbers).
_READ: dict[str, Callable[[Any], Any]] = {
    "list": lambda value: _decode_list(value) if value and value != "[]" else [],  # half are empty
    "bool": bool,
}
