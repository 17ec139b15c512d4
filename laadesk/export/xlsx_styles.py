"""Cells, styles and page setup shared by every sheet of the Excel pack: text is always data, never a formula."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import NumberFormat
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from laadesk.core.exchange import FORMULA_STARTS
from laadesk.core.numbers import format_level

# Excel keeps at most this many characters in a cell; openpyxl would cut the rest silently.
CELL_LIMIT = 32_767
CUT_NOTE = " [… cut here: Excel holds at most 32,767 characters in a cell; the laadesk workbook has the rest]"
# Characters XML 1.0 cannot carry (openpyxl refuses them): dropped, never a crash mid-export.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

DATE_FORMAT = "d mmm yyyy"  # 30 Jun 2008, as core.timetable.format_date writes it
LINE_HEIGHT = 14.5  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit

INK = "1F2933"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
SECTION_FILL = PatternFill("solid", fgColor="DCE6F1")
AGREED_FILL = PatternFill("solid", fgColor="E2EFDA")
DEFERRED_FILL = PatternFill("solid", fgColor="FCE4D6")
OPEN_ACTION_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")
BODY_FONT = Font(name="Calibri", size=11, color=INK)
BOLD_FONT = Font(name="Calibri", size=11, bold=True, color=INK)
NOTE_FONT = Font(name="Calibri", size=10, italic=True, color="52606D")
TITLE_FONT = Font(name="Calibri", size=14, bold=True, color="1F4E79")
MARKING_FONT = Font(name="Calibri", size=11, bold=True, color="C00000")
UNVERIFIED_FONT = Font(name="Calibri", size=11, italic=True, color="8A5A00")  # a recalled title, in the officer's pack
_EDGE = Side(style="thin", color="BFBFBF")
GRID = Border(left=_EDGE, right=_EDGE, top=_EDGE, bottom=_EDGE)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
TOP = Alignment(vertical="top")
NUMBER_ALIGN = Alignment(horizontal="right", vertical="top", indent=1)
# A level in words ("TBC", "12-14") stands where its figure would, wrapped within the column.
WORDS_ALIGN = Alignment(horizontal="right", vertical="top", wrap_text=True)
DATE_ALIGN = Alignment(horizontal="center", vertical="top")
HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
STATUS_FILLS = {"agreed": AGREED_FILL, "deferred": DEFERRED_FILL}


# openpyxl finds a style object in the book's list by hashing the whole of it, each time one is set
# on a cell: tens of microseconds, most of the time a pack took. A cell's look is only a small
# array of indexes into those lists, so each change of look is worked out once per book (keyed
# by the look before and the objects set) and every later cell copies the resulting array.
_LOOKS: WeakKeyDictionary[Any, dict[tuple[object, ...], tuple[object, ...]]] = WeakKeyDictionary()


def restyle(
    cell: Any,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    border: Border | None = None,
    alignment: Alignment | None = None,
    number_format: str | None = None,
) -> Any:
    """Set the given parts of a cell's look (the rest stay as they are), as setting each attribute would."""
    book = cell.parent.parent
    looks = _LOOKS.get(book)
    if looks is None:
        looks = _LOOKS[book] = {}
    before = cell._style
    key = (b"" if before is None else before.tobytes(), id(font), id(fill), id(border), id(alignment), number_format)
    known = looks.get(key)
    if known is not None:
        cell._style = StyleArray(known[0])
        return cell
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    # The style objects are kept with the result, so no other object can take their ids while it is known.
    looks[key] = (StyleArray(cell._style), font, fill, border, alignment)
    return cell


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading, width in characters and whether its text wraps."""

    heading: str
    width: float
    wrap: bool = False


def cell_text(text: str) -> str:
    """Text a cell can hold: no characters XML forbids, and cut (saying so) at Excel's limit."""
    cleaned = _ILLEGAL.sub("", text)
    if len(cleaned) > CELL_LIMIT:
        cleaned = cleaned[: CELL_LIMIT - len(CUT_NOTE)] + CUT_NOTE
    return cleaned


def put_text(sheet: Any, row: int, column: int, text: str) -> Any:
    """Write text as a string cell, never a formula or an error value; blank text writes nothing.

    openpyxl turns a str starting with "=" into a formula and "#N/A" into an error, so the
    type is set back to string. The quote prefix marks text that starts like a formula (or with an
    apostrophe) the way Excel does for a typed apostrophe: editing the cell keeps it text, and the
    import takes a marked cell exactly as it stands (no apostrophe guard to take off).
    """
    if not text:
        return None
    cell = sheet.cell(row=row, column=column)
    cell.value = cell_text(text)
    cell.data_type = "s"
    if text.startswith((*FORMULA_STARTS, "'")):
        cell.quotePrefix = True
    return cell


def put_number(sheet: Any, row: int, column: int, value: float | None, number_format: str) -> Any:
    """A real numeric cell shown with number_format; a blank level writes nothing."""
    if value is None:
        return None
    cell = sheet.cell(row=row, column=column, value=float(value))
    # Indented, so a figure does not run into the text beside it.
    return restyle(cell, alignment=NUMBER_ALIGN, number_format=number_format)


