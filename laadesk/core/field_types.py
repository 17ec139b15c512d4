"""The type of each field of a record class, as typing.get_type_hints gives it, worked out once.

The records' modules use `from __future__ import annotations`, so a field's type is the text
written beside it. typing.get_type_hints evaluates every such text afresh at each call (for 19
kinds of record, ~5 ms of a window's start, and the store asked twice); here each text is
evaluated once for its module, and each record class once.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import typing
from typing import Any


@functools.cache
def field_types(record_type: type) -> dict[str, Any]:
    """Each init field's type, by name, in the order the class declares them."""
    try:
        return {f.name: _declared_type(record_type, f) for f in dataclasses.fields(record_type) if f.init}
    except Exception:  # a text only get_type_hints can read (a name in the class itself...): ask it
        hints = typing.get_type_hints(record_type)
        return {f.name: hints[f.name] for f in dataclasses.fields(record_type) if f.init}


def _declared_type(record_type: type, field: dataclasses.Field[Any]) -> Any:
    if not isinstance(field.type, str):
        return field.type
    # The class that declares the field, the nearest in the MRO as for get_type_hints, gives the module.
    owner = next(c for c in record_type.__mro__ if field.name in vars(c).get("__annotations__", {}))
    return _evaluated(owner.__module__, field.type)


@functools.cache
def _evaluated(module: str, text: str) -> Any:
    return eval(text, vars(sys.modules[module]))  # our own modules' annotations
