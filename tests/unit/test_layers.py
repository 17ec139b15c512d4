"""The house's dependency rule: core, store, export and cli never load Qt; core loads no I/O layer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "laadesk"


def test_headless_layers_do_not_load_pyside6() -> None:
    code = (
        "import sys, laadesk.core.rules, laadesk.core.import_plan, laadesk.store.workbook, "
        "laadesk.store.demo, laadesk.export.exchange_csv, laadesk.export.exchange_xlsx, laadesk.cli.main; "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def imported_modules(folder: str) -> set[tuple[str, str]]:
    found = set()
    for path in (PACKAGE / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add((path.name, node.module))
            elif isinstance(node, ast.Import):
                found.update((path.name, alias.name) for alias in node.names)
    return found


def test_core_imports_nothing_of_ours_but_core_and_no_io_libraries() -> None:
    forbidden = (
        "laadesk.store",
        "laadesk.export",
        "laadesk.cli",
        "laadesk.ui",
        "sqlite3",
        "sqlite_utils",
        "PySide6",
        "openpyxl",
        "reportlab",
        "csv",
    )
    bad = {(f, m) for f, m in imported_modules("core") if m.startswith(forbidden)}
    assert bad == set()


def test_store_and_export_do_not_import_each_other() -> None:
    assert {(f, m) for f, m in imported_modules("store") if m.startswith("laadesk.export")} == set()
    assert {(f, m) for f, m in imported_modules("export") if m.startswith("laadesk.store")} == set()


def test_only_ui_imports_pyside6() -> None:
    for folder in ("core", "store", "export", "cli"):
        assert {(f, m) for f, m in imported_modules(folder) if m.startswith("PySide6")} == set()


def module_graph(folder: str) -> dict[str, set[str]]:
    """laadesk module -> the laadesk modules it imports (at the top or inside a function), for one layer."""
    graph: dict[str, set[str]] = {}
    for path in (PACKAGE / folder).rglob("*.py"):
        name = ".".join(("laadesk", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
        found = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("laadesk"):
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name.startswith("laadesk"))
    return {name: {m for m in imports if m in graph and m != name} for name, imports in graph.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle found by a depth-first walk (each reported from where it closes)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}

    def walk(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                found.append([*trail[trail.index(other) :], other])
            elif other not in state:
                walk(other, [*trail, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    return found


def test_no_layer_has_an_import_circle() -> None:
    """A circle (workbook imports backups imports workbook) hides behind imports inside functions."""
    for folder in ("core", "store", "export", "cli", "ui"):
        assert circles(module_graph(folder)) == [], folder


def test_every_type_ignore_says_why() -> None:
    """mypy checks every layer strictly; where it is told to look away, the line says why."""
    silent = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "# type: ignore" in line and "#" not in line.split("# type: ignore", 1)[1]
    ]
    assert silent == []
