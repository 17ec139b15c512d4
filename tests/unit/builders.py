"""Small builders for test records: a complete designated target, the shipped catalogue."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from laadesk.core.catalogue import Catalogue
from laadesk.core.model import Role, Status, Target
from laadesk.store.reference import shipped_catalogue


def catalogue() -> Catalogue:
    return shipped_catalogue()


def complete(code: str = "NI 116", **changes: Any) -> Target:
    """A designated target that breaks no rule (NI 116: child poverty, lower is better)."""
    target = Target(
        code=code,
        role=Role.DESIGNATED,
        status=Status.AGREED,
        baseline=22.0,
        baseline_period="2007/08",
        target_2008_09=21.5,
        target_2009_10=21.0,
        target_2010_11=20.0,
        units="%",
        lead_partner="Kingsmere County Council",
        partners=("Kingsmere PCT",),
    )
    return replace(target, **changes)


def designated_codes(count: int) -> list[str]:
    """`count` national indicator codes that are neither statutory, withdrawn nor Place Survey."""
    usable = [i.code for i in catalogue().indicators if not (i.statutory or i.withdrawn or i.place_survey)]
    return usable[:count]
