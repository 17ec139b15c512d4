"""Every hostile text in every text column of the exchange layout, out through the Excel pack and back.

Each text of HOSTILE_TEXTS is a local target's title, baseline period, units, lead partner,
partner, comment and each of its four levels (as written: none of them is a number), and
another target's "other" deferral reason. The council's Excel pack is read back by openpyxl
and by LibreOffice (headless, CSV in UTF-8) and imported into a fresh workbook: each cell holds
the text as the workbook does, with no apostrophe added and nothing run as a formula.
"""

from __future__ import annotations

import csv
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hostile_files import HOSTILE_TEXTS
from support.tables import REASONS, read_xlsx
from support.workbooks import make_workbook

from laadesk.core.council_headings import match_header
from laadesk.core.exchange import COLUMNS, NUMBER_COLUMNS
from laadesk.core.import_plan import plan_import
from laadesk.core.model import AS_WRITTEN, LEVEL_FIELDS, Partner, Role, Status, Target
from laadesk.core.numbers import parse_level
from laadesk.core.pack import Audience, build_pack
from laadesk.core.text import without_controls
from laadesk.export.packs import PackFormat, write_pack
from laadesk.store.workbook import Workbook

KEYS = list(HOSTILE_TEXTS)
LIBREOFFICE_CSV = "csv:Text - txt - csv (StarCalc):44,34,76"  # comma, double quote, UTF-8
TEXT_COLUMNS = ("title", "baseline_period", "units", "lead_partner", "partners", "comment")


def written_code(number: int) -> str:
    return f"L{100 + number}"


def deferred_code(number: int) -> str:
    return f"L{200 + number}"


def column_records() -> list[object]:
    records: list[object] = []
    for number, text in enumerate(HOSTILE_TEXTS.values()):
        with pytest.raises(ValueError):
            parse_level(text)  # so each level is kept as written, never read as a figure
        partner = text.replace(";", ",")  # the layout separates partners with ';'
        records += [
            Partner(text, "voluntary"),
            Target(
                written_code(number),
                Role.LOCAL,
                title=text,
                status=Status.PROPOSED,
                baseline_period=text,
                units=text,
                lead_partner=text,
                partners=(partner,),
                comment=text,
                **{AS_WRITTEN[level]: text for level in LEVEL_FIELDS},
            ),
            Target(
                deferred_code(number),
                Role.LOCAL,
                title=f"Deferred {number}",
                status=Status.DEFERRED,
                deferral_reason="other",
                deferral_note=text,
                revisit_date=date(2009, 3, 31),
            ),
        ]
    return records


def in_a_cell(text: str, *, trimmed: bool = True) -> str:
    """What an .xlsx cell can hold of a text: no invisible controls, line ends as \\n (XML 1.0, 2.11),
    no \\x0b or \\x0c (XML 1.0 forbids them); trimmed, as the exchange layout trims every cell but a
    level written in words."""
    text = without_controls(text).replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "").replace("\x0c", "")
    return text.strip() if trimmed else text


def expected_cells(number: int, text: str) -> dict[str, dict[str, str]]:
    row = {column: in_a_cell(text) for column in TEXT_COLUMNS}
    row["partners"] = in_a_cell(text.replace(";", ","))
    row |= {level: in_a_cell(text, trimmed=False) for level in NUMBER_COLUMNS}
    return {
        written_code(number): row,
        deferred_code(number): {"deferred_reason": in_a_cell(f"other: {text}")},
    }


EXPECTED = {
    code: cells
    for number, text in enumerate(HOSTILE_TEXTS.values())
    for code, cells in expected_cells(number, text).items()
}


@pytest.fixture(scope="module")
def pack_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-columns")
    workbook = make_workbook(folder / "columns.laa", column_records())
    with Workbook.open(workbook, read_only=True) as opened:
        pack = build_pack(opened.snapshot(), Audience.COUNCIL, date(2008, 6, 30), REASONS.wordings())
    return write_pack(pack, PackFormat.XLSX, folder / "council.xlsx").path


def by_code(rows: list[list[str]] | list[tuple[object, ...]]) -> dict[str, dict[str, object]]:
    """The rows under the Targets sheet's heading row (below its title block), by code."""
    header = next(n for n, row in enumerate(rows) if row and row[0] == "NI")
    assert tuple(match_header(str(heading)) for heading in rows[header][: len(COLUMNS)]) == COLUMNS
    return {str(row[0]): dict(zip(COLUMNS, row)) for row in rows[header + 1 :]}


def test_openpyxl_reads_each_text_back_exactly_with_no_apostrophe_added(pack_file: Path) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(pack_file)["Targets"]
    rows = by_code([tuple(c.value for c in row) for row in sheet.iter_rows()])
    marked = {c.value for row in sheet.iter_rows() for c in row if c.quotePrefix}
    for code, wanted in EXPECTED.items():
        for column, text in wanted.items():
            assert rows[code][column] == text, (code, column)
            if text.startswith(("=", "+", "-", "@", "'")):
                assert text in marked, f"{code} {column} starts like a formula but has no quote prefix"
    assert marked, "the texts hold formula-like ones, so some cells must be marked"


def test_libreoffice_shows_each_text_exactly(pack_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "converted"
    command = ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/profile"]
    command += ["--convert-to", LIBREOFFICE_CSV, "--outdir", str(out), str(pack_file)]
    subprocess.run(command, capture_output=True, check=True, timeout=180)
    with (out / "council.csv").open(encoding="utf-8", newline="") as handle:  # the first sheet: Targets
        rows = by_code(list(csv.reader(handle)))
    for code, wanted in EXPECTED.items():
        for column, text in wanted.items():
            assert rows[code][column] == text, (code, column)


def test_the_pack_imports_back_to_the_same_texts(pack_file: Path, tmp_path: Path) -> None:
    fresh = make_workbook(tmp_path / "fresh.laa")
    with Workbook.open(fresh) as workbook:
        plan, problems = plan_import(
            pack_file.name, read_xlsx(pack_file), (), workbook.partners(), workbook.catalogue(), REASONS
        )
        assert problems == [] and plan is not None, [str(p) for p in problems]
        workbook.apply(plan.edit)
        back = {t.code: t for t in workbook.targets()}
    for number, text in enumerate(HOSTILE_TEXTS.values()):
        target = back[written_code(number)]
        row = EXPECTED[written_code(number)]
        assert (target.title, target.baseline_period, target.units, target.comment) == (
            row["title"],
            row["baseline_period"],
            row["units"],
            row["comment"],
        ), number
        assert (target.lead_partner, target.partners) == (row["lead_partner"], (row["partners"],))
        assert {level: (getattr(target, level), target.as_written(level)) for level in LEVEL_FIELDS} == {
            level: (None, row[level]) for level in LEVEL_FIELDS
        }
        deferred = back[deferred_code(number)]
        assert (deferred.deferral_reason, deferred.deferral_note) == ("other", in_a_cell(text)), number
