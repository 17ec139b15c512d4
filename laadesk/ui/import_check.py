"""A quicker answer to PySide6's question about every module imported after it.

PySide6 (6.4 onwards, PYSIDE-2029) asks of each module imported after it whether the module's
source mentions "PySide6", to know whether its `__feature__` switches apply there. It asks with
`inspect.getsource`, which tokenises the file through linecache: 114 modules at laadesk's start,
12-14 ms of a 300 ms start. Reading the file's bytes gives the same answer for every source file
laadesk and the standard library have; anything else (no file, compiled only, unreadable) still
goes to PySide6's own check. If a PySide6 release renames the check, laadesk leaves it alone.
"""

from __future__ import annotations

import os
import sys
from types import ModuleType
from typing import Any

import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature, whose check is replaced)

MARK = "_laadesk_reads_bytes"


def uses_pyside(module: ModuleType, pyside_check: Any) -> bool:
    """PySide6's answer for `module`: whether its source file mentions "PySide6"."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            return b"PySide6" in _read(path)
        except OSError:
            pass
    return bool(pyside_check(module))


def _read(path: str) -> bytes:
    """The whole file, read with the fewest system calls: open() with its buffer asks the system
    three or four more times a file (its size, whether it is a terminal...), twice the time here."""
    handle = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(handle, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def quicken() -> bool:
    """Put the byte reading in place of PySide6's check; False when PySide6 has no such check."""
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(check):
        return False
    if getattr(check, MARK, False):
        return True

    def quick_check(module: ModuleType) -> bool:
        return uses_pyside(module, check)

    setattr(quick_check, MARK, True)
    feature._mod_uses_pyside = quick_check  # type: ignore[attr-defined]  # PySide6's private module
    return True
