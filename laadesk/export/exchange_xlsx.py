"""Reading the exchange layout from the `Targets` sheet of an .xlsx a council sends back."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from laadesk.core.exchange import EXTRA_CELLS, ExchangeRow
from laadesk.core.numbers import format_level
from laadesk.export.exchange_csv import SourceUnreadable, read_source_bytes

# openpyxl reads XML with defusedxml when it is installed (it is a dependency), which
# refuses entity expansion and external entities. It does not guard against zip bombs,
# so the uncompressed sizes are checked first.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ROWS = 10_000
SHEET = "Targets"


def check_xlsx_container(path: Path) -> None:
    data = read_source_bytes(path)
    if not data.startswith(b"PK"):
        raise SourceUnreadable(f"{path} is not an Excel .xlsx file (it is not a zip archive).")
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise SourceUnreadable(f"{path} is not an Excel .xlsx file (the zip archive is damaged).") from None
    if total > MAX_UNCOMPRESSED:
        raise SourceUnreadable(
            f"{path} would unpack to {total // (1024 * 1024)} MB, more than a targets workbook ever holds; refused."
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return format_level(float(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_exchange_xlsx(path: Path) -> tuple[list[str], list[ExchangeRow]]:
    """Header and non-blank rows of the Targets sheet (or the first sheet), as text."""
    check_xlsx_container(path)
    from openpyxl import load_workbook  # imported on first use: it is slow to import

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a malformed file
        raise SourceUnreadable(f"{path} is not a readable Excel workbook ({type(error).__name__}: {error}).") from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        records = sheet.iter_rows(values_only=True)
        header_cells = next(records, None)
        if header_cells is None:
            raise SourceUnreadable(f"{path}: the sheet '{sheet.title}' is empty.")
        header = [_text(h).strip().lower() for h in header_cells]
        while header and not header[-1]:
            header.pop()
        rows = []
        for number, cells in enumerate(records, start=2):
            if number > MAX_ROWS + 1:
                raise SourceUnreadable(f"{path} has more than {MAX_ROWS} rows; that is not a targets sheet.")
            texts = [_text(c) for c in cells]
            if not any(t.strip() for t in texts):
                continue
            named = dict(zip(header, texts))
            extra = [t for t in texts[len(header) :] if t.strip()]
            if extra:
                named[EXTRA_CELLS] = ",".join(extra)
            rows.append(ExchangeRow(number, named))
        return header, rows
    finally:
        book.close()
