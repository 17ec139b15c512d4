"""Spreadsheet clipboard text to and from the targets table: cells read, checked and turned into one Edit.

Excel and LibreOffice put a copied block on the clipboard as tab-separated text: rows end
in CRLF (Excel) or LF (LibreOffice), the last row usually with one too, and a cell holding
a tab, a line break or a quote is wrapped in quotes with its own quotes doubled.

A paste applies the cells it can take and reports, one sentence each, the ones it cannot
(text in a number column, an unknown partner, a read-only column, cells beyond the table):
an officer pasting forty levels from a council's spreadsheet keeps the thirty-nine good
ones and sees exactly which one to fix, and one undo takes the whole paste back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from laadesk.core.catalogue import Polarity
from laadesk.core.dates import parse_date
from laadesk.core.deferral import DeferralReasons
from laadesk.core.edits import Edit, Put
from laadesk.core.exchange import unguard_text
from laadesk.core.labels import fields_words
from laadesk.core.model import AS_WRITTEN, LEVEL_FIELDS, YEAR_FIELDS, Role, Status, Target
from laadesk.core.numbers import parse_level

# -- clipboard text -----------------------------------------------------------------------------


def read_tsv(text: str) -> list[list[str]]:
    """The rows of cells in spreadsheet clipboard text (ragged rows are kept ragged)."""
    rows: list[list[str]] = []
    row: list[str] = []
    i, n = 0, len(text)
    while i < n:
        cell, i = _read_cell(text, i)
        row.append(cell)
        if i >= n:
            break
        if text[i] == "\t":
            i += 1
            if i >= n:
                row.append("")
            continue
        # A line break: CRLF, LF or a lone CR.
        i += 2 if text.startswith("\r\n", i) else 1
        rows.append(row)
        row = []
    if row:
        rows.append(row)
    return rows


def _read_cell(text: str, i: int) -> tuple[str, int]:
    """One cell from position i, and where the text after it starts."""
    if text.startswith('"', i):
        j, parts = i + 1, []
        while True:
            close = text.find('"', j)
            if close < 0:
                break  # never closed: the quote is part of an ordinary cell
            parts.append(text[j:close])
            if text.startswith('"', close + 1):
                parts.append('"')
                j = close + 2
                continue
            after = close + 1
            if after >= len(text) or text[after] in "\t\r\n":
                return "".join(parts), after
            break  # '"hi" there': a quote that only starts the text, not a quoted cell
    end = i
    while end < len(text) and text[end] not in "\t\r\n":
        end += 1
    return text[i:end], end


def write_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Clipboard text Excel and LibreOffice read back as the same block (CRLF after every row)."""

    def cell(text: str) -> str:
        if any(c in text for c in '\t\r\n"'):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join("\t".join(cell(c) for c in row) + "\r\n" for row in rows)


# -- one cell's text as a Target field -----------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """What the area's lists allow in the partner and spatial level cells."""

    partners: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    reasons: DeferralReasons = field(default_factory=lambda: DeferralReasons(()))  # what a reason cell may name


NUMBER_FIELDS = ("baseline", *YEAR_FIELDS)
WHOLE_AREA = "whole area"
CATALOGUE_DEFAULT = "catalogue default"
KINDS = (Role.DESIGNATED, Role.STATUTORY, Role.LOCAL)


def _one_of(text: str, known: Sequence[str], what: str) -> str:
    for name in known:
        if name.casefold() == text.casefold():
            return name
    raise ValueError(f"'{text}' is not one of the area's {what}")


def _names(text: str, known: Sequence[str], what: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_one_of(n.strip(), known, what) for n in text.split(";") if n.strip()))


def _kind(text: str, choices: Choices) -> Role:
    for kind in KINDS:
        if text.lower() == kind.value:
            return kind
    raise ValueError(f"'{text}' should be designated, statutory or local")


def _status(text: str, choices: Choices) -> Status:
    for status in Status:
        if text.lower() == status.value:
            return status
    raise ValueError(f"'{text}' should be proposed, agreed or deferred")


def _polarity(text: str, choices: Choices) -> Polarity | None:
    """'higher', 'lower is better', or blank / 'catalogue default' / 'lower (catalogue)' for the catalogue's."""
    lowered = text.lower()
    if not lowered or CATALOGUE_DEFAULT in lowered or "(catalogue" in lowered:
        return None
    for polarity in Polarity:
        if lowered in (polarity.value, f"{polarity.value} is better"):
            return polarity
    raise ValueError(f"'{text}' should be higher, lower or blank (the catalogue's)")


def _districts(text: str, choices: Choices) -> tuple[str, ...]:
    if text.lower() in ("", WHOLE_AREA):
        return ()
    return _names(text, choices.districts, "districts")


READERS: Mapping[str, Callable[[str, Choices], Any]] = {
    "role": _kind,
    "status": _status,
    **{f: lambda text, choices: parse_level(text) for f in NUMBER_FIELDS},
    "baseline_period": lambda text, choices: text,
    "units": lambda text, choices: text,
    "polarity": _polarity,
    "lead_partner": lambda text, choices: _one_of(text, choices.partners, "partners") if text else "",
    "partners": lambda text, choices: _names(text, choices.partners, "partners"),
    "districts": _districts,
    "deferral_reason": lambda text, choices: choices.reasons.read(text),
    "revisit_date": lambda text, choices: parse_date(text),
}
BLANKABLE = tuple(f for f in READERS if f not in ("role", "status"))


