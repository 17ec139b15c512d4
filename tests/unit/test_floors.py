"""Levels beyond government's floor: a warning from positions, which no council snapshot holds."""

from __future__ import annotations

from datetime import date

from support.records import complete, snapshot

from laadesk.core.catalogue import Polarity
from laadesk.core.cross_checks import check_workbook
from laadesk.core.floors import BEYOND_FLOOR, check_floors, levels_beyond_floor, worse_than
from laadesk.core.model import Position
from laadesk.core.pack import Audience, build_pack
from laadesk.core.rules import Severity

# NI 116, child poverty: lower is better. The target records 21.5, 21.0, 20.0.
CHILD_POVERTY = complete()


def test_worse_follows_polarity() -> None:
    assert worse_than(21.0, 20.0, Polarity.LOWER)
    assert not worse_than(19.0, 20.0, Polarity.LOWER)
    assert worse_than(19.0, 20.0, Polarity.HIGHER)
    assert not worse_than(20.0, 20.0, Polarity.HIGHER)
    assert not worse_than(1.0, 20.0, None)  # direction unknown: no claim


def test_a_target_level_beyond_the_floor_is_an_internal_warning() -> None:
    snap = snapshot(CHILD_POVERTY, positions=(Position("NI 116", "2009/10", 20.5, 20.0, None, 20.8),))
    problems = check_floors(snap)
    assert [(p.rule, p.severity, p.field) for p in problems] == [("beyond-floor", Severity.WARNING, "target_2009_10")]
    assert problems[0].message == (
        "NI 116 (Proportion of children in poverty): a level beyond government's floor (lower is better): "
        "2009/10 target level 21 (floor 20.8). Internal to government: the floor is never shown to the council."
    )
    assert problems[0] in check_workbook(snap)


def test_an_agreed_level_beyond_the_floor_is_flagged_too() -> None:
    position = Position("NI 116", "2008/09", 21.5, 21.0, 21.5, 21.2)
    assert levels_beyond_floor(position, 21.5, Polarity.LOWER) == [("target level", 21.5), ("agreed level", 21.5)]
    later = Position("NI 116", "2010/11", 20.0, 19.0, None, 19.5)
    problems = check_floors(snapshot(CHILD_POVERTY, positions=(later, position)))
    assert len(problems) == 1 and problems[0].field == "target_2008_09"  # one warning a target, years in order
    assert "3 levels beyond government's floor" in problems[0].message
    assert (
        "2008/09 target level 21.5 (floor 21.2); 2008/09 agreed level 21.5 (floor 21.2); "
        "2010/11 target level 20 (floor 19.5)."
    ) in problems[0].message


def test_levels_within_the_floor_and_positions_without_one_say_nothing() -> None:
    positions = (
        Position("NI 116", "2009/10", 20.5, 20.0, 21.0, 21.0),  # at the floor, not beyond it
        Position("NI 116", "2010/11", 19.0, 18.0, None, None),
        Position("NI 999", "2010/11", 19.0, 18.0, None, 1.0),  # no such target
    )
    assert check_floors(snapshot(CHILD_POVERTY, positions=positions)) == []


def test_a_council_snapshot_can_never_produce_the_warning() -> None:
    snap = snapshot(CHILD_POVERTY, positions=(Position("NI 116", "2009/10", 20.5, 20.0, 20.9, 20.1),))
    assert any(p.rule == "beyond-floor" for p in check_workbook(snap))
    council = snap.for_council()
    assert council.positions == ()
    assert check_floors(council) == []
    assert not any(BEYOND_FLOOR in p.message for p in check_workbook(council))


def test_the_floor_warning_never_reaches_a_pack_cover() -> None:
    """build_pack puts the rules' errors on the cover; a floor warning is never one of them."""
    unled = complete("NI 117", lead_partner="")  # an error, so the cover does list what is unsettled
    snap = snapshot(CHILD_POVERTY, unled, positions=(Position("NI 116", "2009/10", 20.5, 20.0, 20.9, 20.1),))
    assert any(p.rule == "beyond-floor" for p in check_workbook(snap))
    for audience in Audience:
        pack = build_pack(snap, audience, date(2008, 6, 20))
        assert pack.unsettled and not any(BEYOND_FLOOR in line for line in pack.unsettled)
