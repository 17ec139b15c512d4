"""The `laadesk` command line, end to end: each test runs the real command in a subprocess.

Exit statuses, the sentences a person reads, and what the workbook holds afterwards are
all part of the contract (issue: "CLI contract"). No run may ever print a traceback.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from support.cli import RESOURCES, VENV_BIN, Cli, cli_env
from support.damage import break_rowid_order, leave_half_saved, replace_bytes, sqlite_execute
from support.files import digest, listing
from support.records import DERBYSHIRE_DISTRICTS, levels
from support.spreadsheets import (
    COLUMNS,
    COMPLETE_ROW,
    EXPORTED_HEADER,
    cells,
    csv_text,
    write_csv,
    xlsx_from_rows,
)
from support.workbooks import partner_names_in_file, targets_in_file

from laadesk import __version__
from laadesk.core.edits import Edit, Put
from laadesk.core.model import Role, Status, Target
from laadesk.store.migrations import SCHEMA_VERSION
from laadesk.store.reference import SHIPPED_EDITION, deferral_reasons
from laadesk.store.workbook import Workbook

# The targets most tests start from: one of each kind, one deferred, three spellings of "ni".
TARGETS = [
    {
        "ni": "116",
        "kind": "designated",
        "status": "agreed",
        "baseline": "22.4",
        "baseline_period": "2007/08",
        "target_2008_09": "22",
        "target_2009_10": "12",
        "target_2010_11": "11",
        "units": "%",
        "lead_partner": "County Council",
        "partners": "County Council; Primary Care Trust",
        "comment": "child poverty",
    },
    {
        "ni": "NI 72",
        "kind": "statutory",
        "status": "proposed",
        "baseline": "45",
        "baseline_period": "2007",
        "target_2008_09": "47",
        "target_2009_10": "49",
        "target_2010_11": "51",
        "units": "%",
        "lead_partner": "Children's Services",
        "partners": "Schools Forum",
    },
    {
        "ni": "L1",
        "title": "Fly-tipping incidents",
        "kind": "local",
        "status": "proposed",
        "baseline": "1200",
        "baseline_period": "2007/08",
        "target_2008_09": "1100",
        "target_2009_10": "1000",
        "target_2010_11": "900",
        "units": "incidents",
        "lead_partner": "District Councils",
        "partners": "Environment Agency",
    },
    {
        "ni": "NI117",
        "kind": "designated",
        "status": "deferred",
        "units": "%",
        "lead_partner": "Connexions",
        "partners": "Connexions; Jobcentre Plus",
        "deferred_reason": "economic downturn",
        "comment": "awaiting data",
    },
]

REGIONS = (
    "East Midlands, East of England, London, North East, North West, South East, South West, "
    "West Midlands, Yorkshire and the Humber"
)


def catalogue_rows() -> list[dict[str, str]]:
    with (RESOURCES / "national_indicators.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Workbooks built once for the module; tests copy them and never change these."""
    cli = Cli(tmp_path_factory.mktemp("made"), tmp_path_factory.mktemp("made-data"))
    cli("new", "empty.laa", "--area", "Demo")
    write_csv(cli.path("t.csv"), TARGETS)
    shutil.copyfile(cli.path("empty.laa"), cli.path("filled.laa"))
    cli("import", "filled.laa", "t.csv")
    return {"empty": cli.path("empty.laa"), "filled": cli.path("filled.laa")}


def info_json(cli: Cli, name: str) -> dict:
    return json.loads(cli("info", name, "--json").out)


# -- new ---------------------------------------------------------------------------------


def test_new_creates_a_workbook_for_a_named_area(cli: Cli) -> None:
    result = cli("new", "x.laa", "--area", "Demo")
    assert result.out_lines == [f"Created x.laa for Demo, with the {SHIPPED_EDITION}."]
    assert result.err == ""
    facts = info_json(cli, "x.laa")
    assert facts["area"] == "Demo"
    assert facts["ons_code"] == ""
    assert facts["go_region"] == ""
    assert facts["districts"] == []
    assert facts["workbook_format"] == SCHEMA_VERSION
    assert facts["nis_edition"] == SHIPPED_EDITION
    assert facts["created_by"] == f"laadesk {__version__}"
    # Only the finished file is left behind: no partial or journal files.
    assert listing(cli.cwd) == ["x.laa"]


@pytest.mark.parametrize("existing", ["workbook", "other file"])
def test_new_refuses_to_overwrite(cli: Cli, made: dict[str, Path], existing: str) -> None:
    if existing == "workbook":
        cli.copy_in(made["filled"], "x.laa")
    else:
        cli.path("x.laa").write_text("the minutes of the LSP board\n", encoding="utf-8")
    before = digest(cli.path("x.laa"))
    result = cli("new", "x.laa", "--area", "Derbyshire", expect=2)
    assert result.err_lines == ["laadesk: x.laa already exists; laadesk will not overwrite it."]
    assert result.out == ""
    assert digest(cli.path("x.laa")) == before
    assert listing(cli.cwd) == ["x.laa"]


def test_new_fills_in_a_reference_area_case_insensitively(cli: Cli) -> None:
    result = cli("new", "d.laa", "--area", "dERBYshire")
    assert result.out_lines == [
        f"Created d.laa for Derbyshire (from the list of 2008 LAA areas), with the {SHIPPED_EDITION}."
    ]
    with (RESOURCES / "laa_areas.csv").open(encoding="utf-8", newline="") as handle:
        ons_code = next(r["ons_code"] for r in csv.DictReader(handle) if r["area"] == "Derbyshire")
    facts = info_json(cli, "d.laa")
    assert facts["area"] == "Derbyshire"
    assert facts["go_region"] == "East Midlands"
    assert facts["type"] == "county"
    assert facts["tier"] == "two-tier"
    assert facts["ons_code"] == ons_code != ""
    assert facts["districts"] == list(DERBYSHIRE_DISTRICTS)


def test_new_ons_code_and_region_options(cli: Cli) -> None:
    cli("new", "a.laa", "--area", "Kingsmere", "--ons-code", " 99ZZ ", "--region", "GOEM")
    facts = info_json(cli, "a.laa")
    assert (facts["area"], facts["ons_code"], facts["go_region"]) == ("Kingsmere", "99ZZ", "East Midlands")

    cli("new", "b.laa", "--area", "Kingsmere", "--region", "south west")
    assert info_json(cli, "b.laa")["go_region"] == "South West"

    cli("new", "c.laa", "--area", "Kingsmere", "--region", "GO-East")
    assert info_json(cli, "c.laa")["go_region"] == "East of England"

    # Options override what the reference list says.
    cli("new", "d.laa", "--area", "Derbyshire", "--ons-code", "00FK", "--region", "GOWM")
    facts = info_json(cli, "d.laa")
    assert (facts["ons_code"], facts["go_region"], facts["type"]) == ("00FK", "West Midlands", "county")


