"""Councils' own target tables, as 2008 council papers typed them, imported through the real `laadesk` command.

Each table (tests/support/council_tables.py) is imported into a new workbook; each test checks the
sentences the import prints, what the workbook then holds (every level either the figure it plainly is
or the cell kept exactly as written, never a guessed number; codes as the council wrote them), that a
refusal writes nothing, and that export -> import -> export gives back the same CSV byte for byte, its
levels in words exactly the texts of the council's table.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from support.cli import Cli
from support.council_tables import (
    COUNTY_FILE,
    COUNTY_MERGED_FILE,
    COUNTY_ROWS,
    DISTRICT_FILE,
    DISTRICT_REVISED_FILE,
    DISTRICT_ROWS,
    PARTNERSHIP_FILE,
    PARTNERSHIP_ROWS,
    PARTNERSHIP_TARGETS_SHEET,
    PERFORMANCE_COLUMNS,
    PERFORMANCE_FILE,
    PERFORMANCE_ROWS,
    UNITARY_FILE,
    UNITARY_ROWS,
    UNITARY_SKIPPED_ROWS,
    TableRow,
    build_all,
    by_code,
    written_count,
)
from support.files import digest, listing
from support.spreadsheets import EXPORTED_HEADER
from support.workbooks import partner_names_in_file, targets_in_file

from laadesk.core.model import Target

Kept = dict[str, tuple[float | None, str]]  # level field -> (its number, its text kept as written)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every council table, and a new workbook, made once for the module; tests copy them."""
    paths = build_all(tmp_path_factory.mktemp("council-tables"))
    cli = Cli(tmp_path_factory.mktemp("blank"), tmp_path_factory.mktemp("blank-data"))
    cli("new", "blank.laa", "--area", "Demo")
    paths["blank"] = cli.path("blank.laa")
    return paths


def start(cli: Cli, made: dict[str, Path], table: str) -> str:
    """x.laa, a workbook just made, and the council's table beside it under its own name (returned)."""
    cli.copy_in(made["blank"], "x.laa")
    name = made[table].name
    cli.copy_in(made[table], name)
    return name


def kept(target: Target) -> Kept:
    """What the workbook holds for each level of a target: the number, and the text kept as written."""
    return {
        "baseline": (target.baseline, target.baseline_as_written),
        "target_2008_09": (target.target_2008_09, target.target_2008_09_as_written),
        "target_2009_10": (target.target_2009_10, target.target_2009_10_as_written),
        "target_2010_11": (target.target_2010_11, target.target_2010_11_as_written),
    }


def expected(row: TableRow) -> Kept:
    return {name: (level.number, level.as_written) for name, level in row.levels.items()}


def check_targets(workbook: Path, rows: tuple[TableRow, ...]) -> dict[str, Target]:
    """The workbook holds exactly the table's targets, by the codes the council wrote, each level as the
    table gave it; a level kept in words has no number, so none was guessed."""
    targets = targets_in_file(workbook)
    assert sorted(targets) == sorted(row.code for row in rows)
    for row in rows:
        target = targets[row.code]
        assert kept(target) == expected(row), row.code
        assert (target.role.value, target.lead_partner, target.comment) == (row.kind, row.lead, row.comment), row.code
        if row.period:
            assert target.baseline_period == row.period, row.code
        for level, text in target.written_levels.items():
            assert getattr(target, level) is None, f"{row.code} {level}: a number was guessed from {text!r}"
    return targets


def figure_text(number: float | None) -> str:
    """A figure as the exchange CSV writes it: 1180, 9.6; blank for none."""
    if number is None:
        return ""
    return str(int(number)) if number == int(number) else repr(number)


