"""Reading the exchange layout from the `Targets` sheet of an .xlsx a council sends back.

What is imported must be what the person sees in Excel, so the reader refuses, naming the
row and column, what Excel shows differently from what the file stores: formulas (a file
written by a program other than Excel has no value for them at all), error values, merged
cells (only the first cell of a merge holds the value) and hidden rows, columns or sheets.
A number formatted as a percentage is read as Excel shows it (0.125 shown as 12.5% is 12.5).
"""

from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from laadesk.core.errors import CellProblem
from laadesk.core.exchange import EXTRA_CELLS, MAX_ROWS, ExchangeRow
from laadesk.core.numbers import format_level
from laadesk.core.text import visible
from laadesk.export.exchange_csv import SourceUnreadable
from laadesk.export.xlsx_package import MAX_PART, SheetPart, check_xlsx_container, package_reader

SHEET = "Targets"
FORMULA_ADVICE = "copy the sheet and paste it back as values (Paste Special > Values), then import again"


def _text(value: Any) -> str:
    if isinstance(value, str):  # most cells
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        number = float(value)
        # A number past the largest double (Excel's 1.8E+308 read back) is no level: say what it is.
        return format_level(number) if math.isfinite(number) else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def excel_unescape(text: str) -> str:
    """Cell text as Excel shows it: Excel stores a character XML cannot hold (a carriage return,
    a control) as _xHHHH_, and a literal "_x" as _x005F_x (ECMA-376 Part 1, 22.9.2.19 ST_Xstring)."""
    if "_x" not in text:  # most text: nothing to look for
        return text
    return _EXCEL_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(code: str) -> bool:
    """Whether an Excel number format multiplies by 100 ('0.0%'), not one that only shows a '%' ('0"%"')."""
    return "%" in _QUOTED.sub("", code)


def _percent_styles(book: Any) -> frozenset[int]:
    """The cell style numbers whose number format is a percentage."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    found = set()
    for number, style in enumerate(getattr(book, "_cell_styles", ())):
        format_id = getattr(style, "numFmtId", 0) or 0
        if format_id < BUILTIN_FORMATS_MAX_SIZE:
            code = BUILTIN_FORMATS.get(format_id, "")
        else:
            formats = getattr(book, "_number_formats", ())
            index = format_id - BUILTIN_FORMATS_MAX_SIZE
            code = formats[index] if 0 <= index < len(formats) else ""
        if is_percent_format(str(code)):
            found.add(number)
    return frozenset(found)


def _as_shown(value: Any, percent: bool) -> Any:
    """A percentage-formatted number as Excel shows it: 0.125 is 12.5 (exactly, not 12.500000000000002)."""
    if percent and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(Decimal(repr(value)) * 100)
    return value


def _formula_text(value: Any) -> str:
    text = getattr(value, "text", None)
    if text is None:
        text = "a data table" if type(value).__name__ == "DataTableFormula" else str(value)
    return visible(str(text))[:60]


@dataclass
class _Sheet:
    """What one pass over the sheet's XML found."""

    title: str
    cells: dict[int, dict[int, str]] = field(default_factory=dict)  # row -> column -> text, never blank
    problems: dict[int, dict[int, str]] = field(default_factory=dict)  # row -> column -> message
    merged: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def _choose_sheet(sheets: tuple[SheetPart, ...], path: Path) -> SheetPart:
    named = [s for s in sheets if s.title == SHEET]
    tables = [s for s in sheets if not s.chart]
    sheet = named[0] if named else (tables[0] if tables else None)
    if sheet is None:
        raise SourceUnreadable(f"{path} holds no worksheet.")
    if sheet.state != "visible":
        raise SourceUnreadable(
            f"{path}: the sheet '{visible(sheet.title)}' is hidden in Excel; unhide it (Format > Hide & Unhide) "
            "so that what is imported is what you see."
        )
    if sheet.chart:
        raise SourceUnreadable(f"{path}: the sheet '{visible(sheet.title)}' is a chart, not a table of targets.")
    return sheet


