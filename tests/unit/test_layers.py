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
