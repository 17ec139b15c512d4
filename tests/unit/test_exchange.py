"""The exchange layout: rows in, rows out, all or nothing, and the same targets after a round trip."""

from __future__ import annotations

import codecs
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.records import catalogue, complete
from support.tables import REASONS, exchange_table, read_csv, read_xlsx

from laadesk.core.exchange import (
    COLUMNS,
    DASHES,
    ExchangeRow,
    exchange_targets,
    guard_text,
    target_row,
    unguard_text,
)
from laadesk.core.import_plan import plan_import
from laadesk.core.model import Partner, Role, Status, Target
from laadesk.export.exchange_csv import SourceUnreadable, write_exchange_csv

HEADER = list(COLUMNS)


def row(number: int = 2, **cells: str) -> ExchangeRow:
    base = {
        "ni": "116",
        "title": "",
        "kind": "designated",
        "status": "agreed",
        "baseline": "22",
        "baseline_period": "2007/08",
        "target_2008_09": "21.5",
        "target_2009_10": "21",
        "target_2010_11": "20",
        "units": "%",
        "lead_partner": "Kingsmere County Council",
        "partners": "Kingsmere PCT; Police",
        "deferred_reason": "",
        "comment": "",
    }
    return ExchangeRow(number, {**base, **cells})


def plan(rows: list[ExchangeRow], existing: tuple[Target, ...] = ()):  # type: ignore[no-untyped-def]  # a pair
    return plan_import("t.csv", exchange_table(rows), existing, (), catalogue(), REASONS)


def messages(rows: list[ExchangeRow]) -> list[str]:
    result, problems = plan(rows)
    assert result is None
    return [str(p) for p in problems]


def test_a_good_row_adds_a_target_and_its_partners() -> None:
    result, problems = plan([row()])
    assert problems == []
    assert result is not None and (result.added, result.updated, result.unchanged) == (1, 0, 0)
    added = [c.after for c in result.edit.changes]  # type: ignore[union-attr]
    assert added[-1] == complete(partners=("Kingsmere PCT", "Police"))
    assert {type(r) for r in added[:-1]} == {Partner}
    assert result.report[-1] == "NI 116: added as designated target"


def test_updates_report_each_changed_field_and_blanks_win() -> None:
    existing = complete(rationale="kept", reward=True)
    result, _ = plan([row(target_2009_10="20.5", comment="", units="")], (replace(existing, comment="old"),))
    assert result is not None and result.updated == 1
    assert "NI 116: 2009/10 target 21 -> 20.5" in result.report
    assert "NI 116: comment old -> (blank)" in result.report
    assert "NI 116: units % -> (blank)" in result.report
    after = result.edit.changes[-1].after  # type: ignore[union-attr]
    assert after.rationale == "kept" and after.reward is True  # fields outside the layout are kept


def test_unchanged_rows_change_nothing() -> None:
    existing = complete(partners=("Kingsmere PCT", "Police"))
    known = tuple(Partner(n) for n in ("kingsmere county council", "Kingsmere PCT", "Police"))
    result, _ = plan_import("t.csv", exchange_table([row()]), (existing,), known, catalogue(), REASONS)
    assert result is not None and result.unchanged == 1 and result.report == ()


def test_every_bad_cell_is_named_and_nothing_planned() -> None:
    assert messages(
        [
            row(2),
            row(3, ni="NI 250"),
            row(4, ni="31"),
            row(5, ni="L1", title="", kind="designated"),
            row(6, ni="117", status="deferred", deferred_reason="it rained"),
            row(7, ni="118", status="agreed", deferred_reason="Place Survey pending"),
            row(8, ni="119", kind="optional", status="maybe"),
            row(9, ni="NI116"),
            row(10, ni="NI 116/117"),
            row(11, ni="", baseline="3"),
        ]
    ) == [
        f"row 3, column ni: NI 250 is not in the National Indicator Set ({catalogue().edition})",
        "row 4, column ni: NI 31 was withdrawn from the National Indicator Set and cannot be chosen",
        "row 5, column kind: L1 is a local indicator, so its kind must be local",
        "row 5, column title: local indicator L1 needs a title",
        "row 6, column deferred_reason: 'it rained' is not a deferral reason; use one of: economic downturn; "
        "caveated / no trend data; Place Survey pending; new indicator without definition or baseline; "
        "Tellus survey results pending; other (for another reason, write 'other: ' and the reason)",
        "row 7, column deferred_reason: a deferral reason is given but the status is agreed, not deferred",
        "row 8, column kind: 'optional' should be designated, statutory or local",
        "row 8, column status: 'maybe' should be proposed, agreed or deferred",
        "row 9, column ni: NI 116 appears twice (first on row 2)",
        "row 10, column ni: 'NI 116/117' names two indicators; give each its own row",
        "row 11, column ni: '(blank)' is not an indicator code; use a number such as 116 or NI 116, "
        "or the area's own code such as L1 or SI 14",
    ]


