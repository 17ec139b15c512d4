"""The negotiation rules as pure functions: each problem has a severity and a plain sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from laadesk.core.catalogue import Catalogue, Polarity
from laadesk.core.codes import is_national, sort_key
from laadesk.core.labels import field_words, indicator_name
from laadesk.core.model import OTHER_REASON as OTHER
from laadesk.core.model import PLACE_SURVEY_PENDING as PLACE_SURVEY
from laadesk.core.model import YEAR_FIELDS, YEARS, Role, Target
from laadesk.core.statutory_years import academic_year, not_yet_set

DESIGNATED_LIMIT = 35


class Severity(StrEnum):
    """An error stops sign-off; a warning asks the officer to look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One broken rule; `code` and `field` say where, so a person can jump to it."""

    rule: str
    severity: Severity
    message: str
    code: str | None = None
    field: str | None = None


def polarity_of(target: Target, catalogue: Catalogue) -> Polarity | None:
    if target.polarity is not None:
        return target.polarity
    indicator = catalogue.get(target.code)
    return indicator.polarity if indicator else None


def check_designated_limit(targets: tuple[Target, ...], catalogue: Catalogue) -> list[Problem]:
    count = sum(1 for t in targets if t.role is Role.DESIGNATED)
    if count <= DESIGNATED_LIMIT:
        return []
    return [
        Problem(
            "designated-limit",
            Severity.ERROR,
            f"{count} improvement targets are designated; an agreement may have at most "
            f"{DESIGNATED_LIMIT}. Make {count - DESIGNATED_LIMIT} of them candidates, local or rejected.",
        )
    ]


def check_any_designated(targets: tuple[Target, ...], catalogue: Catalogue) -> list[Problem]:
    if any(t.role is Role.DESIGNATED for t in targets):
        return []
    return [
        Problem(
            "no-designated",
            Severity.ERROR,
            "No improvement targets are designated yet; an agreement needs at least one before sign-off.",
        )
    ]


def check_chosen_once(targets: tuple[Target, ...], catalogue: Catalogue) -> list[Problem]:
    counts = Counter(t.code for t in targets)
    return [
        Problem(
            "chosen-twice",
            Severity.ERROR,
            f"{indicator_name(code, catalogue)} is chosen {n} times; an indicator can be chosen once.",
            code,
            "role",
        )
        for code, n in sorted(counts.items(), key=lambda kv: sort_key(kv[0]))
        if n > 1
    ]


def check_known_indicator(target: Target, catalogue: Catalogue) -> list[Problem]:
    if not is_national(target.code):
        if target.chosen and not target.title.strip():
            return [
                Problem(
                    "local-title", Severity.ERROR, f"Local indicator {target.code} has no title.", target.code, "title"
                )
            ]
        return []
    indicator = catalogue.get(target.code)
    if indicator is None:
        return [
            Problem(
                "unknown-indicator",
                Severity.ERROR,
                f"{target.code} is not in the National Indicator Set ({catalogue.edition}).",
                target.code,
                "code",
            )
        ]
    problems = []
    if indicator.withdrawn and target.role is not Role.REJECTED:
        problems.append(
            Problem(
                "withdrawn",
                Severity.ERROR,
                f"{indicator_name(target.code, catalogue)} was withdrawn from the National Indicator Set "
                "and cannot be chosen.",
                target.code,
                "role",
            )
        )
    if indicator.statutory and target.role is Role.DESIGNATED:
        problems.append(
            Problem(
                "statutory-designated",
                Severity.ERROR,
                f"{indicator_name(target.code, catalogue)} is a statutory education target: it sits outside the 35, "
                "so give it the statutory role rather than designating it.",
                target.code,
                "role",
            )
        )
    if target.role is Role.STATUTORY and not indicator.statutory:
        problems.append(
            Problem(
                "not-statutory",
                Severity.WARNING,
                f"{indicator_name(target.code, catalogue)} is marked statutory but is not in the catalogue's statutory "
                "education set; check the role or correct the catalogue.",
                target.code,
                "role",
            )
        )
    if target.role is Role.LOCAL:
        problems.append(
            Problem(
                "national-as-local",
                Severity.WARNING,
                f"{indicator_name(target.code, catalogue)} is a national indicator recorded as a local target.",
                target.code,
                "role",
            )
        )
    return problems


def check_levels(target: Target, catalogue: Catalogue, as_at: date | None = None) -> list[Problem]:
    """Designated targets need a baseline and three years unless deferred; statutory targets need
    a baseline and the levels of the academic years already set as at `as_at` (today by default),
    since the children's department set them one year at a time (core/statutory_years)."""
    if target.role not in (Role.DESIGNATED, Role.STATUTORY):
        return []
    name = indicator_name(target.code, catalogue, target)
    if target.deferred:
        problems = []
        if not target.deferral_reason:
            problems.append(
                Problem(
                    "deferral-reason",
                    Severity.ERROR,
                    f"{name} is deferred without a reason.",
                    target.code,
                    "deferral_reason",
                )
            )
        if target.deferral_reason == OTHER and not target.deferral_note.strip():
            problems.append(
                Problem(
                    "deferral-note",
                    Severity.WARNING,
                    f"{name} is deferred for 'other' reasons without saying which; write them after 'other:'.",
                    target.code,
                    "deferral_reason",
                )
            )
        if target.revisit_date is None:
            problems.append(
                Problem(
                    "revisit-date",
                    Severity.WARNING,
                    f"{name} is deferred with no date to revisit it.",
                    target.code,
                    "revisit_date",
                )
            )
        return problems
    indicator = catalogue.get(target.code)
    if indicator is not None and indicator.place_survey and target.baseline is None and not target.baseline_as_written:
        return [
            Problem(
                "place-survey-blank",
                Severity.ERROR,
                f"{name} is a Place Survey indicator with no baseline: defer it with the reason "
                f"'{PLACE_SURVEY}' instead of leaving it blank.",
                target.code,
                "baseline",
            )
        ]
    missing = []
    if target.baseline is None and not target.baseline_as_written:
        missing.append(("baseline", "baseline"))
    day = as_at or date.today()
    for year, fieldname, level in zip(YEARS, YEAR_FIELDS, target.levels):
        if level is None and not target.as_written(fieldname) and not not_yet_set(target, fieldname, day):
            named = academic_year(year) if target.role is Role.STATUTORY else year
            missing.append((fieldname, f"{named} target"))
    if not missing:
        return []
    listed = ", ".join(label for _, label in missing)
    return [
        Problem(
            "levels-missing",
            Severity.ERROR,
            f"{name} has no {listed}; fill it in or defer the target with a reason.",
            target.code,
            missing[0][0],
        )
    ]


