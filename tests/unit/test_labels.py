"""One word for each field, wherever it is shown: pages, messages, undo steps, reports and packs."""

from __future__ import annotations

import dataclasses

from support.records import catalogue, complete

from laadesk.core.import_plan import shown_value
from laadesk.core.labels import (
    POSITION_LABELS,
    TARGET_LABELS,
    counted,
    field_words,
    indicator_name,
    listed,
    position_words,
    sentence,
)
from laadesk.core.model import PositionField, Target
from laadesk.core.paste import target_edit


def test_every_target_field_and_position_figure_has_its_words() -> None:
    assert {f.name for f in dataclasses.fields(Target)} == set(TARGET_LABELS)
    assert set(POSITION_LABELS) == set(PositionField)


def test_a_field_reads_the_same_in_an_undo_step_and_in_a_problem() -> None:
    edit = target_edit(complete(), {"deferral_reason": None, "target_2009_10": 20.5})
    assert edit.label == "change NI 116 deferral reason and 2009/10 target"
    assert field_words("deferral_reason") == "deferral reason"
    assert field_words(None) == "whole agreement"
    assert field_words("something_new") == "something new"


def test_the_floor_is_marked_internal_where_changes_are_listed() -> None:
    assert position_words(PositionField.FLOOR) == "floor"
    assert position_words(PositionField.FLOOR, marked=True) == "floor (internal)"
    assert position_words(PositionField.AGREED_LEVEL, marked=True) == "agreed level"


def test_an_indicator_is_named_on_one_line() -> None:
    assert indicator_name("NI 116", catalogue()) == "NI 116 (Proportion of children in poverty)"
    local = Target("L3", title="Visits to\nthe  museum")
    assert indicator_name("L3", catalogue(), local) == "L3 (Visits to the museum)"
    assert indicator_name("L4", catalogue()) == "L4"


def test_lists_counts_and_sentences() -> None:
    assert [listed([]), listed(["A"]), listed(["A", "B"]), listed(["A", "B", "C"])] == [
        "",
        "A",
        "A and B",
        "A, B and C",
    ]
    assert (counted(1, "target"), counted(2, "target"), counted(2, "change", "changes of history")) == (
        "1 target",
        "2 targets",
        "2 changes of history",
    )
    assert sentence("the name was kept") == "The name was kept."
    assert sentence("'x' is not a date.") == "'x' is not a date."
    assert shown_value(()) == "(blank)"
