"""Rules for a target's sub-area figures: direction, districts adding up, districts known, partner authorities asked."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise

from laadesk.core.catalogue import Polarity
from laadesk.core.labels import indicator_name
from laadesk.core.model import YEAR_FIELDS, YEARS, AgreementState, SubAreaKind, SubAreaTarget, Target
from laadesk.core.numbers import format_figure
from laadesk.core.rules import Problem, Severity, polarity_of
from laadesk.core.snapshot import WorkbookSnapshot

# Where a sub-area problem lies, as the Problems page says it ("sub area figures").
FIELD = "sub_area_figures"
# Units that plainly count things, so district figures add up to the area's. Anything else (a rate,
# a percentage, a score, an average, "per 1,000") is not added: laadesk never guesses it is a count.
COUNT_WORDS = frozenset(
    {
        "count",
        "number",
        "numbers",
        "people",
        "persons",
        "households",
        "dwellings",
        "homes",
        "casualties",
        "claimants",
        "children",
        "adults",
        "young people",
        "offences",
        "crimes",
        "incidents",
        "learners",
        "places",
        "units",
    }
)
NOT_A_COUNT = frozenset(
    {"per", "rate", "ratio", "index", "score", "average", "proportion", "percent", "percentage", "mean"}
)
ASKED_OR_AGREED = (AgreementState.ASKED, AgreementState.AGREED)
# Figures that differ by less than this still add up (a sum of decimals carries float noise).
TOLERANCE = 1e-6


def is_count(units: str) -> bool:
    """Whether a unit plainly counts things: "number", "people", "number of households", "casualties".
    Conservative: a unit that names a rate, a share or money, or that is blank, is not a count."""
    words = " ".join(units.casefold().split())
    if not words or "%" in words or "£" in words or NOT_A_COUNT.intersection(words.replace("/", " ").split()):
        return False
    return words in COUNT_WORDS or words.startswith(("number ", "count of ", "no. of "))


def _name(snapshot: WorkbookSnapshot, code: str) -> str:
    return indicator_name(code, snapshot.catalogue, snapshot.target(code))


def _grouped(snapshot: WorkbookSnapshot) -> dict[str, list[SubAreaTarget]]:
    groups: dict[str, list[SubAreaTarget]] = {}
    for row in snapshot.sub_areas:
        groups.setdefault(row.code, []).append(row)
    return groups


def check_sub_area_direction(snapshot: WorkbookSnapshot) -> list[Problem]:
    """Each sub-area's trajectory moves the better way for the indicator's polarity."""
    problems = []
    for row in snapshot.sub_areas:
        polarity = _polarity(snapshot, row.code)
        if polarity is None:
            continue
        points = [("baseline", row.baseline), *zip(YEARS, row.levels)]
        known = [(label, value) for label, value in points if value is not None]
        for (label_a, a), (label_b, b) in pairwise(known):
            if b < a if polarity is Polarity.HIGHER else b > a:
                better = "higher" if polarity is Polarity.HIGHER else "lower"
                problems.append(
                    Problem(
                        "sub-area-wrong-direction",
                        Severity.WARNING,
                        f"{_name(snapshot, row.code)}: {row.sub_area} gets worse from {label_a} to {label_b} "
                        f"({format_figure(a)} to {format_figure(b)}) although {better} is better.",
                        row.code,
                        FIELD,
                    )
                )
                break
    return problems


def _polarity(snapshot: WorkbookSnapshot, code: str) -> Polarity | None:
    target = snapshot.target(code)
    if target is not None:
        return polarity_of(target, snapshot.catalogue)
    indicator = snapshot.catalogue.get(code)
    return indicator.polarity if indicator is not None else None


def check_sub_area_districts_known(snapshot: WorkbookSnapshot) -> list[Problem]:
    """A sub-area said to be a district must be one of the area's districts."""
    known = {d.name.casefold() for d in snapshot.districts}
    return [
        Problem(
            "sub-area-unknown-district",
            Severity.ERROR,
            f"{_name(snapshot, row.code)} has figures for '{row.sub_area}' as a district, "
            f"but {row.sub_area} is not a district of {snapshot.area.name}.",
            row.code,
            FIELD,
        )
        for row in snapshot.sub_areas
        if row.kind is SubAreaKind.DISTRICT and row.sub_area.casefold() not in known
    ]


