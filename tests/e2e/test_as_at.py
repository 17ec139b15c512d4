"""The workbook's "as at": packs are dated, and milestones overdue, as of the day the workbook speaks of."""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import load_workbook
from support.cli import Cli


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_a_pack_reads_as_at_the_workbooks_day_or_the_one_the_command_gives(tmp_path: Path, demo_master: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    cli.copy_in(demo_master, "kingsmere.laa")
    cli("export", "kingsmere.laa", "--pdf", "own.pdf", "--xlsx", "own.xlsx")
    own = pages(cli.path("own.pdf"))
    # The demo speaks as at 20 June 2008: every page's footer says so, none says 2026.
    assert len(own) > 20
    assert all("As at 20 Jun 2008 Page" in page for page in own)
    assert "Dec 2026" not in " ".join(own)  # (the story of place does speak of homes to 2026)
    assert "Secretary of State sign-off 30 Jun 2008 not yet" in " ".join(own)  # dates only in the council's copy
    sign_off = {row[0]: row[1] for row in load_workbook(cli.path("own.xlsx"))["Sign-off"].iter_rows(values_only=True)}
    assert str(sign_off["As at"])[:10] == "2008-06-20"

    cli("export", "kingsmere.laa", "--pdf", "brief.pdf", "--audience", "internal")
    brief = " ".join(pages(cli.path("brief.pdf")))
    assert "Secretary of State sign-off 30 Jun 2008 not yet due in 10 days" in brief
    assert "overdue by" not in brief

    result = cli("export", "kingsmere.laa", "--pdf", "later.pdf", "--audience", "internal", "--as-at", "4/7/2008")
    assert result.out_lines[-1].startswith("Wrote the internal brief (PDF, ")
    later = pages(cli.path("later.pdf"))
    assert all("As at 4 Jul 2008" in page and "PROTECT - INTERNAL" in page for page in later)
    assert "Secretary of State sign-off 30 Jun 2008 not yet overdue by 4 days" in " ".join(later)


def test_a_date_that_is_no_date_is_refused_with_a_sentence(tmp_path: Path, demo_master: Path) -> None:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    cli.copy_in(demo_master, "kingsmere.laa")
    result = cli("export", "kingsmere.laa", "--pdf", "x.pdf", "--as-at", "31/6/2008", expect=2)
    assert "argument --as-at: '31/6/2008'" in result.err
    assert "Traceback" not in result.err
    assert not cli.path("x.pdf").exists()
