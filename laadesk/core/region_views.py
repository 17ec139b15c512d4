"""The words and figures the region desk's three views show, from the areas' lines (core/region.py).

Pure Python: the overview's cell text and what a filter matches, a heat map cell's levels and an
indicator's totals in short and the ambition view's figures.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from laadesk.core.codes import sort_key
from laadesk.core.model import Target
from laadesk.core.numbers import format_figure
from laadesk.core.region import DEFERRED, MARKS, NOT_CHOSEN, AreaOverview, overview_columns

# The marks in the order the legend and the totals give them.
MARK_ORDER = ("designated", "statutory", "local", DEFERRED, NOT_CHOSEN)


def overview_text(value: object) -> str:
    """An overview cell as `laadesk region` prints it."""
    return "" if value is None else str(value)


def overview_row(area: AreaOverview) -> list[str]:
    """The area's line, cell by cell, under overview_columns()'s heads."""
    return [overview_text(value(area)) for _, value in overview_columns()]


def filter_text(area: AreaOverview) -> str:
    """What the overview's filter searches: the line as shown, and the workbook's path."""
    return " ".join([*overview_row(area), area.path])


def levels_words(target: Target) -> str:
    """A target's levels for a tooltip: baseline (and its period), then each year, with the units."""
    units = target.units if target.units.startswith("%") else f" {target.units}" if target.units else ""

    def level(value: float | None) -> str:
        return f"{format_figure(value)}{units}" if value is not None else "not set"

    period = f" ({target.baseline_period})" if target.baseline_period else ""
    return "\n".join(
        (
            f"Baseline{period}: {level(target.baseline)}",
            f"2008/09: {level(target.target_2008_09)}",
            f"2009/10: {level(target.target_2009_10)}",
            f"2010/11: {level(target.target_2010_11)}",
        )
    )


def cell_words(area: AreaOverview, code: str) -> str:
    """A heat map cell's tooltip: whose target, its mark, and its levels when it has any."""
    cell = area.cell(code)
    if cell is None or cell.mark == NOT_CHOSEN:
        return f"{area.area}, {code}: not chosen"
    title = f" - {cell.title}" if cell.title else ""
    return f"{area.area}, {code}{title}\n{cell.mark.capitalize()} ({cell.status.value})\n{levels_words(cell.target)}"


def totals_short(counts: Counter[str], areas: int) -> str:
    """An indicator's totals by letter, for the heat map's total column: "D 11  L 1  F 2 of 14"."""
    parts = [f"{MARKS[mark]} {counts[mark]}" for mark in MARK_ORDER[:-1] if counts[mark]]
    return f"{'  '.join(parts) or 'none'} of {areas}"


def chosen_count(counts: Counter[str]) -> int:
    """How many areas chose the indicator in any role (deferred included); the total column sorts by it."""
    return sum(counts[mark] for mark in MARK_ORDER[:-1])


def fullest_indicator(areas: Sequence[AreaOverview]) -> str | None:
    """The indicator the most areas gave a baseline and a 2010/11 level: the ambition view opens on it."""
    counts: dict[str, int] = {}
    for area in areas:
        for cell in area.targets:
            if cell.mark != NOT_CHOSEN and cell.target.baseline is not None and cell.target.target_2010_11 is not None:
                counts[cell.code] = counts.get(cell.code, 0) + 1
    return min(counts, key=lambda code: (-counts[code], sort_key(code))) if counts else None


def percent_text(value: float | None) -> str:
    return "" if value is None else f"{value:+.1f}%"


def better_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"+{format_figure(value)}" if value > 0 else format_figure(value)


class RegionMarks:
    """Each area's marks by indicator, the indicators any area chose (as core.region.indicator_codes
    gives them) and their tallies, kept from one showing to the next: while a folder is read the views
    are drawn again every few hundred milliseconds, and asking each of 150 areas for every mark again
    took a twentieth of a second each time. An area's marks are worked out again only when its line is
    a new one."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[AreaOverview, dict[str, str]]] = {}
        self.titles: dict[str, str] = {}
        self.marks: list[dict[str, str]] = []
        self.codes: list[str] = []
        self.counts: dict[str, Counter[str]] = {}

    def update(self, areas: Sequence[AreaOverview]) -> None:
        known: dict[str, tuple[AreaOverview, dict[str, str]]] = {}
        for area in areas:
            seen = self._known.get(area.path)
            if seen is None or seen[0] is not area:
                seen = (area, {cell.code: cell.mark for cell in area.targets})
                self.titles.update({cell.code: cell.title for cell in area.targets if cell.title})
            known[area.path] = seen
        self._known = known
        self.marks = [known[area.path][1] for area in areas]
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for marks in self.marks:
            for code, mark in marks.items():
                counts[code][mark] += 1
        for counted in counts.values():
            counted[NOT_CHOSEN] = len(areas) - sum(counted[mark] for mark in MARK_ORDER[:-1])
        self.counts = dict(counts)
        self.codes = sorted((c for c, n in self.counts.items() if chosen_count(n)), key=sort_key)
