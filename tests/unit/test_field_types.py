"""core/field_types.py gives each record field the type typing.get_type_hints gives it."""

from __future__ import annotations

import dataclasses
import typing

from laadesk.core.catalogue import Indicator
from laadesk.core.field_types import field_types
from laadesk.core.snapshot import kinds
from laadesk.store.locks import LockOwner


def test_each_field_has_the_type_get_type_hints_gives() -> None:
    for record_type in [kind.record for kind in kinds()] + [Indicator, LockOwner]:
        hints = typing.get_type_hints(record_type)
        expected = {f.name: hints[f.name] for f in dataclasses.fields(record_type) if f.init}
        assert field_types(record_type) == expected, record_type
        assert list(field_types(record_type)) == list(expected), record_type


def test_a_type_only_the_class_itself_names_is_asked_of_get_type_hints() -> None:
    @dataclasses.dataclass(frozen=True)
    class Local:
        class Inner:
            pass

        inner: Inner | None = None

    assert field_types(Local) == {"inner": Local.Inner | None}