def round_trip(cli: Cli, workbook: str, rows: tuple[TableRow, ...]) -> dict[str, dict[str, str]]:
    """export -> import into a new workbook -> export: the two CSVs are the same bytes, and the first holds
    each level as the council's table gave it (words exactly as typed). The first CSV's rows, by code."""
    assert cli("export", workbook, "--csv", "a.csv").out_lines == [f"Wrote {len(rows)} targets to a.csv."]
    cli("new", "y.laa", "--area", "Demo")
    back = cli("import", "y.laa", "a.csv")
    count = written_count(rows)
    assert back.out_lines[-1] == (
        f"Imported a.csv into y.laa: {len(rows)} added, 0 updated, 0 unchanged; "
        f"{count} level{'s' if count != 1 else ''} kept as written, to settle."
    )
    cli("export", "y.laa", "--csv", "b.csv")
    first, second = cli.path("a.csv").read_bytes(), cli.path("b.csv").read_bytes()
    assert first == second
    text = first.decode("utf-8-sig")
    assert text.splitlines()[0] == EXPORTED_HEADER
    exported = {line["ni"]: line for line in csv.DictReader(io.StringIO(text, newline=""))}
    assert sorted(exported) == sorted(row.code for row in rows)
    for row in rows:
        for name, level in row.levels.items():
            assert exported[row.code][name] == (level.as_written or figure_text(level.number)), (row.code, name)
        assert exported[row.code]["kind"] == row.kind
        assert exported[row.code]["lead_partner"] == row.lead
        if row.kind == "local":
            assert exported[row.code]["title"] == row.title  # an area's own indicator keeps the council's title
    assert targets_in_file(cli.path("y.laa")) == targets_in_file(cli.path(workbook))
    return exported


# -- A county's cabinet appendix ----------------------------------------------------------------------------

COUNTY_REPORT = [
    "The table's header is row 4; the rows above it were left out.",
    "Column 'RAG' has no place in laadesk and was left out.",
    "Row 5 ('Stronger communities') was read as a heading or a note, not a target.",
    "Row 8 ('Safer communities and health') was read as a heading or a note, not a target.",
    "Row 12 ('Children and young people') was read as a heading or a note, not a target.",
    "Row 16 ('Economy and environment') was read as a heading or a note, not a target.",
    "Row 23 ('Source: Harrowdale Partnership Board, 2 June 2008; baseli...') was read as a heading or a note, "
    "not a target.",
    "Row 24 ('TBC = to be confirmed once the Place Survey and Tellus3 r...') was read as a heading or a note, "
    "not a target.",
    "partner Harrowdale Partnership Board: added to the area's partners",
    "NI 4: added as designated target",
    "NI 4: baseline kept as written: TBC",
    "NI 4: 2010/11 target kept as written: a measurable increase",
    "partner Harrowdale Association of Local Councils: added to the area's partners",
    "L1: added as local target",
    "L1: baseline kept as written: 31 (2007/08)",
    "partner Harrowdale Constabulary: added to the area's partners",
    "NI 20: added as designated target",
    "NI 32: added as designated target",
    "NI 32: baseline kept as written: TBC",
    "NI 32: 2008/09 target kept as written: TBC",
    "NI 32: 2009/10 target kept as written: TBC",
    "NI 32: 2010/11 target kept as written: TBC",
    "partner Harrowdale Primary Care Trust: added to the area's partners",
    "NI 39: added as designated target",
    "partner Harrowdale Children's Trust: added to the area's partners",
    "NI 87: added as statutory target",
    "partner Connexions Harrowdale: added to the area's partners",
    "NI 117: added as designated target",
    "NI 117: baseline kept as written: 7.4% (Nov 07 - Jan 08)",
    "partner Harrowdale Youth Service: added to the area's partners",
    "SI 14: added as local target",
    "SI 14: 2010/11 target kept as written: TBC",
    "partner Jobcentre Plus: added to the area's partners",
    "NI 152: added as designated target",
    "NI 152: baseline kept as written: 12.1% (Aug 2007)",
    "NI 152: 2008/09 target kept as written: maintain the 2.2% gap with the national rate",
    "NI 152: 2009/10 target kept as written: maintain the 2.2% gap with the national rate",
    "NI 152: 2010/11 target kept as written: narrow the gap with the national rate to 1.8%",
    "partner Learning and Skills Council: added to the area's partners",
    "NI 163: added as designated target",
    "NI 163: baseline kept as written: 52.9 (2006)",
    "NI 163: 2008/09 target kept as written: TBC",
    "NI 163: 2009/10 target kept as written: 55.7 (for 2009)",
    "partner Harrowdale County Council: added to the area's partners",
    "NI 186: added as designated target",
    "NI 186: baseline kept as written: 8.9 tonnes per head (2005)",
    "NI 186: 2010/11 target kept as written: 12-14%",
    "partner Harrowdale Waste Partnership: added to the area's partners",
    "LPI 3: added as local target",
    "partner Harrowdale Rural Partnership: added to the area's partners",
    "L2: added as local target",
    "L2: baseline kept as written: 0 (new scheme)",
]
COUNTY_TOTALS = "13 added, 0 updated, 0 unchanged; 19 levels kept as written, to settle"


