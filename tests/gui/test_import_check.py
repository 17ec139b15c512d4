"""PySide6's check of each imported module, answered from the file's bytes (laadesk/ui/import_check.py)."""

from __future__ import annotations

import inspect
import json
import sys
from types import ModuleType

import pytest

import laadesk.core.model
import laadesk.ui.application
import laadesk.ui.tables.model
from laadesk.ui.import_check import MARK, quicken, uses_pyside


def pyside_answer(module: ModuleType) -> bool:
    """What PySide6's own check (PYSIDE-2029) answers: does the module's source mention PySide6?"""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False


def test_the_quick_check_is_in_place_once_laadesk_ui_is_imported() -> None:
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, MARK, False)
    assert quicken() is True  # a second call leaves the one check in place
    assert getattr(feature._mod_uses_pyside, MARK, False)


@pytest.mark.parametrize("module", [laadesk.ui.application, laadesk.ui.tables.model, laadesk.core.model, json, inspect])
def test_reading_the_bytes_answers_as_pyside_does(module: ModuleType) -> None:
    def never(_: ModuleType) -> bool:
        raise AssertionError("a source file is answered from its bytes")

    assert uses_pyside(module, never) == pyside_answer(module)


def test_a_module_without_a_source_file_goes_to_pysides_own_check() -> None:
    asked: list[str] = []

    def pyside_check(module: ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    import _sqlite3  # a compiled extension: no source to read

    assert uses_pyside(_sqlite3, pyside_check) is False
    assert uses_pyside(sys, pyside_check) is False  # built in: no file at all
    assert asked == ["_sqlite3", "sys"]
