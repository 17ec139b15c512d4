"""A council's own target table as it comes: where its header row is, which column holds what, which
rows are targets and which are headings or notes - before any cell is read as a value.

Real 2008 tables were typed by policy officers, not by laadesk: titles and blank rows above the
header, "NI ref" or "Target 08/09" for column names, theme headings ("Stronger communities")
between targets, notes below. Each is recognised and said in the import's summary; nothing is
guessed. laadesk's own exchange layout is one such table: the CSV's header is row 1, with the
columns named exactly; the Excel pack's Targets sheet has a title block above a header in the
negotiators' words, each a spelling core/council_headings.py names, and the import passes the block over
in silence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from laadesk.core.council_headings import header_words, match_header
from laadesk.core.errors import CellProblem
from laadesk.core.exchange import COLUMNS, NOTE_COLUMN, NUMBER_COLUMNS, ExchangeRow
from laadesk.core.text import visible

HEADER_SEARCH = 30  # rows from the top in which the header row is looked for
# The line of the title block above the Excel pack's Targets table that names it; the writer takes
# it from here, so a change to one is a change to both.
OWN_TITLE = "Local Area Agreement 2008-11 - targets"
SKIP = "-"  # a column choice that leaves the column out

_CODE_LIKE = 16  # a code cell longer than this, or of more than three words, is a heading or a note


@dataclass(frozen=True)
class SourceRow:
    """A row of a file that holds something: its number as the spreadsheet shows it, its cells from
    column 1 ("" where blank), and what the reader found wrong with a cell (a formula, an error value)."""

    number: int
    cells: tuple[str, ...]
    problems: Mapping[int, str] = field(default_factory=dict)  # column (from 1) -> message

    def cell(self, column: int) -> str:
        return self.cells[column - 1] if 0 < column <= len(self.cells) else ""

    @property
    def filled(self) -> list[int]:
        return [n for n, text in enumerate(self.cells, start=1) if text.strip()]


@dataclass(frozen=True)
class SourceTable:
    """What a reader found in a file: its rows, and what Excel hides or merges."""

    name: str  # for sentences: the file, and its sheet when it has several
    rows: tuple[SourceRow, ...]
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    merged: tuple[tuple[str, int, int], ...] = ()  # (range, first row, first column) of merged cells


@dataclass(frozen=True)
class ReadTable:
    """The table as laadesk will read it: rows keyed by exchange column, and what was found on the way."""

    header_row: int
    columns: Mapping[int, str]  # column (from 1) -> exchange column
    names: Mapping[str, str]  # exchange column -> the header cell as the table names it
    rows: tuple[ExchangeRow, ...]
    notes: tuple[str, ...]  # sentences for the summary: the header found, columns left out, rows skipped
    problems: tuple[CellProblem, ...]


def read_choices(text: str) -> dict[str, str]:
    """`--columns "NI ref=ni,Target 08/09=target_2008_09,Suggested changes=-"` as header -> column.

    Raises ValueError with a sentence for a choice that names no column of the exchange layout.
    """
    choices: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        header, equals, column = part.rpartition("=")
        column = column.strip().lower()
        if not equals or not header.strip():
            raise ValueError(f"'{part.strip()}' should be a column's name, '=', and what it holds (NI ref=ni)")
        if column not in (*COLUMNS, SKIP):
            raise ValueError(
                f"'{column}' (for '{header.strip()}') is not a column of the exchange layout; use one of "
                f"{', '.join(COLUMNS)}, or {SKIP} to leave the column out"
            )
        choices[header_words(header)] = column
    return choices


def _chosen(text: str, choices: Mapping[str, str]) -> str | None:
    words = header_words(text)
    if words in choices:
        return choices[words]
    return match_header(text)


def find_header(table: SourceTable, choices: Mapping[str, str] | None = None) -> SourceRow | None:
    """The row that names the most columns, one of them the indicator code; None if no row does."""
    best: tuple[int, SourceRow] | None = None
    for row in table.rows[:HEADER_SEARCH]:
        named = {_chosen(row.cell(n), choices or {}) for n in row.filled}
        named.discard(None)
        named.discard(SKIP)
        if "ni" in named and (best is None or len(named) > best[0]):
            best = (len(named), row)
    return best[1] if best else None


@dataclass(frozen=True)
class ColumnLayout:
    """The officer's word on a table (the window's import): which row is the header, and what each
    column holds (an exchange column, or SKIP), by column number - a column with no name included."""

    header_row: int
    columns: Mapping[int, str]


def proposed_layout(table: SourceTable, choices: Mapping[str, str] | None = None) -> ColumnLayout | None:
    """The header laadesk finds and what it makes of each column (choices remembered for tables of
    this shape first), for the officer to confirm or change; None when no row names a code column."""
    header = find_header(table, choices)
    if header is None:
        return None
    return ColumnLayout(header.number, {n: _chosen(header.cell(n), choices or {}) or SKIP for n in header.filled})


def layout_choices(table: SourceTable, layout: ColumnLayout) -> dict[str, str]:
    """A layout as header words -> column, to remember for the next table of this shape."""
    header = _row(table, layout.header_row)
    return {header_words(header.cell(n)): column for n, column in layout.columns.items() if header.cell(n).strip()}


def table_shape(table: SourceTable, header_row: int) -> str:
    """A name for tables laid out alike: the words of their header row, in order, as a short digest."""
    header = _row(table, header_row)
    words = "|".join(header_words(header.cell(n)) for n in header.filled)
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


def _row(table: SourceTable, number: int) -> SourceRow:
    return next((row for row in table.rows if row.number == number), SourceRow(number, ()))


def read_table(
    table: SourceTable, choices: Mapping[str, str] | None = None, layout: ColumnLayout | None = None
) -> ReadTable:
    """Find the header, match the columns and sort the rows below it into targets and the rest; with a
    layout, the header and the columns are the officer's."""
    if layout is not None:
        return _read_laid_out(table, layout)
    choices = dict(choices or {})
    header = find_header(table, choices)
    if header is None:
        if choices:  # the officer named the code column, but no row has a column of that name
            problems = [
                CellProblem(
                    1, "", f"--columns names '{words}', but no row in the first {HEADER_SEARCH} has such a column"
                )
                for words in choices
                if not any(header_words(row.cell(n)) == words for row in table.rows[:HEADER_SEARCH] for n in row.filled)
            ]
            if problems:
                return ReadTable(0, {}, {}, (), (), tuple(problems))
        problem = CellProblem(
            1,
            "",
            f"no row in the first {HEADER_SEARCH} names a column of indicator codes (such as 'NI', 'NI ref' or "
            "'Ref'); say which column holds what with --columns (NI ref=ni,...) or in the window's import",
        )
        return ReadTable(0, {}, {}, (), (), (problem,))
    columns, names, notes = _columns(header, choices)
    problems = list(_missing_choices(header, choices))
    problems += [
        CellProblem(header.number, column_letter(n), f"holds {message.split(';')[0]}, not a column's name")
        for n, message in sorted(header.problems.items())
    ]
    if header.number != 1 and not own_title_block(table, header.number):
        notes.insert(0, f"The table's header is row {header.number}; the rows above it were left out.")
    rows, skipped = _rows(table, header, columns, names)
    # The rows' own problems travel with them; a heading merged across the table is no target's.
    problems += _hidden_and_merged(table, header, columns, names, {row.number for row in rows})
    return ReadTable(header.number, columns, names, tuple(rows), tuple(notes + skipped), tuple(problems))


