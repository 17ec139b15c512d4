"""The workbook's history as a CSV file (UTF-8 with a byte-order mark, so Excel reads the £ and
the curly quotes): one row per change, in the columns HISTORY_CSV_COLUMNS names."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from laadesk.core.history import HISTORY_CSV_COLUMNS, HistoryEntry, csv_rows
from laadesk.export.atomic import replacing


def write_history_csv(path: Path, entries: Iterable[HistoryEntry]) -> int:
    """Write the entries; the number written."""
    count = 0
    with replacing(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HISTORY_CSV_COLUMNS)
        for row in csv_rows(entries):
            writer.writerow(row)
            count += 1
    return count
