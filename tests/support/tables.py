"""Reading a table of targets as `laadesk import` does: from a file to the rows it will plan from."""

from __future__ import annotations

from pathlib import Path

from laadesk.core.council_table import ReadTable, read_table
from laadesk.core.deferral import DeferralReasons
from laadesk.core.exchange import COLUMNS, ExchangeRow
from laadesk.export.exchange_csv import read_csv_table
from laadesk.export.exchange_xlsx import read_xlsx_table
from laadesk.store.reference import deferral_reasons

REASONS: DeferralReasons = deferral_reasons()


def read_csv(path: Path) -> ReadTable:
    return read_table(read_csv_table(path))


def read_xlsx(path: Path, sheet: str | None = None) -> ReadTable:
    return read_table(read_xlsx_table(path, sheet))


def read_any(path: Path) -> ReadTable:
    return read_csv(path) if path.suffix.lower() == ".csv" else read_xlsx(path)


def exchange_table(rows: list[ExchangeRow]) -> ReadTable:
    """Rows already keyed by the exchange layout's columns, as read_table gives them from its own files."""
    return ReadTable(1, {}, {column: column for column in COLUMNS}, tuple(rows), (), ())