def test_a_level_that_is_not_a_number_is_kept_exactly_as_written() -> None:
    cells = {
        "baseline": "TBC",
        "target_2008_09": "55.7 (for 2009)",
        "target_2009_10": "12-14%",
        "target_2010_11": " n/a ",
    }
    result, problems = plan([row(**cells)])
    assert problems == [] and result is not None
    target = result.edit.changes[-1].after  # type: ignore[union-attr]
    assert (target.baseline, *target.levels) == (None, None, None, None)
    assert target.written_levels == dict(cells)
    assert "NI 116: 2008/09 target kept as written: 55.7 (for 2009)" in result.report
    assert result.as_written == 4
    assert target_row(target, catalogue())["target_2010_11"] == " n/a "


def test_codes_an_area_wrote_are_its_own_indicators_kept_as_written() -> None:
    result, problems = plan(
        [
            row(2, ni="SI 14", title="Stretch: recycling", kind=""),
            row(3, ni="cyp12", title="Young people's services", kind=""),
            row(4, ni="-", title="Village halls open", kind=""),
            row(5, ni="LAA 7", title="Fuel poverty", kind="local"),
        ]
    )
    assert problems == [] and result is not None
    added = {t.code: t for t in (c.after for c in result.edit.changes) if isinstance(t, Target)}
    assert set(added) == {"SI 14", "cyp12", "L1", "LAA 7"}
    assert {t.role for t in added.values()} == {Role.LOCAL}
    assert added["L1"].title == "Village halls open"


def test_a_code_spelt_otherwise_updates_the_area_s_own_indicator() -> None:
    existing = Target("SI 14", Role.LOCAL, title="Stretch: recycling", comment="old")
    result, problems = plan([row(ni="si14", title="", kind="", comment="new")], (existing,))
    assert problems == [] and result is not None and result.updated == 1
    assert result.edit.changes[-1].after.code == "SI 14"  # type: ignore[union-attr]
    assert result.edit.changes[-1].after.title == "Stretch: recycling"  # type: ignore[union-attr]


def test_deferral_reasons_accept_short_forms() -> None:
    result, problems = plan([row(status="deferred", deferred_reason="place survey", baseline="")])
    assert problems == [] and result is not None
    assert result.edit.changes[-1].after.deferral_reason == "Place Survey pending"  # type: ignore[union-attr]


def test_formula_text_is_guarded_and_unguarded() -> None:
    for text in ('=HYPERLINK("x")', "+44", "-minus", "@SUM", "plain"):
        assert unguard_text(guard_text(text)) == text
    cells = target_row(complete(comment="=1+1", lead_partner="@council"), catalogue())
    assert cells["comment"] == "'=1+1" and cells["lead_partner"] == "'@council"
    assert target_row(complete(baseline=-3.0), catalogue())["baseline"] == "-3"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


CSV_TEXT = (
    ",".join(COLUMNS) + "\r\n"
    "116,,designated,agreed,22,2007/08,21.5,21,20,%,Conseil Général – “Café” £,Kingsmere PCT,,\r\n"
    ",,,,,,,,,,,,,\r\n"
    "L1,Village halls,local,proposed,1,2007/08,2,3,4,number,Kingsmere PCT,,,\r\n"
)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"], ids=["utf8", "utf8-bom", "cp1252", "utf16-bom"]
)
def test_csv_encodings_excel_writes(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, "t.csv", CSV_TEXT.encode(encoding))
    if encoding == "utf-16":
        assert path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    table = read_csv(path)
    assert table.header_row == 1 and set(table.names) == set(HEADER)
    assert [r.number for r in table.rows] == [2, 4]  # blank row skipped, numbering kept
    assert table.rows[0].cells["lead_partner"] == "Conseil Général – “Café” £"


def test_csv_with_nul_bytes_is_refused_with_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", b"ni,title\n116,a\x00b\n")
    with pytest.raises(SourceUnreadable, match="contains a NUL byte on line 2"):
        read_csv(path)


def test_csv_extra_cells_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, "t.csv", (",".join(COLUMNS) + "\n116" + ",x" * 13 + ",surplus\n").encode())
    table = read_csv(path)
    _, problems = plan_import("t.csv", table, (), (), catalogue(), REASONS)
    assert str(problems[0]).startswith("row 2: cells beyond the last column of the header (surplus)")


