"""Choosing a role for indicators in one edit, adding local indicators, and the search."""

from __future__ import annotations

import re

import pytest
from support.records import complete, snapshot

from laadesk.core.choosing import (
    ChoiceRefused,
    add_local_indicator,
    choice_label,
    choose_role,
    designated_count,
    indicator_rows,
    matches,
    next_local_code,
    rationale_edit,
)
from laadesk.core.edits import Put, Remove
from laadesk.core.model import Position, Role, Target


def test_rows_are_the_catalogue_then_local_indicators() -> None:
    rows = indicator_rows(snapshot(Target("L2", Role.LOCAL, title="Fens"), Target("L1", Role.LOCAL, title="Bus")))
    assert len(rows) == 201
    assert [r.code for r in rows[:2]] == ["NI 1", "NI 2"]
    assert [(r.code, r.title, r.local) for r in rows[-2:]] == [("L1", "Bus", True), ("L2", "Fens", True)]


def test_rows_join_the_target() -> None:
    rows = {r.code: r for r in indicator_rows(snapshot(complete("NI 116")))}
    assert rows["NI 116"].role is Role.DESIGNATED and rows["NI 116"].chosen
    assert rows["NI 4"].role is None and not rows["NI 4"].chosen
    assert rows["NI 31"].withdrawn


def test_search_by_number_narrows_as_you_type() -> None:
    rows = indicator_rows(snapshot())
    assert {r.code for r in rows if matches(r, "11")} >= {"NI 11", "NI 110", "NI 116", "NI 119"}
    found = [r.code for r in rows if matches(r, "116")]
    assert found == ["NI 116"]
    assert [r.code for r in rows if matches(r, "NI116")] == ["NI 116"]


def test_search_by_words_needs_every_word() -> None:
    rows = indicator_rows(snapshot())
    poverty = [r.code for r in rows if matches(r, "child poverty")]
    assert "NI 116" in poverty
    assert all("poverty" in r.title.lower() for r in rows if matches(r, "Poverty"))
    assert [r.code for r in rows if matches(r, "zzzz")] == []
    assert all(matches(r, "  ") for r in rows)


def test_search_finds_local_indicators_and_roles() -> None:
    rows = indicator_rows(snapshot(Target("L3", Role.LOCAL, title="Fenland bus use"), complete("NI 8")))
    assert [r.code for r in rows if matches(r, "l3")] == ["L3"]
    assert [r.code for r in rows if matches(r, "fenland")] == ["L3"]
    assert "NI 8" in [r.code for r in rows if matches(r, "designated")]


def test_designating_adds_a_target() -> None:
    edit = choose_role(snapshot(), ["NI 4"], Role.DESIGNATED)
    assert edit.label == "designate NI 4"
    assert edit.changes == (Put(Target("NI 4", Role.DESIGNATED)),)


def test_choosing_for_several_is_one_edit_skipping_those_already_there() -> None:
    current = complete("NI 8")
    edit = choose_role(snapshot(current, Target("NI 5", Role.REJECTED)), ["NI 4", "NI 5", "NI 8"], Role.DESIGNATED)
    assert edit.label == "designate NI 4, NI 5 and NI 8"
    assert edit.changes == (
        Put(Target("NI 4", Role.DESIGNATED)),
        Put(Target("NI 5", Role.DESIGNATED), Target("NI 5", Role.REJECTED)),
    )


def test_withdrawn_indicator_cannot_be_chosen_but_can_be_rejected() -> None:
    with pytest.raises(ChoiceRefused, match=r"^NI 31 \(.*\) was withdrawn .* cannot be chosen\.$"):
        choose_role(snapshot(), ["NI 31"], Role.CANDIDATE)
    with pytest.raises(ChoiceRefused, match=re.escape("Nothing was changed.")):
        choose_role(snapshot(), ["NI 30", "NI 31"], Role.DESIGNATED)
    assert choose_role(snapshot(), ["NI 31"], Role.REJECTED).label == "reject NI 31"