def test_new_bad_region_is_refused_with_the_regions_listed(cli: Cli) -> None:
    result = cli("new", "x.laa", "--area", "Demo", "--region", "Narnia", expect=2)
    assert result.err_lines == [f"laadesk: 'Narnia' is not a Government Office region; use one of: {REGIONS}."]
    assert result.out == ""
    assert listing(cli.cwd) == []


def test_new_blank_area_and_missing_folder_are_refused(cli: Cli) -> None:
    result = cli("new", "x.laa", "--area", "   ", expect=2)
    assert result.err_lines == ["laadesk: The area needs a name (--area)."]
    result = cli("new", "nowhere/x.laa", "--area", "Demo", expect=2)
    assert result.err_lines == ["laadesk: Cannot create nowhere/x.laa: the folder nowhere does not exist."]
    assert listing(cli.cwd) == []


# -- info --------------------------------------------------------------------------------


def test_info_human_output(cli: Cli, made: dict[str, Path]) -> None:
    cli("new", "d.laa", "--area", "Derbyshire")
    lines = cli("info", "d.laa").out_lines
    assert lines == [
        "Derbyshire (two-tier, county, East Midlands)",
        "Districts: " + ", ".join(DERBYSHIRE_DISTRICTS),
        f"File: d.laa (workbook format {SCHEMA_VERSION}; read by laadesk {__version__})",
        f"National Indicator Set: {SHIPPED_EDITION}",
        "Targets: 0 designated, 0 statutory, 0 local, 0 deferred; 0 candidates, 0 rejected",
        "Story of place: 0 sections. Champion notes: 0 (0 open actions)",
        "Sign-off: 0 of 0 authorities adopted. Milestones: 0 of 0 done",
        "Rules: Designated 0/35 - Statutory 0/16 - Local 0 - Deferred 0 - 1 error - 1 warning",
    ]

    cli.copy_in(made["filled"], "f.laa")
    lines = cli("info", "f.laa").out_lines
    assert lines[0] == "Demo (single-tier)"
    assert "Targets: 2 designated, 1 statutory, 1 local, 1 deferred; 0 candidates, 0 rejected" in lines
    assert lines[-1] == (
        "Rules: Designated 2/35 - Statutory 1/16 - Local 1 - Deferred 1 - 0 errors - 2 warnings - ready for sign-off"
    )


def test_info_json_keys(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "f.laa")
    facts = info_json(cli, "f.laa")
    for key in (
        "file",
        "area",
        "ons_code",
        "go_region",
        "type",
        "tier",
        "lsp_name",
        "districts",
        "partners",
        "workbook_format",
        "created_at",
        "created_by",
        "nis_edition",
        "targets",
        "story_sections",
        "champion_notes",
        "open_actions",
        "adoptions",
        "milestones",
        "summary",
        "ready_for_sign_off",
    ):
        assert key in facts, key
    assert facts["file"] == "f.laa"
    assert facts["targets"] == {
        "designated": 2,
        "statutory": 1,
        "local": 1,
        "candidate": 0,
        "rejected": 0,
        "deferred": 1,
    }
    assert sorted(facts["partners"]) == sorted(
        [
            "County Council",
            "Primary Care Trust",
            "Children's Services",
            "Schools Forum",
            "District Councils",
            "Environment Agency",
            "Connexions",
            "Jobcentre Plus",
        ]
    )
    assert facts["ready_for_sign_off"] is True
    assert facts["summary"] == "Designated 2/35 - Statutory 1/16 - Local 1 - Deferred 1 - 0 errors - 2 warnings"