def test_a_county_cabinet_table_comes_in_as_the_council_typed_it(cli: Cli, made: dict[str, Path]) -> None:
    source = start(cli, made, "county_cabinet_xlsx")
    assert source == COUNTY_FILE
    result = cli("import", "x.laa", source)
    assert result.out_lines == [*COUNTY_REPORT, f"Imported {COUNTY_FILE} into x.laa: {COUNTY_TOTALS}."]
    assert result.err == ""

    targets = check_targets(cli.path("x.laa"), COUNTY_ROWS)
    # The county's own codes kept as it wrote them; its two dashes numbered L1 and L2, known by their titles.
    assert {code: targets[code].title for code in ("SI 14", "LPI 3", "L1", "L2")} == {
        "SI 14": "Young people taking part in positive activities (Harrowdale youth survey)",
        "LPI 3": "Household waste collected per head (kg)",
        "L1": "Villages with an adopted parish plan",
        "L2": "Businesses supported by the rural enterprise scheme",
    }
    assert targets["NI 39"].baseline == 1180.0  # "1,180" typed as text
    assert targets["NI 87"].levels == (5.8, 5.5, 5.2)  # number cells Excel shows as percentages
    assert targets["NI 117"].baseline_as_written == "7.4% (Nov 07 - Jan 08)"
    assert targets["NI 152"].target_2008_09_as_written == "maintain the 2.2% gap with the national rate"
    assert targets["NI 163"].target_2009_10_as_written == "55.7 (for 2009)"
    assert targets["NI 186"].target_2010_11_as_written == "12-14%"
    assert (targets["LPI 3"].target_2009_10, targets["LPI 3"].target_2009_10_as_written) == (None, "")  # a dash
    # The RAG column went nowhere: no rating is in any field of any target.
    assert not [t.code for t in targets.values() if {"Amber", "Green", "Red"} & {t.comment, t.lead_partner, t.units}]

    exported = round_trip(cli, "x.laa", COUNTY_ROWS)
    assert exported["NI 32"]["target_2009_10"] == "TBC"
    assert exported["NI 152"]["target_2008_09"] == "maintain the 2.2% gap with the national rate"


def test_a_county_table_dry_run_writes_nothing_and_a_second_import_changes_nothing(
    cli: Cli, made: dict[str, Path]
) -> None:
    source = start(cli, made, "county_cabinet_xlsx")
    before, files = digest(cli.path("x.laa")), listing(cli.cwd)
    dry = cli("import", "x.laa", source, "--dry-run")
    assert dry.out_lines == [
        *COUNTY_REPORT,
        f"Dry run of {COUNTY_FILE}: would make {COUNTY_TOTALS}. Nothing was written.",
    ]
    assert (digest(cli.path("x.laa")), listing(cli.cwd)) == (before, files)
    assert targets_in_file(cli.path("x.laa")) == {}

    cli("import", "x.laa", source)
    first = digest(cli.path("x.laa"))
    again = cli("import", "x.laa", source)  # the council sends the same table again
    assert again.out_lines == [
        *COUNTY_REPORT[:8],  # the header, the column left out, the headings and notes: said again
        f"Imported {COUNTY_FILE} into x.laa: 0 added, 0 updated, 13 unchanged; 19 levels kept as written, to settle.",
    ]
    assert digest(cli.path("x.laa")) == first
    check_targets(cli.path("x.laa"), COUNTY_ROWS)


# -- A district's scrutiny table saved as CSV -----------------------------------------------------------------

