"""Spreadsheets in the exchange layout as a person's program writes them: CSV text, an .xlsx, a complete row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path

# The exchange layout, written out here (not imported) so a change to it fails a test.
HEADER = (
    "ni,title,kind,status,baseline,baseline_period,target_2008_09,target_2009_10,target_2010_11,"
    "units,lead_partner,partners,deferred_reason,comment"
)
COLUMNS = tuple(HEADER.split(","))
# laadesk's own CSV adds a note column for the officer, which the import passes over.
EXPORTED_HEADER = HEADER + ",laadesk_note"

# NI 152, designated, with every level, a lead partner and partners: imports cleanly, ready for sign-off.
COMPLETE_ROW = {
    "ni": "152",
    "kind": "designated",
    "status": "agreed",
    "baseline": "10",
    "baseline_period": "2007/08",
    "target_2008_09": "9",
    "target_2009_10": "8",
    "target_2010_11": "7",
    "units": "%",
    "lead_partner": "Jobcentre Plus",
    "partners": "Jobcentre Plus; County Council",
}


def csv_text(rows: Iterable[Mapping[str, str]], columns: Iterable[str] = COLUMNS) -> str:
    """An exchange CSV as Excel writes it (CRLF line ends); missing cells are blank."""
    columns = tuple(columns)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        unknown = set(row) - set(columns) - set(COLUMNS)
        assert not unknown, unknown
        writer.writerow([row.get(c, "") for c in columns])
    return buffer.getvalue()


def write_csv(
    path: Path,
    rows: Iterable[Mapping[str, str]],
    *,
    encoding: str = "utf-8",
    columns: Iterable[str] = COLUMNS,
) -> Path:
    path.write_bytes(csv_text(rows, columns).encode(encoding))
    return path


def cells(**values: object) -> list[object]:
    """A spreadsheet row in the exchange layout's column order; unnamed cells are empty."""
    return [values.get(column) for column in COLUMNS]


def xlsx_from_rows(
    path: Path, rows: Iterable[Iterable[object]], header: Iterable[str] = COLUMNS, title: str = "Targets"
) -> Path:
    """An .xlsx written by openpyxl (no cached values for formulas, as any program but Excel writes)."""
    from openpyxl import Workbook as Book

    book = Book()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
