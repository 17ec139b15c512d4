"""Turning the rows of a table of targets into one all-or-nothing edit, and saying what it changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from laadesk.core.catalogue import Catalogue
from laadesk.core.codes import code_key, is_national
from laadesk.core.council_table import ReadTable
from laadesk.core.deferral import DeferralReasons
from laadesk.core.edits import Change, Edit, Put
from laadesk.core.errors import CellProblem
from laadesk.core.exchange import EXCHANGE_FIELDS, parse_row
from laadesk.core.labels import field_words
from laadesk.core.model import AS_WRITTEN, Partner, Target
from laadesk.core.numbers import format_level
from laadesk.core.text import visible


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: the edit to apply, one line per change, and what was found in the table."""

    edit: Edit
    report: tuple[str, ...]
    added: int
    updated: int
    unchanged: int
    notes: tuple[str, ...] = ()  # the table's header row, columns left out, rows read as headings
    as_written: int = 0  # levels kept as written because they are not numbers

    def totals(self) -> str:
        """'3 added, 1 updated, 0 unchanged; 2 levels kept as written, to settle'."""
        totals = f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.as_written:
            totals += f"; {self.as_written} level{'s' if self.as_written != 1 else ''} kept as written, to settle"
        return totals


def shown_value(value: Any) -> str:
    """A field value as a report shows it: numbers plainly, blanks as (blank), on one line."""
    if value is None or value == "" or value == ():
        return "(blank)"
    if isinstance(value, float):
        return format_level(value)
    if isinstance(value, tuple):
        return visible("; ".join(value))
    return visible(str(value))


WRITTEN_FIELDS = frozenset(AS_WRITTEN.values())


def _shown(target: Target, name: str) -> str:
    """A field as the report shows it; a level in words, quoted and said to be as written."""
    if name in AS_WRITTEN and getattr(target, name) is None and target.as_written(name):
        return f"'{visible(' '.join(target.as_written(name).split()))}' (as written)"
    return shown_value(getattr(target, name))


def plan_import(
    source: str,
    table: ReadTable,
    existing: Sequence[Target],
    partners: Sequence[Partner],
    catalogue: Catalogue,
    reasons: DeferralReasons,
) -> tuple[ImportPlan | None, list[CellProblem]]:
    """Plan the import of a table's rows, or list every problem (row and column) if any row is bad."""
    problems = list(table.problems)
    current = {code_key(t.code): t for t in existing}
    local_titles = {" ".join(t.title.split()).casefold(): t for t in existing if not is_national(t.code)}
    parsed: dict[str, tuple[int, dict[str, Any]]] = {}
    for row in table.rows:
        code, values, row_problems = parse_row(row, catalogue, reasons)
        problems.extend(_named(p, table) for p in row_problems)
        if code == "":  # a dash: the area's own indicator, known by its title
            code = _code_for_untitled(row.number, values, local_titles, parsed, existing, problems, table)
        if code is None:
            continue
        key = code_key(code)
        if key in parsed:
            first = parsed[key][0]
            problems.append(CellProblem(row.number, _name("ni", table), f"{code} appears twice (first on row {first})"))
            continue
        before = current.get(key)
        if before is None and not is_national(code) and not values.get("title"):
            problems.append(CellProblem(row.number, _name("title", table), f"local indicator {code} needs a title"))
        parsed[key] = (row.number, {**values, "code": before.code if before else code})
    if not parsed and not problems:
        problems.append(CellProblem(table.header_row + 1, "", f"{source} holds no targets below its header row"))
    if problems:
        return None, sorted(problems, key=lambda p: p.row)
    return _plan(source, table, parsed, current, partners), []


def _name(column: str, table: ReadTable) -> str:
    """A column as the table itself names it ("NI ref"), for its problems."""
    return table.names.get(column, column)


def _named(problem: CellProblem, table: ReadTable) -> CellProblem:
    return CellProblem(problem.row, _name(problem.column, table), problem.message)


def _code_for_untitled(
    number: int,
    values: dict[str, Any],
    local_titles: dict[str, Target],
    parsed: dict[str, tuple[int, dict[str, Any]]],
    existing: Sequence[Target],
    problems: list[CellProblem],
    table: ReadTable,
) -> str | None:
    """A row whose code is a dash: the local indicator with its title, or a new one numbered L1, L2..."""
    title = " ".join(str(values.get("title", "")).split())
    if not title:
        problems.append(CellProblem(number, _name("ni", table), "a dash for a code, and no title to know it by"))
        return None
    found = local_titles.get(title.casefold())
    if found is not None:
        return found.code
    taken = {code_key(t.code) for t in existing} | set(parsed)
    serial = 1
    while f"l{serial}" in taken:
        serial += 1
    code = f"L{serial}"
    local_titles[title.casefold()] = Target(code, title=title)
    return code


def _plan(
    source: str,
    table: ReadTable,
    parsed: dict[str, tuple[int, dict[str, Any]]],
    current: dict[str, Target],
    partners: Sequence[Partner],
) -> ImportPlan:
    known_partners = {p.name.casefold() for p in partners}
    changes: list[Change] = []
    report: list[str] = []
    added = updated = unchanged = written = 0
    for key, (_, values) in parsed.items():
        code = values.pop("code")
        for name in (values.get("lead_partner", ""), *values.get("partners", ())):
            if name and name.casefold() not in known_partners:
                known_partners.add(name.casefold())
                changes.append(Put(Partner(name)))
                report.append(f"partner {visible(name)}: added to the area's partners")
        before = current.get(key)
        after = replace(before, **values) if before is not None else Target(code, **values)
        written_levels = after.written_levels
        written += len(written_levels)
        if before is None:
            added += 1
            changes.append(Put(after))
            report.append(f"{code}: added as {after.role.value} target")
            report += [
                f"{code}: {field_words(f)} kept as written: {visible(' '.join(t.split()))}"
                for f, t in written_levels.items()
            ]
        elif after != before:
            updated += 1
            changes.append(Put(after, before))
            for name in EXCHANGE_FIELDS:
                if name in WRITTEN_FIELDS:
                    continue  # said with its level: "2009/10 target 23 -> 'TBC' (as written)"
                old, new = _shown(before, name), _shown(after, name)
                if old != new:
                    report.append(f"{code}: {field_words(name)} {old} -> {new}")
        else:
            unchanged += 1
    edit = Edit(f"import {source}", tuple(changes))
    return ImportPlan(edit, tuple(report), added, updated, unchanged, table.notes, written)
