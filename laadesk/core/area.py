"""The area's partners and districts as edits that keep every target naming them consistent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

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


def add_partner(snapshot: WorkbookSnapshot, name: str, sector: str = "") -> Edit:
    name = check_name(name, "partner", [p.name for p in snapshot.partners])
    return Edit(f"add partner {name}", (Put(Partner(name, sector.strip())),))


def rename_partner(snapshot: WorkbookSnapshot, partner: Partner, new_name: str) -> Edit:
    """Rename a partner and, in the same edit, every target that names it as lead or signed up."""
    name = check_name(new_name, "partner", [p.name for p in snapshot.partners], old=partner.name)
    if name == partner.name:
        return Edit("rename partner", ())
    changes: list[Change] = [Remove(partner), Put(replace(partner, name=name))]
    for target in snapshot.targets:
        lead = name if _same(target.lead_partner, partner.name) else target.lead_partner
        partners = tuple(name if _same(p, partner.name) else p for p in target.partners)
        if (lead, partners) != (target.lead_partner, target.partners):
            changes.append(Put(replace(target, lead_partner=lead, partners=partners), target))
    return Edit(f"rename partner {partner.name} to {name}", tuple(changes))


def remove_partner(snapshot: WorkbookSnapshot, partner: Partner) -> Edit:
    """Remove a partner and take it off every target that names it, in one edit."""
    changes: list[Change] = []
    for target in snapshot.targets:
        lead = "" if _same(target.lead_partner, partner.name) else target.lead_partner
        partners = tuple(p for p in target.partners if not _same(p, partner.name))
        if (lead, partners) != (target.lead_partner, target.partners):
            changes.append(Put(replace(target, lead_partner=lead, partners=partners), target))
    changes.append(Remove(partner))
    return Edit(f"remove partner {partner.name}", tuple(changes))


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


def add_district(snapshot: WorkbookSnapshot, name: str, ons_code: str = "") -> Edit:
    name = check_name(name, "district", [d.name for d in snapshot.districts])
    return Edit(f"add district {name}", (Put(District(name, ons_code.strip())),))


def rename_district(snapshot: WorkbookSnapshot, district: District, new_name: str) -> Edit:
    """Rename a district and, in the same edit, every target whose spatial level names it."""
    name = check_name(new_name, "district", [d.name for d in snapshot.districts], old=district.name)
    if name == district.name:
        return Edit("rename district", ())
    changes: list[Change] = [Remove(district), Put(replace(district, name=name))]
    for target in snapshot.targets:
        districts = tuple(name if _same(d, district.name) else d for d in target.districts)
        if districts != target.districts:
            changes.append(Put(replace(target, districts=districts), target))
    return Edit(f"rename district {district.name} to {name}", tuple(changes))


def remove_district(snapshot: WorkbookSnapshot, district: District) -> Edit:
    """Remove a district and take it off every target's spatial level, in one edit."""
    changes: list[Change] = []
    for target in snapshot.targets:
        districts = tuple(d for d in target.districts if not _same(d, district.name))
        if districts != target.districts:
            changes.append(Put(replace(target, districts=districts), target))
    changes.append(Remove(district))
    return Edit(f"remove district {district.name}", tuple(changes))
