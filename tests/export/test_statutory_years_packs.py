"""Statutory targets in the packs: academic-year headings, and "set annually" for a level not yet due."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from laadesk.core.model import Role
from laadesk.core.pack import Audience, Pack, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.export.pdf_pack import write_pdf_pack
from laadesk.export.xlsx_pack import write_xlsx_pack

JUNE_2008 = date(2008, 6, 20)
LATER_YEARS = {"target_2009_10": None, "target_2010_11": None}


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.fixture(scope="module")
def june_pack(demo_snapshot: WorkbookSnapshot) -> Pack:
    """The demo as at June 2008, with the first three statutory targets' later years not yet set."""
    statutory = [t.code for t in demo_snapshot.targets if t.role is Role.STATUTORY][:3]
    targets = tuple(replace(t, **LATER_YEARS) if t.code in statutory else t for t in demo_snapshot.targets)
    area = replace(demo_snapshot.area, as_at=JUNE_2008)
    pack = build_pack(replace(demo_snapshot, targets=targets, area=area), Audience.COUNCIL, JUNE_2008)
    assert len([t for t in pack.statutory if t.target_2009_10 is None]) == 3
    return pack


def test_the_pdf_statutory_table_speaks_of_academic_years(june_pack: Pack, tmp_path: Path) -> None:
    path = tmp_path / "council.pdf"
    write_pdf_pack(june_pack, path)
    text = pdf_text(path)
    statutory = text[text.index("Statutory early years and education targets Agreed with") :]
    statutory = statutory[: statutory.index("Local targets")]
    for year in ("2008/09", "2009/10", "2010/11"):
        assert f"{year} academic year" in statutory
    assert statutory.count("set annually") == 6  # two later years for each of three targets
    assert "not set" not in statutory  # a blank not yet due is no gap
    designated = text[text.index("Designated improvement targets The up to 35") :]
    designated = designated[: designated.index("Statutory early years and education targets Agreed")]
    assert "academic year" not in designated and "set annually" not in designated


def test_the_same_pack_a_year_later_shows_the_gaps(june_pack: Pack, tmp_path: Path) -> None:
    path = tmp_path / "later.pdf"
    write_pdf_pack(replace(june_pack, as_at=date(2010, 1, 5)), path)
    text = pdf_text(path)
    assert "set annually" not in text


def test_the_excel_statutory_view_says_set_annually_and_the_exchange_sheet_stays_blank(
    june_pack: Pack, tmp_path: Path
) -> None:
    path = tmp_path / "council.xlsx"
    write_xlsx_pack(june_pack, path)
    book = openpyxl.load_workbook(path)
    cells = [c for row in book["Statutory"].iter_rows(values_only=True) for c in row if c is not None]
    assert {"2008/09 academic year", "2009/10 academic year", "2010/11 academic year"} <= set(cells)
    assert cells.count("set annually") == 6
    designated = [c for row in book["Designated"].iter_rows(values_only=True) for c in row if c is not None]
    assert "2008/09" in designated and "set annually" not in designated
    exchange = [c for row in book["Targets"].iter_rows(values_only=True) for c in row if c is not None]
    assert "set annually" not in exchange and not any("academic year" in str(c) for c in exchange)
