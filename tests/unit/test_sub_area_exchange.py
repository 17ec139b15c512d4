"""The sub-area layout: known by its header, rows in and out, all or nothing, the same figures after a round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.records import complete, snapshot

from laadesk.core.council_table import SourceRow, SourceTable, table_of_rows
from laadesk.core.exchange import DASHES
from laadesk.core.model import District, SubAreaKind, SubAreaTarget, Target
from laadesk.core.pack import council_pack
from laadesk.core.sub_area_exchange import (
    SUB_AREA_COLUMNS,
    find_sub_area_header,
    is_sub_area_header,
    ordered,
    plan_sub_area_import,
    read_sub_area_table,
)
from laadesk.export.exchange_csv import read_csv_table, write_sub_area_csv
from laadesk.export.exchange_xlsx import read_xlsx_table
from laadesk.export.xlsx_pack import write_xlsx_pack

TARGETS = (complete("NI 116"), complete("NI 47", units="casualties"))


def plan(rows: list[list[str]], existing: tuple[SubAreaTarget, ...] = (), targets: tuple[Target, ...] = TARGETS):
    table = table_of_rows("s.csv", [list(SUB_AREA_COLUMNS), *rows])
    return plan_sub_area_import(read_sub_area_table(table), existing, targets)


def test_the_header_tells_the_layouts_apart() -> None:
    assert is_sub_area_header(SUB_AREA_COLUMNS)
    assert is_sub_area_header(["NI", "Sub area", "baseline"])
    assert not is_sub_area_header(["ni", "title", "kind", "status"])
    above = SourceTable("t", (SourceRow(1, ("Kingsmere - sub-area targets",)), SourceRow(3, tuple(SUB_AREA_COLUMNS))))
    header = find_sub_area_header(above)
    assert header is not None and header.number == 3


def test_a_good_row_adds_and_a_second_import_changes_nothing() -> None:
    row = ["NI 116", "Marlhaven", "district", "24", "2007", "23", "22,5", "TBC", "%", "-", "worst wards"]
    result, problems = plan([row])
    assert problems == []
    assert result is not None
    (added,) = [c.after for c in result.changes]
    assert added == SubAreaTarget(
        "NI 116",
        "Marlhaven",
        SubAreaKind.DISTRICT,
        24.0,
        "2007",
        23.0,
        None,
        None,
        "%",
        "",
        "worst wards",
        target_2009_10_as_written="22,5",
        target_2010_11_as_written="TBC",
    )
    again, _ = plan([row], existing=(added,))  # type: ignore[arg-type]
    assert again is not None and (again.added, again.updated, again.unchanged) == (0, 0, 1)


def test_every_bad_cell_is_named_and_nothing_planned() -> None:
    result, problems = plan(
        [
            ["NI 999", "Marlhaven", "district", "", "", "", "", "", "", "", ""],
            ["NI 116", "", "ward", "", "", "", "", "", "", "", ""],
            ["NI 116", "Oakford", "", "", "", "", "", "", "", "", ""],
            ["NI 116", "oakford", "", "", "", "", "", "", "", "", ""],
        ]
    )
    assert result is None
    assert [(p.row, p.column) for p in problems] == [(2, "ni"), (3, "sub_area"), (3, "sub_area_kind"), (5, "sub_area")]
    assert problems[0].message == "NI 999 is not a target of this workbook; add its target first"
    assert problems[-1].message == "NI 116 oakford appears twice (first on row 4)"


def test_an_unknown_column_is_named() -> None:
    table = table_of_rows("s.csv", [["ni", "sub_area", "ward code"], ["NI 116", "Oakford", "E05"]])
    _, problems = plan_sub_area_import(read_sub_area_table(table), (), TARGETS)
    assert [p.message for p in problems] == ["'ward code' is not a column of the sub-area layout"]


text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20).map(str.strip)
name = text.map(lambda t: " ".join(t.split())).filter(bool)
number = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda f: round(f, 4))
words = st.sampled_from(["TBC", "12-14%", "+2%", "=A1", "'quoted", "55.7 (for 2009)", "to be set in 2009"])
level = st.one_of(st.none().map(lambda _: (None, "")), number.map(lambda n: (n, "")), words.map(lambda w: (None, w)))


@st.composite
def sub_areas(draw: st.DrawFn) -> list[SubAreaTarget]:
    result = []
    for code in draw(st.lists(st.sampled_from([t.code for t in TARGETS]), max_size=2, unique=True)):
        for sub_area in draw(st.lists(name, max_size=3, unique_by=str.casefold)):
            levels = {f: draw(level) for f in ("baseline", "target_2008_09", "target_2009_10", "target_2010_11")}
            result.append(
                SubAreaTarget(
                    code,
                    sub_area,
                    draw(st.sampled_from(list(SubAreaKind))),
                    baseline_period=draw(text),
                    units=draw(text),
                    lead_partner=draw(text.filter(lambda t: t not in DASHES)),
                    comment=draw(text),
                    **{f: value for f, (value, _) in levels.items()},
                    **{f"{f}_as_written": written for f, (_, written) in levels.items()},
                )
            )
    return result


def imported(rows) -> list[SubAreaTarget]:  # type: ignore[no-untyped-def]
    result, problems = plan_sub_area_import(rows, (), TARGETS)
    assert problems == []
    assert result is not None
    return [c.after for c in result.changes]  # type: ignore[union-attr]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sub_areas())
def test_csv_round_trip_gives_identical_figures(tmp_path: Path, original: list[SubAreaTarget]) -> None:
    path = tmp_path / "round.csv"
    assert write_sub_area_csv(path, original) == len(original)
    assert imported(read_sub_area_table(read_csv_table(path))) == ordered(original)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sub_areas().filter(bool))
def test_excel_pack_round_trip_gives_identical_figures(tmp_path: Path, original: list[SubAreaTarget]) -> None:
    pack = council_pack(
        snapshot(*TARGETS, sub_areas=tuple(original), districts=(District("Marlhaven"),)), date(2008, 6, 30)
    )
    path = tmp_path / "pack.xlsx"
    result = write_xlsx_pack(pack, path)
    assert result.sheets[0] == "Targets" and "Sub-area targets" in result.sheets
    assert imported(read_sub_area_table(read_xlsx_table(path, "Sub-area targets"))) == ordered(original)
