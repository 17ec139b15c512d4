"""A table of targets from a file, whichever kind it is: a .csv, or one sheet of an .xlsx."""

from __future__ import annotations

from pathlib import Path

from laadesk.core.council_table import SourceTable
from laadesk.core.errors import WorkbookUnavailable
from laadesk.export.exchange_csv import read_csv_table
from laadesk.export.exchange_xlsx import read_xlsx_table

SPREADSHEETS = (".xlsx", ".xlsm")


def read_table_file(path: Path, sheet: str | None = None) -> SourceTable:
    """The rows of a .csv, or of one sheet of an .xlsx (None: `Targets`, or the only one); a sentence
    (WorkbookUnavailable) for any other kind of file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if sheet is not None:
            raise WorkbookUnavailable(f"{path} is a CSV file, which has no sheets; leave out --sheet.")
        return read_csv_table(path)
    if suffix in SPREADSHEETS:
        return read_xlsx_table(path, sheet)
    raise WorkbookUnavailable(f"{path} is neither a .csv nor an .xlsx file; save it as one of those to import it.")
