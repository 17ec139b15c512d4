"""The methods @dataclass writes for laadesk's classes, compiled once and kept rather than at each start.

@dataclass writes each class's __init__, __repr__, __eq__, __hash__ (and, frozen, __setattr__ and
__delattr__) as Python text and compiles that text: 231 compilations for the 39 classes a window's
start makes, the largest part of importing laadesk (~15 ms of the cold start). The file
resources/record_methods/<Python>.bin keeps those compilations, for the Python that wrote it (its
magic number, as a .pyc has): a text found there is not compiled again; any other text (another
Python, a class changed since the file was written, a class made later) is compiled as before.
The code kept is what compiling the text gives, so the methods are the same either way.

Like Python's own bytecode, the file is made where laadesk is set up, never kept in the
repository: `python -m laadesk.record_methods` writes it, and scripts/setup, the installer's build
and the benchmark run it. Without it, or when it is stale, a start is only slower.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib
import marshal
import os
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType, FunctionType
from typing import Any

from laadesk.resources import resource_path

# What a window's start imports (laadesk.ui.application and the first page): the classes they make
# are the ones kept.
START_MODULES = ("laadesk.ui.application", "laadesk.ui.pages.area.page")

_kept: dict[str, CodeType] | None = None  # read at the first class made
_compiled: list[str] = []  # the texts of laadesk's classes compiled here, not found kept


def table_path() -> Path:
    return resource_path("record_methods", f"{sys.implementation.cache_tag}.bin")


def _read_kept() -> dict[str, CodeType]:
    try:
        data = table_path().read_bytes()
    except OSError:
        return {}
    if not data.startswith(MAGIC_NUMBER):  # another Python's bytecode: compile as before
        return {}
    try:
        kept = marshal.loads(data[len(MAGIC_NUMBER) :])
    except (EOFError, ValueError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """dataclasses' exec: `def <name>(...)` made from the kept code for a text kept, else compiled."""
    global _kept
    if _kept is None:
        _kept = _read_kept()
    code = _kept.get(source) if isinstance(source, str) else None
    if code is None or not isinstance(globals, dict) or "__builtins__" not in globals or locals is None:
        if isinstance(globals, dict) and str(globals.get("__name__", "")).startswith("laadesk"):
            _compiled.append(source)
        builtins.exec(source, globals, locals)
        return
    locals[code.co_name] = FunctionType(code, globals)


def install() -> None:
    """From here on, @dataclass takes the kept methods (only dataclasses' own calls of exec come here)."""
    vars(dataclasses)["exec"] = _exec


def compiled_here() -> list[str]:
    """The texts of laadesk's classes compiled since install(), for want of kept code."""
    return list(_compiled)


def compile_text(source: str) -> CodeType:
    """The code of the one function a text defines, compiled as dataclasses' exec compiles it."""
    module = compile(source, "<string>", "exec", dont_inherit=True)
    (code,) = (constant for constant in module.co_consts if isinstance(constant, CodeType))
    return code


def write() -> int:
    """Import what a window's start imports, and keep the code of every class it makes (run in a
    fresh interpreter: classes already made are not seen); how many texts were kept."""
    global _kept
    _kept = {}  # nothing kept: every text is compiled, and seen
    install()
    for name in START_MODULES:
        importlib.import_module(name)
    kept = {source: compile_text(source) for source in dict.fromkeys(_compiled)}
    path = table_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    written = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    written.write_bytes(MAGIC_NUMBER + marshal.dumps(kept))
    os.replace(written, path)  # a start reading it meanwhile finds the old file or the new, whole
    return len(kept)


if __name__ == "__main__":
    print(f"{write()} methods kept in {table_path()}")
