"""Sub-area figures through the command line: the sub-area layout's import and export, the Excel pack's
`Sub-area targets` sheet, and what `info --json` counts."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support.cli import Cli
from support.spreadsheets import write_csv

from laadesk.core.model import SubAreaKind, SubAreaTarget
from laadesk.core.sub_area_exchange import SUB_AREA_COLUMNS
from laadesk.store.workbook import Workbook

TARGETS = [
    {
        "ni": "NI 47",
        "kind": "designated",
        "status": "proposed",
        "baseline": "300",
        "baseline_period": "2005-07",
        "target_2008_09": "290",
        "target_2009_10": "280",
        "target_2010_11": "270",
        "units": "casualties",
        "lead_partner": "Derbyshire County Council",
        "partners": "Derbyshire Constabulary",
    },
    {
        "ni": "NI 152",
        "kind": "designated",
        "status": "proposed",
        "baseline": "11.2",
        "target_2008_09": "11",
        "target_2009_10": "10.8",
        "target_2010_11": "10.5",
        "units": "%",
        "lead_partner": "Jobcentre Plus",
        "partners": "Derbyshire County Council",
    },
]
HEADER = ",".join(SUB_AREA_COLUMNS)
SUB_AREAS = [
    ["NI 47", "Amber Valley", "district", "200", "2005-07", "190", "185", "180", "casualties", "Amber Valley BC", ""],
    ["NI 47", "Bolsover", "district", "100", "2005-07", "100", "95", "TBC", "casualties", "", "'=to be agreed"],
    [
        "NI 152",
        "North East Derbyshire worst wards",
        "neighbourhood group",
        "18.5",
        "2007",
        "18",
        "17",
        "16.5",
        "%",
        "Jobcentre Plus",
        "Working Neighbourhoods Fund",
    ],
]


def sub_area_csv(path: Path, rows: list[list[str]]) -> str:
    """Write the rows under the layout's header; the file's name, for a run in its folder."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SUB_AREA_COLUMNS)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path.name


def sub_areas_in(path: Path) -> tuple[SubAreaTarget, ...]:
    with Workbook.open(path, read_only=True) as workbook:
        return workbook.records(SubAreaTarget)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    cli = Cli(tmp_path_factory.mktemp("made"), tmp_path_factory.mktemp("made-data"))
    cli("new", "targets.laa", "--area", "Derbyshire")
    write_csv(cli.path("t.csv"), TARGETS)
    cli("import", "targets.laa", "t.csv")
    shutil.copyfile(cli.path("targets.laa"), cli.path("split.laa"))
    cli("import", "split.laa", sub_area_csv(cli.path("s.csv"), SUB_AREAS))
    return {"targets": cli.path("targets.laa"), "split": cli.path("split.laa")}


def test_import_knows_the_sub_area_layout_by_its_header(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["targets"], "x.laa")
    result = cli("import", "x.laa", sub_area_csv(cli.path("s.csv"), SUB_AREAS))
    assert result.err == ""
    assert result.out_lines == [
        "NI 47 Amber Valley: sub-area figures added",
        "NI 47 Bolsover: sub-area figures added",
        "NI 152 North East Derbyshire worst wards: sub-area figures added",
        "Imported s.csv into x.laa: sub-area rows 3 added, 0 updated, 0 unchanged.",
    ]
    held = {s.sub_area: s for s in sub_areas_in(cli.path("x.laa"))}
    bolsover = held["Bolsover"]
    assert (bolsover.kind, bolsover.baseline, bolsover.levels) == (SubAreaKind.DISTRICT, 100.0, (100.0, 95.0, None))
    assert bolsover.target_2010_11_as_written == "TBC"
    assert bolsover.comment == "=to be agreed"  # the apostrophe guard comes off
    assert held["North East Derbyshire worst wards"].kind is SubAreaKind.NEIGHBOURHOODS
    # a backup of the workbook as it was is taken first
    assert any("before-import" in p.name for p in cli.data_dir.rglob("*.laa*"))


def test_an_update_names_what_changed_and_the_rest_is_unchanged(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["split"], "x.laa")
    rows = [list(r) for r in SUB_AREAS]
    rows[0][7] = "178"
    rows[1][9] = "Bolsover DC"
    result = cli("import", "x.laa", sub_area_csv(cli.path("s.csv"), rows))
    assert result.out_lines == [
        "NI 47 Amber Valley: target 2010 11 180 -> 178",
        "NI 47 Bolsover: lead partner (blank) -> Bolsover DC",
        "Imported s.csv into x.laa: sub-area rows 0 added, 2 updated, 1 unchanged.",
    ]


def test_a_bad_row_is_named_and_nothing_is_written(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["targets"], "x.laa")
    rows = [SUB_AREAS[0], ["NI 8", "Bolsover", "ward", "1", "", "", "", "", "", "", ""]]
    result = cli("import", "x.laa", sub_area_csv(cli.path("s.csv"), rows), expect=1)
    assert "s.csv row 3, column ni: NI 8 is not a target of this workbook; add its target first" in result.err_lines
    assert (
        "s.csv row 3, column sub_area_kind: 'ward' should be one of district, partnership area, neighbourhood group, "
        "other" in result.err_lines
    )
    assert sub_areas_in(cli.path("x.laa")) == ()


def test_export_writes_the_sub_area_layout_and_reads_back_the_same(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["split"], "x.laa")
    result = cli("export", "x.laa", "--csv", "out.csv", "--sub-areas")
    assert result.out_lines == ["Wrote 3 sub-area rows to out.csv."]
    text = cli.path("out.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(SUB_AREA_COLUMNS)
    cli.copy_in(made["targets"], "y.laa")
    cli("import", "y.laa", "out.csv")
    assert sub_areas_in(cli.path("y.laa")) == sub_areas_in(cli.path("x.laa"))
    again = cli("import", "y.laa", "out.csv")
    assert again.out_lines[-1] == "Imported out.csv into y.laa: sub-area rows 0 added, 0 updated, 3 unchanged."


def test_sub_areas_without_csv_is_refused(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["split"], "x.laa")
    result = cli("export", "x.laa", "--pdf", "p.pdf", "--sub-areas", expect=2)
    assert "--sub-areas goes with --csv OUT" in result.err


def test_excel_pack_carries_the_sheet_and_imports_both_layouts(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["split"], "x.laa")
    cli("export", "x.laa", "--xlsx", "pack.xlsx")
    book = load_workbook(cli.path("pack.xlsx"), read_only=True)
    names = book.sheetnames
    assert names[0] == "Targets"
    assert names.index("Sub-area targets") == names.index("Local") + 1
    cli("new", "fresh.laa", "--area", "Derbyshire")
    result = cli("import", "fresh.laa", "pack.xlsx")
    assert result.out_lines[-1] == (
        "Imported pack.xlsx into fresh.laa: 2 added, 0 updated, 0 unchanged; sub-area rows 3 added, 0 updated, "
        "0 unchanged."
    )
    assert sub_areas_in(cli.path("fresh.laa")) == sub_areas_in(cli.path("x.laa"))
    only = cli("import", "fresh.laa", "pack.xlsx", "--sheet", "Sub-area targets")
    assert only.out_lines[-1].endswith("sub-area rows 0 added, 0 updated, 3 unchanged.")


def test_info_json_counts_sub_area_rows_and_agreements(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["split"], "x.laa")
    facts = json.loads(cli("info", "x.laa", "--json").out)
    assert facts["sub_area_targets"] == {"rows": 3, "targets": 2}
    assert facts["partner_agreements"]["recorded"] == 0