def _scan(book: Any, sheet: SheetPart, strings: list[str], path: Path) -> _Sheet:
    """One pass over the sheet XML: values, formulas and errors by cell, merges, hidden rows and columns."""
    from openpyxl.utils.cell import column_index_from_string
    from openpyxl.worksheet._reader import WorkSheetParser

    archive = book._archive
    sheet_path = sheet.part
    if archive.getinfo(sheet_path).file_size > MAX_PART:
        raise SourceUnreadable(f"{path}: the sheet '{visible(sheet.title)}' is too big to be a targets sheet.")
    percent = _percent_styles(book)
    found = _Sheet(sheet.title)
    with archive.open(sheet_path) as source:
        parser = WorkSheetParser(
            source,
            strings,
            data_only=False,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        filled = 0
        for number, cells in parser.parse():
            row: dict[int, str] = {}
            for cell in cells:
                value, kind, column = cell["value"], cell["data_type"], cell["column"]
                if kind == "f":
                    found.problems.setdefault(number, {})[column] = (
                        f"a formula ({_formula_text(value)}), not a value; {FORMULA_ADVICE}"
                    )
                    row[column] = "(formula)"
                elif kind == "e":
                    found.problems.setdefault(number, {})[column] = (
                        f"an Excel error value ({visible(str(value))[:20]}), not a value; correct the cell"
                    )
                    row[column] = str(value)
                elif isinstance(value, str):
                    if value:
                        row[column] = excel_unescape(value)
                elif value is not None:
                    row[column] = _text(_as_shown(value, cell["style_id"] in percent))
            if not row:
                continue
            filled += 1
            if filled > MAX_ROWS + 1:
                raise SourceUnreadable(f"{path} has more than {MAX_ROWS} rows; that is not a targets sheet.")
            if number > MAX_ROWS + 1:
                raise SourceUnreadable(
                    f"{path} has a row far below the rest (row {number}); a targets sheet is never that long."
                )
            found.cells[number] = row
        # The parser reads merges and row and column settings as it passes them; they come after the rows.
        merged = parser.merged_cells
        found.merged = [str(m.coord) for m in getattr(merged, "mergeCell", ())] if merged is not None else []
        for key, attributes in parser.row_dimensions.items():
            if str(attributes.get("hidden", "")).lower() in ("1", "true"):
                found.hidden_rows.add(int(key))
        for attributes in parser.column_dimensions.values():
            if str(attributes.get("hidden", "")).lower() in ("1", "true"):
                first = column_index_from_string(attributes["index"])
                last = int(attributes.get("max", first))
                found.hidden_columns.update(range(first, min(last, 16384) + 1))
    return found


def _column_name(header: list[str], column: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    if 0 < column <= len(header) and header[column - 1]:
        return header[column - 1]
    return get_column_letter(column) if 0 < column <= 16384 else str(column)


def _header(found: _Sheet, path: Path) -> list[str]:
    from openpyxl.utils.cell import get_column_letter

    first = found.cells.get(1, {})
    for column, message in found.problems.get(1, {}).items():
        raise SourceUnreadable(
            f"{path}: row 1, column {get_column_letter(column)} of the sheet '{visible(found.title)}' holds "
            f"{message.split(';')[0]}, not a column name."
        )
    width = max(first, default=0)
    header = [_text(first.get(column)).strip().lower() for column in range(1, width + 1)]
    while header and not header[-1]:
        header.pop()
    return header


def _sheet_problems(found: _Sheet, header: list[str], path: Path) -> None:
    """Merged cells and hidden rows or columns holding values: what Excel shows is not what is stored."""
    from openpyxl.utils.cell import range_boundaries

    def add(row: int, column: int, message: str) -> None:
        found.problems.setdefault(row, {}).setdefault(column, message)

    for ref in found.merged:
        try:
            first_column, first_row, _, _ = range_boundaries(ref)
        except ValueError:
            continue
        if first_row is None or first_column is None:
            continue
        if first_row == 1:
            raise SourceUnreadable(
                f"{path}: cells {visible(ref)} of the header row are merged; unmerge them so that each column "
                "has its own name."
            )
        if found.cells.get(first_row, {}).get(first_column) is not None:
            add(
                first_row,
                first_column,
                f"cells {visible(ref)} are merged; unmerge them so that each cell holds its own value",
            )
    for row in sorted(found.hidden_rows & set(found.cells)):
        if row == 1:
            raise SourceUnreadable(
                f"{path}: the header row is hidden in Excel; unhide it so that what is imported is what you see."
            )
        first_column = min(found.cells[row])
        add(row, first_column, "the row is hidden in Excel; unhide it so that what is imported is what you see")
    for column in sorted(found.hidden_columns):
        if column in found.cells.get(1, {}):
            raise SourceUnreadable(
                f"{path}: row 1, column {visible(_column_name(header, column))} is hidden in Excel; unhide it so "
                "that what is imported is what you see."
            )
        rows = [row for row in sorted(found.cells) if column in found.cells[row]]
        if rows:
            add(rows[0], column, "the column is hidden in Excel; unhide it so that what is imported is what you see")


def _rows(found: _Sheet, header: list[str]) -> list[ExchangeRow]:
    rows = []
    width = len(header)
    for number in sorted(found.cells):
        if number == 1:
            continue
        texts = found.cells[number]
        if not any(t.strip() for t in texts.values()) and number not in found.problems:
            continue
        named = {header[c - 1]: t for c, t in texts.items() if c <= width and header[c - 1]}
        if max(texts, default=0) > width:
            extra = [texts[c] for c in sorted(texts) if c > width and texts[c].strip()]
            if extra:
                named[EXTRA_CELLS] = ",".join(extra)
        problems = tuple(
            CellProblem(number, _column_name(header, column), message)
            for column, message in sorted(found.problems.get(number, {}).items())
        )
        rows.append(ExchangeRow(number, named, problems))
    return rows


def read_exchange_xlsx(path: Path) -> tuple[list[str], list[ExchangeRow]]:
    """Header and non-blank rows of the Targets sheet (or the first sheet), as text."""
    data = check_xlsx_container(path)
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]  # defusedxml ships no type hints

    # openpyxl warns about features it drops (data validation, extensions...): nothing the
    # import uses, and a warning printed to the console is not a sentence a person can act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # openpyxl is imported on first use here: it is slow to import.
            reader = package_reader()(io.BytesIO(data), read_only=True, data_only=False)
            reader.read()
            book = reader.wb
        except Exception as error:  # openpyxl raises many kinds for a malformed file
            if _caused_by(error, DefusedXmlException):
                raise SourceUnreadable(_entities_sentence(path)) from None
            raise SourceUnreadable(f"{path} is not a readable Excel workbook ({_reason(error)}).") from None
        try:
            sheet = _choose_sheet(reader.sheets, path)
            found = _scan(book, sheet, reader.shared_strings, path)
            if not found.cells and not found.problems:
                raise SourceUnreadable(f"{path}: the sheet '{visible(sheet.title)}' is empty.")
            header = _header(found, path)
            _sheet_problems(found, header, path)
            return header, _rows(found, header)
        except SourceUnreadable:
            raise
        except Exception as error:  # a damaged sheet: bad cell references, string indexes, numbers
            if _caused_by(error, DefusedXmlException):
                raise SourceUnreadable(_entities_sentence(path)) from None
            raise SourceUnreadable(f"{path} is damaged: its sheet cannot be read ({_reason(error)}).") from None
        finally:
            book.close()


def _entities_sentence(path: Path) -> str:
    return (
        f"{path} was refused: its XML declares entities or refers to outside files, which Excel never "
        "writes (it is how a file is made to attack the program that opens it)."
    )


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """Whether error, or one it was raised from (openpyxl wraps what it catches), is of kind."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _reason(error: Exception) -> str:
    """The first line of what went wrong, short and safe to print."""
    lines = str(error).splitlines()
    return visible(f"{type(error).__name__}: {lines[0] if lines else ''}")[:160]
