"""Merging a colleague's copy: theirs taken where only they changed it, conflicts held, nothing lost either way."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.files import copy_closed
from support.workbooks import make_workbook

from laadesk.core.agreement import agreement_form
from laadesk.core.edits import add, set_fields
from laadesk.core.history import HistoryEntry
from laadesk.core.merge import Conflict, plan_merge
from laadesk.core.model import ChampionNote, NoteKind, Target
from laadesk.store.history import read_entries
from laadesk.store.merge import MergeRefused, held_changes, keep_ours, merge_copy, prepare_merge, take_theirs
from laadesk.store.workbook import Workbook

# -- the plan, from hand-made histories ------------------------------------------------------------


def entry(key: str, field: str = "target_2010_11", op: str = "changed", kind: str = "targets") -> HistoryEntry:
    return HistoryEntry(
        1,
        "c",
        "2008-06-01T00:00:00+00:00",
        "x",
        "typed",
        "",
        "edit",
        kind,
        json.dumps([key]),
        key,
        field,
        op,
        None,
        None,
    )


def lookup(rows: dict[str, dict[str, Any]]) -> Any:
    return lambda table, key: rows.get(json.loads(key)[0]) if table == "targets" else None


def row(code: str, **values: Any) -> dict[str, Any]:
    return {"code": code, "target_2010_11": 20.0, "units": "%", "comment": "", **values}


def test_a_record_only_they_changed_is_taken_as_it_is() -> None:
    ours = {"NI 8": row("NI 8"), "NI 16": row("NI 16"), "NI 20": row("NI 20")}
    theirs = {"NI 8": row("NI 8", target_2010_11=19.0), "NI 16": row("NI 16"), "NI 153": row("NI 153")}
    plan = plan_merge(
        [entry("NI 30")],
        [
            entry("NI 8"),
            entry("NI 16"),
            entry("NI 153", "", "added"),
            entry("NI 20", "", "removed"),
            entry("x", kind="agreed_versions"),
            entry("format", kind="meta"),
        ],
        lookup(ours),
        lookup(theirs),
    )
    assert plan.puts == [("targets", row("NI 8", target_2010_11=19.0), row("NI 8")), ("targets", row("NI 153"), None)]
    assert plan.removes == [("targets", row("NI 20"))]
    assert (plan.conflicts, plan.same) == ([], 1)
    assert plan.lines() == ["NI 8 2010/11 target: 20 -> 19", "NI 153: added", "NI 20: removed"]
    assert plan.taken == 3


def test_fields_both_changed_differently_conflict_and_the_rest_merge_field_by_field() -> None:
    ours = {"NI 8": row("NI 8", target_2010_11=18.0, comment="ours", units="pct")}
    theirs = {"NI 8": row("NI 8", target_2010_11=17.0, comment="theirs", units="pct")}
    base_units = row("NI 8")["units"]
    plan = plan_merge(
        [entry("NI 8"), entry("NI 8", "units")],
        [entry("NI 8"), entry("NI 8", "comment"), entry("NI 8", "units")],
        lookup(ours),
        lookup(theirs),
    )
    assert base_units == "%"
    assert plan.conflicts == [Conflict("targets", '["NI 8"]', "NI 8", "target_2010_11", 18.0, 17.0)]
    assert plan.conflicts[0].sentence == "NI 8 2010/11 target: 18 here, 17 in the other copy"
    assert plan.puts == [("targets", {**ours["NI 8"], "comment": "theirs"}, ours["NI 8"])]


def test_a_record_one_side_removed_and_the_other_changed_is_a_conflict_about_the_whole_record() -> None:
    theirs = {"NI 8": row("NI 8", units="pct")}
    plan = plan_merge([entry("NI 8", "", "removed")], [entry("NI 8", "units")], lookup({}), lookup(theirs))
    (conflict,) = plan.conflicts
    assert (conflict.field, conflict.ours, json.loads(conflict.theirs)) == ("", None, theirs["NI 8"])
    assert conflict.sentence == "target NI 8: removed here, changed in the other copy"
    assert plan.puts == [] and plan.removes == []


# -- merging real copies ------------------------------------------------------------------------------


@pytest.fixture
def copies(demo_master: Path, tmp_path: Path) -> tuple[Path, Path]:
    return copy_closed(demo_master, tmp_path / "mine.laa"), copy_closed(demo_master, tmp_path / "theirs.laa")


def note(note_id: str, code: str) -> ChampionNote:
    return ChampionNote(note_id, "Ruth", f"note {note_id}", NoteKind.CHALLENGE, date(2008, 6, 1), indicators=(code,))


def edit(path: Path, who: str, code: str, label: str, **values: Any) -> None:
    with Workbook.open(path, author=who) as workbook:
        found = workbook.target(code)
        assert found is not None
        workbook.apply(set_fields(found, label, **values))


def noted(path: Path, *notes: ChampionNote) -> None:
    with Workbook.open(path, author="Ruth") as workbook:
        for item in notes:
            workbook.apply(add(item, f"add {item.id}"))


def merge(path: Path, other: Path, **options: Any) -> Any:
    with Workbook.open(path, author="Ruth") as workbook:
        return merge_copy(workbook, other, **options)


def target(path: Path, code: str) -> Target:
    with Workbook.open(path, read_only=True) as workbook:
        found = workbook.target(code)
    assert found is not None
    return found


def test_changes_only_they_made_are_taken_and_both_sides_notes_are_kept(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    edit(mine, "Ruth", "NI 8", "mine", comment="Checked with the PCT")
    edit(theirs, "Dev", "NI 16", "theirs", target_2008_09=12.7)
    noted(mine, note("a", "NI 8"))
    noted(theirs, note("b", "NI 16"))
    merged = merge(mine, theirs)
    assert merged.plan.lines() == ["NI 16 2008/09 target: 12.8 -> 12.7", "champion note b: added"]
    assert merged.sentence == "2 changes taken from theirs.laa, no conflicts"
    assert target(mine, "NI 16").target_2008_09 == 12.7
    assert target(mine, "NI 8").comment == "Checked with the PCT"
    with Workbook.open(mine, read_only=True) as workbook:
        assert {"a", "b"} <= {n.id for n in workbook.notes()}
        dev = [e for e in read_entries(workbook) if e.who == "Dev"]
        merged_in = [e for e in read_entries(workbook) if e.how == "merged"]
    # The change lands once, by the merge, under the change id it had in the other copy.
    assert dev == []
    assert {(e.who, e.source) for e in merged_in} == {("Ruth", "theirs.laa")}
    with Workbook.open(theirs, read_only=True) as workbook:
        their_ids = {e.change_id for e in read_entries(workbook)}
    assert {e.change_id for e in merged_in} <= their_ids
    again = merge(mine, theirs)
    assert (again.plan.taken, again.plan.conflicts, again.carried) == (0, [], 0)


def test_a_field_both_changed_differently_keeps_ours_and_holds_theirs(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    edit(mine, "Ruth", "NI 8", "mine", target_2010_11=25.0)
    edit(theirs, "Dev", "NI 8", "theirs", target_2010_11=26.0, units="per cent")
    merged = merge(mine, theirs)
    assert [c.sentence for c in merged.plan.conflicts] == ["NI 8 2010/11 target: 25 here, 26 in the other copy"]
    assert (target(mine, "NI 8").target_2010_11, target(mine, "NI 8").units) == (25.0, "per cent")
    with Workbook.open(mine, author="Ruth") as workbook:
        (held,) = held_changes(workbook)
        assert (held.source, held.conflict.ours, held.conflict.theirs) == ("theirs.laa", 25, 26)
        take_theirs(workbook, held)
        assert held_changes(workbook) == ()
    assert target(mine, "NI 8").target_2010_11 == 26.0
    again = merge(mine, theirs)
    assert (again.plan.taken, again.plan.conflicts) == (0, [])


def test_keeping_ours_lets_theirs_go_and_records_it(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    edit(mine, "Ruth", "NI 8", "mine", target_2010_11=25.0)
    edit(theirs, "Dev", "NI 8", "theirs", target_2010_11=26.0)
    merge(mine, theirs)
    with Workbook.open(mine, author="Ruth") as workbook:
        (held,) = held_changes(workbook)
        keep_ours(workbook, held)
        assert held_changes(workbook) == ()
        *_, last = read_entries(workbook)
    assert (last.how, last.kind, last.op, last.field, last.before, last.after) == (
        "merged",
        "targets",
        "removed",
        "target_2010_11",
        26,
        None,
    )
    assert last.action == "keep this workbook's value: NI 8 2010/11 target: 25 here, 26 in the other copy"
    assert target(mine, "NI 8").target_2010_11 == 25.0
    # The choice is recorded under the other copy's change: merging it again holds nothing again.
    again = merge(mine, theirs)
    assert (again.plan.taken, again.plan.conflicts) == (0, [])


def test_a_copy_of_another_workbook_or_the_workbook_itself_is_refused(
    copies: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, _ = copies
    stranger = make_workbook(tmp_path / "elsewhere.laa")
    before = mine.read_bytes()
    with pytest.raises(MergeRefused) as refused:
        merge(mine, stranger)
    assert str(refused.value) == (
        "elsewhere.laa (Kingsmere) is not a copy of mine.laa (Kingsmere): they are two different workbooks, "
        "so nothing was merged."
    )
    with pytest.raises(MergeRefused) as itself:
        merge(mine, mine)
    assert str(itself.value) == f"{mine} is the workbook itself; choose the copy to merge into it."
    assert mine.read_bytes() == before


def state(path: Path) -> tuple[dict[str, Any], set[ChampionNote]]:
    with Workbook.open(path, read_only=True) as workbook:
        return agreement_form(workbook.snapshot()), set(workbook.notes())


LEVELS = st.floats(min_value=0, max_value=2000, allow_nan=False).map(lambda v: round(v, 1))


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_merging_either_way_gives_the_same_workbook_and_loses_nothing(demo_master: Path, data: st.DataObject) -> None:
    with Workbook.open(demo_master, read_only=True) as workbook:
        codes = [t.code for t in workbook.targets()]
    half = len(codes) // 2
    ours = data.draw(st.dictionaries(st.sampled_from(codes[:half]), LEVELS, max_size=3), label="ours")
    theirs = data.draw(st.dictionaries(st.sampled_from(codes[half:]), LEVELS, min_size=1, max_size=3), label="theirs")
    with tempfile.TemporaryDirectory() as folder:
        a = copy_closed(demo_master, Path(folder) / "a.laa")
        b = copy_closed(demo_master, Path(folder) / "b.laa")
        for path, changes, who in ((a, ours, "Ruth"), (b, theirs, "Dev")):
            for code, level in changes.items():
                edit(path, who, code, f"set {code}", target_2010_11=level)
            noted(path, note(f"{who}-note", next(iter(changes), "NI 8")))
        a_then_b = copy_closed(a, Path(folder) / "ab.laa")
        b_then_a = copy_closed(b, Path(folder) / "ba.laa")
        assert merge(a_then_b, b).plan.conflicts == []
        assert merge(b_then_a, a).plan.conflicts == []
        assert state(a_then_b) == state(b_then_a)
        for code, level in {**ours, **theirs}.items():
            assert target(a_then_b, code).target_2010_11 == level
        assert {"Ruth-note", "Dev-note"} <= {n.id for n in state(a_then_b)[1]}


def test_an_edit_after_a_merge_is_taken_by_the_next_merge(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    edit(theirs, "Dev", "NI 16", "first", target_2008_09=12.7)
    merge(mine, theirs)
    edit(theirs, "Dev", "NI 16", "second", target_2008_09=12.6)
    # What this copy "changed" since parting was only taking their value: no conflict with itself.
    again = merge(mine, theirs)
    assert [c.sentence for c in again.plan.conflicts] == []
    assert again.plan.lines() == ["NI 16 2008/09 target: 12.7 -> 12.6"]
    assert target(mine, "NI 16").target_2008_09 == 12.6


def test_undoing_a_merge_lets_the_same_copy_be_merged_again(copies: tuple[Path, Path]) -> None:
    mine, theirs = copies
    edit(mine, "Ruth", "NI 8", "mine", target_2010_11=25.0)
    edit(theirs, "Dev", "NI 8", "theirs", target_2010_11=26.0)
    edit(theirs, "Dev", "NI 16", "theirs", target_2008_09=12.7)
    with Workbook.open(mine, author="Ruth") as workbook:
        prepared = prepare_merge(workbook, theirs)
        workbook.apply(prepared.edit, also=prepared.carry)  # as the window's first write
        assert len(held_changes(workbook)) == 1
        workbook.apply(prepared.edit.inverse(), also=prepared.uncarry)  # Edit > Undo
        assert held_changes(workbook) == ()
        assert [e.how for e in read_entries(workbook) if e.ni == "NI 16"][-1] == "undone"
    assert target(mine, "NI 16").target_2008_09 == 12.8
    again = merge(mine, theirs)
    assert again.plan.lines() == ["NI 16 2008/09 target: 12.8 -> 12.7"]
    assert [c.sentence for c in again.plan.conflicts] == ["NI 8 2010/11 target: 25 here, 26 in the other copy"]
