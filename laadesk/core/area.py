"""The area's partners and districts as edits that keep every target naming them consistent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from laadesk.core.codes import sort_key
from laadesk.core.edits import Change, Edit, Put, Remove
from laadesk.core.labels import listed
from laadesk.core.model import District, Partner, Target
from laadesk.core.snapshot import WorkbookSnapshot

GO_REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
"""The nine Government Office regions, in the order Whitehall listed them."""

PROTECTIVE_MARKINGS = ("NOT PROTECTIVELY MARKED", "PROTECT", "RESTRICTED", "CONFIDENTIAL")
"""The Government Protective Marking Scheme levels an LAA workbook may carry (2008)."""


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def check_name(text: str, kind: str, taken: Sequence[str], old: str | None = None) -> str:
    """A new name for a partner or district, trimmed; blank or taken names are refused with a sentence."""
    name = " ".join(text.split())
    if not name:
        raise ValueError(f"A {kind} needs a name")
    if any(_same(name, other) for other in taken if old is None or not _same(other, old)):
        raise ValueError(f"There is already a {kind} called '{name}'")
    return name


# -- partners ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerUse:
    """The targets that name a partner: as lead, and as signed up."""

    leads: tuple[str, ...] = ()
    signed_up: tuple[str, ...] = ()

    @property
    def used(self) -> bool:
        return bool(self.leads or self.signed_up)

    def sentence(self, name: str) -> str:
        """ "Kingsmere Constabulary leads NI 16 and NI 20 and is signed up to NI 32." """
        parts = []
        if self.leads:
            parts.append(f"leads {listed(self.leads)}")
        if self.signed_up:
            parts.append(f"is signed up to {listed(self.signed_up)}")
        if not parts:
            return f"{name} is not named by any target."
        return f"{name} {' and '.join(parts)}."


def partner_use(name: str, targets: Sequence[Target]) -> PartnerUse:
    ordered = sorted(targets, key=lambda t: sort_key(t.code))
    return PartnerUse(
        leads=tuple(t.code for t in ordered if _same(t.lead_partner, name)),
        signed_up=tuple(t.code for t in ordered if any(_same(p, name) for p in t.partners)),
    )


def partner_removal_question(name: str, use: PartnerUse) -> str:
    """What removing a partner in use would do, asked before it is done."""
    question = use.sentence(name)
    if use.leads:
        question += f" {listed(use.leads)} would then have no lead partner."
    return question + f" Remove {name} from {'that target' if _count(use) == 1 else 'those targets'} too?"


def _count(use: PartnerUse) -> int:
    return len(set(use.leads) | set(use.signed_up))


# -- districts -------------------------------------------------------------------------------


def district_use(name: str, targets: Sequence[Target]) -> tuple[str, ...]:
    """The targets whose spatial level names a district."""
    ordered = sorted(targets, key=lambda t: sort_key(t.code))
    return tuple(t.code for t in ordered if any(_same(d, name) for d in t.districts))


def district_removal_question(name: str, targets: Sequence[Target]) -> str:
    """What removing a district in use would do, asked before it is done."""
    users = [t for t in sorted(targets, key=lambda t: sort_key(t.code)) if any(_same(d, name) for d in t.districts)]
    question = f"{name} is part of the spatial level of {listed([t.code for t in users])}."
    only = [t.code for t in users if all(_same(d, name) for d in t.districts)]
    if only:
        question += f" {listed(only)} {'applies' if len(only) == 1 else 'apply'} only to {name}"
        question += " and would then apply to the whole area."
    return question + f" Remove {name} from {'that target' if len(users) == 1 else 'those targets'} too?"


# -- a name that targets carry ------------------------------------------------------------------

Named = Partner | District


@dataclass(frozen=True)
class NamedList:
    """One of the area's lists of names that targets carry (partners, districts): adding to it, and
    renaming or removing a name together with every target that names it, each as one edit."""

    noun: str
    record: type[Partner] | type[District]
    listed_in: str  # the snapshot field holding the list
    target_fields: tuple[str, ...]  # the Target fields that carry its names

    def names(self, snapshot: WorkbookSnapshot) -> list[str]:
        return [r.name for r in getattr(snapshot, self.listed_in)]

    def add(self, snapshot: WorkbookSnapshot, name: str, detail: str = "") -> Edit:
        """A new entry; `detail` is a partner's sector or a district's ONS code."""
        name = check_name(name, self.noun, self.names(snapshot))
        return Edit(f"add {self.noun} {name}", (Put(self.record(name, detail.strip())),))

    def rename(self, snapshot: WorkbookSnapshot, record: Named, new_name: str) -> Edit:
        name = check_name(new_name, self.noun, self.names(snapshot), old=record.name)
        if name == record.name:
            return Edit(f"rename {self.noun}", ())
        changes: list[Change] = [Remove(record), Put(replace(record, name=name))]
        changes += _in_targets(snapshot.targets, record.name, name, self.target_fields)
        return Edit(f"rename {self.noun} {record.name} to {name}", tuple(changes))

    def remove(self, snapshot: WorkbookSnapshot, record: Named) -> Edit:
        changes = [*_in_targets(snapshot.targets, record.name, None, self.target_fields), Remove(record)]
        return Edit(f"remove {self.noun} {record.name}", tuple(changes))


PARTNERS = NamedList("partner", Partner, "partners", ("lead_partner", "partners"))
DISTRICTS = NamedList("district", District, "districts", ("districts",))
add_partner, rename_partner, remove_partner = PARTNERS.add, PARTNERS.rename, PARTNERS.remove
add_district, rename_district, remove_district = DISTRICTS.add, DISTRICTS.rename, DISTRICTS.remove


def _in_targets(targets: Sequence[Target], old: str, new: str | None, fields: tuple[str, ...]) -> list[Change]:
    """Every target naming `old` in these fields, with the name changed to `new` (or taken off for None)."""
    changes: list[Change] = []
    for target in targets:
        values: dict[str, Any] = {}
        for field in fields:
            value = getattr(target, field)
            if isinstance(value, tuple):
                kept = (v for v in value if new is not None or not _same(v, old))
                values[field] = tuple(new if new is not None and _same(v, old) else v for v in kept)
            else:
                values[field] = (new or "") if _same(value, old) else value
        after = replace(target, **values)
        if after != target:
            changes.append(Put(after, target))
    return changes
