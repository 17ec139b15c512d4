"""Changes from a council's table, reviewed: one proposal each, and an agreed level never overwritten unasked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from support.files import copy_closed

from laadesk.core.compare import catalogue_polarity
from laadesk.core.edits import Edit, Put, set_fields
from laadesk.core.model import NoteKind, Partner, Position, Role, Target, Visibility
from laadesk.core.review import LEVEL, NOTE, PROPOSAL, RECORD, Review, accepted_edit, review
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.workbook import Workbook

TODAY = date(2008, 6, 20)
NEW_PARTNER = Partner("Marlhaven Community Trust")
NI_153 = Target("NI 153", Role.DESIGNATED, target_2010_11=28.0, lead_partner="Marlhaven Community Trust")


@pytest.fixture
def demo(demo_master: Path, tmp_path: Path) -> Path:
    return copy_closed(demo_master, tmp_path / "kingsmere.laa")


def read(path: Path) -> WorkbookSnapshot:
    with Workbook.open(path, read_only=True) as workbook:
        return workbook.snapshot()


def target(snapshot: WorkbookSnapshot, code: str) -> Target:
    found = snapshot.target(code)
    assert found is not None
    return found


def position(snapshot: WorkbookSnapshot, code: str, year: str) -> Position:
    return next(p for p in snapshot.positions if p.code == code and p.year == year)


def table_edit(snapshot: WorkbookSnapshot) -> Edit:
    """What a returned table would import: listed out of order, as a file may list them."""
    changes = (
        *set_fields(target(snapshot, "NI 20"), "i", target_2010_11=5.0).changes,
        *set_fields(target(snapshot, "NI 16"), "i", target_2010_11=11.0, comment="Please think again").changes,
        *set_fields(target(snapshot, "NI 47"), "i", target_2009_10=None, target_2009_10_as_written="about 390").changes,
        Put(NEW_PARTNER),
        Put(NI_153),
    )
    return Edit("import the table", changes, "imported", "returned.csv")


def reviewed(snapshot: WorkbookSnapshot) -> Review:
    return review(snapshot, table_edit(snapshot), "returned.csv", catalogue_polarity(snapshot.catalogue))


def land(path: Path, snapshot: WorkbookSnapshot, found: Review, numbers: list[int], **options: object) -> Edit:
    edit = accepted_edit(snapshot, found, numbers, today=TODAY, **options)  # type: ignore[arg-type]
    with Workbook.open(path, author="tester") as workbook:
        workbook.apply(edit)
    return edit


def test_each_change_the_file_makes_is_one_proposal_in_reading_order(demo: Path) -> None:
    found = reviewed(read(demo))
    assert [(p.number, p.ni, p.field, p.kind, p.lands) for p in found.proposals] == [
        (1, "NI 16", "target_2010_11", "changed", PROPOSAL),
        (2, "NI 16", "comment", "changed", NOTE),
        (3, "NI 20", "target_2010_11", "changed", LEVEL),
        (4, "NI 47", "target_2009_10", "changed", NOTE),
        (5, "NI 153", "target", "added", RECORD),
    ]
    assert [p.said for p in found.proposals] == [
        "NI 16 2010/11 target 11.9 -> 11 (more ambitious) - lands as the area's proposal (the agreed level 11.9 stays)",
        'NI 16 comment: "Please think again" - lands as a shareable champion note',
        "NI 20 2010/11 target 5.9 -> 5 (more ambitious)",
        'NI 47 2009/10 target 388 -> "about 390" (as written) - lands as a shareable champion note '
        "(the agreed level 388 stays)",
        "NI 153 added as designated",
    ]
    assert found.numbers_for({"NI 16", "NI 153"}) == {1, 2, 5}


def test_a_level_on_an_agreed_year_lands_as_the_areas_proposal_not_on_the_target(demo: Path) -> None:
    before = read(demo)
    land(demo, before, reviewed(before), [1])
    after = read(demo)
    assert target(after, "NI 16") == target(before, "NI 16")
    old = position(before, "NI 16", "2010/11")
    assert position(after, "NI 16", "2010/11") == Position(
        "NI 16",
        "2010/11",
        area_proposal=11.0,
        government_position=old.government_position,
        agreed_level=11.9,
        floor=old.floor,
    )


def test_overwriting_the_agreed_level_writes_the_target_and_leaves_the_position(demo: Path) -> None:
    before = read(demo)
    land(demo, before, reviewed(before), [1], overwrite_agreed=[1])
    after = read(demo)
    assert target(after, "NI 16").target_2010_11 == 11.0
    assert target(after, "NI 16").comment == target(before, "NI 16").comment
    assert position(after, "NI 16", "2010/11") == position(before, "NI 16", "2010/11")


def test_a_comment_becomes_a_shareable_champion_note_on_that_target(demo: Path) -> None:
    before = read(demo)
    land(demo, before, reviewed(before), [2])
    after = read(demo)
    assert target(after, "NI 16") == target(before, "NI 16")
    (note,) = set(after.notes) - set(before.notes)
    assert (note.text, note.indicators, note.visibility, note.kind, note.date) == (
        "Please think again",
        ("NI 16",),
        Visibility.SHAREABLE,
        NoteKind.CHALLENGE,
        TODAY,
    )
    assert note.author == "returned table returned.csv"


def test_a_level_in_words_on_an_agreed_year_becomes_a_note_keeping_the_words(demo: Path) -> None:
    before = read(demo)
    land(demo, before, reviewed(before), [4])
    after = read(demo)
    assert target(after, "NI 47") == target(before, "NI 47")
    assert position(after, "NI 47", "2009/10") == position(before, "NI 47", "2009/10")
    (note,) = set(after.notes) - set(before.notes)
    assert note.indicators == ("NI 47",) and note.visibility is Visibility.SHAREABLE
    assert note.text == 'The returned table gives the 2009/10 level as "about 390"; the agreed level 388 stays.'


def test_a_level_on_a_year_not_yet_agreed_is_written_to_the_target(demo: Path) -> None:
    before = read(demo)
    land(demo, before, reviewed(before), [3])
    after = read(demo)
    assert target(after, "NI 20").target_2010_11 == 5.0
    assert position(after, "NI 20", "2010/11") == position(before, "NI 20", "2010/11")


def test_accepting_some_proposals_lands_only_those(demo: Path) -> None:
    before = read(demo)
    edit = land(demo, before, reviewed(before), [1, 3])
    assert (edit.label, edit.how, edit.source) == (
        "import 2 of 5 changes from returned.csv",
        "imported",
        "returned.csv",
    )
    after = read(demo)
    assert after.target("NI 153") is None
    assert after.notes == before.notes
    assert target(after, "NI 47") == target(before, "NI 47")
    assert [p.name for p in after.partners] == [p.name for p in before.partners]
    changed = {t.code for t in after.targets} ^ {t.code for t in before.targets} | {
        t.code for t in after.targets if t != before.target(t.code)
    }
    assert changed == {"NI 20"}
    assert position(after, "NI 16", "2010/11").area_proposal == 11.0


def test_a_partner_the_file_adds_comes_only_with_a_target_that_names_it(demo: Path) -> None:
    before = read(demo)
    found = reviewed(before)
    without = accepted_edit(before, found, [1, 2, 3, 4], today=TODAY)
    assert not any(isinstance(c, Put) and isinstance(c.after, Partner) for c in without.changes)
    land(demo, before, found, [5])
    after = read(demo)
    assert [p.name for p in after.partners if p not in before.partners] == ["Marlhaven Community Trust"]


def test_a_brand_new_target_lands_whole(demo: Path) -> None:
    before = read(demo)
    assert before.target("NI 153") is None
    land(demo, before, reviewed(before), [5])
    assert target(read(demo), "NI 153") == NI_153


def test_nothing_accepted_is_an_empty_edit(demo: Path) -> None:
    before = read(demo)
    assert accepted_edit(before, reviewed(before), [], today=TODAY).empty