DISTRICT_REPORT = [
    "The table's header is row 3; the rows above it were left out.",
    "partner Riverton District Council: added to the area's partners",
    "NI 195: added as designated target",
    "partner Riverton Local Strategic Partnership: added to the area's partners",
    "NI 154: added as designated target",
    "partner Riverton Youth Forum: added to the area's partners",
    "CYP12: added as local target",
    "CYP12: baseline kept as written: tbc",
    "LAA 7: added as local target",
    "LAA 7: 2008/09 target kept as written: 10–12",
    "LAA 7: 2009/10 target kept as written: 12–15",
    "LAA 7: 2010/11 target kept as written: 15–18",
    "partner Riverton Town Centre Partnership: added to the area's partners",
    "L1: added as local target",
    "L1: baseline kept as written: 42,300 a week",
    f"Imported {DISTRICT_FILE} into x.laa: 5 added, 0 updated, 0 unchanged; 5 levels kept as written, to settle.",
]


@pytest.mark.parametrize("table", ["district_csv", "district_csv_utf8"], ids=["windows-1252", "utf-8"])
def test_a_district_csv_comes_in_as_the_council_typed_it(cli: Cli, made: dict[str, Path], table: str) -> None:
    source = start(cli, made, table)
    assert source == DISTRICT_FILE
    if table == "district_csv":  # Excel 2003's "CSV (Comma delimited)": no byte-order mark, en dash as 0x96
        data = cli.path(source).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and b"\x96" in data and b"\x92" in data and b"\xa3" in data
    result = cli("import", "x.laa", source)
    assert result.out_lines == DISTRICT_REPORT
    assert result.err == ""

    targets = check_targets(cli.path("x.laa"), DISTRICT_ROWS)
    assert targets["NI 195"].comment == "+2 points above the national rate"  # starts like a formula: as typed
    assert targets["CYP12"].title == "Young people’s participation in positive activities (district survey)"
    assert targets["CYP12"].levels == (None, None, None)  # dashes: no levels, and none guessed
    assert targets["CYP12"].comment == "Awaiting Tellus3 results – targets to follow"
    assert targets["LAA 7"].comment == "£1.2m Housing Corporation bid pending"
    assert (targets["L1"].title, targets["L1"].baseline_period) == (
        "Town centre footfall (Riverton and Millbridge)",
        "2007",
    )
    assert sorted(partner_names_in_file(cli.path("x.laa"))) == [
        "Riverton District Council",
        "Riverton Local Strategic Partnership",
        "Riverton Town Centre Partnership",
        "Riverton Youth Forum",
    ]

    exported = round_trip(cli, "x.laa", DISTRICT_ROWS)
    # The CSV's only mark against a formula: an apostrophe, which the import takes off again.
    assert exported["NI 195"]["comment"] == "'+2 points above the national rate"
    assert targets_in_file(cli.path("y.laa"))["NI 195"].comment == "+2 points above the national rate"
    assert exported["LAA 7"]["target_2009_10"] == "12–15"


# -- A partnership's workbook of several sheets ------------------------------------------------------------------