def read_cell(field_name: str, text: str, choices: Choices) -> Any:
    """The value a cell's text gives a Target field. Raises ValueError with a sentence."""
    return READERS[field_name](unguard_text(text.strip()), choices)


# -- the consequences of an edit -------------------------------------------------------------


def settled(target: Target, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values with what follows from them: a deferral reason defers; agreeing un-defers; a level
    typed (or blanked) settles the words a table gave for it."""
    result = dict(values)
    if isinstance(result.get("deferral_reason"), tuple):  # read from text: (reason, the note after "other:")
        result["deferral_reason"], result["deferral_note"] = result["deferral_reason"]
    if result.get("deferral_reason") and "status" not in result:
        result["status"] = Status.DEFERRED
    status = result.get("status")
    if target.deferred and status is not None and status is not Status.DEFERRED and "deferral_reason" not in result:
        result["deferral_reason"], result["deferral_note"] = "", ""
        result.setdefault("revisit_date", None)
    for level in LEVEL_FIELDS:
        if level in result:
            result[AS_WRITTEN[level]] = ""
    return result


def target_edit(target: Target, values: Mapping[str, Any], label: str | None = None) -> Edit:
    """One target's fields changed, named for undo ('change NI 117 target 2009/10', 'defer NI 1')."""
    if label is None:
        if values.get("deferral_reason") and not target.deferred:
            label = f"defer {target.code}"
        else:
            label = f"change {target.code} {fields_words(list(values))}"
    after = replace(target, **settled(target, values))
    return Edit(label, () if after == target else (Put(after, target),))


# -- a block of cells onto the table ------------------------------------------------------------


@dataclass(frozen=True)
class PasteColumn:
    """A column of the table as a paste sees it: its header, and the field it sets (None: read-only)."""

    title: str
    field: str | None


@dataclass(frozen=True)
class PasteTable:
    """The table as the officer sees it: targets and columns in the order shown."""

    targets: Sequence[Target]
    columns: Sequence[PasteColumn]
    choices: Choices
    shown: Callable[[Target, int], str]  # a cell's text now, so pasting it back unchanged is no problem


@dataclass
class PastePlan:
    """What a paste would do: values per target (in table order) and a sentence per cell refused."""

    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    taken: int = 0

    def edit(self, table: PasteTable, label: str | None = None) -> Edit:
        """All the taken cells as ONE edit (one undo step)."""
        by_code = {t.code: t for t in table.targets}
        changes = tuple(
            change for code, values in self.values.items() for change in target_edit(by_code[code], values, "").changes
        )
        cells = f"{self.taken} cell{'s' if self.taken != 1 else ''}"
        return Edit(label or f"paste {cells} into targets", changes, "pasted")


def _quote(text: str) -> str:
    return f"'{text if len(text) <= 40 else text[:37] + '...'}'"


def _take(plan: PastePlan, table: PasteTable, row: int, column: int, text: str, where: str) -> None:
    target, spec = table.targets[row], table.columns[column]
    where = f"{where} ({target.code}), {spec.title}"
    if spec.field is None:
        if text.strip() != table.shown(target, column).strip():
            plan.problems.append(f"{where}: {spec.title} cannot be changed here; {_quote(text)} was not pasted")
        return
    try:
        value = read_cell(spec.field, text, table.choices)
    except ValueError as error:
        plan.problems.append(f"{where}: {error}")
        return
    plan.values.setdefault(target.code, {})[spec.field] = value
    plan.taken += 1


def plan_paste(grid: Sequence[Sequence[str]], table: PasteTable, top: int, left: int) -> PastePlan:
    """A block of cells placed with its first cell at (top, left); rows and columns counted from 0."""
    plan = PastePlan()
    below: list[str] = []
    first_below = 0
    for r, cells in enumerate(grid):
        row = top + r
        where = f"row {r + 1}"
        if row >= len(table.targets):
            filled = [c for c in cells if c.strip()]
            if filled and not below:
                first_below = r + 1
            below.extend(filled)
            continue
        beyond = [c for c in cells[max(0, len(table.columns) - left) :] if c.strip()]
        for c, text in enumerate(cells[: max(0, len(table.columns) - left)]):
            _take(plan, table, row, left + c, text, where)
        if beyond:
            plan.problems.append(
                f"{where} ({table.targets[row].code}): {len(beyond)} cell{'s' if len(beyond) > 1 else ''} beyond "
                f"the last column not pasted ({', '.join(_quote(c) for c in beyond[:3])})"
            )
    if below:
        plan.problems.append(
            f"rows {first_below}-{len(grid)} fall below the last target shown: {len(below)} "
            f"cell{'s' if len(below) > 1 else ''} not pasted ({', '.join(_quote(c) for c in below[:3])})"
        )
    return plan


def plan_fill(text: str, table: PasteTable, cells: Sequence[tuple[int, int]]) -> PastePlan:
    """One value put into every chosen cell (a single copied cell pasted onto a selection, or a blank)."""
    plan = PastePlan()
    for row, column in cells:
        _take(plan, table, row, column, text, f"row {row + 1}")
    return plan
