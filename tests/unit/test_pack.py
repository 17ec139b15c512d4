"""Pack data: the council pack holds nothing internal; the internal brief holds the negotiation."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

import pytest

from laadesk.core.attachments import Attachment, InternalAttachment
from laadesk.core.model import ActionStatus, SignOff, Visibility
from laadesk.core.pack import Audience, PackStatus, build_pack, council_pack, internal_brief, pack_status
from laadesk.core.snapshot import WorkbookSnapshot

TODAY = date(2008, 6, 20)


def test_a_pack_speaks_as_at_the_workbooks_day_or_the_one_asked_for(demo_snapshot: WorkbookSnapshot) -> None:
    made = date(2026, 12, 7)
    assert demo_snapshot.area.as_at == date(2008, 6, 20)
    pack = build_pack(demo_snapshot, Audience.COUNCIL, made)
    assert (pack.generated, pack.as_at) == (made, date(2008, 6, 20))
    asked = build_pack(demo_snapshot, Audience.INTERNAL, made, as_at=date(2008, 7, 1))
    assert (asked.generated, asked.as_at) == (made, date(2008, 7, 1))
    unset = replace(demo_snapshot, area=replace(demo_snapshot.area, as_at=None))
    assert build_pack(unset, Audience.COUNCIL, made).as_at == made


def test_council_pack_carries_nothing_internal(demo_snapshot: WorkbookSnapshot) -> None:
    pack = council_pack(demo_snapshot, TODAY)
    assert pack.audience is Audience.COUNCIL and not pack.internal
    assert (pack.positions, pack.position_history, pack.notes, pack.open_actions) == ((), (), (), ())
    assert demo_snapshot.area.protective_marking == "PROTECT"
    assert pack.marking == ""  # published once adopted: no marking unless one is chosen at export
    chosen = build_pack(demo_snapshot, Audience.COUNCIL, TODAY, council_marking="PROTECT")
    assert chosen.marking == "PROTECT"
    assert build_pack(demo_snapshot, Audience.INTERNAL, TODAY).marking.startswith("PROTECT - INTERNAL")
    # Every field of the pack is accounted for: a new internal field must be added to this test.
    assert {f.name for f in fields(pack)} == {
        "audience",
        "area",
        "status",
        "version",
        "generated",
        "as_at",
        "nis_edition",
        "titles",
        "exchange_titles",
        "unverified_titles",
        "polarity",
        "story",
        "designated",
        "statutory",
        "local",
        "partners",
        "adoptions",
        "deferral_reasons",
        "council_marking",
        "unsettled",
        "charts",
        "sign_off",
        "milestones",
        "districts",
        "sub_areas",  # the council's own figures by sub-area (issue 14)
        "sequence",  # where sign-off stands: the council's own side
        "responsible",
        "agreements",
        "for_partner",  # a partner authority's name: its pack is the council pack cut to it (issue 14)
        "agreed_version",  # the version's label, day and hash: the council's to match its paper (issue 15)
        "changes_since",  # the agreement's changes since a version, with their reasons (issue 15)
        "attachments",  # attached evidence, built from the council view: shareable ones only (issue 17)
        "positions",
        "position_history",
        "notes",
        "open_actions",
    }


def test_the_council_pack_lists_only_shareable_attachments(demo_snapshot: WorkbookSnapshot) -> None:
    shared = Attachment("a" * 64, "minutes.pdf", "PDF", 100, "Rita", "2008-06-01T10:00:00+00:00")
    internal = InternalAttachment("b" * 64, "CANARY pack.pdf", "PDF", 100, "Rita", "2008-06-01T10:00:00+00:00")
    held = replace(demo_snapshot, attachments=(shared,), internal_attachments=(internal,))
    assert council_pack(held, TODAY).attachments == (shared,)
    assert internal_brief(held, TODAY).attachments == (shared, internal)


def test_internal_brief_holds_the_negotiation(demo_snapshot: WorkbookSnapshot) -> None:
    pack = internal_brief(demo_snapshot, TODAY)
    assert pack.internal and "INTERNAL TO GOVERNMENT" in pack.marking
    assert len(pack.positions) == len(demo_snapshot.positions) and any(line.position.floor for line in pack.positions)
    assert any(n.visibility is Visibility.INTERNAL for n in pack.notes)
    assert pack.open_actions and all(n.action_status is ActionStatus.OPEN for n in pack.open_actions)
    ni20 = next(line for line in pack.positions if line.position.code == "NI 20" and line.position.year == "2010/11")
    assert ni20.gap.startswith(("area more ambitious", "government more ambitious", "no gap"))


def test_targets_split_by_kind_in_exchange_order(demo_snapshot: WorkbookSnapshot) -> None:
    pack = build_pack(demo_snapshot, Audience.COUNCIL, TODAY)
    assert (len(pack.designated), len(pack.statutory), len(pack.local), len(pack.deferred)) == (32, 16, 3, 4)
    assert pack.targets[0].code == "NI 1" and pack.targets[-1].code == "L3"
    # The council's copy prints the catalogue's title; the internal brief says it is unverified.
    assert pack.titles["NI 33"] == demo_snapshot.catalogue.get("NI 33").title  # type: ignore[union-attr]
    assert build_pack(demo_snapshot, Audience.INTERNAL, TODAY).titles["NI 33"].endswith("(title unverified)")
    assert (pack.edition_name, demo_snapshot.catalogue.edition.startswith(pack.edition_name)) == (
        "National Indicator Set 2008",
        True,
    )


def test_partners_signing_up(demo_snapshot: WorkbookSnapshot) -> None:
    pack = council_pack(demo_snapshot, TODAY)
    constabulary = next(p for p in pack.partners if p.name == "Kingsmere Constabulary")
    assert "NI 16" in constabulary.leads
    assert all(p.leads or p.signed_up for p in pack.partners)


@pytest.mark.parametrize(
    ("sign_off", "status"),
    [
        (SignOff(), PackStatus.DRAFT),
        (SignOff(go_recommendation_date=date(2008, 6, 12)), PackStatus.FOR_ADOPTION),
        (SignOff(date(2008, 6, 12), "GO", date(2008, 6, 30)), PackStatus.SIGNED_OFF),
    ],
)
def test_status_follows_sign_off(sign_off: SignOff, status: PackStatus) -> None:
    assert pack_status(sign_off) is status
