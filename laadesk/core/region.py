"""A Government Office's region at once: one line per area's workbook, its targets by indicator, and
the ambition each area's 2010/11 level means.

Everything here is computed from what each workbook holds, read-only; nothing is written back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from laadesk.core.catalogue import Polarity
from laadesk.core.codes import sort_key
from laadesk.core.cross_checks import check_workbook
from laadesk.core.dates import format_moment
from laadesk.core.model import CHOSEN_ROLES, FIGURES, Role, Status, Target
from laadesk.core.rules import DESIGNATED_LIMIT, Severity, polarity_of
from laadesk.core.sign_off import sign_off_stage
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.timetable import overdue_milestones


@dataclass(frozen=True)
class TargetCell:
    """One chosen or considered target of one area, as the heat map and the ambition view show it."""

    target: Target
    title: str  # the target's own, else the catalogue's
    polarity: Polarity | None = None  # the target's own, else the catalogue's

    @property
    def code(self) -> str:
        return self.target.code

    @property
    def status(self) -> Status:
        return self.target.status

    @property
    def mark(self) -> str:
        """The heat map's word for this target: its role, or "deferred" when a chosen target is deferred."""
        if not self.target.chosen:
            return NOT_CHOSEN
        return DEFERRED if self.target.deferred else self.target.role.value


DEFERRED = "deferred"
NOT_CHOSEN = "not chosen"
# Each mark with a letter, so the heat map reads in black and white and without telling colours apart.
MARKS: dict[str, str] = {"designated": "D", "statutory": "S", "local": "L", DEFERRED: "F", NOT_CHOSEN: "·"}


@dataclass(frozen=True)
class AreaOverview:
    """One area's line on the region desk: where its agreement stands, read from its workbook."""

    path: str
    area: str
    region: str
    ons_code: str
    stage: str  # sign-off stage: "Not adopted", "Adopted", "GO recommended", "Signed off"
    designated: int
    statutory: int
    statutory_due: int  # how many statutory targets the workbook's indicator set has (16 in 2008)
    local: int
    deferred: int
    errors: int
    overdue: int  # milestones overdue by the workbook's own as-at date
    as_at: date | None
    last_changed: str  # ISO 8601 moment of the latest history entry, "" when none
    last_changed_by: str
    open_by: str  # who has it open for editing now (from its lock), "" when nobody
    targets: tuple[TargetCell, ...] = ()

    def cell(self, code: str) -> TargetCell | None:
        return next((t for t in self.targets if t.code == code), None)


def overview_columns() -> tuple[tuple[str, Callable[[AreaOverview], object]], ...]:
    """The overview's columns, as the region desk and `laadesk region` head them, each with its value."""
    return (
        ("Region", lambda a: a.region),
        ("Area", lambda a: a.area),
        ("Sign-off stage", lambda a: a.stage),
        ("Designated", lambda a: f"{a.designated}/{DESIGNATED_LIMIT}"),
        ("Statutory", lambda a: f"{a.statutory}/{a.statutory_due}"),
        ("Local", lambda a: a.local),
        ("Deferred", lambda a: a.deferred),
        ("Errors", lambda a: a.errors),
        ("Overdue", lambda a: a.overdue),
        ("Last changed", lambda a: format_moment(a.last_changed)),  # in the officer's time
        ("By", lambda a: a.last_changed_by),
        ("Open now by", lambda a: a.open_by),
    )


@dataclass(frozen=True)
class Skipped:
    """A file in the folder that could not be read as a workbook, and why, in one sentence."""

    path: str
    why: str


def one_line_per_area(found: Sequence[AreaOverview | Skipped]) -> list[AreaOverview | Skipped]:
    """The region's lines with each area once, as the roll-up keeps them: a workbook with no ONS code, or
    of an area an earlier workbook (in the order given) already holds, becomes a Skipped that says so."""
    first: dict[str, str] = {}
    lines: list[AreaOverview | Skipped] = []
    for line in found:
        if isinstance(line, AreaOverview):
            code = line.ons_code.strip()
            if not code:
                line = Skipped(
                    line.path,
                    f"{line.path} ({line.area}) has no ONS code, by which the region keys each area; "
                    "set it on the Area page.",
                )
            elif code in first:
                line = Skipped(
                    line.path,
                    f"{line.path} holds the same area ({line.area}, {code}) as {first[code]}; "
                    f"only {first[code]} is listed.",
                )
            else:
                first[code] = line.path
        lines.append(line)
    return lines


