"""Converting frozen domain records to SQLite rows and back, driven by their type hints."""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable
from datetime import date
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar

from laadesk.core.field_types import field_types

T = TypeVar("T")


def _base_type(hint: Any) -> Any:
    """`X | None` -> X; anything else unchanged."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    return hint


def to_row(record: Any) -> dict[str, Any]:
    names, values_of, converters, _ = _writers(type(record))
    values = list(values_of(record))
    for index, write in converters:
        values[index] = write(values[index])
    return dict(zip(names, values))


def replaced_fields(before: Any, after: Any) -> list[tuple[str, Any]]:
    """The fields of a record (of before's type) whose value in after is not the very value before
    holds, each with its value before as its column stores it. A record edited as a copy with a few
    fields replaced shares every other value with the one it replaces, so only those few are compared
    (and converted), not all thirty."""
    names, values_of, _, write_at = _writers(type(after))
    found = []
    for index, (old, new) in enumerate(zip(values_of(before), values_of(after))):
        if old is not new or old != new:  # != as well: a value unequal to itself (NaN) compares as stored
            write = write_at[index]
            found.append((names[index], old if write is None else write(old)))
    return found


_Converters = tuple[tuple[int, Callable[[Any], Any]], ...]
_Writers = tuple[
    tuple[str, ...], Callable[[Any], tuple[Any, ...]], _Converters, tuple[Callable[[Any], Any] | None, ...]
]
_WRITERS: dict[type, _Writers] = {}
_AS_STORED = (str, int, float)  # a field of these types (or None) goes into its column as it is


def _writers(cls: type) -> _Writers:
    """How each field of a record type is written to its column, worked out once per type: the
    field names, a getter of all their values at once, and a converter for each field stored in
    another form (an enum's value, a date as ISO text, a tuple as JSON), by index and by field. An
    import writes hundreds of records of thirty fields each, so the fields that need nothing are
    given nothing to do."""
    if cls not in _WRITERS:
        hints = field_types(cls)
        names = tuple(hints)
        getter = attrgetter(*names)
        values_of = getter if len(names) > 1 else (lambda record: (getter(record),))
        converters = tuple(
            (index, _writer(hint)) for index, hint in enumerate(hints.values()) if _base_type(hint) not in _AS_STORED
        )
        write_at = tuple(dict(converters).get(index) for index in range(len(names)))
        _WRITERS[cls] = (names, values_of, converters, write_at)
    return _WRITERS[cls]


def _writer(hint: Any) -> Callable[[Any], Any]:
    base = _base_type(hint)
    if typing.get_origin(base) is tuple:
        return json_list
    if isinstance(base, type) and issubclass(base, Enum):
        return _choice
    return _plain_value


def _choice(value: Any) -> Any:
    """A choice's field as stored: its word (the member's value, read without enum's descriptor)."""
    return value._value_ if isinstance(value, Enum) else _plain_value(value)


_encode_list = json.JSONEncoder(ensure_ascii=False).encode
_encode_text = json.encoder.encode_basestring  # a string as that encoder writes it (ensure_ascii=False)


def json_list(value: Any) -> Any:
    """A tuple as its column stores it (and a record's key as its history entries name it), a JSON
    list: json.dumps(list(value), ensure_ascii=False) exactly. A list of names is joined here: json.dumps
    builds an encoder at every call, and every write of a target converts its partners and districts."""
    if value is None:
        return None
    try:
        return "[" + ", ".join(map(_encode_text, value)) + "]"
    except TypeError:  # not all text: the encoder itself
        return _encode_list(list(value))


def plain_value(value: Any) -> Any:
    """A field's value as its column stores it (a choice by its word, yes/no as 1/0, a day as text)."""
    return _plain_value(value)


def _plain_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_row(cls: type[T], row: typing.Mapping[str, Any]) -> T:
    values: dict[str, Any] = {}
    for name, read in _readers(cls):
        if name in row:
            values[name] = read(row[name])
    return cls(**values)


_READERS: dict[type, tuple[tuple[str, Callable[[Any], Any]], ...]] = {}


def _readers(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """How each field of a record type is read from its column, worked out once per type:
    a workbook opens with hundreds of rows, and reading the type hints per value showed."""
    if cls not in _READERS:
        _READERS[cls] = tuple((name, _reader(hint)) for name, hint in field_types(cls).items())
    return _READERS[cls]


def _reader(hint: Any) -> Callable[[Any], Any]:
    base = _base_type(hint)
    null = None if base is not hint else _empty(base)
    if typing.get_origin(base) is tuple:
        convert: Callable[[Any], Any] = lambda value: tuple(json.loads(value))  # noqa: E731
    elif isinstance(base, type) and issubclass(base, Enum):
        convert = base
    elif base is bool:
        convert = bool
    elif base is date:
        convert = date.fromisoformat
    elif base is float:
        convert = float
    else:
        return lambda value: null if value is None else value
    return lambda value: null if value is None else convert(value)


def _empty(base: Any) -> Any:
    """What a NULL reads as for a field that is not optional."""
    if base is str:
        return ""
    if typing.get_origin(base) is tuple:
        return ()
    if base is bool:
        return False
    return None
