"""The Excel pack's Targets sheet as a person prints it and as `laadesk import` reads it back: a title
block and headings in words above the exchange layout, legible A4 landscape pages, and not a word
of noise from the import about laadesk's own sheet."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from laadesk.core.council_table import OWN_TITLE, proposed_layout, read_table
from laadesk.core.dates import format_date
from laadesk.core.exchange import COLUMNS
from laadesk.core.pack import Audience, Pack, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.export.exchange_xlsx import read_xlsx_table
from laadesk.export.xlsx_pack import write_xlsx_pack
from laadesk.export.xlsx_styles import (
    LEGIBLE_SCALE,
    PRINT_WIDTH,
    Column,
    column_points,
    fit_figures,
    page_setup,
    pages_across,
    print_scale,
    used_widths,
)

GENERATED = date(2008, 6, 20)
HEADINGS = (
    "NI",
    "Indicator",
    "Kind",
    "Status",
    "Baseline",
    "Baseline period",
    "2008/09",
    "2009/10",
    "2010/11",
    "Units",
    "Lead partner",
    "Partners signed up",
    "Reason deferred",
    "Comment",
)
# The Targets sheet's widths before it was made to print legibly: 14 columns fitted to one A4
# page across printed 11-point text at about 5 points.
OLD_WIDTHS = (8, 42, 11, 10, 11, 16, 15, 15, 15, 22, 24, 28, 17, 40)


@pytest.fixture(scope="module")
def packs(demo_snapshot: WorkbookSnapshot, edge_snapshot: WorkbookSnapshot) -> dict[str, Pack]:
    snapshots = {"demo": demo_snapshot, "edge": edge_snapshot}
    return {
        f"{which}-{audience.value}": build_pack(snapshots[which], audience, GENERATED)
        for which in snapshots
        for audience in (Audience.COUNCIL, Audience.INTERNAL)
    }


@pytest.fixture(scope="module")
def books(packs: dict[str, Pack], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("targets-sheet")
    paths = {name: folder / f"{name}.xlsx" for name in packs}
    for name, pack in packs.items():
        write_xlsx_pack(pack, paths[name])
    return paths


def targets_sheet(path: Path) -> Any:
    return openpyxl.load_workbook(path)["Targets"]


@pytest.mark.parametrize("name", ["demo-council", "demo-internal", "edge-council"])
def test_a_title_block_stands_above_headings_in_words(
    name: str, books: dict[str, Path], packs: dict[str, Pack]
) -> None:
    pack = packs[name]
    sheet = targets_sheet(books[name])
    header = sheet.print_title_rows.replace("$", "").split(":")
    assert header[0] == header[1]  # the heading row alone repeats on every printed page
    header_row = int(header[0])
    assert tuple(c.value for c in sheet[header_row]) == HEADINGS
    block = [tuple(c.value for c in row) for row in sheet.iter_rows(max_row=header_row - 1)]
    assert all(not any(cells[1:]) for cells in block)  # column A alone, as the import's rule has it
    lines = [cells[0] for cells in block]
    if pack.marking:
        assert lines.pop(0) == pack.marking
    else:
        assert not pack.internal
    title, facts, note = lines
    assert title == f"{pack.area.name} - {OWN_TITLE}" == f"{pack.area.name} - Local Area Agreement 2008-11 - targets"
    audience = "Internal brief" if pack.internal else "Council pack"
    assert facts == f"{audience}, version {pack.version} ({pack.status.value}), as at {format_date(pack.as_at)}"
    assert "return the workbook" in note and "12.5 means 12.5 %" in note
    assert sheet[f"A{header_row + 1}"].value == pack.targets[0].code


@pytest.mark.parametrize("name", ["demo-council", "demo-internal", "edge-council", "edge-internal"])
def test_the_import_reads_the_sheet_without_a_word_of_noise(name: str, books: dict[str, Path]) -> None:
    table = read_xlsx_table(books[name])
    for read in (read_table(table), read_table(table, layout=proposed_layout(table))):  # command line, window
        assert read.notes == () and read.problems == ()
        assert tuple(read.columns.values()) == COLUMNS
        assert read.header_row == int(targets_sheet(books[name]).print_title_rows.split(":")[0].strip("$"))


def test_a_note_of_the_councils_beside_the_title_block_is_said(books: dict[str, Path], tmp_path: Path) -> None:
    """The rule is laadesk's block alone: a cell typed beside it is the council's, and the summary says
    the rows above the header were left out."""
    book = openpyxl.load_workbook(books["demo-council"])
    book["Targets"]["D2"] = "Returned by Kingsmere, 2 July"
    path = tmp_path / "returned.xlsx"
    book.save(path)
    read = read_table(read_xlsx_table(path))
    assert read.notes == ("The table's header is row 4; the rows above it were left out.",)
    assert len(read.rows) == 51 and read.problems == ()


def test_every_sheet_prints_on_legible_a4_landscape_pages(books: dict[str, Path], packs: dict[str, Pack]) -> None:
    for name in ("demo-internal", "edge-council"):
        for sheet in openpyxl.load_workbook(books[name]).worksheets:
            setup = sheet.page_setup
            assert (setup.orientation, setup.paperSize) == ("landscape", 9), sheet.title
            natural = sum(column_points(w) for w in used_widths(sheet))
            scale = min(100.0, 100 * PRINT_WIDTH / natural)
            # Fitted to one page across only where the text keeps at least 70 % of its size.
            assert scale >= LEGIBLE_SCALE and setup.fitToWidth == 1 and setup.fitToHeight == 0, sheet.title
            assert sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.page_margins.left == sheet.page_margins.right == 0.4
            assert packs[name].area.name in sheet.oddFooter.left.text
            assert sheet.oddFooter.right.text == "&A - page &P of &N"


def test_a_table_too_wide_to_fit_legibly_spreads_over_pages_across(tmp_path: Path) -> None:
    assert round(100 * PRINT_WIDTH / sum(column_points(w) for w in OLD_WIDTHS)) == 53  # what it printed at
    # Two pages across at 70 %, and so at the largest scale that keeps to two: a column more would not fit.
    assert pages_across(OLD_WIDTHS, LEGIBLE_SCALE) == 2 and pages_across(OLD_WIDTHS, 100) == 3
    assert print_scale(OLD_WIDTHS) == 99 and pages_across(OLD_WIDTHS, 99) == 2
    # The NI and indicator printed again on the second page take room of it.
    assert print_scale(OLD_WIDTHS, repeated=2) == 86 and pages_across(OLD_WIDTHS, 86, repeated=2) == 2
    assert pages_across(OLD_WIDTHS, 87, repeated=2) == 3
    assert print_scale((30, 40, 60)) is None and print_scale(()) is None

    book = openpyxl.Workbook()
    sheet = book.active
    for number, width in enumerate(OLD_WIDTHS, start=1):
        sheet.cell(row=1, column=number, value=f"heading {number}")
        sheet.column_dimensions[openpyxl.utils.get_column_letter(number)].width = width
    sheet.freeze_panes = "C2"
    page_setup(sheet, "PROTECT & SENSITIVE", "Local Area Agreement 2008-11 - Kingsmere")
    book.save(tmp_path / "wide.xlsx")
    wide = openpyxl.load_workbook(tmp_path / "wide.xlsx").active
    assert (wide.page_setup.scale, wide.page_setup.pageOrder) == (86, "overThenDown")
    assert not wide.sheet_properties.pageSetUpPr.fitToPage
    assert wide.print_title_cols == "$A:$B"  # the columns frozen on screen print on every page
    assert wide.oddHeader.center.text == "PROTECT && SENSITIVE"


def test_a_figure_wider_than_its_column_widens_it(packs: dict[str, Pack], tmp_path: Path) -> None:
    columns = (Column("NI", 7), Column("2008/09", 9), Column("Units", 16, True))
    assert fit_figures(columns, {1: [12.5, None, 1180.0]}) == columns
    wide = fit_figures(columns, {1: [1234567.25, -2.5]})
    assert wide[1].width == len("1,234,567.25") + 3 and (wide[0], wide[2]) == (columns[0], columns[2])

    pack = packs["demo-council"]
    first = replace(pack.designated[1], target_2009_10=98765432.125)
    pack = replace(pack, designated=(pack.designated[0], first, *pack.designated[2:]))
    write_xlsx_pack(pack, tmp_path / "wide.xlsx")
    book = openpyxl.load_workbook(tmp_path / "wide.xlsx")
    assert book["Targets"].column_dimensions["H"].width == len("98,765,432.125") + 3
    assert book["Targets"].column_dimensions["G"].width == 9
    assert book["Designated"].column_dimensions["G"].width == len("98,765,432.125") + 3
    assert read_table(read_xlsx_table(tmp_path / "wide.xlsx")).rows[1].cells["target_2009_10"] == "98765432.125"


# -- as LibreOffice prints it ---------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The Targets sheet's pages of the demo council pack, as LibreOffice prints them to PDF (-bbox text)."""
    office = shutil.which("libreoffice")
    assert office is not None, "LibreOffice (libreoffice-calc-nogui) is needed to print the workbook"
    out = tmp_path_factory.mktemp("printed")
    profile = tmp_path_factory.mktemp("lo-profile")
    command = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(out), str(books["demo-council"])], check=True, capture_output=True, timeout=240
    )
    pdf = out / "demo-council.pdf"
    pages = []
    for number in range(1, 100):
        done = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-bbox", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0 or "<page" not in done.stdout:
            break
        pages.append(done.stdout)
    return [page for page in pages if "Targets - page" in words(page)]


def words(page: str) -> str:
    return " ".join(re.findall(r">([^<]*)</word>", page))


def test_libreoffice_prints_the_title_headings_and_figures_on_legible_pages(
    printed: list[str], packs: dict[str, Pack]
) -> None:
    pack = packs["demo-council"]
    assert len(printed) >= 2
    first = words(printed[0])
    assert f"{pack.area.name} - {OWN_TITLE}" in first and f"version {pack.version}" in first
    assert "1,180" in first and "1,215" in first  # NI 40: thousands separated, no stray decimals
    text = " ".join(words(page) for page in printed)
    assert "target_2008_09" not in text and "lead_partner" not in text
    headings = {word for heading in HEADINGS for word in heading.split()}
    for page in printed:
        # The headings repeat on every page, and every column fits across it (the comment is the last).
        assert headings <= set(words(page).split()), headings - set(words(page).split())
    codes = set(re.findall(r"\b(?:NI \d+|L\d)\b", text))
    assert codes == {t.code for t in pack.targets}
    # Legible: the heading "Indicator" stands at least 7.5 points high (it was 5 when fitted whole).
    box = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Indicator<', printed[0])
    assert box is not None and float(box.group(2)) - float(box.group(1)) >= 7.5
