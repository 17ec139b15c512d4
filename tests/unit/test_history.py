"""The workbook's history: an entry for every field every edit changes, written with the change or not at all."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from support.records import complete

from laadesk.core.edits import Edit, Put, add, remove, set_fields
from laadesk.core.errors import WorkbookProblem
from laadesk.core.history import HISTORY_CSV_COLUMNS, HistoryEntry, HistoryFilter, csv_rows, line
from laadesk.core.model import ChampionNote, NoteKind, Position
from laadesk.export.history_csv import write_history_csv
from laadesk.store.history import entry_count, read_entries
from laadesk.store.migrations import SCHEMA_VERSION
from laadesk.store.workbook import Workbook

DATA = Path(__file__).resolve().parents[1] / "data"
NI_116 = complete("NI 116")


def entries(path: Path, wanted: HistoryFilter | None = None) -> list[HistoryEntry]:
    with Workbook.open(path, read_only=True) as workbook:
        return list(read_entries(workbook, wanted))


def with_116(path: Path) -> Path:
    with Workbook.open(path, author="tester") as workbook:
        workbook.apply(add(NI_116, "add NI 116"))
    return path


def test_a_typed_edit_leaves_one_entry_per_changed_field_with_the_values_as_stored(path: Path) -> None:
    with_116(path)
    with Workbook.open(path, author="Ruth") as workbook:
        workbook.apply(set_fields(NI_116, "set NI 116", target_2010_11=19.5, comment="Agreed at the workshop"))
    *_, first, second = entries(path)
    assert first.change_id == second.change_id
    assert [(e.kind, e.record_key, e.ni, e.field, e.op, e.before, e.after) for e in (first, second)] == [
        ("targets", '["NI 116"]', "NI 116", "target_2010_11", "changed", 20, 19.5),
        ("targets", '["NI 116"]', "NI 116", "comment", "changed", "", "Agreed at the workshop"),
    ]
    assert {(e.who, e.how, e.source, e.action) for e in (first, second)} == {("Ruth", "typed", "", "set NI 116")}


def test_a_whole_record_added_or_removed_is_one_entry_holding_it_as_json(path: Path) -> None:
    with_116(path)
    with Workbook.open(path, author="tester") as workbook:
        workbook.apply(remove(NI_116, "remove NI 116"))
    added, removed = entries(path)
    assert (added.field, added.op, added.before) == ("", "added", None)
    assert (removed.field, removed.op, removed.after) == ("", "removed", None)
    whole = json.loads(added.after)
    assert whole == json.loads(removed.before)
    assert whole["code"] == "NI 116" and whole["target_2010_11"] == 20 and whole["partners"] == '["Kingsmere PCT"]'
    assert added.change_id != removed.change_id


def test_two_changes_to_one_record_in_one_edit_read_the_pending_value(path: Path) -> None:
    with_116(path)
    middle = replace(NI_116, target_2010_11=19.0)
    last = replace(middle, target_2010_11=18.0)
    with Workbook.open(path, author="tester") as workbook:
        workbook.apply(Edit("twice", (Put(middle, NI_116), Put(last, middle))))
    found = [(e.field, e.before, e.after) for e in entries(path) if e.action == "twice"]
    assert found == [("target_2010_11", 20, 19.0), ("target_2010_11", 19.0, 18.0)]


def test_an_undo_is_recorded_as_undone_and_a_paste_as_pasted(path: Path) -> None:
    with_116(path)
    edit = set_fields(NI_116, "set the 2010/11 target", target_2010_11=17.0)
    with Workbook.open(path, author="tester") as workbook:
        workbook.apply(edit.came("pasted"))
        workbook.apply(edit.inverse())
        workbook.apply(set_fields(NI_116, "from the table", units="per cent").came("imported", "table.csv"))
    *_, pasted, undone, imported = entries(path)
    assert (pasted.how, pasted.before, pasted.after) == ("pasted", 20, 17.0)
    assert (undone.how, undone.before, undone.after, undone.action) == ("undone", 17.0, 20, "set the 2010/11 target")
    assert (imported.how, imported.source) == ("imported", "table.csv")


def test_an_empty_edit_or_one_that_changes_nothing_leaves_no_entry(path: Path) -> None:
    with_116(path)
    with Workbook.open(path, author="tester") as workbook:
        workbook.apply(Edit("nothing", ()))
        workbook.apply(Edit("same again", (Put(NI_116, NI_116),)))
        assert entry_count(workbook) == 1


def test_an_edit_to_a_read_only_workbook_leaves_no_entry(path: Path) -> None:
    with_116(path)
    with Workbook.open(path, read_only=True) as workbook, pytest.raises(WorkbookProblem):
        workbook.apply(set_fields(NI_116, "set", target_2010_11=1.0))
    assert len(entries(path)) == 1


def test_when_the_history_cannot_be_written_the_change_is_not_written_either(path: Path) -> None:
    with_116(path)
    with Workbook.open(path, author="tester") as workbook:
        with sqlite3.connect(path) as other:  # the history's write fails, as a full disk would fail it
            other.execute("CREATE TRIGGER full BEFORE INSERT ON history BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        with pytest.raises(sqlite3.Error):
            workbook.apply(set_fields(NI_116, "set", target_2010_11=1.0))
        assert workbook.target("NI 116") == NI_116
    with sqlite3.connect(path) as other:
        other.execute("DROP TRIGGER full")
    assert [e.action for e in entries(path)] == ["add NI 116"]


def test_when_the_edit_fails_after_its_entries_are_written_neither_stays(path: Path) -> None:
    with_116(path)

    def fails(db: sqlite3.Connection, *_: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with Workbook.open(path, author="tester") as workbook:
        with pytest.raises(WorkbookProblem):
            workbook.apply(set_fields(NI_116, "set", target_2010_11=1.0), also=fails)
        assert workbook.target("NI 116") == NI_116
    assert [e.action for e in entries(path)] == ["add NI 116"]


def test_a_champion_notes_entry_names_the_first_indicator_it_names(path: Path) -> None:
    with_116(path)
    note = ChampionNote(
        "n1", "Ruth", "Ask about the baseline", NoteKind.CHALLENGE, date(2008, 5, 1), indicators=("NI 153", "NI 116")
    )
    with Workbook.open(path, author="tester") as workbook:
        workbook.apply(add(note, "add a note"))
        workbook.apply(add(Position("NI 116", "2010/11", area_proposal=20.0), "propose"))
    note_entry, position_entry = entries(path)[-2:]
    assert (note_entry.kind, note_entry.ni, note_entry.record_key) == ("champion_notes", "NI 153", '["n1"]')
    assert (position_entry.kind, position_entry.ni) == ("positions", "NI 116")


def test_history_filters_by_day_indicator_and_person(path: Path) -> None:
    with Workbook.open(path, author="Ruth") as workbook:
        workbook.clock = lambda: "2008-06-01T09:00:00+00:00"
        workbook.apply(add(NI_116, "add NI 116"))
        workbook.apply(add(complete("NI 153"), "add NI 153"))
    with Workbook.open(path, author="Dev") as workbook:
        workbook.clock = lambda: "2008-06-30T16:30:00+00:00"
        workbook.apply(set_fields(NI_116, "lower it", target_2010_11=19.0))
        workbook.apply(set_fields(complete("NI 153"), "raise it", target_2010_11=21.0))

    def actions(**wanted: object) -> list[str]:
        return [e.action for e in entries(path, HistoryFilter(**wanted))]  # type: ignore[arg-type]

    assert actions() == ["add NI 116", "add NI 153", "lower it", "raise it"]
    assert actions(since=date(2008, 6, 30)) == ["lower it", "raise it"]
    assert actions(since=date(2008, 7, 1)) == []
    assert actions(ni="NI 116") == ["add NI 116", "lower it"]
    assert actions(who="Ruth") == ["add NI 116", "add NI 153"]
    assert actions(since=date(2008, 6, 2), ni="NI 153", who="Dev") == ["raise it"]
    assert HistoryFilter(date(2008, 6, 30), "NI 153", "Dev").describe() == "since 30 Jun 2008 about NI 153 by Dev"


def test_an_upgraded_format_4_workbook_has_one_migrated_entry(tmp_path: Path) -> None:
    copy = shutil.copy(DATA / "workbook-format-4.laa", tmp_path / "four.laa")
    with Workbook.open(copy, backup_folder=tmp_path / "backups", author="tester") as workbook:
        workbook.clock = lambda: "2009-01-05T10:00:00+00:00"
    (entry,) = entries(Path(copy))
    assert (entry.how, entry.kind, entry.field, entry.before, entry.after) == (
        "migrated",
        "meta",
        "format",
        4,
        SCHEMA_VERSION,
    )
    with Workbook.open(copy, author="tester"):
        pass
    assert len(entries(Path(copy))) == 1  # opened again: nothing more to upgrade


def test_an_upgrade_reads_as_one_plain_phrase(tmp_path: Path) -> None:
    copy = shutil.copy(DATA / "workbook-format-4.laa", tmp_path / "four.laa")
    Workbook.open(copy, backup_folder=tmp_path / "backups", author="tester").close()
    (entry,) = entries(Path(copy))
    said = line(entry).split("  ", 2)[2]
    now = SCHEMA_VERSION
    assert said == f"workbook format: 4 -> {now}  (migrated; upgrade the workbook from format 4 to format {now})"


def entry(**values: object) -> HistoryEntry:
    base = dict(
        id=1,
        change_id="c1",
        at="2008-06-30T16:30:00+00:00",
        who="Ruth Calloway",
        how="typed",
        source="",
        action="set NI 153",
        kind="targets",
        record_key='["NI 153"]',
        ni="NI 153",
        field="target_2010_11",
        op="changed",
        before=29.0,
        after=28.5,
    )
    return HistoryEntry(**{**base, **values})  # type: ignore[arg-type]


def test_a_history_line_says_what_from_and_to_who_when_and_how() -> None:
    assert line(entry()) == (
        "2008-06-30T16:30:00+00:00  Ruth Calloway  NI 153 2010/11 target: 29 -> 28.5  (typed; set NI 153)"
    )
    assert line(entry(before=None, how="imported", source="table.csv", action="import")) == (
        "2008-06-30T16:30:00+00:00  Ruth Calloway  NI 153 2010/11 target: blank -> 28.5  "
        "(imported from table.csv; import)"
    )
    assert line(entry(field="", op="added", before=None, after="{}")).split("  ")[2] == "NI 153: added"
    position = entry(kind="positions", record_key='["NI 153", "2010/11"]', field="agreed_level", op="removed")
    assert line(position).split("  ")[2] == "NI 153 2010/11 position agreed level: removed"
    note = entry(kind="champion_notes", record_key='["n1"]', field="", op="added")
    assert line(note).split("  ")[2] == "champion note n1: added"


def test_the_history_as_csv_reads_back_with_a_byte_order_mark_and_its_columns(path: Path, tmp_path: Path) -> None:
    with_116(path)
    with Workbook.open(path, author="Siân O’Brien") as workbook:
        workbook.apply(set_fields(NI_116, "cost", comment="£2m “pump-priming”", target_2010_11=None))
    out = tmp_path / "history.csv"
    with Workbook.open(path, read_only=True) as workbook:
        assert write_history_csv(out, read_entries(workbook)) == 3
        expected = [list(r) for r in csv_rows(read_entries(workbook))]
    assert out.read_bytes().startswith(b"\xef\xbb\xbfwhen,who,how,")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HISTORY_CSV_COLUMNS
    assert rows[1:] == expected
    assert rows[2] == [
        rows[2][0],
        "Siân O’Brien",
        "typed",
        "",
        "cost",
        "NI 116",
        "NI 116 2010/11 target",
        "changed",
        "20",
        "",
    ]
    assert rows[3][6:] == ["NI 116 comment", "changed", "", "£2m “pump-priming”"]
