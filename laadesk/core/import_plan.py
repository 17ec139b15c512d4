"""Turning rows of the exchange layout into one all-or-nothing edit, and saying what it changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from laadesk.core.catalogue import Catalogue
from laadesk.core.edits import Change, Edit, Put
from laadesk.core.errors import CellProblem
from laadesk.core.exchange import EXCHANGE_FIELDS, ExchangeRow, check_header, parse_row
from laadesk.core.labels import field_words
from laadesk.core.model import Partner, Target
from laadesk.core.numbers import format_level
from laadesk.core.text import visible


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: the edit to apply and one line per change for the report."""

    edit: Edit
    report: tuple[str, ...]
    added: int
    updated: int
    unchanged: int


def shown_value(value: Any) -> str:
    """A field value as a report shows it: numbers plainly, blanks as (blank), on one line."""
    if value is None or value == "" or value == ():
        return "(blank)"
    if isinstance(value, float):
        return format_level(value)
    if isinstance(value, tuple):
        return visible("; ".join(value))
    return visible(str(value))


def plan_import(
    source: str,
    header: Sequence[str],
    rows: Iterable[ExchangeRow],
    existing: Sequence[Target],
    partners: Sequence[Partner],
    catalogue: Catalogue,
) -> tuple[ImportPlan | None, list[CellProblem]]:
    """Plan the import of rows, or list every problem (row and column) if any row is bad."""
    problems = check_header(header)
    if problems:
        return None, problems
    parsed: dict[str, tuple[int, dict[str, Any]]] = {}
    for row in rows:
        code, values, row_problems = parse_row(row, catalogue)
        problems.extend(row_problems)
        if code is None:
            continue
        if code in parsed:
            problems.append(CellProblem(row.number, "ni", f"{code} appears twice (first on row {parsed[code][0]})"))
            continue
        parsed[code] = (row.number, values)
    if not parsed and not problems:
        problems.append(CellProblem(2, "", f"{source} holds no targets below its header row"))
    if problems:
        return None, sorted(problems, key=lambda p: p.row)

    current = {t.code: t for t in existing}
    known_partners = {p.name.casefold() for p in partners}
    changes: list[Change] = []
    report: list[str] = []
    added = updated = unchanged = 0
    for code, (_, values) in parsed.items():
        for name in (values["lead_partner"], *values["partners"]):
            if name and name.casefold() not in known_partners:
                known_partners.add(name.casefold())
                changes.append(Put(Partner(name)))
                report.append(f"partner {visible(name)}: added to the area's partners")
        before = current.get(code)
        after = replace(before, **values) if before is not None else Target(code, **values)
        if before is None:
            added += 1
            changes.append(Put(after))
            report.append(f"{code}: added as {after.role.value} target")
        elif after != before:
            updated += 1
            changes.append(Put(after, before))
            for name in EXCHANGE_FIELDS:
                old, new = getattr(before, name), getattr(after, name)
                if old != new:
                    report.append(f"{code}: {field_words(name)} {shown_value(old)} -> {shown_value(new)}")
        else:
            unchanged += 1
    edit = Edit(f"import {source}", tuple(changes))
    return ImportPlan(edit, tuple(report), added, updated, unchanged), []