def test_a_workbook_of_several_sheets_is_refused_until_the_sheet_is_named(cli: Cli, made: dict[str, Path]) -> None:
    source = start(cli, made, "partnership_workbook_xlsx")
    before, files = digest(cli.path("x.laa")), listing(cli.cwd)

    refused = cli("import", "x.laa", source, expect=2)
    assert refused.err_lines == [
        f"laadesk: {PARTNERSHIP_FILE} has 3 sheets ('Cover', 'Targets 2008-11', 'Notes'); "
        "say which holds the targets with --sheet NAME."
    ]
    assert refused.out == ""
    misnamed = cli("import", "x.laa", source, "--sheet", "Targets", expect=2)
    assert misnamed.err_lines == [
        f"laadesk: {PARTNERSHIP_FILE} has no sheet called 'Targets'; "
        "its sheets are 'Cover', 'Targets 2008-11', 'Notes'."
    ]
    assert (digest(cli.path("x.laa")), listing(cli.cwd)) == (before, files)
    assert targets_in_file(cli.path("x.laa")) == {}

    result = cli("import", "x.laa", source, "--sheet", PARTNERSHIP_TARGETS_SHEET)
    assert result.out_lines == [
        "partner Northvale Primary Care Trust: added to the area's partners",
        "NI 39: added as designated target",
        "partner Sport Northvale: added to the area's partners",
        "NI 8: added as designated target",
        "NI 8: 2008/09 target kept as written: n/a",
        "partner Northvale Children's Services: added to the area's partners",
        "NI 99: added as statutory target",
        "NI 99: baseline kept as written: 45% (3-year average)",
        "partner Northvale Cultural Trust: added to the area's partners",
        "Local 5: added as local target",
        "Local 5: 2010/11 target kept as written: a further 2% a year",
        f"Imported {PARTNERSHIP_FILE} into x.laa: 4 added, 0 updated, 0 unchanged; "
        "3 levels kept as written, to settle.",
    ]
    targets = check_targets(cli.path("x.laa"), PARTNERSHIP_ROWS)
    assert targets["Local 5"].title == "Visits to Northvale museums and libraries"
    assert (targets["Local 5"].baseline, targets["Local 5"].levels) == (412000.0, (420000.0, 430000.0, None))
    assert targets["NI 99"].baseline_period == "2005-07"

    round_trip(cli, "x.laa", PARTNERSHIP_ROWS)


# -- A performance system's export, whose headers laadesk does not know ---------------------------------------


def test_a_table_of_unknown_headers_needs_columns_and_says_so(cli: Cli, made: dict[str, Path]) -> None:
    source = start(cli, made, "performance_export_xlsx")
    before, files = digest(cli.path("x.laa")), listing(cli.cwd)

    refused = cli("import", "x.laa", source, expect=1)
    assert refused.err_lines == [
        f"{PERFORMANCE_FILE} row 1: no row in the first 30 names a column of indicator codes (such as 'NI', "
        "'NI ref' or 'Ref'); say which column holds what with --columns (NI ref=ni,...) or in the window's import",
        f"laadesk: {PERFORMANCE_FILE}: 1 problem, nothing was imported.",
    ]
    assert refused.out == ""
    # Naming only the codes is not enough: the area's own LAA 7b then has no title.
    untitled = cli("import", "x.laa", source, "--columns", "Performance measure code=ni", expect=1)
    assert untitled.err_lines == [
        f"{PERFORMANCE_FILE} row 4, column title: local indicator LAA 7b needs a title",
        f"laadesk: {PERFORMANCE_FILE}: 1 problem, nothing was imported.",
    ]
    # A choice naming a column the header lacks says which.
    misnamed = cli("import", "x.laa", source, "--columns", PERFORMANCE_COLUMNS + ",Year one target=-", expect=1)
    assert misnamed.err_lines == [
        f"{PERFORMANCE_FILE} row 1: --columns names 'year one target', but the header row has no such column",
        f"laadesk: {PERFORMANCE_FILE}: 1 problem, nothing was imported.",
    ]
    assert (digest(cli.path("x.laa")), listing(cli.cwd)) == (before, files)
    assert targets_in_file(cli.path("x.laa")) == {}

    result = cli("import", "x.laa", source, "--columns", PERFORMANCE_COLUMNS)
    assert result.out_lines == [
        "partner Westbury Community Safety Partnership: added to the area's partners",
        "NI 20: added as designated target",
        "NI 20: 2010/11 target kept as written: 8.5 (subject to Home Office agreement)",
        "partner Westbury Primary Care Trust: added to the area's partners",
        "NI 56: added as designated target",
        "partner Westbury Adult Social Care: added to the area's partners",
        "LAA 7b: added as local target",
        "LAA 7b: baseline kept as written: TBC",
        "LAA 7b: 2010/11 target kept as written: 90+",
        f"Imported {PERFORMANCE_FILE} into x.laa: 3 added, 0 updated, 0 unchanged; "
        "3 levels kept as written, to settle.",
    ]
    targets = check_targets(cli.path("x.laa"), PERFORMANCE_ROWS)  # "NI 020" is NI 20; "LAA 7b" kept as written
    assert targets["LAA 7b"].title == "Older people helped to live at home (per 1,000 aged 65+)"

    round_trip(cli, "x.laa", PERFORMANCE_ROWS)


