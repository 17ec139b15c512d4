"""A council pack from the command line: a Draft while errors remain (and a warning saying why), charts as asked."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from support.cli import Cli

from laadesk.core.edits import set_fields
from laadesk.store.workbook import Workbook


def cover(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_errors_left_make_a_draft_and_a_warning_and_settling_them_does_not(tmp_path: Path, demo_master: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    cli.copy_in(demo_master, "kingsmere.laa")
    with Workbook.open(cli.path("kingsmere.laa")) as workbook:  # the GO recommends: the cover would say so
        snapshot = workbook.snapshot()
        workbook.apply(set_fields(snapshot.sign_off, "GO recommends", go_recommendation_date=date(2008, 6, 18)))
    result = cli("export", "kingsmere.laa", "--pdf", "draft.pdf")
    assert result.err_lines == [
        "laadesk: kingsmere.laa has 1 error left (NI 155 (Number of affordable homes delivered (gross)) has no "
        "lead partner), so the council pack says Draft on its cover; 'laadesk validate kingsmere.laa' lists "
        "every problem."
    ]
    assert result.out_lines[-1].startswith("Wrote the council pack (PDF, ")
    assert "Status Draft" in cover(cli.path("draft.pdf"))

    brief = cli("export", "kingsmere.laa", "--pdf", "brief.pdf", "--audience", "internal")
    assert brief.err_lines == []  # the brief is government's own working paper: no warning

    with Workbook.open(cli.path("kingsmere.laa")) as workbook:
        ni155 = workbook.snapshot().target("NI 155")
        assert ni155 is not None
        workbook.apply(set_fields(ni155, "Lead partner named", lead_partner="Kingsmere Housing Partnership"))
    settled = cli("export", "kingsmere.laa", "--pdf", "settled.pdf")
    assert settled.err_lines == []
    assert "Status For adoption" in cover(cli.path("settled.pdf"))


def test_export_charts_as_the_command_says(tmp_path: Path, demo_master: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    cli.copy_in(demo_master, "kingsmere.laa")
    page_counts = {}
    for charts in ("all", "flagged", "none"):
        result = cli("export", "kingsmere.laa", "--pdf", f"{charts}.pdf", "--charts", charts)
        page_counts[charts] = int(result.out_lines[-1].split("(PDF, ")[1].split()[0])
    assert page_counts["all"] > page_counts["flagged"] > page_counts["none"]
    refused = cli("export", "kingsmere.laa", "--pdf", "x.pdf", "--charts", "some", expect=2)
    assert "invalid choice: 'some'" in refused.err and not cli.path("x.pdf").exists()