def _read_laid_out(table: SourceTable, layout: ColumnLayout) -> ReadTable:
    header = _row(table, layout.header_row)
    columns: dict[int, str] = {}
    names: dict[str, str] = {}
    notes: list[str] = []
    problems: list[CellProblem] = []
    for number, column in sorted(layout.columns.items()):
        shown = visible(header.cell(number).strip()) or f"column {column_letter(number)}"
        if column == SKIP:
            if header.cell(number).strip() and header_words(header.cell(number)) != header_words(NOTE_COLUMN):
                known = match_header(header.cell(number)) is not None
                notes.append(
                    f"Column '{shown}' was left out, as asked."
                    if known
                    else f"Column '{shown}' has no place in laadesk and was left out."
                )
        elif column in names:
            problems.append(
                CellProblem(layout.header_row, column_letter(number), f"holds {column} as well as '{names[column]}'")
            )
        else:
            columns[number] = column
            names[column] = header.cell(number).strip() or column_letter(number)
    if "ni" not in names:
        problem = CellProblem(layout.header_row, "", "say which column holds the indicator codes (NI)")
        return ReadTable(layout.header_row, columns, names, (), tuple(notes), (*problems, problem))
    if layout.header_row != 1 and not own_title_block(table, layout.header_row):
        notes.insert(0, f"The table's header is row {layout.header_row}; the rows above it were left out.")
    # The officer saw every column and said what each holds: a cell beyond the header's names is
    # one of the columns left out, not a cell outside the table.
    rows, skipped = _rows(table, header, columns, names, last=max([*layout.columns, *columns]))
    problems += _hidden_and_merged(table, header, columns, names, {row.number for row in rows})
    return ReadTable(layout.header_row, columns, names, tuple(rows), tuple(notes + skipped), tuple(problems))


def own_title_block(table: SourceTable, header_row: int) -> bool:
    """Whether the rows above the header are only laadesk's own title block, so that leaving them out
    is not worth a word: text in column A alone on each, one line naming the sheet (OWN_TITLE).
    Anything else up there (a council's note typed beside the title) is said, as for any table."""
    above = [row for row in table.rows if row.number < header_row]
    return any(OWN_TITLE in row.cell(1) for row in above) and all(
        row.filled == [1] and not row.problems for row in above
    )


