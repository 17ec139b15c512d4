"""Negotiating positions: the gap between area and government, edits to a position, its history.

The gap
-------
For one target in one year, the gap is the area's proposal minus government's position,
signed by the indicator's polarity so that a POSITIVE gap means the AREA is MORE
AMBITIOUS than government:

    higher is better:  gap = area_proposal - government_position
    lower is better:   gap = government_position - area_proposal

So for NI 16 (serious acquisitive crime, lower is better) an area proposing 12.9 against
government's 12.6 has a gap of -0.3: government is more ambitious by 0.3. With no known
polarity the gap is plain area minus government and no side is called more ambitious.

Agreed levels
-------------
Setting an agreed level for a year also sets the target's level for that year in the same
edit (one undo step), so the cross-check "agreed-level-differs" holds by construction.
Clearing an agreed level leaves the target's level as it is: a level that was agreed and
then reopened is still the best figure the workbook has.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from laadesk.core.catalogue import Polarity
from laadesk.core.edits import Edit, Put
from laadesk.core.labels import position_words
from laadesk.core.model import YEAR_FIELDS, YEARS, Position, PositionChange, PositionField, Target
from laadesk.core.numbers import format_level

_ROUNDING = 9  # decimal places: enough for any level, few enough to hide float noise (12.9 - 12.6)


def gap(area_proposal: float | None, government_position: float | None, polarity: Polarity | None) -> float | None:
    """The signed gap (see the module docstring), or None when either side has no figure."""
    if area_proposal is None or government_position is None:
        return None
    difference = area_proposal - government_position
    if polarity is Polarity.LOWER:
        difference = -difference
    return round(difference, _ROUNDING) + 0.0  # + 0.0 turns -0.0 into 0.0


SHORT_UNITS = 16  # longer units ("rate per 1,000 population") are stated once, beside the table


def short_units(units: str) -> str:
    """Units short enough to follow a number in a sentence: "% of pupils" reads as "%"; long ones as ""."""
    units = units.strip()
    if units.startswith("%"):
        return "%"
    return units if len(units) <= SHORT_UNITS else ""


def amount(value: float, units: str = "") -> str:
    """A positive difference between two levels with its units: "15 offences", "2"; between two
    percentages it is in percentage points ("0.5 percentage points", "1 percentage point")."""
    number = round(abs(value), _ROUNDING)
    text = format_level(number)
    units = short_units(units)
    if units == "%":
        units = "percentage point" if number == 1 else "percentage points"
    return f"{text} {units}" if units else text


def describe_gap(
    area_proposal: float | None, government_position: float | None, polarity: Polarity | None, units: str = ""
) -> str:
    """The gap in words: "area more ambitious by 0.5 percentage points", "government more ambitious
    by 3", "no gap"."""
    signed = gap(area_proposal, government_position, polarity)
    if signed is None:
        return ""
    if signed == 0:
        return "no gap"
    if polarity is None:
        side = "above" if signed > 0 else "below"
        return f"area {amount(signed, units)} {side} government (polarity unknown)"
    leader = "area" if signed > 0 else "government"
    return f"{leader} more ambitious by {amount(signed, units)}"


def position_for(positions: tuple[Position, ...], code: str, year: str) -> Position | None:
    return next((p for p in positions if p.code == code and p.year == year), None)


def _label(code: str, year: str, field: PositionField, value: float | None) -> str:
    if field is PositionField.AGREED_LEVEL:
        if value is None:
            return f"clear {code} agreed level {year}"
        return f"agree {code} {year} at {format_level(value)}"
    return f"change {code} {position_words(field)} {year}"


def position_edit(
    positions: tuple[Position, ...],
    target: Target | None,
    code: str,
    year: str,
    field: PositionField,
    value: float | None,
) -> Edit:
    """One edit setting one figure of a position (creating the position if needed).

    An agreed level also becomes the target's level for that year (see the module docstring).
    Nothing changes (an empty edit) when the position already holds the value.
    """
    if year not in YEARS:
        raise ValueError(f"'{year}' is not a year of the agreement; use {', '.join(YEARS)}")
    label = _label(code, year, field, value)
    before = position_for(positions, code, year)
    values: dict[str, Any] = {field.value: value}
    after = replace(before or Position(code, year), **values)
    if before is not None and after == before:
        return Edit(label, ())
    if before is None and value is None:
        return Edit(label, ())
    changes: list[Put] = [Put(after, before)]
    if field is PositionField.AGREED_LEVEL and value is not None and target is not None:
        level_field = YEAR_FIELDS[YEARS.index(year)]
        if getattr(target, level_field) != value:
            level: dict[str, Any] = {level_field: value}
            changes.append(Put(replace(target, **level), target))
    return Edit(label, tuple(changes))


def history(changes: tuple[PositionChange, ...], code: str, year: str | None = None) -> tuple[PositionChange, ...]:
    """The recorded changes to one target's positions (one year, or all), newest first.

    Changes made in the same second keep their recorded order reversed, so the latest
    written is still first.
    """
    chosen = [c for c in changes if c.code == code and (year is None or c.year == year)]
    ordered = sorted(enumerate(chosen), key=lambda pair: (pair[1].when, pair[0]), reverse=True)
    return tuple(change for _, change in ordered)


def agreed_years(positions: tuple[Position, ...], code: str) -> int:
    """How many of the three years have an agreed level for a target."""
    return sum(1 for p in positions if p.code == code and p.year in YEARS and p.agreed_level is not None)


def position_changes(before: Position, after: Position, who: str, when: str) -> list[PositionChange]:
    """The history entries one change of a position makes: one per field that moved."""
    return [
        PositionChange(after.code, after.year, field, getattr(after, field.value), who, when)
        for field in PositionField
        if getattr(before, field.value) != getattr(after, field.value)
    ]
