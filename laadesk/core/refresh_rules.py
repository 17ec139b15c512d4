"""The rules of an open refresh round (the round itself is core/refresh.py): each change since the
agreed version without a reason, each deferral past its revisit date. Kept apart so that the rules
read at start-up load the comparing only when a round is open."""

from __future__ import annotations

from datetime import date

from laadesk.core.dates import format_date
from laadesk.core.labels import indicator_name
from laadesk.core.rules import Problem, Severity
from laadesk.core.snapshot import WorkbookSnapshot


def check_refresh(snapshot: WorkbookSnapshot) -> list[Problem]:
    """While a refresh round is open: each change without a reason, each deferral past its date."""
    round_ = snapshot.refresh_round
    if not round_.open:
        return []
    problems = []
    base = round_.base()
    if isinstance(base, dict):
        from laadesk.core.refresh import changes_since  # only while a round is open

        since = changes_since(round_.from_version, "", "", base, snapshot)
        for line in since.unexplained:
            name = indicator_name(line.ni, snapshot.catalogue, snapshot.target(line.ni))
            problems.append(
                Problem(
                    "refresh-reason",
                    Severity.WARNING,
                    f'{name}: {line.what} changed since "{round_.from_version}" ({line.agreed} -> {line.proposed}) '
                    "with no reason given for the refresh.",
                    line.ni,
                    line.field if ":" not in line.field and line.field != "target" else None,
                )
            )
    as_at = snapshot.area.as_at or date.today()
    for target in snapshot.targets:
        if target.chosen and target.deferred and target.revisit_date is not None and target.revisit_date <= as_at:
            name = indicator_name(target.code, snapshot.catalogue, target)
            problems.append(
                Problem(
                    "refresh-deferral",
                    Severity.WARNING,
                    f"{name} was deferred to be revisited by {format_date(target.revisit_date)}: settle it in this "
                    "refresh round.",
                    target.code,
                    "revisit_date",
                )
            )
    return problems
