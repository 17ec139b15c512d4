"""Reading a table of targets from a sheet of an .xlsx: a council's own, or laadesk's exchange layout
(the `Targets` sheet of the Excel pack) sent back.

What is imported must be what the person sees in Excel, so the reader marks, by row and
column, what Excel shows differently from what the file stores: formulas (a file
written by a program other than Excel has no value for them at all), error values, merged
cells (only the first cell of a merge holds the value) and hidden rows, columns or sheets.
A number formatted as a percentage is read as Excel shows it (0.125 shown as 12.5% is 12.5).
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from laadesk.core.council_table import SourceRow, SourceTable
from laadesk.core.exchange import MAX_ROWS, guard_text
from laadesk.core.numbers import format_level
from laadesk.core.text import visible
from laadesk.export.exchange_csv import SourceUnreadable
from laadesk.export.xlsx_package import MAX_PART, SheetPart, check_xlsx_container, package_reader, sheet_parser

SHEET = "Targets"
FORMULA_ADVICE = "copy the sheet and paste it back as values (Paste Special > Values), then import again"


def _text(value: Any) -> str:
    if isinstance(value, str):  # most cells
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows it
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


def _quoted_styles(book: Any) -> frozenset[int]:
    """The cell style numbers with Excel's quote prefix: text typed after an apostrophe, taken as it is."""
    return frozenset(n for n, style in enumerate(getattr(book, "_cell_styles", ())) if getattr(style, "quotePrefix", 0))


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


def _tables(sheets: tuple[SheetPart, ...]) -> list[SheetPart]:
    return [s for s in sheets if not s.chart and s.state == "visible"]


def _choose_sheet(sheets: tuple[SheetPart, ...], path: Path, wanted: str | None) -> SheetPart:
    """The sheet asked for; else `Targets` (laadesk's own), else the only visible table sheet."""
    if wanted is not None:
        found = [s for s in sheets if s.title.casefold() == wanted.strip().casefold()]
        if not found:
            names = ", ".join(f"'{visible(s.title)}'" for s in sheets)
            raise SourceUnreadable(f"{path} has no sheet called '{visible(wanted)}'; its sheets are {names}.")
        sheet = found[0]
    else:
        named = [s for s in sheets if s.title == SHEET]
        tables = _tables(sheets)
        if named:
            sheet = named[0]
        elif len(tables) > 1:
            names = ", ".join(f"'{visible(s.title)}'" for s in tables)
            raise SourceUnreadable(
                f"{path} has {len(tables)} sheets ({names}); say which holds the targets with --sheet NAME."
            )
        elif tables:
            sheet = tables[0]
        elif sheets:
            sheet = sheets[0]
        else:
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

    archive = book._archive
    sheet_path = sheet.part
    if archive.getinfo(sheet_path).file_size > MAX_PART:
        raise SourceUnreadable(f"{path}: the sheet '{visible(sheet.title)}' is too big to be a targets sheet.")
    percent = _percent_styles(book)
    quoted = _quoted_styles(book)
    found = _Sheet(sheet.title)
    with archive.open(sheet_path) as source:
        parser = sheet_parser()(
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
                    if value and cell["style_id"] in quoted:
                        # Excel's own mark that this is text as typed: an apostrophe the text starts
                        # with is the person's, so it is guarded to come through the import whole.
                        row[column] = guard_text(excel_unescape(value))
                    elif value:
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


def _source_table(found: _Sheet, name: str) -> SourceTable:
    from openpyxl.utils.cell import range_boundaries

    rows = []
    for number in sorted(set(found.cells) | set(found.problems)):
        texts = found.cells.get(number, {})
        width = max([*texts, *found.problems.get(number, {})], default=0)
        cells = tuple(texts.get(column, "") for column in range(1, width + 1))
        rows.append(SourceRow(number, cells, dict(found.problems.get(number, {}))))
    merged = []
    for ref in found.merged:
        try:
            first_column, first_row, _, _ = range_boundaries(ref)
        except ValueError:
            continue
        if first_row is not None and first_column is not None:
            merged.append((ref, first_row, first_column))
    return SourceTable(name, tuple(rows), frozenset(found.hidden_rows), frozenset(found.hidden_columns), tuple(merged))


def sheet_names(path: Path) -> list[str]:
    """The visible table sheets of an .xlsx, in order (the window asks which one to import)."""
    with _open_book(path) as (reader, _book):
        return [s.title for s in _tables(reader.sheets)]


@contextlib.contextmanager
def _open_book(path: Path) -> Iterator[tuple[Any, Any]]:
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
            yield reader, book
        except SourceUnreadable:
            raise
        except Exception as error:  # a damaged sheet: bad cell references, string indexes, numbers
            if _caused_by(error, DefusedXmlException):
                raise SourceUnreadable(_entities_sentence(path)) from None
            raise SourceUnreadable(f"{path} is damaged: its sheet cannot be read ({_reason(error)}).") from None
        finally:
            book.close()


def read_xlsx_table(path: Path, sheet: str | None = None) -> SourceTable:
    """Every row that holds anything on the sheet asked for (or `Targets`, or the only one), as text."""
    with _open_book(path) as (reader, book):
        part = _choose_sheet(reader.sheets, path, sheet)
        found = _scan(book, part, reader.shared_strings, path)
        if not found.cells and not found.problems:
            hidden = [s for s in reader.sheets if s.state != "visible" and not s.chart]
            also = (
                f" (the sheet '{visible(hidden[0].title)}' is hidden in Excel; unhide it (Format > Hide & Unhide) if "
                "the targets are there)"
                if hidden and sheet is None
                else ""
            )
            raise SourceUnreadable(f"{path}: the sheet '{visible(part.title)}' is empty{also}.")
        several = len(_tables(reader.sheets)) > 1
        return _source_table(found, f"{path.name}, sheet '{part.title}'" if several else path.name)


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