def put_date(sheet: Any, row: int, column: int, value: date | None) -> Any:
    if value is None:
        return None
    cell = sheet.cell(row=row, column=column, value=value)
    return restyle(cell, alignment=DATE_ALIGN, number_format=DATE_FORMAT)


def _decimals(value: float) -> int | None:
    """Decimal places that show value exactly; None when only a general format can."""
    text = format_level(value)
    if "e" in text or "inf" in text or "nan" in text:
        return None
    return len(text.partition(".")[2])


def level_format(values: Iterable[float | None]) -> str:
    """One number format for a row of levels: enough decimals to show each exactly, thousands separated.

    Levels are stored as the number shown (12.5 means 12.5 %), so Excel's own percentage
    format, which multiplies by 100, is never used.
    """
    places = [_decimals(v) for v in values if v is not None]
    if any(p is None or p > 9 for p in places):
        return "General"
    most = max((p for p in places if p is not None), default=0)
    return "#,##0" + ("." + "0" * most if most else "")


# A level as laadesk prints it anywhere (core.numbers.format_level's digits, grouped in thousands):
# 1,180 and 17.5 and 12.25, each exactly, and so too a figure a council types over it later (not
# 12.3 for 12.25). Excel shows a whole number in this format with a stray point ("1,180."), so a sheet
# that uses it adds show_whole_figures over its levels; LibreOffice drops the point by itself.
FIGURE = "#,##0.#########"


def figure_format(value: float) -> str:
    """FIGURE, or General for a level with more decimals than FIGURE shows (General shows them all)."""
    places = _decimals(value)
    return "General" if places is None or places > 9 else FIGURE


def _shown(value: float) -> str:
    """A level as FIGURE shows it (1,180 and 17.5), or as General does when FIGURE cannot."""
    text = format_level(value)
    if figure_format(value) != FIGURE:
        return text
    whole, point, fraction = text.lstrip("-").partition(".")
    return ("-" if text.startswith("-") else "") + f"{int(whole):,}{point}{fraction}"


def fit_figures(columns: Sequence[Column], figures: Mapping[int, Iterable[float | None]]) -> tuple[Column, ...]:
    """The columns, each level column (by index) widened where a figure would not fit beside its indent
    (a spreadsheet shows ### for a number wider than its cell)."""
    widths = {n: max((len(_shown(v)) + 3 for v in values if v is not None), default=0) for n, values in figures.items()}
    return tuple(replace(c, width=max(c.width, widths.get(n, 0))) for n, c in enumerate(columns))


def show_whole_figures(sheet: Any, ranges: Iterable[str]) -> None:
    """A conditional format over each range ("D6:D40") that shows a whole number in FIGURE without a point."""
    whole = DifferentialStyle(numFmt=NumberFormat(numFmtId=3, formatCode="#,##0"))  # 3 is Excel's own "#,##0"
    for cells in ranges:
        first = cells.partition(":")[0]  # the formula is relative to the range's top-left cell
        rule = Rule(type="expression", dxf=whole, formula=[f"AND(ISNUMBER({first}),{first}=INT({first}))"])
        sheet.conditional_formatting.add(cells, rule)


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped cell of width characters needs for text, wrapping at spaces as a spreadsheet does.

    A column's width counts digit widths; ordinary text fits a few more characters than
    that, and the estimate stays on the generous side of the widest font likely to stand in.
    """
    per_line = max(int((width - 2.5) * 1.2), 1)
    lines = 0
    for line in text.split("\n"):
        # A line no longer than a row (and without tabs, which widen) fits on one: no need to wrap it.
        if len(line) <= per_line and "\t" not in line:
            lines += 1
        else:
            lines += len(textwrap.wrap(line, per_line, break_on_hyphens=False)) or 1
    return lines


def fit_row_height(sheet: Any, row: int, texts: Sequence[tuple[str, float]], max_lines: int = 27) -> None:
    """Set a row tall enough for its wrapped texts (text, column width), up to max_lines lines.

    Neither LibreOffice nor every Excel fits rows to wrapped text on opening a file, so the
    height is written; a long comment is capped (the cell still holds all of it).
    """
    lines = max((lines_needed(t, w) for t, w in texts if t), default=1)
    if lines > 1:
        sheet.row_dimensions[row].height = min(min(lines, max_lines) * LINE_HEIGHT + 4, MAX_ROW_HEIGHT)


def style_row(sheet: Any, row: int, columns: Sequence[Column], fill: PatternFill | None = None) -> None:
    """Grid lines, body font and alignment for one table row (blank cells too, so the grid is whole)."""
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=number)
        restyle(cell, font=BODY_FONT, fill=fill, border=GRID, alignment=TOP_WRAP if column.wrap else TOP)


def write_header(sheet: Any, row: int, columns: Sequence[Column]) -> None:
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=number)
        put_text(sheet, row, number, column.heading)
        restyle(cell, font=HEADER_FONT, fill=HEADER_FILL, border=GRID, alignment=HEADER_ALIGN)
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.row_dimensions[row].height = max(lines_needed(c.heading, c.width) for c in columns) * LINE_HEIGHT + 6


def start_table(sheet: Any, marking: str, title: str, note: str, columns: Sequence[Column], frozen: int) -> int:
    """Marking, title, note and a styled header row, frozen with `frozen` columns and repeated when
    printed; returns the header's row number."""
    header_row = write_title(sheet, marking, title, note) + 1
    write_header(sheet, header_row, columns)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=frozen + 1).coordinate
    sheet.print_title_rows = f"{header_row}:{header_row}"
    return header_row