# -- Tables as councils also typed them, which laadesk should take as they are -----------------------------------


def test_theme_headings_merged_across_the_table_are_headings_too(cli: Cli, made: dict[str, Path]) -> None:
    """The county's table formatted for print, each theme heading merged across the width (A5:I5...): the
    headings are read as headings whether merged or not, and nothing in them is imported."""
    source = start(cli, made, "county_cabinet_merged_headings_xlsx")
    assert source == COUNTY_MERGED_FILE
    result = cli("import", "x.laa", source, expect=None)
    assert result.code == 0, result.describe()
    assert result.out_lines == [*COUNTY_REPORT, f"Imported {COUNTY_MERGED_FILE} into x.laa: {COUNTY_TOTALS}."]
    check_targets(cli.path("x.laa"), COUNTY_ROWS)
    round_trip(cli, "x.laa", COUNTY_ROWS)


def test_one_and_two_word_headings_and_notes_are_not_indicator_codes(cli: Cli, made: dict[str, Path]) -> None:
    """ "Environment", "Older people" and "Notes:" alone in the code column, with nothing else in their
    rows, are a theme heading and a note's first line, as the longer headings are; not the area's own
    indicator codes."""
    source = start(cli, made, "unitary_blocks_xlsx")
    assert source == UNITARY_FILE
    result = cli("import", "x.laa", source, expect=None)
    assert result.code == 0, result.describe()
    for number, text in UNITARY_SKIPPED_ROWS.items():
        assert f"Row {number} ('{text}') was read as a heading or a note, not a target." in result.out_lines
    assert result.out_lines[-1] == (
        f"Imported {UNITARY_FILE} into x.laa: 2 added, 0 updated, 0 unchanged; 1 level kept as written, to settle."
    )
    check_targets(cli.path("x.laa"), UNITARY_ROWS)
    round_trip(cli, "x.laa", UNITARY_ROWS)


def test_a_dash_for_a_lead_partner_is_no_partner_called_dash(cli: Cli, made: dict[str, Path]) -> None:
    """CYP12's lead typed as "-": none is agreed yet. A dash means "none" in the code column and in a level;
    in the Lead column it must not become a partner called "-" in the area's list of partners."""
    source = start(cli, made, "district_csv_revised")
    assert source == DISTRICT_REVISED_FILE
    result = cli("import", "x.laa", source)
    assert "partner -: added to the area's partners" not in result.out_lines
    assert "-" not in partner_names_in_file(cli.path("x.laa"))


def test_a_rise_typed_with_a_plus_sign_is_kept_as_written(cli: Cli, made: dict[str, Path]) -> None:
    """The footfall targets typed as rises on the 2007 baseline ("+2%", "+4%", "+6%"): a rise of 2% is not
    a level of 2, so each is kept as written, with no number, as "12-14%" is."""
    source = start(cli, made, "district_csv_revised")
    result = cli("import", "x.laa", source)
    footfall = targets_in_file(cli.path("x.laa"))["L1"]
    assert kept(footfall) == {
        "baseline": (None, "42,300 a week"),
        "target_2008_09": (None, "+2%"),
        "target_2009_10": (None, "+4%"),
        "target_2010_11": (None, "+6%"),
    }, result.describe()
    assert "L1: 2008/09 target kept as written: +2%" in result.out_lines
    assert by_code(DISTRICT_ROWS)["L1"].target_2008_09.number == 43000  # the first table's level, for contrast


def test_a_misspelt_columns_choice_for_the_codes_is_named_in_the_refusal(cli: Cli, made: dict[str, Path]) -> None:
    """--columns with "Perfomance measure code=ni" (an 'r' missing): the refusal must say that this
    choice names no column of the table, not only ask for the --columns the officer has just given."""
    source = start(cli, made, "performance_export_xlsx")
    before = digest(cli.path("x.laa"))
    columns = PERFORMANCE_COLUMNS.replace("Performance measure code=", "Perfomance measure code=")
    result = cli("import", "x.laa", source, "--columns", columns, expect=1)
    assert digest(cli.path("x.laa")) == before
    assert any("perfomance measure code" in line.lower() for line in result.err_lines), result.describe()
