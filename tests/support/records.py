"""Records and snapshots tests build: a complete designated target, a target's levels, a Kingsmere snapshot."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from laadesk.core.catalogue import Catalogue
from laadesk.core.model import AreaProfile, Role, Status, Target
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.reference import shipped_catalogue

# What the new-workbook reference fills in for Derbyshire, in order.
DERBYSHIRE_DISTRICTS = (
    "Amber Valley",
    "Bolsover",
    "Chesterfield",
    "Derbyshire Dales",
    "Erewash",
    "High Peak",
    "North East Derbyshire",
    "South Derbyshire",
)


def catalogue() -> Catalogue:
    return shipped_catalogue()


def levels(
    baseline: object, first: object, second: object, third: object, *, period: str = "2007/08"
) -> dict[str, Any]:
    """A baseline and the targets for 2008/09, 2009/10 and 2010/11, named as a Target's fields (and as
    the exchange layout's columns)."""
    return {
        "baseline": baseline,
        "baseline_period": period,
        "target_2008_09": first,
        "target_2009_10": second,
        "target_2010_11": third,
    }


def complete(code: str = "NI 116", **changes: Any) -> Target:
    """A designated target that breaks no rule (NI 116: child poverty, lower is better)."""
    target = Target(
        code,
        Role.DESIGNATED,
        status=Status.AGREED,
        **levels(22.0, 21.5, 21.0, 20.0),
        units="%",
        lead_partner="Kingsmere County Council",
        partners=("Kingsmere PCT",),
    )
    return replace(target, **changes)


def designated_codes(count: int) -> list[str]:
    """`count` national indicator codes that are neither statutory, withdrawn nor Place Survey."""
    usable = [i.code for i in catalogue().indicators if not (i.statutory or i.withdrawn or i.place_survey)]
    return usable[:count]


def snapshot(*targets: Target, **parts: Any) -> WorkbookSnapshot:
    """Kingsmere with the shipped catalogue, these targets and any other records (partners=, notes=, ...)."""
    return WorkbookSnapshot(area=AreaProfile("Kingsmere"), catalogue=catalogue(), targets=targets, **parts)
