"""Pasting spreadsheet blocks into the targets table: clipboard text, cell values, refusals, one edit."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.records import complete
from support.tables import REASONS

from laadesk.core.catalogue import Polarity
from laadesk.core.edits import Put
from laadesk.core.model import Role, Status, Target
from laadesk.core.paste import (
    Choices,
    PasteColumn,
    PasteTable,
    plan_fill,
    plan_paste,
    read_cell,
    read_tsv,
    target_edit,
    write_tsv,
)

PARTNERS = ("Kingsmere County Council", "Kingsmere Primary Care Trust", "Kingsmere Constabulary")
CHOICES = Choices(partners=PARTNERS, districts=("Marlhaven", "Colbeck Valley"), reasons=REASONS)
COLUMNS = (
    PasteColumn("NI", None),
    PasteColumn("Indicator", None),
    PasteColumn("Kind", "role"),
    PasteColumn("Baseline", "baseline"),
    PasteColumn("2008/09", "target_2008_09"),
    PasteColumn("2009/10", "target_2009_10"),
    PasteColumn("2010/11", "target_2010_11"),
    PasteColumn("Lead partner", "lead_partner"),
)
TARGETS = (complete("NI 116"), complete("NI 117"), complete("NI 118"))


def table(targets: tuple[Target, ...] = TARGETS) -> PasteTable:
    return PasteTable(targets, COLUMNS, CHOICES, lambda t, c: t.code if c == 0 else f"title of {t.code}")


# -- clipboard text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("", []),
        ("12", [["12"]]),
        ("\r\n", [[""]]),  # one blank cell copied from Excel
        ("1\t2\r\n3\t4\r\n", [["1", "2"], ["3", "4"]]),
        ("1\t2\n3\t4", [["1", "2"], ["3", "4"]]),
        ("1\t2\r3\t4\r", [["1", "2"], ["3", "4"]]),
        ("1\t\t3\r\n\t\t\r\n", [["1", "", "3"], ["", "", ""]]),
        ("1\t2\t3\r\n4\r\n5\t6\r\n", [["1", "2", "3"], ["4"], ["5", "6"]]),  # ragged rows stay ragged
        ('"two\r\nlines"\t2\r\n', [["two\r\nlines", "2"]]),
        ('"a\ttab"\t"say ""hi"""\r\n', [["a\ttab", 'say "hi"']]),
        ('"hi" there\t2\n', [['"hi" there', "2"]]),  # a quote that only starts the text
        ('"never closed\t2\n', [['"never closed', "2"]]),
        ('say "hi"\t2\n', [['say "hi"', "2"]]),
        ("a\n\nb\n", [["a"], [""], ["b"]]),
    ],
)
def test_reads_spreadsheet_clipboard_text(text: str, rows: list[list[str]]) -> None:
    assert read_tsv(text) == rows


def test_writes_what_excel_writes() -> None:
    assert write_tsv([["NI 8", "21.2", ""], ["two\nlines", 'say "hi"', "a\tb"]]) == (
        'NI 8\t21.2\t\r\n"two\nlines"\t"say ""hi"""\t"a\tb"\r\n'
    )


@given(st.lists(st.lists(st.text(), min_size=1, max_size=5), max_size=5))
def test_written_text_reads_back_as_the_same_block(rows: list[list[str]]) -> None:
    assert read_tsv(write_tsv(rows)) == rows


