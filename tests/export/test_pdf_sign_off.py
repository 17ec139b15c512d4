"""The council pack's cover and sign-off say where sign-off stands as the 2007 Act has it: the
responsible authority's adoption, each partner authority's word on its targets, then government's."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from laadesk.core.pack import Audience, build_pack
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.export.pdf_pack import write_pdf_pack

SEQUENCE = (
    "Adopted by Kingsmere County Council cabinet 12 June 2008 - 9 of 11 partner authorities agreed to all their "
    "targets - GO recommendation pending."
)


def pages(path: Path) -> list[str]:
    """Each page's text in reading order, whitespace collapsed (wrapped lines join up again)."""
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.split()) for page in done.stdout.split("\f")]


@pytest.fixture(scope="module")
def council(demo_snapshot: WorkbookSnapshot, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    path = tmp_path_factory.mktemp("sign-off") / "council.pdf"
    write_pdf_pack(build_pack(demo_snapshot, Audience.COUNCIL, date(2008, 6, 20)), path)
    return pages(path)


def sign_off_page(council: list[str]) -> str:
    found = [p for p in council if "Partner authorities' agreement to their targets" in p]
    assert len(found) == 1
    return found[0]


def test_the_cover_says_where_sign_off_stands(council: list[str]) -> None:
    assert SEQUENCE in council[0]


def test_the_responsible_authority_signs_and_no_district_adopts(council: list[str]) -> None:
    page = sign_off_page(council)
    assert SEQUENCE in page
    assert (
        "Kingsmere County Council (responsible local authority) Decision by Cabinet Adoption adopted on 12 Jun 2008"
        in page
    )
    assert "minute CAB/2008/047" in page
    everything = " ".join(council)
    assert "not yet adopted" not in everything
    for district in ("Marlhaven Borough Council", "Thornwold District Council", "Wenmoor District Council"):
        assert f"{district} (responsible" not in everything
        assert f"{district} Decision by" not in everything


def test_the_partner_authorities_word_is_tabled_with_its_targets_date_and_reference(
    demo_snapshot: WorkbookSnapshot, tmp_path: Path
) -> None:
    path = tmp_path / "council.pdf"
    write_pdf_pack(build_pack(demo_snapshot, Audience.COUNCIL, date(2008, 6, 20)), path)
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    page = next(p for p in done.stdout.split("\f") if "Partner authorities' agreement to their targets" in p)
    lines = [" ".join(line.split()) for line in page.splitlines()]
    assert "Partner authority Targets Their word Date Reference" in lines
    assert "Thornwold District Council NI 171 asked 2 Jun 2008" in lines
    assert "Easterby Fens District Council NI 188 asked 2 Jun 2008" in lines
    assert "Kingsmere Fire and Rescue NI 33, NI 47, NI 188, L2 agreed 3 Jun 2008 FA/08/22" in lines
    assert page.index("Colbeck Valley") < page.index("Easterby Fens") < page.index("Wenmoor")  # by name
