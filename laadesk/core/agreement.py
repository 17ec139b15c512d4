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
import hashlib
import json
from datetime import date
from enum import Enum
from typing import Any

from laadesk.core.codes import sort_key
from laadesk.core.snapshot import WorkbookSnapshot

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
    def order(form: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(sort_key(form[k]) if k == "code" else str(form[k]) for k in keys)

    return sorted((record_form(r) for r in records), key=order)


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