def check_districts_add_up(snapshot: WorkbookSnapshot) -> list[Problem]:
    """Where a target's sub-areas are exactly the area's districts and every unit is a count, the
    districts' levels add up to the area's, unless a sub-area's comment explains the difference."""
    districts = {d.name.casefold() for d in snapshot.districts}
    problems = []
    for code, rows in _grouped(snapshot).items():
        target = snapshot.target(code)
        if target is None or not districts or not _all_districts(rows, districts):
            continue
        if not all(is_count(row.units or target.units) for row in rows) or (
            target.units and not is_count(target.units)
        ):
            continue
        if any(row.comment.strip() for row in rows):
            continue  # the difference, if any, is explained
        for label, field, area in _area_levels(target):
            figures = [getattr(row, field) for row in rows]
            if area is None or any(f is None for f in figures):
                continue
            total = math.fsum(f for f in figures if f is not None)
            if abs(total - area) > TOLERANCE * max(1.0, abs(area)):
                problems.append(
                    Problem(
                        "sub-areas-do-not-add-up",
                        Severity.WARNING,
                        f"{_name(snapshot, code)}: the districts' {label} figures add up to {format_figure(total)}, "
                        f"but the area's is {format_figure(area)}. Correct them, or explain the difference "
                        "in a sub-area's comment.",
                        code,
                        field,
                    )
                )
    return problems


def _all_districts(rows: Sequence[SubAreaTarget], districts: set[str]) -> bool:
    named = {row.sub_area.casefold() for row in rows}
    return all(row.kind is SubAreaKind.DISTRICT for row in rows) and named == districts


def _area_levels(target: Target) -> list[tuple[str, str, float | None]]:
    return [
        ("baseline", "baseline", target.baseline),
        *((year, field, getattr(target, field)) for year, field in zip(YEARS, YEAR_FIELDS)),
    ]


def check_district_partner_asked(snapshot: WorkbookSnapshot) -> list[Problem]:
    """A district's figures relate to that district council: its partner authority is asked or has agreed."""
    known = {d.name.casefold() for d in snapshot.districts}
    authorities = [p for p in snapshot.partners if p.authority_kind.strip()]
    words = {(a.code, a.partner.casefold()): a.state for a in snapshot.agreements}
    problems = []
    for row in snapshot.sub_areas:
        if row.kind is not SubAreaKind.DISTRICT or row.sub_area.casefold() not in known:
            continue
        name = _name(snapshot, row.code)
        matches = [p for p in authorities if p.name.casefold().startswith(row.sub_area.casefold())]
        if not matches:
            problems.append(
                Problem(
                    "sub-area-no-partner-authority",
                    Severity.WARNING,
                    f"{name} has figures for {row.sub_area}, but no partner authority for {row.sub_area} "
                    "is among the area's partners.",
                    row.code,
                    FIELD,
                )
            )
            continue
        if any(words.get((row.code, p.name.casefold())) in ASKED_OR_AGREED for p in matches):
            continue
        authority = matches[0].name
        state = words.get((row.code, authority.casefold()))
        has = f"its word is recorded as {state.value}" if state is not None else "it is not listed as asked"
        problems.append(
            Problem(
                "sub-area-partner-not-asked",
                Severity.WARNING,
                f"{name} has figures for {row.sub_area}, but {authority} is not asked or agreed on it ({has}).",
                row.code,
                FIELD,
            )
        )
    return problems


SUB_AREA_CHECKS = (
    check_sub_area_direction,
    check_sub_area_districts_known,
    check_districts_add_up,
    check_district_partner_asked,
)


def check_sub_areas(snapshot: WorkbookSnapshot) -> list[Problem]:
    """Every rule over a workbook's sub-area figures."""
    problems: list[Problem] = []
    for rule in SUB_AREA_CHECKS:
        problems.extend(rule(snapshot))
    return problems
