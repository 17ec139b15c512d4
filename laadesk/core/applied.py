"""An edit applied to a snapshot in memory: what the workbook would hold if it were written.

Compare uses it to show what a council's table would change before anything is written, and
the review of changes from elsewhere to show the workbook as it would be after accepting them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from laadesk.core.edits import Edit, Put
from laadesk.core.snapshot import WorkbookSnapshot, kind_of, kinds


def applied(snapshot: WorkbookSnapshot, edit: Edit) -> WorkbookSnapshot:
    """The snapshot with every change of the edit made, records keyed as the store keys them."""
    parts: dict[str, Any] = {}
    for change in edit.changes:
        record = change.after if isinstance(change, Put) else change.record
        kind = kind_of(type(record))
        if kind.single:
            if isinstance(change, Put):
                parts[kind.field] = record
            continue
        held = parts.get(kind.field, getattr(snapshot, kind.field))
        key = _key(record, kind.keys)
        kept = tuple(r for r in held if _key(r, kind.keys) != key)
        parts[kind.field] = (*kept, record) if isinstance(change, Put) else kept
    for name, records in list(parts.items()):
        kind = next(k for k in kinds() if k.field == name)
        if not kind.single and kind.order is not None:
            parts[name] = tuple(sorted(records, key=kind.order))
    return dataclasses.replace(snapshot, **parts)


def _key(record: Any, keys: tuple[str, ...]) -> tuple[Any, ...]:
    # Partners' and partner authorities' names are kept without regard to case, as the store does.
    return tuple(v.casefold() if isinstance(v, str) else v for v in (getattr(record, k) for k in keys))
