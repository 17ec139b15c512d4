"""A partner authority's pack from the command line: only the targets that relate to it, its sub-area
figures and its agreement; nothing of government's side; an unknown name refused in one sentence."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from support.cli import Cli
from support.edge_cases import CANARIES, CANARY_FLOOR, CANARY_NOTE, CANARY_SHAREABLE_NOTE

from laadesk.core.edits import add
from laadesk.core.model import ChampionNote, NoteKind, Position, SubAreaKind, SubAreaTarget, Visibility
from laadesk.core.sign_off import relations
from laadesk.store.workbook import Workbook

PARTNER = "Wenmoor District Council"
GOVERNMENT_POSITION = 876543.25  # a position figure found nowhere else


def pdf_text(pdf: Path, *options: str) -> str:
    """The words pdftotext reads in the PDF (with options such as "-l", "1": its first page), one space apart."""
    text = subprocess.run(["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def cli(cli: Cli, demo_master: Path) -> Cli:
    """The command line with a copy of the demo workbook in its folder, as kingsmere.laa."""
    cli.copy_in(demo_master, "kingsmere.laa")
    return cli


def test_a_partner_pack_holds_its_targets_figures_and_agreement_and_nothing_of_government(cli: Cli) -> None:
    with Workbook.open(cli.path("kingsmere.laa")) as workbook:
        snapshot = workbook.snapshot()
        rows = relations(snapshot)
        theirs = sorted({r.code for r in rows if r.partner == PARTNER})
        others = sorted({t.code for t in snapshot.targets if t.chosen} - set(theirs))
        code = theirs[0]
        for edit in (
            add(
                ChampionNote(
                    "canary", "A. Champion", CANARY_NOTE, NoteKind.STICKING_POINT, date(2008, 5, 2), indicators=(code,)
                ),
                "Note",
            ),
            add(
                ChampionNote(
                    "shared",
                    "B. Officer",
                    CANARY_SHAREABLE_NOTE,
                    NoteKind.DECISION,
                    date(2008, 5, 3),
                    indicators=(code,),
                    visibility=Visibility.SHAREABLE,
                ),
                "Note",
            ),
            add(Position(code, "2008/09", 1.0, GOVERNMENT_POSITION, None, CANARY_FLOOR), "Position"),
            add(
                SubAreaTarget(
                    code, "Wenmoor", SubAreaKind.DISTRICT, 10.0, "2007", 11.0, 12.0, 13.0, comment="WENMOORFIGURES"
                ),
                "Sub-area",
            ),
            add(
                SubAreaTarget(
                    code, "Thornwold", SubAreaKind.DISTRICT, 20.0, "2007", 21.0, 22.0, 23.0, comment="THORNWOLDFIGURES"
                ),
                "Sub-area",
            ),
        ):
            workbook.apply(edit)
    assert theirs and others

    result = cli("export", "kingsmere.laa", "--pdf", "wenmoor.pdf", "--for-partner", PARTNER.upper())
    assert result.out_lines[-1].startswith(f"Wrote the pack for {PARTNER} (PDF, ")
    text = pdf_text(cli.path("wenmoor.pdf"))
    first_page = pdf_text(cli.path("wenmoor.pdf"), "-l", "1")
    assert f"for {PARTNER}" in first_page and "Partner authority pack" in first_page
    for own in theirs:
        assert own in text, own
    assert printed(others, text) == set()
    assert "WENMOORFIGURES" in text and "THORNWOLDFIGURES" not in text  # its district's figures only
    assert f"{PARTNER} agrees to the targets that relate to it" in text
    assert "Signed" in text and "Position" in text
    for canary in (*CANARIES, "876543", "876,543", "A. Champion", "B. Officer"):
        assert canary not in text, canary
    # The council pack itself lists every target (so the check above can fail): the partner's cut is its own.
    cli("export", "kingsmere.laa", "--pdf", "council.pdf")
    assert printed(others, pdf_text(cli.path("council.pdf"))) == set(others)


def printed(codes: list[str], text: str) -> set[str]:
    """Those of codes printed in text as codes ("NI 15" is not in "NI 154")."""
    return {c for c in codes if re.search(rf"(?<!\w){re.escape(c)}(?!\d)", text)}


def test_an_unknown_or_non_authority_name_is_refused_naming_the_partner_authorities(cli: Cli) -> None:
    for name in ("Nowhere Parish Council", "Kingsmere Voluntary Action"):  # unknown; a partner but no authority
        refused = cli("export", "kingsmere.laa", "--pdf", "x.pdf", "--for-partner", name, expect=2)
        assert refused.err_lines == [
            f"laadesk: '{name}' is not a partner authority of Kingsmere; the partner authorities are: "
            "Colbeck Valley District Council; Easterby Fens District Council; Kingsmere Constabulary; "
            "Kingsmere Fire and Rescue Service; Kingsmere Jobcentre Plus; Kingsmere Learning and Skills Council; "
            "Kingsmere Primary Care Trust; Kingsmere Probation Area; Marlhaven Borough Council; "
            "Thornwold District Council; Wenmoor District Council."
        ]
        assert not cli.path("x.pdf").exists()
