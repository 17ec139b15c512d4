"""`laadesk qa FILE`, end to end: the checklist as it stands, a reviewer's ticks, exit 0 only when all is met,
and QA staying on government's side."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from support.cli import Cli

from laadesk.core.edits import Edit, Put
from laadesk.core.model import AgreementState
from laadesk.store.workbook import Workbook

JUDGEMENT = ("ambition-challenged", "evidence-considered", "statutory-confirmed", "peer-review", "reviewer-sign-off")


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    cli("demo", "kingsmere.laa")
    return cli


def items(cli: Cli) -> dict[str, dict[str, object]]:
    found = json.loads(cli("qa", "kingsmere.laa", "--json", expect=1).out)
    assert found["met"] is False
    return {item["id"]: item for item in found["items"]}


def test_the_demo_lists_each_item_met_or_open_and_exits_1(cli: Cli) -> None:
    result = cli("qa", "kingsmere.laa", expect=1)
    assert "[x] designated-linked  (automatic)" in result.out
    assert "[ ] within-floors  (automatic) No level is beyond government's floor" in result.out
    assert "[ ] peer-review  (judgement)" in result.out
    assert result.out_lines[-1] == "QA: 6 of 13 items met."
    found = items(cli)
    assert found["within-floors"]["state"] == "open"
    assert any("NI 20" in str(f) for f in found["within-floors"]["findings"])  # type: ignore[union-attr]
    assert found["designated-linked"] == {
        "id": "designated-linked",
        "kind": "automatic",
        "item": "Every designated target is linked to a section of the story of place and has a rationale",
        "state": "met",
        "findings": [],
        "ticked_by": None,
        "ticked_at": None,
        "comment": None,
    }


def test_a_tick_records_who_when_and_the_comment_in_the_workbook_and_its_history(cli: Cli) -> None:
    # A tick exits as `qa` does: 1 while any item is still open.
    done = cli(
        "qa",
        "kingsmere.laa",
        "--tick",
        "peer-review",
        "--comment",
        "GO East Midlands, 3 July",
        "--who",
        "Rita",
        expect=1,
    )
    assert "peer-review ticked." in done.err
    tick = items(cli)["peer-review"]
    assert (tick["state"], tick["ticked_by"], tick["comment"]) == ("met", "Rita", "GO East Midlands, 3 July")
    history = json.loads(cli("history", "kingsmere.laa", "--json").out)
    assert any(e["who"] == "Rita" and e["record"] == "qa_ticks" and e["what"] == "QA tick peer-review" for e in history)
    cli("qa", "kingsmere.laa", "--untick", "peer-review", expect=1)
    assert items(cli)["peer-review"]["state"] == "open"


def test_automatic_items_and_unknown_items_cannot_be_ticked(cli: Cli) -> None:
    refused = cli("qa", "kingsmere.laa", "--tick", "within-floors", expect=2)
    assert refused.err.strip() == "laadesk: 'within-floors' is checked by laadesk; only judgement items are ticked."
    unknown = cli("qa", "kingsmere.laa", "--tick", "peer_review", expect=2)
    assert "The QA checklist has no item 'peer_review'" in unknown.err


def test_with_every_item_met_qa_exits_0(cli: Cli) -> None:
    path = cli.path("kingsmere.laa")
    with Workbook.open(path) as workbook:
        snapshot = workbook.snapshot()
        settled = [dataclasses.replace(a, state=AgreementState.AGREED) for a in snapshot.agreements]
        no_floors = [dataclasses.replace(p, floor=None) for p in snapshot.positions]
        workbook.apply(Edit("settle", tuple(Put(r) for r in (*settled, *no_floors))))
    for item in JUDGEMENT[:-1]:
        cli("qa", "kingsmere.laa", "--tick", item, "--who", "Rita", expect=1)
    cli("qa", "kingsmere.laa", "--tick", JUDGEMENT[-1], "--who", "Rita", expect=0)
    result = cli("qa", "kingsmere.laa")
    assert result.out_lines[-1] == "QA: 13 of 13 items met - ready to recommend."
    assert json.loads(cli("qa", "kingsmere.laa", "--json").out)["met"] is True


def test_ticks_never_reach_the_council(cli: Cli) -> None:
    cli("qa", "kingsmere.laa", "--tick", "peer-review", "--comment", "CANARY-QA-7731", "--who", "Rita", expect=1)
    cli("council-copy", "kingsmere.laa", "council.laa")
    assert b"CANARY-QA-7731" not in cli.path("council.laa").read_bytes()
    conn = sqlite3.connect(cli.path("council.laa"))
    assert conn.execute("SELECT count(*) FROM qa_ticks").fetchone() == (0,)
    conn.close()
    cli("export", "kingsmere.laa", "--xlsx", "pack.xlsx", "--csv", "pack.csv")
    assert b"CANARY-QA-7731" not in cli.path("pack.csv").read_bytes()


def test_the_qa_report_is_a_marked_internal_pdf_with_each_item_and_the_sign_off(cli: Cli) -> None:
    cli(
        "qa",
        "kingsmere.laa",
        "--tick",
        "reviewer-sign-off",
        "--comment",
        "Recommend, floors aside",
        "--who",
        "Rita",
        expect=1,
    )
    done = cli("export", "kingsmere.laa", "--pdf", "qa.pdf", "--qa")
    assert done.out.strip() == "Wrote the QA report (2 pages, internal to government) to qa.pdf."
    pdf = cli.path("qa.pdf")
    subprocess.run(["qpdf", "--check", str(pdf)], check=True, capture_output=True)
    words = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    assert words.count("PROTECT - INTERNAL TO GOVERNMENT - NOT FOR THE COUNCIL") == 4  # header and footer, 2 pages
    assert "QA: 7 of 13 items met." in words
    assert "No level is beyond government's floor" in words
    assert "4 to settle: NI 20, NI 130, NI 151, NI 154" in words
    assert "Signed off by Rita on" in words and "Recommend, floors aside" in words


@pytest.mark.parametrize(
    "extra", [("--xlsx", "p.xlsx"), ("--csv", "p.csv"), ("--for-partner", "Thornwold District Council")], ids=str
)
def test_the_qa_report_goes_with_pdf_alone(cli: Cli, extra: tuple[str, str]) -> None:
    refused = cli("export", "kingsmere.laa", "--pdf", "qa.pdf", "--qa", *extra, expect=2)
    assert refused.err.strip() == "laadesk: --qa goes with --pdf OUT alone: it writes the QA report, not a pack."
    assert not cli.path("qa.pdf").exists()
