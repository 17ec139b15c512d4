"""The roll-up's `targets` table as a CSV file and as an Excel sheet, for departments without SQLite."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from laadesk.core.exchange import guard_text
from laadesk.core.numbers import format_level
from laadesk.core.rollup import TARGET_COLUMNS
from laadesk.export.atomic import replacing, write_bytes_atomically
from laadesk.export.xlsx_styles import put_text

ORDER = "ORDER BY region, area, ni, sub_area"


def _rows(rollup: Path) -> Iterator[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{rollup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield from conn.execute(f"SELECT {', '.join(TARGET_COLUMNS)} FROM targets {ORDER}")
    finally:
        conn.close()


def write_targets_csv(rollup: Path, out: Path) -> int:
    """Every target row (UTF-8 with BOM, as Excel expects): a number as the workbook shows it, text that
    starts like a formula guarded."""
    count = 0
    with replacing(out, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TARGET_COLUMNS)
        for row in _rows(rollup):
            writer.writerow(guard_text(v) if isinstance(v, str) else format_level(v) for v in row)
            count += 1
    return count


def write_targets_xlsx(rollup: Path, out: Path) -> int:
    """Every target row on one sheet, `targets`: numbers as numbers, text always text (never a formula)."""
    from openpyxl import Workbook as Book  # only this export needs it

    book = Book()
    sheet = book.active
    sheet.title = "targets"
    for column, name in enumerate(TARGET_COLUMNS, start=1):
        put_text(sheet, 1, column, name)
    count = 0
    for number, row in enumerate(_rows(rollup), start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                put_text(sheet, number, column, value)
            elif value is not None:
                sheet.cell(row=number, column=column, value=value)
        count += 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    write_bytes_atomically(out, book.save)
    return count
