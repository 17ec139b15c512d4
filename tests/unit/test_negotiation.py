"""The gap between area and government, position edits with agreed levels, and their history."""

from __future__ import annotations

import pytest
from support.records import complete

from laadesk.core.catalogue import Polarity
from laadesk.core.edits import Put
from laadesk.core.model import Position, PositionChange, PositionField, Target
from laadesk.core.negotiation import (
    agreed_years,
    amount,
    describe_gap,
    gap,
    history,
    position_edit,
    short_units,
)


def test_gap_is_positive_when_the_area_is_more_ambitious() -> None:
    assert gap(60.5, 60.0, Polarity.HIGHER) == 0.5
    assert gap(59.0, 60.0, Polarity.HIGHER) == -1.0
    assert gap(12.6, 12.9, Polarity.LOWER) == 0.3  # float noise rounded away
    assert gap(12.9, 12.6, Polarity.LOWER) == -0.3


def test_gap_without_polarity_is_area_minus_government() -> None:
    assert gap(5, 3, None) == 2
    assert gap(3, 5, None) == -2


def test_no_gap_without_both_figures() -> None:
    assert gap(None, 3, Polarity.HIGHER) is None
    assert gap(3, None, Polarity.LOWER) is None
    assert describe_gap(None, 3, Polarity.HIGHER, "%") == ""


def test_gap_in_words_higher_is_better() -> None:
    assert describe_gap(60.5, 60.0, Polarity.HIGHER, "%") == "area more ambitious by 0.5 percentage points"
    assert describe_gap(58, 60, Polarity.HIGHER, "% of pupils") == "government more ambitious by 2 percentage points"


def test_gap_in_words_lower_is_better() -> None:
    assert (
        describe_gap(12.9, 12.6, Polarity.LOWER, "crimes per 1,000")
        == "government more ambitious by 0.3 crimes per 1,000"
    )
    assert describe_gap(385, 400, Polarity.LOWER, "") == "area more ambitious by 15"


def test_gap_in_words_equal_and_unknown_polarity() -> None:
    assert describe_gap(4, 4, Polarity.LOWER) == "no gap"
    assert describe_gap(4.5, 4, None, "%") == "area 0.5 percentage points above government (polarity unknown)"
    assert describe_gap(61, 60, Polarity.HIGHER, "%") == "area more ambitious by 1 percentage point"
    assert describe_gap(3, 4, None) == "area 1 below government (polarity unknown)"


def test_units_are_shortened_only_for_percentages() -> None:
    assert short_units("% of looked after children") == "%"
    assert short_units(" offences ") == "offences"
    assert short_units("rate per 1,000 population") == ""  # stated beside the table instead
    assert amount(-0.25, "%") == "0.25 percentage points"  # a difference of two percentages
    assert amount(2, "offences") == "2 offences"


def test_first_figure_creates_the_position() -> None:
    edit = position_edit((), None, "NI 20", "2009/10", PositionField.AREA_PROPOSAL, 6.1)
    assert edit.label == "change NI 20 area's proposal 2009/10"
    assert edit.changes == (Put(Position("NI 20", "2009/10", area_proposal=6.1)),)


def test_later_figures_change_the_position() -> None:
    before = Position("NI 20", "2009/10", area_proposal=6.1)
    edit = position_edit((before,), None, "NI 20", "2009/10", PositionField.FLOOR, 6.0)
    assert edit.label == "change NI 20 floor 2009/10"
    assert edit.changes == (Put(Position("NI 20", "2009/10", area_proposal=6.1, floor=6.0), before),)


def test_same_value_or_blank_on_nothing_is_no_edit() -> None:
    before = Position("NI 20", "2009/10", area_proposal=6.1)
    assert position_edit((before,), None, "NI 20", "2009/10", PositionField.AREA_PROPOSAL, 6.1).empty
    assert position_edit((), None, "NI 20", "2009/10", PositionField.FLOOR, None).empty


def test_agreeing_a_level_sets_the_target_level_in_the_same_edit() -> None:
    target = complete("NI 116")
    edit = position_edit((), target, "NI 116", "2009/10", PositionField.AGREED_LEVEL, 20.5)
    assert edit.label == "agree NI 116 2009/10 at 20.5"
    assert edit.changes == (
        Put(Position("NI 116", "2009/10", agreed_level=20.5)),
        Put(complete("NI 116", target_2009_10=20.5), target),
    )
    undone = edit.inverse()
    assert [type(c).__name__ for c in undone.changes] == ["Put", "Remove"]


def test_agreeing_the_level_already_recorded_leaves_the_target_alone() -> None:
    target = complete("NI 116")
    edit = position_edit((), target, "NI 116", "2008/09", PositionField.AGREED_LEVEL, 21.5)
    assert len(edit.changes) == 1


def test_clearing_an_agreed_level_keeps_the_target_level() -> None:
    target = complete("NI 116")
    before = Position("NI 116", "2008/09", agreed_level=21.5)
    edit = position_edit((before,), target, "NI 116", "2008/09", PositionField.AGREED_LEVEL, None)
    assert edit.label == "clear NI 116 agreed level 2008/09"
    assert edit.changes == (Put(Position("NI 116", "2008/09"), before),)


def test_a_year_outside_the_agreement_is_refused() -> None:
    with pytest.raises(ValueError, match="'2011/12' is not a year of the agreement"):
        position_edit((), Target("NI 1"), "NI 1", "2011/12", PositionField.FLOOR, 1.0)


def test_history_is_per_target_and_year_newest_first() -> None:
    changes = (
        PositionChange("NI 20", "2008/09", PositionField.AREA_PROPOSAL, 6.3, "ann", "2008-05-01T10:00:00+00:00"),
        PositionChange("NI 20", "2009/10", PositionField.FLOOR, 6.0, "bob", "2008-05-02T10:00:00+00:00"),
        PositionChange("NI 47", "2008/09", PositionField.FLOOR, 400, "ann", "2008-05-03T10:00:00+00:00"),
        PositionChange("NI 20", "2008/09", PositionField.FLOOR, 6.2, "ann", "2008-05-02T10:00:00+00:00"),
    )
    assert [c.value for c in history(changes, "NI 20")] == [6.2, 6.0, 6.3]
    assert [c.value for c in history(changes, "NI 20", "2008/09")] == [6.2, 6.3]
    assert history(changes, "NI 1") == ()


def test_agreed_years_are_counted() -> None:
    positions = (
        Position("NI 20", "2008/09", agreed_level=1.0),
        Position("NI 20", "2009/10", area_proposal=1.0),
        Position("NI 47", "2008/09", agreed_level=1.0),
    )
    assert agreed_years(positions, "NI 20") == 1
