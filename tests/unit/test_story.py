"""The story of place as edits: order, deletion with evidence, links to indicators."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.records import catalogue, complete, snapshot

from laadesk.core.edits import Edit, Put, Remove
from laadesk.core.model import AreaProfile, Evidence, Role, StorySection
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.story import (
    check_title,
    delete_section,
    evidence_of,
    link_indicator,
    linkable_code,
    move_section,
    new_section,
    ordered,
    reorder_sections,
    unlink_indicators,
)
from laadesk.store.workbook import Workbook

A = StorySection("a", 1, "Contrasts")
B = StorySection("b", 2, "Communities", indicators=("NI 1", "L3"))
C = StorySection("c", 3, "Safer")


# -- order ------------------------------------------------------------------------


def positions(edit: Edit) -> dict[str, int]:
    return {
        c.after.id: c.after.position for c in edit.changes if isinstance(c, Put) and isinstance(c.after, StorySection)
    }


def test_reorder_is_one_edit_writing_only_the_moved_sections() -> None:
    edit = reorder_sections([A, B, C], ["a", "c", "b"], "reorder story sections")
    assert edit.label == "reorder story sections"
    assert positions(edit) == {"c": 2, "b": 3}
    assert positions(edit.inverse()) == {"c": 3, "b": 2}


def test_reorder_must_name_every_section_once() -> None:
    with pytest.raises(ValueError):
        reorder_sections([A, B, C], ["a", "b"], "reorder story sections")
    with pytest.raises(ValueError):
        reorder_sections([A, B, C], ["a", "b", "b"], "reorder story sections")


def test_move_section_up_down_and_clamped() -> None:
    assert positions(move_section([A, B, C], "c", 0)) == {"c": 1, "a": 2, "b": 3}
    assert positions(move_section([A, B, C], "a", 1)) == {"b": 1, "a": 2}
    assert move_section([A, B, C], "c", 9).empty
    assert move_section([C, B, A], "a", -1).empty


def test_gaps_and_ties_in_positions_are_tidied_by_a_move() -> None:
    messy = [StorySection("x", 5, "Beta"), StorySection("y", 5, "Alpha"), StorySection("z", 9, "Gamma")]
    assert [s.id for s in ordered(messy)] == ["y", "x", "z"]
    assert positions(move_section(messy, "z", 0)) == {"z": 1, "y": 2, "x": 3}


def test_a_new_section_goes_last() -> None:
    section = new_section([A, C])
    assert (section.position, section.title) == (4, "New section")
    assert new_section([]).position == 1


def test_titles_are_trimmed_and_never_blank() -> None:
    assert check_title("  Safer   places ") == "Safer places"
    with pytest.raises(ValueError, match="A story section needs a title"):
        check_title("   ")


# -- deleting with evidence -------------------------------------------------------------


def test_deleting_a_section_takes_its_evidence_first() -> None:
    mine = Evidence("e1", "b", "IMD 2007")
    other = Evidence("e2", "a", "ONS")
    edit = delete_section(B, [mine, other])
    assert edit.label == "delete story section"
    assert edit.changes == (Remove(mine), Remove(B))
    assert edit.inverse().changes == (Put(B), Put(mine))


def test_deleting_a_section_with_evidence_applies_and_undoes_in_a_workbook(tmp_path: Path) -> None:
    with Workbook.create(tmp_path / "a.laa", AreaProfile("Kingsmere"), catalogue()) as workbook:
        evidence = Evidence("e1", "b", "IMD 2007", "11 LSOAs", date(2007, 12, 10))
        workbook.apply(Edit("build", (Put(B), Put(evidence))))
        edit = delete_section(B, workbook.evidence())
        workbook.apply(edit)  # the foreign key would refuse the section before its evidence
        assert workbook.story() == () and workbook.evidence() == ()
        workbook.apply(edit.inverse())
        assert workbook.story() == (B,) and workbook.evidence() == (evidence,)


def test_evidence_of_a_section_dated_first_in_date_order() -> None:
    late = Evidence("1", "a", "Late", date=date(2008, 5, 1))
    early = Evidence("2", "a", "Early", date=date(2007, 1, 1))
    undated = Evidence("3", "a", "")
    elsewhere = Evidence("4", "b", "Elsewhere")
    assert evidence_of("a", [undated, late, elsewhere, early]) == [early, late, undated]


# -- links -------------------------------------------------------------------------------


def kingsmere() -> WorkbookSnapshot:
    return snapshot(complete(), complete("L3", role=Role.LOCAL, title="Hourly buses"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("116", "NI 116"),
        ("ni116", "NI 116"),
        ("NI 116 - Child poverty", "NI 116"),
        ("l3", "L3"),
        ("NI 7", "NI 7"),
        ("child POVERTY", "NI 116"),  # words pick the one chosen target whose title holds them
        ("buses", "L3"),
    ],
)
def test_linkable_codes_are_normalised(text: str, code: str) -> None:
    assert linkable_code(text, kingsmere()) == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("NI 250", "NI 250 is not in the National Indicator Set"),
        ("NI 31", "NI 31 was withdrawn from the National Indicator Set and cannot be linked"),
        ("L9", "L9 is not one of Kingsmere's local indicators"),
        ("teenage conceptions", "'teenage conceptions' is not an indicator code"),
        ("r", "'r' is in the titles of NI 116 and L3; pick one from the list or type its code"),
    ],
)
def test_unknown_codes_are_refused_with_a_sentence(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        linkable_code(text, kingsmere())


def test_links_are_kept_in_indicator_order_and_not_doubled() -> None:
    edit = link_indicator(B, "NI 116")
    assert edit.label == "link NI 116 to the story"
    assert edit.changes[0].after.indicators == ("NI 1", "NI 116", "L3")  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="NI 1 is already linked to 'Communities'"):
        link_indicator(B, "NI 1")


def test_unlinking_one_or_many_is_one_edit() -> None:
    one = unlink_indicators(B, ["L3"])
    assert one.label == "unlink L3 from the story"
    assert one.changes[0].after.indicators == ("NI 1",)  # type: ignore[union-attr]
    both = unlink_indicators(B, ["NI 1", "L3"])
    assert both.label == "unlink 2 indicators from the story"
    assert both.changes[0].after.indicators == ()  # type: ignore[union-attr]
    assert unlink_indicators(B, ["NI 99"]).empty
