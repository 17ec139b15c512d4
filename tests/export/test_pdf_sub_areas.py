"""The council pack prints each split target's sub-area figures in a small table after the targets tables."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from laadesk.core.model import SubAreaTarget
from laadesk.core.pack import Audience, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.sub_area_exchange import plan_sub_area_import, read_sub_area_table
from laadesk.export.exchange_csv import read_csv_table
from laadesk.export.pdf_pack import write_pdf_pack

FIXTURE = Path(__file__).parents[1] / "data" / "sub_areas_kingsmere.csv"


def kingsmere_sub_areas(snapshot: WorkbookSnapshot) -> tuple[SubAreaTarget, ...]:
    plan, problems = plan_sub_area_import(read_sub_area_table(read_csv_table(FIXTURE)), (), snapshot.targets)
    assert problems == [] and plan is not None
    return tuple(c.after for c in plan.changes)  # type: ignore[misc]


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" \n".join(" ".join(line.split()) for line in page.splitlines()) for page in text.split("\f")[:-1]]


def row(text: str, starts: str) -> list[str]:
    """The baseline and the three levels on the line of the table that starts with a sub-area's name."""
    line = next(line for line in text.splitlines() if line.startswith(starts))
    return [word for word in line.split() if word[0].isdigit() or word == "TBC"][:4]


def test_each_split_target_gets_its_table_with_the_area_first(demo_snapshot: WorkbookSnapshot, tmp_path: Path) -> None:
    split = replace(demo_snapshot, sub_areas=kingsmere_sub_areas(demo_snapshot))
    pack = build_pack(split, Audience.COUNCIL, date(2008, 6, 20))
    pdf = tmp_path / "council.pdf"
    write_pdf_pack(pack, pdf)
    pages = pdf_pages(pdf)
    found = [n for n, page in enumerate(pages) if "Kingsmere (whole area)" in page]
    assert found, "no sub-area table printed"
    text = "\n".join(pages[n] for n in found)
    assert "NI 47 People killed or seriously injured in road traffic accidents" in text
    # figures as format_figure prints them, words as written, the area's own row before its parts
    assert row(text, "Marlhaven growth point") == ["1,240", "1,310", "1,385.5", "1,460"]
    assert row(text, "Marlhaven town centre wards") == ["61.2", "61.8", "62.5", "TBC"]
    assert row(text, "Colbeck Valley district") == ["90", "88", "85", "82"]
    assert text.index("Kingsmere (whole area) area Kingsmere County") < text.index("Colbeck Valley district")
    # the section comes after the targets tables, and the contents name it
    targets_page = next(n for n, page in enumerate(pages) if "Local targets" in page and "NI Indicator" in page)
    assert min(found) > targets_page
    assert any("Sub-area targets" in page for page in pages[:3])


def test_no_split_target_no_section(demo_snapshot: WorkbookSnapshot, tmp_path: Path) -> None:
    pack = build_pack(demo_snapshot, Audience.COUNCIL, date(2008, 6, 20))
    pdf = tmp_path / "council.pdf"
    write_pdf_pack(pack, pdf)
    assert not any("Sub-area targets" in page or "(whole area)" in page for page in pdf_pages(pdf))