def check_as_written(target: Target, catalogue: Catalogue) -> list[Problem]:
    """A level a table gave in words stays a warning until the officer types the figure."""
    if not target.chosen:
        return []
    name = indicator_name(target.code, catalogue, target)
    return [
        Problem(
            "as-written",
            Severity.WARNING,
            f"{name}: the {field_words(level)} is written as '{' '.join(text.split())}', not a number; type the "
            "figure once it is settled (until then the packs print it as written).",
            target.code,
            level,
        )
        for level, text in target.written_levels.items()
    ]


def check_direction(target: Target, catalogue: Catalogue) -> list[Problem]:
    """A trajectory that moves away from the better direction is flagged."""
    polarity = polarity_of(target, catalogue)
    if polarity is None or not target.chosen:
        return []
    points = [("baseline", target.baseline), *zip(YEARS, target.levels)]
    known = [(label, value) for label, value in points if value is not None]
    for (label_a, a), (label_b, b) in pairwise(known):
        worse = b < a if polarity is Polarity.HIGHER else b > a
        if worse:
            better = "higher" if polarity is Polarity.HIGHER else "lower"
            return [
                Problem(
                    "wrong-direction",
                    Severity.WARNING,
                    f"{indicator_name(target.code, catalogue, target)} gets worse from {label_a} to {label_b} "
                    f"({a:g} to {b:g}) although {better} is better.",
                    target.code,
                    dict(zip(YEARS, YEAR_FIELDS))[label_b],
                )
            ]
    return []


def check_partners(target: Target, catalogue: Catalogue) -> list[Problem]:
    if not target.chosen:
        return []
    name = indicator_name(target.code, catalogue, target)
    if not target.lead_partner.strip():
        return [Problem("lead-partner", Severity.ERROR, f"{name} has no lead partner.", target.code, "lead_partner")]
    if not target.partners:
        return [
            Problem("partners", Severity.WARNING, f"{name} has no partners signed up to it.", target.code, "partners")
        ]
    return []


def check_statutory_complete(targets: tuple[Target, ...], catalogue: Catalogue) -> list[Problem]:
    recorded = {t.code for t in targets if t.role is Role.STATUTORY}
    missing = [i.code for i in catalogue.statutory() if i.code not in recorded]
    if not missing:
        return []
    return [
        Problem(
            "statutory-missing",
            Severity.WARNING,
            f"{len(missing)} of the {len(catalogue.statutory())} statutory education targets are not recorded: "
            + ", ".join(missing)
            + ".",
        )
    ]


PER_TARGET = (check_known_indicator, check_levels, check_as_written, check_direction, check_partners)
WHOLE_SET = (check_designated_limit, check_any_designated, check_chosen_once, check_statutory_complete)


def check(targets: tuple[Target, ...], catalogue: Catalogue, as_at: date | None = None) -> list[Problem]:
    """Every problem in a set of targets as at a day (today by default), errors first, then by indicator."""
    problems: list[Problem] = []
    for whole in WHOLE_SET:
        problems.extend(whole(targets, catalogue))
    for target in sorted(targets, key=lambda t: sort_key(t.code)):
        for rule in PER_TARGET:
            problems.extend(check_levels(target, catalogue, as_at) if rule is check_levels else rule(target, catalogue))
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(problems, key=lambda p: order[p.severity])


def ready_for_sign_off(problems: list[Problem]) -> bool:
    return not any(p.severity is Severity.ERROR for p in problems)


def summary(targets: tuple[Target, ...], catalogue: Catalogue, problems: list[Problem]) -> str:
    """The status-bar line: "Designated 31/35 - Statutory 16/16 - Deferred 4 - 2 errors"."""
    designated = sum(1 for t in targets if t.role is Role.DESIGNATED)
    statutory = sum(1 for t in targets if t.role is Role.STATUTORY)
    deferred = sum(1 for t in targets if t.chosen and t.deferred)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    parts = [
        f"Designated {designated}/{DESIGNATED_LIMIT}",
        f"Statutory {statutory}/{len(catalogue.statutory())}",
        f"Local {sum(1 for t in targets if t.role is Role.LOCAL)}",
        f"Deferred {deferred}",
        f"{errors} error{'s' if errors != 1 else ''}",
        f"{warnings} warning{'s' if warnings != 1 else ''}",
    ]
    return " - ".join(parts)