def _bad_file(kind: str, cli: Cli, made: dict[str, Path]) -> tuple[str, str | None]:
    """Make one kind of unusable workbook in cli.cwd; return its name and the exact message (None: damaged)."""
    name = f"{kind}.laa"
    path = cli.path(name)
    if kind == "not-sqlite":
        path.write_text("ni,title\n116,Proportion of children in poverty\n", encoding="utf-8")
        return name, f"laadesk: {name} is not a laadesk workbook (it is not an SQLite database file)."
    if kind == "empty":
        path.write_bytes(b"")
        return name, f"laadesk: {name} is empty, not a laadesk workbook."
    if kind == "other-sqlite":
        sqlite_execute(path, "CREATE TABLE contacts (name TEXT, phone TEXT)", "INSERT INTO contacts VALUES ('a', '1')")
        return name, f"laadesk: {name} is not a laadesk workbook (it is an SQLite database from another application)."
    if kind == "newer":
        cli.copy_in(made["filled"], name)
        sqlite_execute(path, "PRAGMA user_version = 99")
        return name, (
            f"laadesk: {name} was written by a newer laadesk (workbook format 99; this laadesk reads formats "
            f"up to {SCHEMA_VERSION}). Update laadesk to open it."
        )
    if kind == "corrupt":
        cli.copy_in(made["filled"], name)
        data = bytearray(path.read_bytes())
        page_size = int.from_bytes(data[16:18], "big")
        assert len(data) >= 4 * page_size
        data[page_size : 3 * page_size] = random.Random(2008).randbytes(2 * page_size)  # pages 2 and 3
        path.write_bytes(bytes(data))
        return name, None
    if kind == "truncated":
        cli.copy_in(made["filled"], name)
        os.truncate(path, path.stat().st_size // 2)
        return name, f"laadesk: {name} is damaged: the file is cut short. Restore it from a backup."
    if kind == "trigger":
        cli.copy_in(made["filled"], name)
        sqlite_execute(path, "CREATE TRIGGER sneaky AFTER INSERT ON targets BEGIN DELETE FROM meta; END")
        return name, (
            f"laadesk: {name} is not a laadesk workbook: it contains a trigger ('sneaky') that laadesk never "
            "creates, so it was not opened."
        )
    if kind == "view":
        cli.copy_in(made["filled"], name)
        sqlite_execute(path, "CREATE VIEW everything AS SELECT * FROM targets")
        return name, (
            f"laadesk: {name} is not a laadesk workbook: it contains a view ('everything') that laadesk never "
            "creates, so it was not opened."
        )
    if kind == "folder":
        path.mkdir()
        return name, f"laadesk: {name} is a folder, not a workbook file."
    if kind == "rows-out-of-order":
        cli.copy_in(made["filled"], name)
        break_rowid_order(path, "indicators")
        return name, None
    if kind == "bad-text":
        # Damaged bytes inside a stored title: not UTF-8, with line breaks among them.
        cli.copy_in(made["filled"], name)
        replace_bytes(path, b"Proportion of children", b"Proportion \xff\n\x01children")
        return name, None
    if kind == "bad-value":
        # One damaged byte in a stored polarity ("lower" becomes "loweW").
        cli.copy_in(made["filled"], name)
        replace_bytes(path, b"lowerinferred from title", b"loweWinferred from title")
        return name, None
    raise AssertionError(kind)


UNUSABLE = [
    "not-sqlite",
    "empty",
    "other-sqlite",
    "newer",
    "corrupt",
    "truncated",
    "trigger",
    "view",
    "folder",
    "rows-out-of-order",
    "bad-text",
    "bad-value",
]


def _fingerprint(path: Path) -> str:
    return "folder" if path.is_dir() else digest(path)


@pytest.mark.parametrize("kind", UNUSABLE)
def test_unusable_file_gets_one_sentence_and_is_left_untouched(cli: Cli, made: dict[str, Path], kind: str) -> None:
    name, message = _bad_file(kind, cli, made)
    write_csv(cli.path("t.csv"), [COMPLETE_ROW])
    before = _fingerprint(cli.path(name))
    files = listing(cli.cwd)
    for command in (
        ("info", name),
        ("info", name, "--json"),
        ("validate", name),
        ("export", name, "--csv", "out.csv"),
        ("import", name, "t.csv"),
        ("import", name, "t.csv", "--dry-run"),
    ):
        result = cli(*command, expect=2)
        assert len(result.err_lines) == 1, result.describe()
        line = result.err_lines[0]
        assert line.startswith(f"laadesk: {name} "), result.describe()
        if message is not None:
            assert line == message
        else:
            assert "damaged" in line, result.describe()
            assert line.endswith("Restore it from a backup."), result.describe()
        assert result.out == "", result.describe()
        assert _fingerprint(cli.path(name)) == before, f"{command} changed the file"
        assert listing(cli.cwd) == files, f"{command} left files behind"


def test_workbook_in_use_by_another_program(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    holder = sqlite3.connect(cli.path("x.laa"), isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = cli("info", "x.laa", expect=2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.err_lines == ["laadesk: x.laa is in use by another program; try again in a moment."]


def test_workbook_left_half_saved_gets_a_true_sentence(cli: Cli, made: dict[str, Path]) -> None:
    """A save cut short leaves x.laa-journal beside the workbook; the file itself is not read-only."""
    cli.copy_in(made["filled"], "x.laa")
    leave_half_saved(cli.path("x.laa"))
    assert os.access(cli.path("x.laa"), os.W_OK)
    for command in (("info", "x.laa", "--json"), ("validate", "x.laa"), ("import", "x.laa", "t.csv", "--dry-run")):
        write_csv(cli.path("t.csv"), TARGETS)
        result = cli(*command, expect=None)
        if result.code == 2:
            # Refusing is fine, but with a sentence that is true: the file is not read-only.
            assert len(result.err_lines) == 1, result.describe()
            assert result.err_lines[0].startswith("laadesk: x.laa"), result.describe()
            assert "read-only" not in result.err, result.describe()
        else:
            assert result.code in (0, 1), result.describe()
            assert "(half-saved)" not in result.out
    # Opening it for writing recovers the last complete save.
    cli("import", "x.laa", "t.csv")
    assert sorted(targets_in_file(cli.path("x.laa"))) == ["L1", "NI 116", "NI 117", "NI 72"]
    assert not cli.path("x.laa-journal").exists()
    assert "(half-saved)" not in cli("indicators", "--workbook", "x.laa", "--search", "NI 116").out


def test_missing_workbook(cli: Cli) -> None:
    write_csv(cli.path("t.csv"), [COMPLETE_ROW])
    for command in (("info", "gone.laa"), ("validate", "gone.laa"), ("import", "gone.laa", "t.csv")):
        result = cli(*command, expect=2)
        assert result.err_lines == ["laadesk: gone.laa does not exist."]
    assert listing(cli.cwd) == ["t.csv"]


# -- import ------------------------------------------------------------------------------


def test_import_csv_happy_path(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    write_csv(cli.path("t.csv"), TARGETS)
    result = cli("import", "x.laa", "t.csv")
    assert result.err == ""
    for line in (
        "NI 116: added as designated target",
        "NI 72: added as statutory target",
        "L1: added as local target",
        "NI 117: added as designated target",
    ):
        assert line in result.out_lines
    assert result.out_lines[-1] == "Imported t.csv into x.laa: 4 added, 0 updated, 0 unchanged."

    targets = targets_in_file(cli.path("x.laa"))
    assert sorted(targets) == ["L1", "NI 116", "NI 117", "NI 72"]
    poverty = targets["NI 116"]
    assert (poverty.role, poverty.status) == (Role.DESIGNATED, Status.AGREED)
    assert (poverty.baseline, poverty.baseline_period) == (22.4, "2007/08")
    assert poverty.levels == (22.0, 12.0, 11.0)
    assert (poverty.units, poverty.lead_partner, poverty.comment) == ("%", "County Council", "child poverty")
    assert poverty.partners == ("County Council", "Primary Care Trust")
    assert targets["NI 72"].role is Role.STATUTORY
    assert targets["NI 72"].levels == (47.0, 49.0, 51.0)
    local = targets["L1"]
    assert (local.role, local.title, local.baseline, local.units) == (
        Role.LOCAL,
        "Fly-tipping incidents",
        1200.0,
        "incidents",
    )
    deferred = targets["NI 117"]
    assert (deferred.status, deferred.deferral_reason) == (Status.DEFERRED, "economic downturn")
    assert deferred.levels == (None, None, None)
    assert deferred.baseline is None
    assert deferred.comment == "awaiting data"
    assert "Jobcentre Plus" in partner_names_in_file(cli.path("x.laa"))


def test_import_ni_spellings(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    rows = [dict(COMPLETE_ROW, ni=ni) for ni in ("116", "NI 117", "NI152", "ni 125")]
    write_csv(cli.path("t.csv"), rows)
    cli("import", "x.laa", "t.csv")
    assert sorted(targets_in_file(cli.path("x.laa"))) == ["NI 116", "NI 117", "NI 125", "NI 152"]


def _changed_rows() -> list[dict[str, str]]:
    rows = [dict(r) for r in TARGETS]
    rows[0].update(target_2009_10="11.5", target_2010_11="", comment="")
    return rows


def test_import_updates_report_each_change_and_blanks_win(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    write_csv(cli.path("t2.csv"), _changed_rows())
    result = cli("import", "x.laa", "t2.csv")
    assert result.out_lines == [
        "NI 116: 2009/10 target 12 -> 11.5",
        "NI 116: 2010/11 target 11 -> (blank)",
        "NI 116: comment child poverty -> (blank)",
        "Imported t2.csv into x.laa: 0 added, 1 updated, 3 unchanged.",
    ]
    poverty = targets_in_file(cli.path("x.laa"))["NI 116"]
    assert poverty.levels == (22.0, 11.5, None)
    assert poverty.comment == ""
    assert poverty.lead_partner == "County Council"

    # The same file again changes nothing.
    again = cli("import", "x.laa", "t2.csv")
    assert again.out_lines == ["Imported t2.csv into x.laa: 0 added, 0 updated, 4 unchanged."]


def test_import_update_of_status_partners_and_reason(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    rows = [dict(r) for r in TARGETS]
    rows[3].update(status="proposed", deferred_reason="", partners="Connexions", lead_partner="")
    write_csv(cli.path("t2.csv"), rows)
    result = cli("import", "x.laa", "t2.csv")
    assert result.out_lines == [
        "NI 117: status deferred -> proposed",
        "NI 117: lead partner Connexions -> (blank)",
        "NI 117: partners signed up Connexions; Jobcentre Plus -> Connexions",
        "NI 117: deferral reason economic downturn -> (blank)",
        "Imported t2.csv into x.laa: 0 added, 1 updated, 3 unchanged.",
    ]
    neet = targets_in_file(cli.path("x.laa"))["NI 117"]
    assert (neet.status, neet.deferral_reason, neet.lead_partner, neet.partners) == (
        Status.PROPOSED,
        "",
        "",
        ("Connexions",),
    )


def test_import_dry_run_reports_the_same_and_writes_nothing(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    write_csv(cli.path("t2.csv"), [*_changed_rows(), dict(COMPLETE_ROW)])
    before = digest(cli.path("x.laa"))
    files = listing(cli.cwd)
    dry = cli("import", "x.laa", "t2.csv", "--dry-run")
    assert digest(cli.path("x.laa")) == before
    assert listing(cli.cwd) == files
    assert dry.out_lines[-1] == "Dry run of t2.csv: would make 1 added, 1 updated, 3 unchanged. Nothing was written."
    assert "NI 116: 2009/10 target 12 -> 11.5" in dry.out_lines
    assert "NI 152: added as designated target" in dry.out_lines
    assert targets_in_file(cli.path("x.laa"))["NI 116"].target_2009_10 == 12.0

    real = cli("import", "x.laa", "t2.csv")
    assert real.out_lines[:-1] == dry.out_lines[:-1]
    assert real.out_lines[-1] == "Imported t2.csv into x.laa: 1 added, 1 updated, 3 unchanged."
    assert digest(cli.path("x.laa")) != before
    assert targets_in_file(cli.path("x.laa"))["NI 116"].target_2009_10 == 11.5


def test_import_is_all_or_nothing(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    rows = [dict(COMPLETE_ROW), dict(COMPLETE_ROW, ni="116", kind="stretch"), dict(COMPLETE_ROW, ni="117")]
    write_csv(cli.path("t.csv"), rows)
    before = digest(cli.path("x.laa"))
    result = cli("import", "x.laa", "t.csv", expect=1)
    assert result.err_lines == [
        "t.csv row 3, column kind: 'stretch' should be designated, statutory or local",
        "laadesk: t.csv: 1 problem, nothing was imported.",
    ]
    assert result.out == ""
    assert digest(cli.path("x.laa")) == before
    assert targets_in_file(cli.path("x.laa")) == {}


def test_import_lists_every_bad_row_and_column(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    rows = [
        dict(COMPLETE_ROW),  # row 2: fine
        dict(COMPLETE_ROW, ni="NI 250"),  # row 3
        dict(COMPLETE_ROW, ni="31"),  # row 4
        dict(COMPLETE_ROW, ni="NI 152"),  # row 5: 152 again
        dict(COMPLETE_ROW, ni="125", kind="designatd"),  # row 6
        dict(COMPLETE_ROW, ni="L2", title="Empty homes brought back into use"),  # row 7: designated
        dict(COMPLETE_ROW, ni="126", deferred_reason="economic downturn"),  # row 8: agreed
        dict(COMPLETE_ROW, ni="127", status="maybe"),  # row 9
        dict(COMPLETE_ROW, ni="L3", kind="local"),  # row 10: no title
        dict(COMPLETE_ROW, ni="NI eleven"),  # row 11
        dict(COMPLETE_ROW, ni="128", target_2010_11="lots", deferred_reason="someday", status="deferred"),  # row 12
    ]
    write_csv(cli.path("bad.csv"), rows)
    before = digest(cli.path("x.laa"))
    result = cli("import", "x.laa", "bad.csv", expect=1)
    assert result.err_lines == [
        f"bad.csv row 3, column ni: NI 250 is not in the National Indicator Set ({SHIPPED_EDITION})",
        "bad.csv row 4, column ni: NI 31 was withdrawn from the National Indicator Set and cannot be chosen",
        "bad.csv row 5, column ni: NI 152 appears twice (first on row 2)",
        "bad.csv row 6, column kind: 'designatd' should be designated, statutory or local",
        "bad.csv row 7, column kind: L2 is a local indicator, so its kind must be local",
        "bad.csv row 8, column deferred_reason: a deferral reason is given but the status is agreed, not deferred",
        "bad.csv row 9, column status: 'maybe' should be proposed, agreed or deferred",
        "bad.csv row 10, column title: local indicator L3 needs a title",
        "bad.csv row 11, column ni: 'NI eleven' is not an indicator code; use a number such as 116 or NI 116, "
        "or the area's own code such as L1 or SI 14",
        "bad.csv row 12, column deferred_reason: 'someday' is not a deferral reason; use one of: "
        + "; ".join(deferral_reasons().wordings())
        + " (for another reason, write 'other: ' and the reason)",
        "laadesk: bad.csv: 10 problems, nothing was imported.",
    ]
    assert digest(cli.path("x.laa")) == before


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([dict(COMPLETE_ROW, ni="NI 250")], "t.csv row 2, column ni: NI 250 is not in the National Indicator Set"),
        (
            [dict(COMPLETE_ROW, ni="NI 31")],
            "t.csv row 2, column ni: NI 31 was withdrawn from the National Indicator Set and cannot be chosen",
        ),
        (
            [dict(COMPLETE_ROW, ni="116"), dict(COMPLETE_ROW, ni="NI116")],
            "t.csv row 3, column ni: NI 116 appears twice (first on row 2)",
        ),
        ([dict(COMPLETE_ROW, kind="improvement")], "t.csv row 2, column kind: 'improvement' should be"),
        (
            [dict(COMPLETE_ROW, ni="L1", title="Fly-tipping")],
            "t.csv row 2, column kind: L1 is a local indicator, so its kind must be local",
        ),
        (
            [dict(COMPLETE_ROW, deferred_reason="Place Survey")],
            "t.csv row 2, column deferred_reason: a deferral reason is given but the status is agreed, not deferred",
        ),
    ],
    ids=["unknown-ni", "withdrawn", "duplicate", "bad-kind", "local-designated", "reason-not-deferred"],
)
def test_import_single_row_errors(cli: Cli, made: dict[str, Path], rows: list[dict], expected: str) -> None:
    cli.copy_in(made["empty"], "x.laa")
    write_csv(cli.path("t.csv"), rows)
    before = digest(cli.path("x.laa"))
    result = cli("import", "x.laa", "t.csv", expect=1)
    assert len(result.err_lines) == 2, result.describe()
    assert result.err_lines[0].startswith(expected)
    assert result.err_lines[1] == "laadesk: t.csv: 1 problem, nothing was imported."
    assert digest(cli.path("x.laa")) == before


def test_import_missing_column_leaves_the_field_alone(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    columns = [c for c in COLUMNS if c != "lead_partner"]
    write_csv(cli.path("t.csv"), [{k: v for k, v in COMPLETE_ROW.items() if k != "lead_partner"}], columns=columns)
    result = cli("import", "x.laa", "t.csv")
    assert result.out_lines[-1] == "Imported t.csv into x.laa: 1 added, 0 updated, 0 unchanged."
    assert targets_in_file(cli.path("x.laa"))["NI 152"].lead_partner == ""


def test_import_without_an_indicator_column_says_how_to_name_one(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    columns = [c for c in COLUMNS if c != "ni"]
    write_csv(cli.path("t.csv"), [{k: v for k, v in COMPLETE_ROW.items() if k != "ni"}], columns=columns)
    result = cli("import", "x.laa", "t.csv", expect=1)
    assert result.err_lines == [
        "t.csv row 1: no row in the first 30 names a column of indicator codes (such as 'NI', 'NI ref' or 'Ref'); "
        "say which column holds what with --columns (NI ref=ni,...) or in the window's import",
        "laadesk: t.csv: 1 problem, nothing was imported.",
    ]
    assert targets_in_file(cli.path("x.laa")) == {}


def test_import_header_only_is_refused(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    write_csv(cli.path("t.csv"), [])
    result = cli("import", "x.laa", "t.csv", expect=1)
    assert result.err_lines == [
        "t.csv row 2: t.csv holds no targets below its header row",
        "laadesk: t.csv: 1 problem, nothing was imported.",
    ]


WINDOWS_TEXT = {
    "lead_partner": "Café “Forward” Partnership",
    "partners": "Régie Café; Police",
    "comment": "“£2m” agreed for the café’s scheme – see Renée’s note",
    "units": "£",
}


@pytest.mark.parametrize(
    "encoding",
    ["cp1252", "utf-8-sig", "utf-16", "utf-16-be-bom"],
)
def test_import_csv_encodings_from_excel(cli: Cli, made: dict[str, Path], encoding: str) -> None:
    cli.copy_in(made["empty"], "x.laa")
    row = dict(COMPLETE_ROW, **WINDOWS_TEXT)
    if encoding == "utf-16-be-bom":
        cli.path("t.csv").write_bytes(b"\xfe\xff" + csv_text([row]).encode("utf-16-be"))
    else:
        write_csv(cli.path("t.csv"), [row], encoding=encoding)
    result = cli("import", "x.laa", "t.csv")
    assert result.out_lines[-1] == "Imported t.csv into x.laa: 1 added, 0 updated, 0 unchanged."
    assert "partner Café “Forward” Partnership: added to the area's partners" in result.out_lines
    target = targets_in_file(cli.path("x.laa"))["NI 152"]
    assert target.lead_partner == WINDOWS_TEXT["lead_partner"]
    assert target.partners == ("Régie Café", "Police")
    assert target.comment == WINDOWS_TEXT["comment"]
    assert target.units == "£"
    assert target.levels == (9.0, 8.0, 7.0)


def test_import_xlsx_targets_sheet(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    poverty_row = cells(
        ni=116,
        kind="designated",
        status="agreed",
        baseline=22.4,  # numbers as numbers...
        baseline_period="2007/08",
        target_2008_09=22,
        target_2009_10="12.5%",  # ...or as text a person typed
        target_2010_11="1,234",
        units="%",
        lead_partner="County Council",
        partners="County Council; Police",
        comment="from the council’s return",
    )
    local_row = cells(
        ni="L4",
        title="Empty homes brought back into use",
        kind="local",
        status="proposed",
        **levels(150, 160, 170, 180),
        units="homes",
        lead_partner="Housing Partnership",
    )
    deferred_row = cells(
        ni="NI 117",
        kind="designated",
        status="deferred",
        units="%",
        lead_partner="Connexions",
        partners="Connexions",
        deferred_reason="Place Survey",
    )
    xlsx_from_rows(cli.path("t.xlsx"), [poverty_row, [], local_row, deferred_row])
    result = cli("import", "x.laa", "t.xlsx")
    assert result.out_lines[-1] == "Imported t.xlsx into x.laa: 3 added, 0 updated, 0 unchanged."
    targets = targets_in_file(cli.path("x.laa"))
    assert sorted(targets) == ["L4", "NI 116", "NI 117"]
    poverty = targets["NI 116"]
    assert (poverty.baseline, poverty.levels) == (22.4, (22.0, 12.5, 1234.0))
    assert poverty.partners == ("County Council", "Police")
    assert poverty.comment == "from the council’s return"
    assert (targets["L4"].title, targets["L4"].levels) == ("Empty homes brought back into use", (160.0, 170.0, 180.0))
    assert targets["NI 117"].deferral_reason == "Place Survey pending"


def test_import_xlsx_errors_name_the_spreadsheet_row(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    good = [152, None, "designated", "agreed", 10, "2007/08", 9, 8, 7, "%", "DWP", "DWP", None, None]
    bad = [116, None, "stretch", "agreed", 3, "2007/08", 9, 8, 7, "%", "DWP", "DWP", None, None]
    xlsx_from_rows(cli.path("t.xlsx"), [good, [], bad])  # row 3 is blank; the bad row is row 4
    before = digest(cli.path("x.laa"))
    result = cli("import", "x.laa", "t.xlsx", expect=1)
    assert result.err_lines == [
        "t.xlsx row 4, column kind: 'stretch' should be designated, statutory or local",
        "laadesk: t.xlsx: 1 problem, nothing was imported.",
    ]
    assert digest(cli.path("x.laa")) == before


def test_import_refuses_files_that_are_not_csv_or_xlsx(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    before = digest(cli.path("x.laa"))
    write_csv(cli.path("renamed.xlsx"), [COMPLETE_ROW])
    result = cli("import", "x.laa", "renamed.xlsx", expect=2)
    assert result.err_lines == ["laadesk: renamed.xlsx is not an Excel .xlsx file (it is not a zip archive)."]

    with zipfile.ZipFile(cli.path("zip.xlsx"), "w") as archive:
        archive.writestr("notes.txt", "not a spreadsheet")
    result = cli("import", "x.laa", "zip.xlsx", expect=2)
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith("laadesk: zip.xlsx is not a readable Excel workbook")

    write_csv(cli.path("t.txt"), [COMPLETE_ROW])
    result = cli("import", "x.laa", "t.txt", expect=2)
    assert result.err_lines == [
        "laadesk: t.txt is neither a .csv nor an .xlsx file; save it as one of those to import it."
    ]

    shutil.copyfile(cli.path("zip.xlsx"), cli.path("renamed.csv"))
    result = cli("import", "x.laa", "renamed.csv", expect=2)
    assert len(result.err_lines) == 1
    assert result.err_lines[0].startswith("laadesk: renamed.csv cannot be read: ")

    result = cli("import", "x.laa", "absent.csv", expect=2)
    assert result.err_lines == ["laadesk: absent.csv does not exist."]
    assert digest(cli.path("x.laa")) == before


FORMULA_TEXT = {
    "ni": "L7",
    "title": "=Fly-tipping incidents",
    "kind": "local",
    "lead_partner": "+Council",
    "partners": "@Police; -District Councils",
    "units": "-",
    "comment": "=SUM(A1:A9)",
}


def test_text_beginning_with_a_formula_character_survives_export_and_import(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "a.laa")
    cli.copy_in(made["empty"], "b.laa")
    write_csv(cli.path("t.csv"), [FORMULA_TEXT])
    cli("import", "a.laa", "t.csv")
    cli("export", "a.laa", "--csv", "out.csv")
    with cli.path("out.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    # In the exported file a spreadsheet never sees a formula...
    assert row["comment"] == "'=SUM(A1:A9)"
    assert row["title"] == "'=Fly-tipping incidents"
    assert row["lead_partner"] == "'+Council"
    # ...and importing it gives back the text exactly.
    cli("import", "b.laa", "out.csv")
    target = targets_in_file(cli.path("b.laa"))["L7"]
    assert target.comment == "=SUM(A1:A9)"
    assert target.title == "=Fly-tipping incidents"
    assert target.lead_partner == "+Council"
    assert target.partners == ("@Police", "-District Councils")
    assert target.units == "-"
    assert targets_in_file(cli.path("a.laa")) == targets_in_file(cli.path("b.laa"))


def test_text_beginning_with_an_apostrophe_survives_export_and_import(cli: Cli, made: dict[str, Path]) -> None:
    # Text typed in the app (not read from a file) that begins with an apostrophe.
    cli.copy_in(made["empty"], "a.laa")
    cli.copy_in(made["empty"], "b.laa")
    comment = "'+10%' stretch agreed at the workshop"
    with Workbook.open(cli.path("a.laa")) as workbook:
        target = Target("NI 152", Role.DESIGNATED, lead_partner="Jobcentre Plus", comment=comment)
        workbook.apply(Edit("type a comment", (Put(target),)))
    assert targets_in_file(cli.path("a.laa"))["NI 152"].comment == comment
    cli("export", "a.laa", "--csv", "out.csv")
    cli("import", "b.laa", "out.csv")
    assert targets_in_file(cli.path("b.laa"))["NI 152"].comment == comment
    assert targets_in_file(cli.path("a.laa")) == targets_in_file(cli.path("b.laa"))


# -- validate ----------------------------------------------------------------------------


def test_validate_ready(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    write_csv(cli.path("t.csv"), [COMPLETE_ROW])
    cli("import", "x.laa", "t.csv")
    result = cli("validate", "x.laa", expect=0)
    assert result.out_lines[0].startswith("warning: 16 of the 16 statutory education targets are not recorded: NI ")
    assert result.out_lines[-2:] == [
        "Designated 1/35 - Statutory 0/16 - Local 0 - Deferred 0 - 0 errors - 1 warning",
        "Ready for sign-off.",
    ]
    assert not any(line.startswith("error:") for line in result.out_lines)


def test_validate_lists_problems(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    write_csv(cli.path("t.csv"), [dict(COMPLETE_ROW, lead_partner="", partners="")])
    cli("import", "x.laa", "t.csv")
    result = cli("validate", "x.laa", expect=1)
    assert "error: NI 152 (Working age people on out of work benefits) has no lead partner." in result.out_lines
    assert result.out_lines[-2:] == [
        "Designated 1/35 - Statutory 0/16 - Local 0 - Deferred 0 - 1 error - 1 warning",
        "Not ready for sign-off: errors remain.",
    ]

    report = json.loads(cli("validate", "x.laa", "--json", expect=1).out)
    assert set(report) == {"ready_for_sign_off", "summary", "problems"}
    assert report["ready_for_sign_off"] is False
    assert report["summary"] == "Designated 1/35 - Statutory 0/16 - Local 0 - Deferred 0 - 1 error - 1 warning"
    for problem in report["problems"]:
        assert set(problem) == {"severity", "rule", "code", "field", "message"}
        assert problem["severity"] in ("error", "warning")
    lead = [p for p in report["problems"] if p["rule"] == "lead-partner"]
    assert lead == [
        {
            "rule": "lead-partner",
            "severity": "error",
            "code": "NI 152",
            "field": "lead_partner",
            "message": "NI 152 (Working age people on out of work benefits) has no lead partner.",
        }
    ]
    statutory = [p for p in report["problems"] if p["rule"] == "statutory-missing"]
    assert len(statutory) == 1
    assert (statutory[0]["severity"], statutory[0]["code"], statutory[0]["field"]) == ("warning", None, None)


def test_validate_json_ready(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    report = json.loads(cli("validate", "x.laa", "--json", expect=0).out)
    assert report["ready_for_sign_off"] is True
    assert report["summary"] == "Designated 2/35 - Statutory 1/16 - Local 1 - Deferred 1 - 0 errors - 2 warnings"
    assert sorted(p["rule"] for p in report["problems"]) == ["revisit-date", "statutory-missing"]


def test_validate_empty_workbook_has_an_error(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    result = cli("validate", "x.laa", expect=1)
    assert (
        "error: No improvement targets are designated yet; an agreement needs at least one before sign-off."
        in result.out_lines
    )


def test_validate_non_workbook(cli: Cli) -> None:
    cli.path("notes.laa").write_text("hello\n", encoding="utf-8")
    result = cli("validate", "notes.laa", "--json", expect=2)
    assert result.err_lines == ["laadesk: notes.laa is not a laadesk workbook (it is not an SQLite database file)."]
    assert result.out == ""


# -- export ------------------------------------------------------------------------------


def test_export_header_is_the_exchange_layout(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    result = cli("export", "x.laa", "--csv", "empty.csv")
    assert result.out_lines == ["Wrote 0 targets to empty.csv."]
    assert cli.path("empty.csv").read_text(encoding="utf-8-sig").splitlines() == [EXPORTED_HEADER]

    cli.copy_in(made["filled"], "f.laa")
    result = cli("export", "f.laa", "--csv", "out.csv")
    assert result.out_lines == ["Wrote 4 targets to out.csv."]
    with cli.path("out.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == [*COLUMNS, "laadesk_note"]
        rows = [dict(zip([*COLUMNS, "laadesk_note"], r)) for r in reader]
    # Designated, then statutory, then local; national titles come from the catalogue.
    assert [r["ni"] for r in rows] == ["NI 116", "NI 117", "NI 72", "L1"]
    assert rows[0]["title"] == "Proportion of children in poverty"
    assert rows[0]["partners"] == "County Council; Primary Care Trust"
    assert rows[0]["baseline"] == "22.4"
    assert rows[1]["deferred_reason"] == "economic downturn"
    assert rows[3]["title"] == "Fly-tipping incidents"
    assert {r["laadesk_note"] for r in rows} == {""}  # these titles are confirmed by a source


def test_an_unverified_title_is_noted_in_the_csv_and_the_import_passes_over_the_note(cli: Cli) -> None:
    cli("new", "x.laa", "--area", "Demo")
    write_csv(cli.path("t.csv"), [dict(COMPLETE_ROW, ni="NI 33", title="")])
    cli("import", "x.laa", "t.csv")
    cli("export", "x.laa", "--csv", "out.csv")
    with cli.path("out.csv").open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["ni"] == "NI 33"
    assert row["laadesk_note"] == "title unverified: the catalogue recalls it, no source has confirmed it yet"
    result = cli("import", "x.laa", "out.csv")
    assert result.out_lines == ["Imported out.csv into x.laa: 0 added, 0 updated, 1 unchanged."]


def test_export_to_a_missing_folder(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    result = cli("export", "x.laa", "--csv", "nowhere/out.csv", expect=2)
    assert result.err_lines == ["laadesk: Cannot write nowhere/out.csv: No such file or directory."]
    assert listing(cli.cwd) == ["x.laa"]


def test_export_never_replaces_the_workbook_itself(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    before = digest(cli.path("x.laa"))
    result = cli("export", "x.laa", "--csv", "x.laa", expect=2)
    assert len(result.err_lines) == 1, result.describe()
    assert result.err_lines[0].startswith("laadesk: "), result.describe()
    assert "x.laa" in result.err_lines[0]
    assert digest(cli.path("x.laa")) == before
    assert info_json(cli, "x.laa")["targets"]["designated"] == 2


def test_import_csv_with_empty_trailing_columns_from_excel(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    write_csv(cli.path("t.csv"), [dict(COMPLETE_ROW, **{"": ""})], columns=[*COLUMNS, "", ""])
    result = cli("import", "x.laa", "t.csv")
    assert result.out_lines[-1] == "Imported t.csv into x.laa: 1 added, 0 updated, 0 unchanged."
    assert targets_in_file(cli.path("x.laa"))["NI 152"].levels == (9.0, 8.0, 7.0)


def test_output_on_a_console_that_cannot_show_every_character(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["empty"], "x.laa")
    write_csv(cli.path("t.csv"), [dict(COMPLETE_ROW, **WINDOWS_TEXT)], encoding="cp1252")
    result = cli("import", "x.laa", "t.csv", env={"PYTHONIOENCODING": "ascii"})
    assert result.out_lines[-1] == "Imported t.csv into x.laa: 1 added, 0 updated, 0 unchanged."
    assert targets_in_file(cli.path("x.laa"))["NI 152"].lead_partner == WINDOWS_TEXT["lead_partner"]
    listed = cli("indicators", env={"PYTHONIOENCODING": "ascii"})
    assert len(listed.out_lines) == 200


def test_export_import_round_trip(cli: Cli) -> None:
    rows = [
        *TARGETS,
        dict(COMPLETE_ROW, baseline="33.333333333333336", target_2008_09="-1.5", target_2009_10="1,234"),
        dict(
            COMPLETE_ROW,
            ni="L2",
            kind="local",
            title="Residents’ satisfaction, “Kingsmere” survey",
            comment='Line one, with "quotes"\nline two – £5,000',
        ),
        dict(
            COMPLETE_ROW,
            ni="NI 5",
            status="deferred",
            baseline="",
            target_2008_09="",
            target_2009_10="",
            target_2010_11="",
            deferred_reason="Place Survey",
        ),
    ]
    write_csv(cli.path("t.csv"), rows, encoding="cp1252")
    cli("new", "a.laa", "--area", "Demo")
    cli("import", "a.laa", "t.csv")
    cli("export", "a.laa", "--csv", "back.csv")
    cli("new", "b.laa", "--area", "Demo")
    result = cli("import", "b.laa", "back.csv")
    assert result.out_lines[-1] == "Imported back.csv into b.laa: 7 added, 0 updated, 0 unchanged."
    cli("export", "b.laa", "--csv", "again.csv")

    assert cli.path("back.csv").read_bytes() == cli.path("again.csv").read_bytes()
    a, b = targets_in_file(cli.path("a.laa")), targets_in_file(cli.path("b.laa"))
    assert a == b
    assert len(a) == 7
    assert a["NI 152"].baseline == 33.333333333333336
    assert a["NI 152"].levels == (-1.5, 1234.0, 7.0)
    assert a["L2"].comment == 'Line one, with "quotes"\nline two – £5,000'
    assert a["NI 5"].deferral_reason == "Place Survey pending"
    # Importing the export back into the first workbook changes nothing.
    assert cli("import", "a.laa", "back.csv").out_lines == [
        "Imported back.csv into a.laa: 0 added, 0 updated, 7 unchanged."
    ]


def test_pipeline_from_the_issue_with_the_console_script(cli: Cli) -> None:
    script = VENV_BIN / "laadesk"
    assert script.exists(), f"no console script at {script}"
    write_csv(cli.path("t.csv"), TARGETS)
    env = cli_env(cli.data_dir)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        [
            "bash",
            "-c",
            "laadesk new x.laa --area Demo && laadesk import x.laa t.csv && laadesk validate x.laa "
            "&& laadesk export x.laa --csv back.csv",
        ],
        cwd=cli.cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout.splitlines()
    assert "Imported t.csv into x.laa: 4 added, 0 updated, 0 unchanged." in out
    assert "Ready for sign-off." in out
    assert out[-1] == "Wrote 4 targets to back.csv."
    assert cli.path("back.csv").read_text(encoding="utf-8-sig").splitlines()[0] == EXPORTED_HEADER


# -- indicators --------------------------------------------------------------------------


def test_indicators_lists_the_whole_set(cli: Cli) -> None:
    rows = catalogue_rows()
    unverified = [r for r in rows if r["title_basis"].strip().lower() == "recalled, unverified"]
    lines = cli("indicators").out_lines
    assert len(lines) == 200
    assert lines[-1] == (
        f"199 of 199 indicators ({SHIPPED_EDITION}); {len(unverified)} shown titles are recalled and unverified."
    )
    by_code = {line.split("  ")[0].strip(): line for line in lines[:-1]}
    assert sorted(by_code, key=lambda c: int(c[3:])) == [f"NI {n}" for n in range(1, 200)]
    assert by_code["NI 31"].endswith("[withdrawn]")
    assert sum(1 for line in lines if "withdrawn" in line) == 1
    assert "Proportion of children in poverty" in by_code["NI 116"]
    assert "(title unverified)" not in by_code["NI 116"]
    first = unverified[0]
    assert f"{first['title']} (title unverified)" in by_code[f"NI {first['ni']}"]
    assert sum(1 for line in lines if "(title unverified)" in line) == len(unverified)


@pytest.mark.parametrize("text", ["NI 116", "ni116", "116"])
def test_indicators_search_by_number(cli: Cli, text: str) -> None:
    lines = cli("indicators", "--search", text).out_lines
    assert lines[0].split("  ")[0].strip() == "NI 116"
    assert "NI 116  Proportion of children in poverty" in lines[0]
    assert lines[-1].startswith("1 of 199 indicators")


def test_indicators_search_words_and_json(cli: Cli) -> None:
    found = json.loads(cli("indicators", "--search", "children poverty", "--json").out)
    assert found["edition"] == SHIPPED_EDITION
    codes = [i["code"] for i in found["indicators"]]
    assert "NI 116" in codes
    for indicator in found["indicators"]:
        haystack = " ".join(indicator[k] for k in ("title", "theme", "department", "survey")).lower()
        assert "children" in haystack and "poverty" in haystack

    listed = json.loads(cli("indicators", "--json").out)["indicators"]
    assert len(listed) == 199
    assert set(listed[0]) >= {
        "ni",
        "code",
        "title",
        "title_unverified",
        "title_basis",
        "theme",
        "department",
        "survey",
        "statutory",
        "polarity",
        "withdrawn",
    }
    by_ni = {i["ni"]: i for i in listed}
    assert by_ni[31]["withdrawn"] is True
    assert [n for n, i in by_ni.items() if i["withdrawn"]] == [31]
    assert by_ni[116]["title_unverified"] is False
    assert by_ni[116]["polarity"] == "lower"
    unverified = {int(r["ni"]) for r in catalogue_rows() if r["title_basis"].strip().lower() == "recalled, unverified"}
    assert {n for n, i in by_ni.items() if i["title_unverified"]} == unverified
    assert sum(1 for i in listed if i["statutory"]) == 16

    nothing = cli("indicators", "--search", "zebra crossings on the moon")
    assert nothing.out_lines[-1].startswith("0 of 199 indicators")


def _corrected_catalogue(path: Path) -> Path:
    rows = catalogue_rows()
    for row in rows:
        if row["ni"] == "2":
            row["title"] = "% of people who feel that they belong to their neighbourhood (corrected)"
            row["title_basis"] = "sourced"
        if row["ni"] == "116":
            row["polarity"] = "higher"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_indicators_load_becomes_the_default_for_new_workbooks(cli: Cli) -> None:
    cli("new", "before.laa", "--area", "Demo")
    _corrected_catalogue(cli.path("corrected.csv"))
    result = cli("indicators", "--load", "corrected.csv", "--edition", "NIS 2008 corrected")
    assert result.out_lines == ["New workbooks will use 'NIS 2008 corrected' (199 indicators, 16 statutory)."]

    cli("new", "after.laa", "--area", "Demo")
    after = json.loads(cli("indicators", "--workbook", "after.laa", "--json").out)
    assert after["edition"] == "NIS 2008 corrected"
    by_ni = {i["ni"]: i for i in after["indicators"]}
    assert by_ni[2]["title"] == "% of people who feel that they belong to their neighbourhood (corrected)"
    assert by_ni[2]["title_unverified"] is False
    assert by_ni[116]["polarity"] == "higher"
    assert info_json(cli, "after.laa")["nis_edition"] == "NIS 2008 corrected"
    # The listing without a workbook shows the new default too.
    assert "(corrected)" in cli("indicators", "--search", "NI 2 belong").out

    # A workbook made before keeps its own edition.
    before = json.loads(cli("indicators", "--workbook", "before.laa", "--json").out)
    assert before["edition"] == SHIPPED_EDITION
    assert {i["ni"]: i for i in before["indicators"]}[116]["polarity"] == "lower"


def test_indicators_load_rejects_a_bad_catalogue(cli: Cli) -> None:
    rows = catalogue_rows()
    rows[5]["ni"] = "six"
    with cli.path("bad.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = cli("indicators", "--load", "bad.csv", expect=2)
    assert result.err_lines[0] == "laadesk: bad.csv is not a usable indicator catalogue:"
    assert "row 7, column ni: 'six' is not an indicator number" in [line.strip() for line in result.err_lines]

    columns = [c for c in rows[0] if c != "polarity"]
    with cli.path("nopolarity.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows[:3])
    result = cli("indicators", "--load", "nopolarity.csv", expect=2)
    assert [line.strip() for line in result.err_lines] == [
        "laadesk: nopolarity.csv is not a usable indicator catalogue:",
        "row 1, column polarity: column 'polarity' is missing",
    ]
    # Nothing was installed: new workbooks still get the shipped edition.
    assert not (cli.data_dir / "national_indicators.csv").exists()
    cli("new", "x.laa", "--area", "Demo")
    assert info_json(cli, "x.laa")["nis_edition"] == SHIPPED_EDITION


def test_indicators_load_into_one_workbook(cli: Cli, made: dict[str, Path]) -> None:
    cli.copy_in(made["filled"], "x.laa")
    _corrected_catalogue(cli.path("corrected.csv"))
    result = cli("indicators", "--load", "corrected.csv", "--workbook", "x.laa", "--edition", "Corrected 2009")
    assert result.out_lines == ["x.laa now uses 'Corrected 2009' (199 indicators, 16 statutory)."]
    assert info_json(cli, "x.laa")["nis_edition"] == "Corrected 2009"
    found = json.loads(cli("indicators", "--workbook", "x.laa", "--search", "NI 2 belong", "--json").out)
    assert [i["title"] for i in found["indicators"]] == [
        "% of people who feel that they belong to their neighbourhood (corrected)"
    ]
    # The targets are kept, and the default for new workbooks is unchanged.
    assert sorted(targets_in_file(cli.path("x.laa"))) == ["L1", "NI 116", "NI 117", "NI 72"]
    assert not (cli.data_dir / "national_indicators.csv").exists()


# -- demo and version --------------------------------------------------------------------


def test_demo_workbook(cli: Cli) -> None:
    result = cli("demo", "d.laa")
    assert len(result.out_lines) == 1
    assert result.out_lines[0].startswith("Created the demo workbook for ")
    assert result.out_lines[0].endswith(" (a fictional area) at d.laa.")
    facts = info_json(cli, "d.laa")
    assert facts["targets"]["designated"] >= 30
    assert facts["targets"]["designated"] <= 35
    assert facts["targets"]["statutory"] == 16
    assert facts["targets"]["local"] >= 1
    assert facts["targets"]["deferred"] >= 1
    assert facts["story_sections"] >= 1
    assert facts["champion_notes"] >= 1
    # The demo passes through validate and a round trip without trouble.
    assert cli("validate", "d.laa", expect=None).code in (0, 1)
    # Its chosen targets travel through the exchange layout unchanged.
    wrote = cli("export", "d.laa", "--csv", "demo.csv")
    chosen = sum(facts["targets"][k] for k in ("designated", "statutory", "local"))
    assert wrote.out_lines == [f"Wrote {chosen} targets to demo.csv."]
    cli("new", "copy.laa", "--area", "Copy")
    cli("import", "copy.laa", "demo.csv")
    cli("export", "copy.laa", "--csv", "copy.csv")
    assert cli.path("copy.csv").read_bytes() == cli.path("demo.csv").read_bytes()
    refused = cli("demo", "d.laa", expect=2)
    assert refused.err_lines == ["laadesk: d.laa already exists; laadesk will not overwrite it."]


def test_version_from_module_and_console_script(cli: Cli) -> None:
    assert cli("--version").out_lines == [f"laadesk {__version__}"]
    done = subprocess.run(
        [str(VENV_BIN / "laadesk"), "--version"],
        cwd=cli.cwd,
        env=cli_env(cli.data_dir),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, f"laadesk {__version__}", "")


def test_usage_errors_exit_2_without_a_traceback(cli: Cli) -> None:
    result = cli(expect=2)
    assert result.err_lines[-1] == "laadesk: error: the following arguments are required: COMMAND"
    result = cli("info", expect=2)
    assert "the following arguments are required: file" in result.err
    result = cli("export", "x.laa", expect=2)
    assert result.err_lines == ["laadesk: Say what to export: --pdf OUT, --xlsx OUT and/or --csv OUT."]
