"""Reading a council's own table: its header found, its columns matched or chosen, the rest told."""

from __future__ import annotations

import pytest

from laadesk.core.council_table import (
    SKIP,
    ColumnLayout,
    layout_choices,
    match_header,
    proposed_layout,
    read_choices,
    read_table,
    table_of_rows,
    table_shape,
)

# Headers seen in 2008-09 council papers, and the exchange column each names.
SPELLINGS = {
    "NI ref": "ni",
    "NI": "ni",
    "Ref": "ni",
    "Indicator": "title",
    "Indicator title": "title",
    "Lead partner": "lead_partner",
    "Lead agency": "lead_partner",
    "Baseline (year)": "baseline",
    "Baseline": "baseline",
    "Baseline year": "baseline_period",
    "Target 08/09": "target_2008_09",
    "2008/09": "target_2008_09",
    "2009/10 target": "target_2009_10",
    "09-10": "target_2009_10",
    "10/11": "target_2010_11",
    "Target 2010/2011": "target_2010_11",
    "Comments": "comment",
    "Suggested changes": "comment",
    "Partners signed up": "partners",
    "Reason for deferral": "deferred_reason",
    "target_2009_10": "target_2009_10",  # laadesk's own layout
    "  NI\u00a0ref : ": "ni",
}


@pytest.mark.parametrize(("header", "column"), SPELLINGS.items())
def test_common_spellings_are_matched(header: str, column: str) -> None:
    assert match_header(header) == column


@pytest.mark.parametrize("header", ["RAG", "Lead officer", "Performance measure code", "", "Draft level"])
def test_other_headers_name_no_column(header: str) -> None:
    assert match_header(header) is None


CABINET = [
    ["Kingsmere LAA 2008-11: improvement targets"],
    [""],
    ["NI ref", "Indicator", "Baseline (year)", "Target 08/09", "2009/10 target", "10/11", "RAG", "Comments"],
    ["Stronger communities"],
    ["NI 8", "", "21.3", "22", "TBC", "12-14%", "amber", "+2 points"],
    ["SI 14", "Stretch: recycling", "38%", "40", "42", "44"],
    [""],
    ["Source: Kingsmere Observatory, May 2008."],
]


def test_the_header_is_found_below_a_title_and_headings_and_notes_are_told_not_read() -> None:
    read = read_table(table_of_rows("cabinet.csv", CABINET))
    assert read.problems == ()
    assert read.header_row == 3
    assert [row.number for row in read.rows] == [5, 6]
    assert read.rows[0].cells["target_2009_10"] == "TBC" and read.rows[0].cells["comment"] == "+2 points"
    assert read.notes == (
        "The table's header is row 3; the rows above it were left out.",
        "Column 'RAG' has no place in laadesk and was left out.",
        "Row 4 ('Stronger communities') was read as a heading or a note, not a target.",
        "Row 8 ('Source: Kingsmere Observatory, May 2008.') was read as a heading or a note, not a target.",
    )


def test_choices_name_columns_laadesk_does_not_know_and_leave_others_out() -> None:
    rows = [["Performance measure code", "Draft 10/11 level", "Comments"], ["NI 8", "24", "keep"]]
    assert read_table(table_of_rows("t.csv", rows)).problems[0].message.startswith("no row in the first 30")
    choices = read_choices("Performance measure code=ni, Draft 10/11 level=target_2010_11, Comments=-")
    read = read_table(table_of_rows("t.csv", rows), choices)
    assert read.problems == ()
    assert read.rows[0].cells == {"ni": "NI 8", "target_2010_11": "24"}
    assert "Column 'Comments' was left out, as asked." in read.notes


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("NI ref", "'NI ref' should be a column's name, '=', and what it holds (NI ref=ni)"),
        ("NI ref=code", "'code' (for 'NI ref') is not a column of the exchange layout"),
    ],
)
def test_a_choice_that_names_no_column_is_refused_with_a_sentence(text: str, sentence: str) -> None:
    with pytest.raises(ValueError, match=r"^" + sentence.replace("(", r"\(").replace(")", r"\)")):
        read_choices(text)


def test_the_officers_layout_takes_any_row_as_header_and_a_column_with_no_name() -> None:
    rows = [["Targets"], ["", "Level 2010/11", "Notes"], ["NI 8", "24", "a"], ["NI 9", "maintain", "b"]]
    table = table_of_rows("t.csv", rows)
    assert proposed_layout(table) is None  # no row names a code column
    read = read_table(table, layout=ColumnLayout(2, {1: "ni", 2: "target_2010_11", 3: SKIP}))
    assert read.problems == ()
    assert read.names == {"ni": "A", "target_2010_11": "Level 2010/11"}
    assert [row.cells for row in read.rows] == [
        {"ni": "NI 8", "target_2010_11": "24"},
        {"ni": "NI 9", "target_2010_11": "maintain"},
    ]
    assert read.notes[0] == "The table's header is row 2; the rows above it were left out."
    assert "Column 'Notes' was left out, as asked." in read.notes


def test_a_layout_without_a_code_column_or_with_one_column_twice_is_a_problem() -> None:
    table = table_of_rows("t.csv", [["A", "B"], ["NI 8", "24"]])
    (no_code,) = read_table(table, layout=ColumnLayout(1, {1: SKIP, 2: "baseline"})).problems
    assert no_code.message == "say which column holds the indicator codes (NI)"
    (twice,) = read_table(table, layout=ColumnLayout(1, {1: "ni", 2: "ni"})).problems
    assert (twice.row, twice.column, twice.message) == (1, "B", "holds ni as well as 'A'")


def test_a_layout_is_remembered_by_the_shape_of_the_header() -> None:
    table = table_of_rows("cabinet.csv", CABINET)
    layout = proposed_layout(table)
    assert layout is not None and layout.header_row == 3
    assert layout.columns[7] == SKIP and layout.columns[1] == "ni"
    chosen = ColumnLayout(3, {**layout.columns, 7: "comment", 8: SKIP})
    remembered = layout_choices(table, chosen)
    assert remembered["rag"] == "comment" and remembered["comments"] == SKIP
    later = table_of_rows("july.csv", [["Other title"], *CABINET[2:]])
    assert table_shape(later, 2) == table_shape(table, 3)  # the same header words, another title above
    again = proposed_layout(later, remembered)
    assert again is not None and again.columns == chosen.columns


def test_laadesks_own_note_column_is_passed_over_in_silence() -> None:
    rows = [["ni", "baseline", "laadesk_note"], ["NI 33", "12", "title unverified: ..."]]
    read = read_table(table_of_rows("t.csv", rows))
    assert read.notes == () and read.rows[0].cells == {"ni": "NI 33", "baseline": "12"}
