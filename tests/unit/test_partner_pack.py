"""A partner authority's pack: the council pack cut to the targets that relate to one partner authority."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.model import SubAreaKind, SubAreaTarget
from laadesk.core.pack import Audience, build_pack, council_pack, partner_authority_named
from laadesk.core.sign_off import relations
from laadesk.core.snapshot import WorkbookSnapshot

TODAY = date(2008, 6, 20)
PARTNER = "Wenmoor District Council"


def test_the_partner_pack_holds_only_what_relates_to_the_partner(demo_snapshot: WorkbookSnapshot) -> None:
    rows = [r for r in relations(demo_snapshot) if r.partner == PARTNER]
    codes = {r.code for r in rows}
    first = sorted(codes)[0]
    other = next(t.code for t in demo_snapshot.targets if t.chosen and t.code not in codes)
    figures = (
        SubAreaTarget(first, "Wenmoor", SubAreaKind.DISTRICT, 1.0),  # its district
        SubAreaTarget(first, "Thornwold", SubAreaKind.DISTRICT, 2.0),  # another district
        SubAreaTarget(first, "Upland wards", SubAreaKind.NEIGHBOURHOODS, 3.0, lead_partner=PARTNER),  # it leads
        SubAreaTarget(other, "Wenmoor", SubAreaKind.DISTRICT, 4.0),  # its district, but not its target
    )
    snapshot = replace(demo_snapshot, sub_areas=figures)
    council = council_pack(snapshot, TODAY)
    pack = build_pack(snapshot, Audience.COUNCIL, TODAY, for_partner=PARTNER.lower())
    assert pack.for_partner == PARTNER and pack.audience is Audience.COUNCIL and not pack.internal
    assert {t.code for t in pack.targets} == codes
    assert pack.targets == tuple(t for t in council.targets if t.code in codes)  # in the council pack's order
    assert [(s.code, s.sub_area) for s in pack.sub_areas] == [(first, "Wenmoor"), (first, "Upland wards")]
    assert [r.key for r in pack.agreements] == [r.key for r in rows]
    assert {r.partner for r in pack.agreements} == {PARTNER}
    assert pack.story == ()
    assert all(set(p.leads + p.signed_up) <= codes for p in pack.partners)
    # Nothing of government's side, as in every council-bound pack.
    assert (pack.positions, pack.position_history, pack.notes, pack.open_actions) == ((), (), (), ())
    assert council_pack(snapshot, TODAY, for_partner=PARTNER) == replace(pack, unsettled=(), status=council.status)


def test_only_a_partner_authority_has_a_pack(demo_snapshot: WorkbookSnapshot) -> None:
    assert partner_authority_named(demo_snapshot, " wenmoor district council ") == PARTNER
    for name in ("Nowhere Parish Council", "Kingsmere Voluntary Action"):  # unknown; a partner but no authority
        with pytest.raises(
            WorkbookUnavailable,
            match=r"is not a partner authority of Kingsmere; the partner "
            r"authorities are: Colbeck Valley District Council; .*; Wenmoor District Council\.$",
        ):
            build_pack(demo_snapshot, Audience.COUNCIL, TODAY, for_partner=name)
