"""Levels beyond government's floor: a warning for government's eyes only.

The floor is government's private limit in a negotiation (Position.floor). A target's level for a
year, or the level agreed in the negotiation, that is worse than the floor by the indicator's
polarity is worth a warning on the Problems page and in the internal brief. It is computed from
positions alone, and positions exist only on government's side (WorkbookSnapshot.for_council
drops them), so no council-bound snapshot can ever produce it.
"""

from __future__ import annotations

from laadesk.core.catalogue import Polarity
from laadesk.core.codes import sort_key
from laadesk.core.labels import indicator_name
from laadesk.core.model import YEAR_FIELDS, YEARS, Position
from laadesk.core.rules import Problem, Severity, polarity_of
from laadesk.core.snapshot import WorkbookSnapshot

# The words every floor warning carries; the canary tests look for them in council outputs.
BEYOND_FLOOR = "beyond government's floor"
FLOOR_RULE = "beyond-floor"  # pages a council may see (the Targets page, projected) never show it


def worse_than(value: float, floor: float, polarity: Polarity | None) -> bool:
    """Whether `value` falls on the wrong side of `floor` (never when the better way is unknown)."""
    if polarity is Polarity.HIGHER:
        return value < floor
    if polarity is Polarity.LOWER:
        return value > floor
    return False


def levels_beyond_floor(
    position: Position, target_level: float | None, polarity: Polarity | None
) -> list[tuple[str, float]]:
    """("target level", 101.0) and ("agreed level", ...) for each of the two that is beyond the floor."""
    if position.floor is None:
        return []
    found = []
    for what, value in (("target level", target_level), ("agreed level", position.agreed_level)):
        if value is not None and worse_than(value, position.floor, polarity):
            found.append((what, value))
    return found


def check_floors(snapshot: WorkbookSnapshot) -> list[Problem]:
    """One warning per target naming each proposed (target) or agreed level worse than government's
    floor for its year, in year order; its field is the first such year's level."""
    fields = dict(zip(YEARS, YEAR_FIELDS))
    found: dict[str, list[tuple[Position, str, float]]] = {}
    for position in sorted(snapshot.positions, key=lambda p: (sort_key(p.code), p.year)):
        target = snapshot.target(position.code)
        if target is None or position.year not in fields:
            continue
        level = getattr(target, fields[position.year])
        for what, value in levels_beyond_floor(position, level, polarity_of(target, snapshot.catalogue)):
            found.setdefault(position.code, []).append((position, what, value))
    problems = []
    for code, beyond in found.items():
        target = snapshot.target(code)
        assert target is not None  # found only holds chosen codes
        better = "higher" if polarity_of(target, snapshot.catalogue) is Polarity.HIGHER else "lower"
        listed = "; ".join(f"{p.year} {what} {value:g} (floor {p.floor:g})" for p, what, value in beyond)
        first, what, _ = beyond[0]
        count = "a level" if len(beyond) == 1 else f"{len(beyond)} levels"
        problems.append(
            Problem(
                FLOOR_RULE,
                Severity.WARNING,
                f"{indicator_name(code, snapshot.catalogue, target)}: {count} {BEYOND_FLOOR} ({better} is "
                f"better): {listed}. Internal to government: the floor is never shown to the council.",
                code,
                fields[first.year] if what == "target level" else None,
            )
        )
    return problems