def overview_of(
    snapshot: WorkbookSnapshot, path: str, *, last_changed: str, last_changed_by: str, open_by: str, today: date
) -> AreaOverview:
    """An area's line, its problems counted as the editor counts them and its milestones as at its own day."""
    targets = snapshot.targets
    problems = check_workbook(snapshot)
    area = snapshot.area
    return AreaOverview(
        path=path,
        area=area.name,
        region=area.go_region,
        ons_code=area.ons_code,
        stage=sign_off_stage(snapshot),
        designated=sum(1 for t in targets if t.role is Role.DESIGNATED),
        statutory=sum(1 for t in targets if t.role is Role.STATUTORY),
        statutory_due=len(snapshot.catalogue.statutory()),
        local=sum(1 for t in targets if t.role is Role.LOCAL),
        deferred=sum(1 for t in targets if t.chosen and t.deferred),
        errors=sum(1 for p in problems if p.severity is Severity.ERROR),
        overdue=len(overdue_milestones(snapshot.milestones, area.today(today))),
        as_at=area.as_at,
        last_changed=last_changed,
        last_changed_by=last_changed_by,
        open_by=open_by,
        targets=tuple(
            TargetCell(
                _as_shown(t),
                t.title or (indicator.title if (indicator := snapshot.catalogue.get(t.code)) else ""),
                polarity_of(t, snapshot.catalogue),
            )
            for t in targets
            if t.role in CHOSEN_ROLES
        ),
    )


def _as_shown(target: Target) -> Target:
    """The target as the desk shows it - its role, status and figures - without its texts (rationale,
    comment, deferral note), which a region's worth of workbooks would keep in memory for nothing."""
    return Target(target.code, role=target.role, status=target.status, **{f: getattr(target, f) for f in FIGURES})


def mark_of(area: AreaOverview, code: str) -> str:
    cell = area.cell(code)
    return NOT_CHOSEN if cell is None else cell.mark


def indicator_codes(areas: Iterable[AreaOverview]) -> list[str]:
    """Every indicator chosen by at least one area, in code order (national first)."""
    chosen = {t.code for a in areas for t in a.targets if t.mark != NOT_CHOSEN}
    return sorted(chosen, key=sort_key)


def tally(areas: Sequence[AreaOverview], code: str) -> Counter[str]:
    """How many areas gave the indicator each mark."""
    return Counter(mark_of(a, code) for a in areas)


def tally_words(areas: Sequence[AreaOverview], code: str) -> str:
    """ "NI 153 designated by 11 of 14 areas, local by 1, deferred by 2": a mark no area gave is left out,
    but for designated, which is always said."""
    return totals_words(code, tally(areas, code), len(areas))


def totals_words(code: str, counts: Counter[str], areas: int) -> str:
    """tally_words from a tally in hand (the heat map counts every indicator at once)."""
    parts = [f"{code} designated by {counts['designated']} of {areas} areas"]
    parts += [f"{mark} by {counts[mark]}" for mark in ("statutory", "local", DEFERRED) if counts[mark]]
    return ", ".join(parts)


def improvement(baseline: float | None, level: float | None, polarity: Polarity | None) -> float | None:
    """How far the 2010/11 level is better than the baseline, in the indicator's units: positive is
    better whichever way the indicator points; None when a figure or the direction is missing."""
    if baseline is None or level is None or polarity is None:
        return None
    change = level - baseline
    if polarity is Polarity.LOWER:
        change = -change
    elif polarity is not Polarity.HIGHER:
        return None
    return round(change, 6)


def improvement_percent(baseline: float | None, level: float | None, polarity: Polarity | None) -> float | None:
    """The improvement as a share of the baseline (None when the baseline is nought or unknown)."""
    better = improvement(baseline, level, polarity)
    if better is None or not baseline:
        return None
    return round(100 * better / abs(baseline), 1)


@dataclass(frozen=True)
class Ambition:
    """One area's line in the ambition view of one indicator."""

    area: str
    baseline: float | None
    baseline_period: str
    target_2010_11: float | None
    units: str
    better_by: float | None
    better_by_percent: float | None
    mark: str


def ambition(areas: Sequence[AreaOverview], code: str) -> list[Ambition]:
    """Every area that chose the indicator, the most ambitious (by share of its baseline) first."""
    lines = []
    for area in areas:
        cell = area.cell(code)
        if cell is None or cell.mark == NOT_CHOSEN:
            continue
        t = cell.target
        lines.append(
            Ambition(
                area=area.area,
                baseline=t.baseline,
                baseline_period=t.baseline_period,
                target_2010_11=t.target_2010_11,
                units=t.units,
                better_by=improvement(t.baseline, t.target_2010_11, cell.polarity),
                better_by_percent=improvement_percent(t.baseline, t.target_2010_11, cell.polarity),
                mark=cell.mark,
            )
        )
    return sorted(lines, key=lambda a: (a.better_by_percent is None, -(a.better_by_percent or 0), a.area))
