"""The exchange layout for sub-area figures: one row per target and sub-area, and its import plan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any

from laadesk.core.codes import code_key, read_code, sort_key
from laadesk.core.council_headings import header_words
from laadesk.core.council_table import SourceRow, SourceTable
from laadesk.core.edits import Change, Edit, Put
from laadesk.core.errors import CellProblem
from laadesk.core.exchange import DASHES, EXTRA_CELLS, ExchangeRow, guard_text, read_level, unguard_text
from laadesk.core.model import AS_WRITTEN, YEAR_FIELDS, SubAreaKind, SubAreaTarget, Target
from laadesk.core.numbers import format_level
from laadesk.core.text import CONTROL_CHARACTERS, visible, without_controls

SUB_AREA_COLUMNS = (
    "ni",
    "sub_area",
    "sub_area_kind",
    "baseline",
    "baseline_period",
    *YEAR_FIELDS,
    "units",
    "lead_partner",
    "comment",
)
LEVEL_COLUMNS = ("baseline", *YEAR_FIELDS)
TEXT_COLUMNS = ("baseline_period", "units", "lead_partner", "comment")
SHEET = "Sub-area targets"
# The title line above the Excel sheet's table; the import passes the title block over.
SUB_AREA_TITLE = "Local Area Agreement 2008-11 - sub-area targets"
KINDS = {kind.value: kind for kind in SubAreaKind}
HEADER_SEARCH = 30
_WORDS = {header_words(column): column for column in SUB_AREA_COLUMNS}


def is_sub_area_header(cells: Iterable[str]) -> bool:
    """Whether a header row is the sub-area layout's: it names both the indicator and the sub-area."""
    named = {_WORDS.get(header_words(cell)) for cell in cells}
    return "ni" in named and "sub_area" in named


def find_sub_area_header(table: SourceTable) -> SourceRow | None:
    """The row of a table that is the sub-area layout's header (looked for near the top), or None."""
    return next((row for row in table.rows[:HEADER_SEARCH] if is_sub_area_header(row.cells)), None)


@dataclass(frozen=True)
class SubAreaRows:
    """The sub-area rows of a table, keyed by column, and what is wrong with its header."""

    rows: tuple[ExchangeRow, ...]
    problems: tuple[CellProblem, ...]
    header_row: int


def read_sub_area_table(table: SourceTable) -> SubAreaRows:
    """The rows below the sub-area header, by column; a column the layout does not have is a problem."""
    header = find_sub_area_header(table)
    if header is None:
        problem = CellProblem(1, "", "no row names the sub-area layout's columns (ni, sub_area, ...)")
        return SubAreaRows((), (problem,), 0)
    columns: dict[int, str] = {}
    problems: list[CellProblem] = []
    for number in header.filled:
        text = header.cell(number).strip()
        column = _WORDS.get(header_words(text))
        if column is None:
            problems.append(
                CellProblem(header.number, visible(text), f"'{visible(text)}' is not a column of the sub-area layout")
            )
        elif column in columns.values():
            problems.append(CellProblem(header.number, column, f"column '{column}' appears twice"))
        else:
            columns[number] = column
    last = max(header.filled)
    rows = []
    for row in table.rows:
        if row.number <= header.number or not row.filled:
            continue
        cells = {column: row.cell(n) for n, column in columns.items()}
        extra = [row.cells[n - 1] for n in range(last + 1, len(row.cells) + 1) if row.cells[n - 1].strip()]
        if extra:
            cells[EXTRA_CELLS] = ",".join(extra)
        cell_problems = tuple(
            CellProblem(row.number, columns.get(n, str(n)), message) for n, message in sorted(row.problems.items())
        )
        rows.append(ExchangeRow(row.number, cells, cell_problems))
    return SubAreaRows(tuple(rows), tuple(problems), header.number)


def parse_sub_area_row(row: ExchangeRow) -> tuple[tuple[str, str] | None, dict[str, Any], list[CellProblem]]:
    """The (code, sub-area) a row is for and the SubAreaTarget fields it sets, or what is wrong with it.
    A level that is not plainly a number is kept exactly as written."""
    problems = list(row.problems)

    def fail(column: str, message: str) -> None:
        if not any(p.column == column for p in problems):
            problems.append(CellProblem(row.number, column, visible(message)))

    if row.cells.get(EXTRA_CELLS):
        fail("", f"cells beyond the last column of the header ({row.cells[EXTRA_CELLS][:40]})")
    raw = {name: row.cells.get(name) or "" for name in SUB_AREA_COLUMNS if name in row.cells}
    for name, text in raw.items():
        control = CONTROL_CHARACTERS.search(text)
        if control is not None:
            fail(name, f"holds an invisible control character ({visible(control.group())}); remove it")
    texts = {name: unguard_text(text.strip()) for name, text in raw.items()}
    code: str | None = None
    try:
        code = read_code(texts.get("ni", ""))
    except ValueError as error:
        fail("ni", str(error))
    if code == "":
        fail("ni", "a sub-area row needs the indicator's code")
        code = None
    sub_area = " ".join(texts.get("sub_area", "").split())
    if not sub_area:
        fail("sub_area", "the sub-area is not named")
    values: dict[str, Any] = {}
    kind = texts.get("sub_area_kind", "").casefold()
    if kind and kind not in KINDS:
        fail("sub_area_kind", f"'{texts['sub_area_kind']}' should be one of {', '.join(KINDS)}")
    elif "sub_area_kind" in texts:
        values["kind"] = KINDS[kind] if kind else SubAreaKind.OTHER
    for column in LEVEL_COLUMNS:
        if column in raw:
            values[column], values[AS_WRITTEN[column]] = read_level(raw[column])
    for column in TEXT_COLUMNS:
        if column in texts:
            values[column] = texts[column]
    if values.get("lead_partner") in DASHES:
        values["lead_partner"] = ""
    if code is None or not sub_area:
        return None, values, problems
    return (code, sub_area), values, problems


