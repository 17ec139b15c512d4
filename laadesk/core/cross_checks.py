"""Rules that look across records: partners, districts and agreed positions against targets."""

from __future__ import annotations

from laadesk.core.floors import check_floors
from laadesk.core.labels import indicator_name
from laadesk.core.model import YEAR_FIELDS, YEARS, Target
from laadesk.core.refresh_rules import check_refresh
from laadesk.core.rules import Problem, Severity, check
from laadesk.core.sign_off import check_partner_agreements
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.sub_areas import check_sub_areas


def _name(snapshot: WorkbookSnapshot, target: Target) -> str:
    return indicator_name(target.code, snapshot.catalogue, target)


def check_partners_known(snapshot: WorkbookSnapshot) -> list[Problem]:
    """Lead partners and partners signed up must be partners of the area's LSP."""
    known = {p.name.casefold() for p in snapshot.partners}
    problems = []
    for target in snapshot.targets:
        if not target.chosen:
            continue
        unknown = [n for n in (target.lead_partner, *target.partners) if n.strip() and n.casefold() not in known]
        for name in dict.fromkeys(unknown):
            field = "lead_partner" if name == target.lead_partner else "partners"
            problems.append(
                Problem(
                    "unknown-partner",
                    Severity.WARNING,
                    f"{_name(snapshot, target)} names '{name}', who is not among the area's partners.",
                    target.code,
                    field,
                )
            )
    return problems


def check_districts_known(snapshot: WorkbookSnapshot) -> list[Problem]:
    known = {d.name.casefold() for d in snapshot.districts}
    return [
        Problem(
            "unknown-district",
            Severity.ERROR,
            f"{_name(snapshot, target)} applies to '{district}', which is not a district of {snapshot.area.name}.",
            target.code,
            "districts",
        )
        for target in snapshot.targets
        if target.chosen
        for district in target.districts
        if district.casefold() not in known
    ]


def check_agreed_levels(snapshot: WorkbookSnapshot) -> list[Problem]:
    """An agreed level in the negotiation must be the level the target records."""
    fields = dict(zip(YEARS, YEAR_FIELDS))
    problems = []
    for position in snapshot.positions:
        target = snapshot.target(position.code)
        if target is None or position.agreed_level is None or position.year not in fields:
            continue
        recorded = getattr(target, fields[position.year])
        if recorded != position.agreed_level:
            words = " ".join(target.as_written(fields[position.year]).split())
            has = format(recorded, "g") if recorded is not None else f"'{words}' as written" if words else "nothing"
            problems.append(
                Problem(
                    "agreed-level-differs",
                    Severity.ERROR,
                    f"{_name(snapshot, target)}: the level agreed for {position.year} is {position.agreed_level:g}, "
                    f"but the target records {has}.",
                    target.code,
                    fields[position.year],
                )
            )
    return problems


def check_workbook(snapshot: WorkbookSnapshot) -> list[Problem]:
    """Every rule over the whole workbook, errors first."""
    problems = check(snapshot.targets, snapshot.catalogue, snapshot.area.as_at)
    for cross in (
        check_partners_known,
        check_districts_known,
        check_agreed_levels,
        check_sub_areas,
        check_floors,
        check_partner_agreements,
        check_refresh,
    ):
        problems.extend(cross(snapshot))
    return sorted(problems, key=lambda p: p.severity is Severity.WARNING)