def test_xlsx_reads_numbers_percent_strings_and_thousands(tmp_path: Path) -> None:
    from openpyxl import Workbook as Book

    book = Book()
    book.active.title = "Notes"
    sheet = book.create_sheet("Targets")
    sheet.append(HEADER)
    sheet.append(
        [
            "NI 116",
            None,
            "designated",
            "agreed",
            22.5,
            "2007/08",
            "12.5%",
            "1,234",
            20,
            "%",
            "Kingsmere County Council",
            "A; B",
            None,
            None,
        ]
    )
    path = tmp_path / "t.xlsx"
    book.save(path)
    table = read_xlsx(path)
    result, problems = plan_import("t.xlsx", table, (), (), catalogue(), REASONS)
    assert problems == [] and result is not None
    target = result.edit.changes[-1].after  # type: ignore[union-attr]
    assert target.levels == (12.5, 1234.0, 20.0) and target.baseline == 22.5


def _book_with_chart_sheet(sheet_title: str, chart_title: str) -> Any:
    """A workbook whose first sheet is a chart (of the table on the worksheet after it)."""
    from openpyxl import Workbook as Book
    from openpyxl.chart import BarChart, Reference

    book = Book()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append(HEADER)
    sheet.append(list(target_row(complete(), catalogue()).values()))
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=2))
    book.create_chartsheet(chart_title, 0).add_chart(chart)
    return book


def test_a_chart_sheet_before_the_table_is_passed_over(tmp_path: Path) -> None:
    book = _book_with_chart_sheet("Return", "Chart of levels")
    path = tmp_path / "t.xlsx"
    book.save(path)
    table = read_xlsx(path)
    assert [r.cells["ni"] for r in table.rows] == ["NI 116"]


def test_a_targets_sheet_that_is_a_chart_is_refused_in_a_sentence(tmp_path: Path) -> None:
    book = _book_with_chart_sheet("Data", "Targets")
    path = tmp_path / "t.xlsx"
    book.save(path)
    with pytest.raises(SourceUnreadable, match=r"t\.xlsx: the sheet 'Targets' is a chart, not a table of targets\.$"):
        read_xlsx(path)


def test_renamed_non_zip_xlsx_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "t.xlsx", CSV_TEXT.encode())
    with pytest.raises(SourceUnreadable, match=r"is not an Excel \.xlsx file \(it is not a zip archive\)"):
        read_xlsx(path)


def test_zip_bomb_is_refused_before_openpyxl_reads_it(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (210 * 1024 * 1024))
    with pytest.raises(SourceUnreadable, match="would unpack to 210 MB"):
        read_xlsx(path)


text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)
level = st.none() | st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda f: round(f, 4))
# A dash where a partner is named means none (as a council's table writes it): no partner is called "-".
partner = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";"), min_size=1, max_size=15)
    .map(str.strip)
    .filter(lambda name: bool(name) and name not in DASHES)
)


@st.composite
def targets(draw: st.DrawFn) -> list[Target]:
    national = [i for i in catalogue().indicators if not i.withdrawn]
    chosen = draw(st.lists(st.sampled_from(national), max_size=8, unique_by=lambda i: i.ni))
    result = []
    for indicator in chosen:
        deferred = draw(st.booleans())
        result.append(
            Target(
                indicator.code,
                draw(st.sampled_from([Role.DESIGNATED, Role.STATUTORY, Role.LOCAL])),
                status=Status.DEFERRED if deferred else draw(st.sampled_from([Status.PROPOSED, Status.AGREED])),
                baseline=draw(level),
                baseline_period=draw(text),
                target_2008_09=draw(level),
                target_2009_10=draw(level),
                target_2010_11=draw(level),
                units=draw(text),
                lead_partner=draw(text.filter(lambda name: name not in DASHES)),
                partners=tuple(dict.fromkeys(draw(st.lists(partner, max_size=3)))),
                deferral_reason=draw(st.sampled_from(REASONS.wordings())) if deferred else "",
                comment=draw(text),
            )
        )
    for number in range(1, draw(st.integers(0, 3)) + 1):
        result.append(Target(f"L{number}", Role.LOCAL, title=draw(text.filter(bool)), comment=draw(text)))
    return result


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(targets())
def test_csv_round_trip_gives_identical_targets(tmp_path: Path, original: list[Target]) -> None:
    path = tmp_path / "round.csv"
    write_exchange_csv(path, original, catalogue())
    table = read_csv(path)
    result, problems = plan_import("round.csv", table, (), (), catalogue(), REASONS)
    if not original:
        assert [p.message for p in problems] == ["round.csv holds no targets below its header row"]
        return
    assert problems == []
    assert result is not None
    imported = [c.after for c in result.edit.changes if isinstance(c.after, Target)]  # type: ignore[union-attr]
    assert imported == exchange_targets(original)