def sub_area_cells(sub: SubAreaTarget, *, guard: bool = True) -> dict[str, str]:
    """A sub-area's row of the layout; guard=True (a CSV) marks text that starts like a formula."""
    mark = guard_text if guard else str  # str(text) is the text as it is
    cells = {"ni": sub.code, "sub_area": mark(without_controls(sub.sub_area).strip()), "sub_area_kind": sub.kind.value}
    for column in LEVEL_COLUMNS:
        value: float | None = getattr(sub, column)
        cells[column] = format_level(value) if value is not None else mark(without_controls(sub.as_written(column)))
    for column in TEXT_COLUMNS:
        cells[column] = mark(without_controls(getattr(sub, column)).strip())
    return {column: cells[column] for column in SUB_AREA_COLUMNS}


def ordered(sub_areas: Iterable[SubAreaTarget]) -> list[SubAreaTarget]:
    """Sub-areas in the order packs and files list them: by indicator, then by name."""
    return sorted(sub_areas, key=lambda s: (sort_key(s.code), s.sub_area.casefold(), s.sub_area))


@dataclass(frozen=True)
class SubAreaPlan:
    """What a sub-area import would do: the changes, one line per change, and its counts."""

    changes: tuple[Change, ...]
    report: tuple[str, ...]
    added: int
    updated: int
    unchanged: int

    def totals(self) -> str:
        return f"sub-area rows {self.added} added, {self.updated} updated, {self.unchanged} unchanged"

    def edit(self, source: str) -> Edit:
        return Edit(f"import {source}", self.changes, "imported", PurePath(source).name)


def plan_sub_area_import(
    rows: SubAreaRows, existing: Sequence[SubAreaTarget], targets: Sequence[Target], also: Iterable[str] = ()
) -> tuple[SubAreaPlan | None, list[CellProblem]]:
    """Plan the import of sub-area rows, or list every problem. A row's indicator must be a target of the
    workbook (or of `also`, the codes the same file's targets bring)."""
    problems = list(rows.problems)
    known = {code_key(t.code): t.code for t in targets}
    known.update({code_key(code): code for code in also})
    current = {(code_key(s.code), s.sub_area.casefold()): s for s in existing}
    parsed: dict[tuple[str, str], tuple[int, str, str, dict[str, Any]]] = {}
    for row in rows.rows:
        key, values, row_problems = parse_sub_area_row(row)
        problems.extend(row_problems)
        if key is None:
            continue
        code, sub_area = key
        if code_key(code) not in known:
            problems.append(
                CellProblem(row.number, "ni", f"{code} is not a target of this workbook; add its target first")
            )
            continue
        folded = (code_key(code), sub_area.casefold())
        if folded in parsed:
            problems.append(
                CellProblem(
                    row.number, "sub_area", f"{code} {sub_area} appears twice (first on row {parsed[folded][0]})"
                )
            )
            continue
        parsed[folded] = (row.number, known[code_key(code)], sub_area, values)
    if problems:
        return None, sorted(problems, key=lambda p: p.row)
    changes: list[Change] = []
    report: list[str] = []
    added = updated = unchanged = 0
    for folded, (_, code, sub_area, values) in parsed.items():
        before = current.get(folded)
        if before is None:
            after = SubAreaTarget(code, sub_area, **values)
            added += 1
            changes.append(Put(after))
            report.append(f"{code} {visible(sub_area)}: sub-area figures added")
        else:
            after = replace(before, **values)
            if after == before:
                unchanged += 1
                continue
            updated += 1
            changes.append(Put(after, before))
            said = [
                f"{column.replace('_', ' ')} {_shown(before, column)} -> {_shown(after, column)}"
                for column in ("kind", *LEVEL_COLUMNS, *TEXT_COLUMNS)
                if _shown(before, column) != _shown(after, column)
            ]
            report.append(f"{code} {visible(sub_area)}: " + "; ".join(said))
    return SubAreaPlan(tuple(changes), tuple(report), added, updated, unchanged), []


def _shown(sub: SubAreaTarget, column: str) -> str:
    if column == "kind":
        return sub.kind.value
    if column in LEVEL_COLUMNS:
        value: float | None = getattr(sub, column)
        if value is None and sub.as_written(column):
            return f"'{visible(' '.join(sub.as_written(column).split()))}' (as written)"
        return format_level(value) if value is not None else "(blank)"
    text: str = getattr(sub, column)
    return visible(text) if text else "(blank)"
