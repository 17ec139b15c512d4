"""The methods kept in resources/record_methods/ are what compiling their texts gives, and every
class a window's start makes finds its methods there once `python -m laadesk.record_methods` wrote
them (scripts/setup, the installer's build and the benchmark run it)."""

from __future__ import annotations

import dataclasses
import marshal
import subprocess
import sys
from datetime import date
from importlib.util import MAGIC_NUMBER
from types import CodeType

import pytest

from laadesk import record_methods


@pytest.fixture(scope="module")
def kept() -> dict[str, CodeType]:
    """The table as a fresh interpreter writes it (one that has made no class yet sees every one)."""
    done = subprocess.run([sys.executable, "-m", "laadesk.record_methods"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith(tuple("123456789")), done.stdout
    data = record_methods.table_path().read_bytes()
    assert data.startswith(MAGIC_NUMBER)
    table = marshal.loads(data[len(MAGIC_NUMBER) :])
    assert isinstance(table, dict)
    return table


def test_kept_code_is_what_compiling_the_text_gives(kept: dict[str, CodeType]) -> None:
    assert len(kept) > 100
    for source, code in kept.items():
        assert code == record_methods.compile_text(source), source


def test_every_class_a_window_start_makes_finds_its_methods_kept(kept: dict[str, CodeType]) -> None:
    code = (
        "from laadesk import record_methods as r; r.install()\n"
        "import importlib\n"
        "for name in r.START_MODULES: importlib.import_module(name)\n"
        "print(len(r.compiled_here()))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"


def test_a_class_made_from_kept_methods_is_the_class_dataclass_makes(
    kept: dict[str, CodeType], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_methods, "_kept", None)  # read again: the file the fixture wrote
    record_methods.install()
    before = len(record_methods.compiled_here())
    # A class of laadesk.core.model's with a kept text (District's): made from the kept code.
    namespace = {"__module__": "laadesk.core.model", "__doc__": "A district.", "ons_code": ""}
    namespace["__annotations__"] = {"name": "str", "ons_code": "str"}
    made = dataclasses.dataclass(frozen=True)(type("District", (), namespace))
    assert len(record_methods.compiled_here()) == before, "the kept methods were used"
    one, same, other = made("Erewash", "17UH"), made("Erewash", "17UH"), made("Amber Valley")
    assert one == same and one != other and hash(one) == hash(same)
    assert repr(other) == "District(name='Amber Valley', ons_code='')"
    assert made.__init__.__qualname__ == "District.__init__"
    assert made.__init__.__module__ == "laadesk.core.model"
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.name = "Broxtowe"  # type: ignore[misc]


def test_a_class_with_no_kept_text_is_compiled_as_before() -> None:
    record_methods.install()

    @dataclasses.dataclass(frozen=True)
    class Visit:
        where: str
        day: date | None = None

    assert Visit("Matlock") == Visit("Matlock", None)
    assert repr(Visit("Matlock")).endswith("Visit(where='Matlock', day=None)")