def _columns(header: SourceRow, choices: Mapping[str, str]) -> tuple[dict[int, str], dict[str, str], list[str]]:
    columns: dict[int, str] = {}
    names: dict[str, str] = {}
    notes: list[str] = []
    for number in header.filled:
        text = header.cell(number).strip()
        shown = visible(text)
        column = _chosen(text, choices)
        if header_words(text) == header_words(NOTE_COLUMN) and header_words(text) not in choices:
            continue  # laadesk's own notes for the reader, derived from the catalogue: nothing to import
        if column == SKIP:
            notes.append(f"Column '{shown}' was left out, as asked.")
        elif column is None:
            notes.append(f"Column '{shown}' has no place in laadesk and was left out.")
        elif column in names:
            notes.append(f"Column '{shown}' was left out: {column} is already read from '{visible(names[column])}'.")
        else:
            columns[number] = column
            names[column] = text
    return columns, names, notes


def _missing_choices(header: SourceRow, choices: Mapping[str, str]) -> list[CellProblem]:
    present = {header_words(header.cell(n)) for n in header.filled}
    return [
        CellProblem(header.number, "", f"--columns names '{words}', but the header row has no such column")
        for words in choices
        if words not in present
    ]


def _looks_like_code(text: str) -> bool:
    return len(text) <= _CODE_LIKE and len(text.split()) <= 3


def _alone(code: str, cells: Mapping[str, str]) -> bool:
    """A short heading ("Environment", "Older people") or a note's label ("Notes:") alone in the code
    column: no digit, as every code has, and nothing else in the row."""
    alone = not any(text.strip() for column, text in cells.items() if column != "ni")
    return alone and (code.endswith(":") or not any(c.isdigit() for c in code))


def _rows(
    table: SourceTable,
    header: SourceRow,
    columns: Mapping[int, str],
    names: Mapping[str, str],
    last: int | None = None,
) -> tuple[list[ExchangeRow], list[str]]:
    code_column = next(n for n, c in columns.items() if c == "ni")
    last = last or max([*header.filled, *columns])
    rows: list[ExchangeRow] = []
    skipped: list[str] = []
    for row in table.rows:
        if row.number <= header.number:
            continue
        texts, width = row.cells, len(row.cells)  # row.cell(n) for each, without a call a cell
        cells = {column: texts[n - 1] if 0 < n <= width else "" for n, column in columns.items()}
        figures = any(cells.get(level, "").strip() for level in NUMBER_COLUMNS)
        code = row.cell(code_column).strip()
        if not any(text.strip() for text in cells.values()) and not row.problems:
            if row.filled:
                skipped.append(_skipped(row, "is outside the table's columns"))
            continue
        if not figures and not row.problems and (not code or not _looks_like_code(code) or _alone(code, cells)):
            skipped.append(_skipped(row, "was read as a heading or a note, not a target"))
            continue
        extra = [row.cells[n - 1] for n in range(last + 1, len(row.cells) + 1) if row.cells[n - 1].strip()]
        if extra:
            cells["\x00extra"] = ",".join(extra)
        problems = tuple(
            CellProblem(row.number, names.get(columns.get(n, ""), column_letter(n)), message)
            for n, message in sorted(row.problems.items())
        )
        rows.append(ExchangeRow(row.number, cells, problems))
    return rows, skipped


def _skipped(row: SourceRow, what: str) -> str:
    first = row.cell(row.filled[0]).strip() if row.filled else ""
    shown = visible(" ".join(first.split()))
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"Row {row.number} ('{shown}') {what}."


def _hidden_and_merged(
    table: SourceTable,
    header: SourceRow,
    columns: Mapping[int, str],
    names: Mapping[str, str],
    targets: set[int],
) -> list[CellProblem]:
    """Cells of the table's targets (and header) that Excel hides or merges: what Excel shows is not
    what is stored. A heading or a note merged across the table is read as neither, so it is let be."""
    problems: list[CellProblem] = []
    in_table = {row.number: row for row in table.rows if row.number == header.number or row.number in targets}

    def name(column: int) -> str:
        return names.get(columns.get(column, ""), column_letter(column))

    for ref, row_number, column in table.merged:
        row = in_table.get(row_number)
        if row is not None and row_number > header.number and column in columns and row.cell(column):
            message = f"cells {visible(ref)} are merged; unmerge them so that each cell holds its own value"
            problems.append(CellProblem(row_number, name(column), message))
    for row_number in sorted(table.hidden_rows & set(in_table)):
        row = in_table[row_number]
        used = [n for n in row.filled if n in columns]
        if used:
            message = "the row is hidden in Excel; unhide it so that what is imported is what you see"
            problems.append(CellProblem(row_number, name(used[0]), message))
    for column in sorted(table.hidden_columns & set(columns)):
        rows = [n for n, row in sorted(in_table.items()) if row.cell(column)]
        if rows:
            message = "the column is hidden in Excel; unhide it so that what is imported is what you see"
            problems.append(CellProblem(rows[0], name(column), message))
    return problems


def column_letter(column: int) -> str:
    """A spreadsheet column's letters: 1 -> A, 28 -> AB."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "?"


def table_of_rows(name: str, records: Sequence[Sequence[str]], first: int = 1) -> SourceTable:
    """A SourceTable from plain rows of text (a CSV file): blank rows left out, numbered from `first`."""
    rows = tuple(
        SourceRow(number, tuple(cells))
        for number, cells in enumerate(records, start=first)
        if any(cell.strip() for cell in cells)
    )
    return SourceTable(name, rows)