# -- single cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("baseline", "12.5%", 12.5),
        ("baseline", "1,234", 1234.0),
        ("baseline", "£2,000", 2000.0),
        ("baseline", "(12)", -12.0),
        ("baseline", "  ", None),
        ("target_2009_10", "-", None),
        ("role", "Statutory", Role.STATUTORY),
        ("status", "agreed", Status.AGREED),
        ("polarity", "lower is better", Polarity.LOWER),
        ("polarity", "higher (catalogue)", None),
        ("polarity", "", None),
        ("lead_partner", "kingsmere constabulary", "Kingsmere Constabulary"),
        ("lead_partner", "", ""),
        ("partners", "Kingsmere Constabulary; kingsmere county council;", PARTNERS[2::-2]),
        ("districts", "whole area", ()),
        ("districts", "Marlhaven; Colbeck Valley", ("Marlhaven", "Colbeck Valley")),
        ("deferral_reason", "Place Survey", ("Place Survey pending", "")),
        ("deferral_reason", "other: awaiting the DCSF definition", ("other", "awaiting the DCSF definition")),
        ("deferral_reason", "", ("", "")),
        ("revisit_date", "30/09/2009", date(2009, 9, 30)),
        ("revisit_date", "2009-09-30", date(2009, 9, 30)),
        ("revisit_date", "30 Sep 2009", date(2009, 9, 30)),
        ("units", "'=rate", "=rate"),  # a formula guard added on copy is taken off on paste
    ],
)
def test_cell_text_becomes_a_field_value(field: str, text: str, value: object) -> None:
    assert read_cell(field, text, CHOICES) == value


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("baseline", "abc", "'abc' is not a number"),
        ("target_2010_11", "TBC with GONW", "'TBC with GONW' is not a number"),
        ("role", "", "'' should be designated, statutory or local"),
        ("role", "candidate", "'candidate' should be designated, statutory or local"),
        ("status", "done", "'done' should be proposed, agreed or deferred"),
        ("lead_partner", "Kingsmere PCT", "'Kingsmere PCT' is not one of the area's partners"),
        ("districts", "Wenmoor", "'Wenmoor' is not one of the area's districts"),
        (
            "revisit_date",
            "next spring",
            "'next spring' is not a date; type it as 30/06/2008, 30 Jun 2008 or 2008-06-30",
        ),
        ("polarity", "up", "'up' should be higher, lower or blank (the catalogue's)"),
    ],
)
def test_cell_text_that_cannot_be_taken_is_refused_with_a_sentence(field: str, text: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        read_cell(field, text, CHOICES)
    assert str(refused.value) == message


def test_a_deferral_reason_defers_and_agreeing_undefers() -> None:
    target = complete("NI 117")
    edit = target_edit(target, {"deferral_reason": "Place Survey pending"})
    assert edit.label == "defer NI 117"
    deferred = edit.changes[0].after  # type: ignore[union-attr]
    assert deferred.status is Status.DEFERRED and deferred.deferral_reason == "Place Survey pending"
    deferred = Target(
        "NI 1",
        Role.DESIGNATED,
        status=Status.DEFERRED,
        deferral_reason="Place Survey pending",
        revisit_date=date(2009, 9, 30),
    )
    agreed = target_edit(deferred, {"status": Status.AGREED})
    assert agreed.label == "change NI 1 status"
    after = agreed.changes[0].after  # type: ignore[union-attr]
    assert (after.status, after.deferral_reason, after.revisit_date) == (Status.AGREED, "", None)


def test_an_edit_that_changes_nothing_is_empty() -> None:
    target = complete("NI 117")
    assert target_edit(target, {"target_2009_10": target.target_2009_10}).empty
    assert target_edit(target, {"target_2009_10": 20.5}).label == "change NI 117 2009/10 target"


# -- blocks --------------------------------------------------------------------------------------


def test_a_block_of_levels_becomes_one_edit_and_undoes_in_one() -> None:
    grid = read_tsv("12.5%\t1,234\t£2,000\t(12)\r\n\t20\t19\t18\r\n")
    plan = plan_paste(grid, table(), 0, 3)
    assert plan.problems == []
    edit = plan.edit(table())
    assert edit.label == "paste 8 cells into targets"
    after = {c.after.code: c.after for c in edit.changes if isinstance(c, Put)}
    assert after["NI 116"].baseline == 12.5 and after["NI 116"].levels == (1234, 2000, -12)
    assert after["NI 117"].baseline is None and after["NI 117"].levels == (20, 19, 18)
    assert "NI 118" not in after
    assert [c.after for c in edit.inverse().changes if isinstance(c, Put)] == [TARGETS[1], TARGETS[0]]


def test_bad_cells_are_reported_and_the_good_ones_taken() -> None:
    plan = plan_paste(read_tsv("1\tabc\t3\r\nx\t5\t6\r\n"), table(), 1, 4)
    assert plan.problems == [
        "row 1 (NI 117), 2009/10: 'abc' is not a number",
        "row 2 (NI 118), 2008/09: 'x' is not a number",
    ]
    assert plan.taken == 4
    assert plan.values == {
        "NI 117": {"target_2008_09": 1.0, "target_2010_11": 3.0},
        "NI 118": {"target_2009_10": 5.0, "target_2010_11": 6.0},
    }


def test_read_only_columns_take_their_own_text_back_and_refuse_any_other() -> None:
    grid = read_tsv("NI 116\ttitle of NI 116\tlocal\r\nNI 999\tanother title\tstatutory\r\n")
    plan = plan_paste(grid, table(), 0, 0)
    assert plan.problems == [
        "row 2 (NI 117), NI: NI cannot be changed here; 'NI 999' was not pasted",
        "row 2 (NI 117), Indicator: Indicator cannot be changed here; 'another title' was not pasted",
    ]
    assert plan.values == {"NI 116": {"role": Role.LOCAL}, "NI 117": {"role": Role.STATUTORY}}


def test_a_block_wider_and_taller_than_the_table_reports_every_cell_left_out() -> None:
    grid = read_tsv("1\t2\t3\r\n4\t5\t6\r\n7\t\t9\r\n10\t11\t12\r\n")
    plan = plan_paste(grid, table(), 1, 6)  # 2010/11 and Lead partner are the last two columns
    assert plan.problems == [
        "row 1 (NI 117), Lead partner: '2' is not one of the area's partners",
        "row 1 (NI 117): 1 cell beyond the last column not pasted ('3')",
        "row 2 (NI 118), Lead partner: '5' is not one of the area's partners",
        "row 2 (NI 118): 1 cell beyond the last column not pasted ('6')",
        "rows 3-4 fall below the last target shown: 5 cells not pasted ('7', '9', '10')",
    ]
    assert plan.values == {"NI 117": {"target_2010_11": 1.0}, "NI 118": {"target_2010_11": 4.0}}


def test_blank_cells_beyond_the_table_lose_nothing_and_are_not_reported() -> None:
    plan = plan_paste(read_tsv("1\t\t\r\n\t\t\r\n"), table(), 2, 6)
    assert plan.problems == []
    assert plan.values == {"NI 118": {"target_2010_11": 1.0, "lead_partner": ""}}


def test_a_paste_that_refuses_every_cell_is_an_empty_edit() -> None:
    plan = plan_paste([["abc", "def"]], table(), 0, 4)
    assert len(plan.problems) == 2 and plan.edit(table()).empty


def test_one_value_fills_chosen_cells() -> None:
    plan = plan_fill("", table(), [(0, 4), (1, 5), (2, 0)])
    assert plan.values == {"NI 116": {"target_2008_09": None}, "NI 117": {"target_2009_10": None}}
    assert plan.problems == ["row 3 (NI 118), NI: NI cannot be changed here; '' was not pasted"]
    assert plan.edit(table(), "blank 2 cells in targets").label == "blank 2 cells in targets"