def test_statutory_indicator_is_not_designated() -> None:
    with pytest.raises(ChoiceRefused, match="statutory education target: it sits outside the 35"):
        choose_role(snapshot(), ["NI 72"], Role.DESIGNATED)
    assert choose_role(snapshot(), ["NI 72"], Role.STATUTORY).changes == (Put(Target("NI 72", Role.STATUTORY)),)


def test_local_indicator_is_never_designated() -> None:
    local = Target("L1", Role.LOCAL, title="Bus")
    refusal = "L1 is a local indicator; only National Indicators can be designated."
    with pytest.raises(ChoiceRefused, match=re.escape(refusal)):
        choose_role(snapshot(local), ["L1"], Role.DESIGNATED)
    assert choose_role(snapshot(local), ["L1"], Role.REJECTED).changes == (
        Put(Target("L1", Role.REJECTED, title="Bus"), local),
    )


def test_not_considered_removes_an_empty_target() -> None:
    candidate = Target("NI 39", Role.CANDIDATE, rationale="maybe")
    edit = choose_role(snapshot(candidate), ["NI 39", "NI 4"], None)
    assert edit.label == "drop NI 39 and NI 4 from consideration"
    assert edit.changes == (Remove(candidate),)


def test_not_considered_keeps_targets_with_figures() -> None:
    with pytest.raises(ChoiceRefused, match=r"NI 116 \(.*\) has a baseline, target levels .* reject it instead\."):
        choose_role(snapshot(complete("NI 116")), ["NI 116"], None)
    with_position = Target("NI 39", Role.CANDIDATE)
    with pytest.raises(ChoiceRefused):
        choose_role(snapshot(with_position, positions=(Position("NI 39", "2008/09", floor=1),)), ["NI 39"], None)


def test_unknown_code_is_refused() -> None:
    with pytest.raises(ChoiceRefused, match="NI 250 is not in the National Indicator Set"):
        choose_role(snapshot(), ["NI 250"], Role.CANDIDATE)


def test_labels_in_the_negotiators_words() -> None:
    assert choice_label(Role.CANDIDATE, ["NI 4"]) == "make NI 4 a candidate"
    assert choice_label(Role.CANDIDATE, ["NI 4", "NI 5"]) == "make NI 4 and NI 5 candidates"
    assert choice_label(Role.STATUTORY, ["NI 72"]) == "record NI 72 as statutory"
    assert choice_label(Role.LOCAL, ["NI 4"]) == "record NI 4 as local"
    assert choice_label(Role.REJECTED, ["NI 1", "NI 2", "NI 3", "NI 4"]) == "reject 4 indicators"


def test_local_codes_follow_the_highest() -> None:
    assert next_local_code(()) == "L1"
    assert next_local_code((Target("L1"), Target("L3"), complete("NI 8"))) == "L4"


def test_adding_a_local_indicator() -> None:
    edit = add_local_indicator((Target("L1", Role.LOCAL, title="Bus use"),), "  Fenland   cohesion ")
    assert edit.label == "add local indicator L2"
    assert edit.changes == (Put(Target("L2", Role.LOCAL, title="Fenland cohesion")),)


def test_local_indicator_needs_a_new_title() -> None:
    with pytest.raises(ChoiceRefused, match=re.escape("A local indicator needs a title.")):
        add_local_indicator((), "   ")
    with pytest.raises(ChoiceRefused, match=re.escape("L1 is already called 'Bus use'.")):
        add_local_indicator((Target("L1", Role.LOCAL, title="Bus use"),), "bus USE")


def test_designated_count_and_rationale() -> None:
    assert designated_count((complete("NI 8"), Target("NI 4"), complete("NI 116"))) == 2
    target = Target("NI 4")
    assert rationale_edit(target, "").empty
    assert rationale_edit(target, "why").changes == (Put(Target("NI 4", rationale="why"), target),)