def write_heading(sheet: Any, row: int, text: str, width: int) -> None:
    """A section heading across a table's width (a shaded band, bold)."""
    for number in range(1, width + 1):
        restyle(sheet.cell(row=row, column=number), fill=SECTION_FILL)
    restyle(put_text(sheet, row, 1, text), font=BOLD_FONT)
    sheet.row_dimensions[row].height = LINE_HEIGHT + 5


def write_title(sheet: Any, marking: str, title: str, subtitle: str = "") -> int:
    """The marking on row 1 (when there is one), the sheet's title below it and a note below that;
    returns the next free row."""
    row = 1
    if marking:
        restyle(put_text(sheet, row, 1, marking), font=MARKING_FONT)
        row += 1
    restyle(put_text(sheet, row, 1, title), font=TITLE_FONT)
    sheet.row_dimensions[row].height = 22
    row += 1
    if subtitle:
        restyle(put_text(sheet, row, 1, subtitle), font=NOTE_FONT)
        row += 1
    return row


def _header_text(text: str) -> str:
    """User text for a print header: "&" is a control character there, and Excel allows 255 characters."""
    return cell_text(text)[:100].replace("&", "&&")


# A4 landscape is 842 points wide; the side margins below leave this much of it for the columns.
SIDE_MARGIN = 0.4  # inches
PRINT_WIDTH = 842 - 2 * SIDE_MARGIN * 72
# Scaled below this, 11-point text prints smaller than 8 points: a sheet that would need it is spread
# over pages across instead of being fitted to one.
LEGIBLE_SCALE = 70


def column_points(width: float) -> float:
    """A column's printed width in points: Excel counts a width in digits of the default font (7 pixels
    of 11-point Calibri) and adds 5 pixels of padding, at 96 pixels an inch."""
    return (width * 7 + 5) * 72 / 96


def pages_across(widths: Sequence[float], scale: int, repeated: int = 0) -> int:
    """Pages across that columns of these widths take at scale (percent), the first `repeated` columns
    printed again on each page after the first; columns are never split, as a spreadsheet prints them."""
    room = PRINT_WIDTH * 100 / scale
    repeat = sum(column_points(w) for w in widths[:repeated])
    pages, used = 1, 0.0
    for width in (column_points(w) for w in widths):
        if used and used + width > room:
            pages, used = pages + 1, repeat
        used += width
    return pages


def print_scale(widths: Sequence[float], repeated: int = 0) -> int | None:
    """None when the columns fit one page across at a legible scale (fit them to the page width);
    else the largest scale, at most 100 %, that takes no more pages across than the legible one does."""
    natural = sum(column_points(w) for w in widths)
    if natural * LEGIBLE_SCALE / 100 <= PRINT_WIDTH:
        return None
    fewest = pages_across(widths, LEGIBLE_SCALE, repeated)
    return next(s for s in range(100, LEGIBLE_SCALE - 1, -1) if pages_across(widths, s, repeated) <= fewest)


def used_widths(sheet: Any) -> list[float]:
    """The widths of the sheet's columns, from A to the last one used."""
    default = 8.43  # Excel's width of a column not given one
    letters = [get_column_letter(n) for n in range(1, sheet.max_column + 1)]
    dimensions = sheet.column_dimensions  # looking a letter up would add it: ask first
    return [dimensions[letter].width if letter in dimensions else default for letter in letters]


def page_setup(sheet: Any, marking: str, footer: str) -> None:
    """Legible A4 landscape pages: fitted to the page width when the text stays at least LEGIBLE_SCALE
    of its size, else spread over pages across (the left part of each run of rows first, and the
    columns frozen on screen printed again on each page); the marking in the header, the pack and
    page x of y in the footer. The rows to repeat on each page are the sheet writer's to set."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    title_columns = column_index_from_string(sheet.freeze_panes.rstrip("0123456789")) - 1 if sheet.freeze_panes else 0
    scale = print_scale(used_widths(sheet), title_columns)
    if scale is None:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        sheet.page_setup.scale = scale
        sheet.page_setup.pageOrder = "overThenDown"
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        if title_columns:
            sheet.print_title_cols = f"A:{get_column_letter(title_columns)}"
    sheet.page_margins.left = sheet.page_margins.right = SIDE_MARGIN
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    sheet.print_options.horizontalCentered = True
    header = sheet.oddHeader.center
    header.text = _header_text(marking)
    header.font = "Calibri,Bold"
    header.size = 10
    header.color = "C00000"
    sheet.oddFooter.left.text = _header_text(footer)
    sheet.oddFooter.left.size = 8
    sheet.oddFooter.right.text = "&A - page &P of &N"
    sheet.oddFooter.right.size = 8
