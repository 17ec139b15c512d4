"""`laadesk attach`, `attachments` and `extract`, end to end: files stored inside the workbook, taken out
byte for byte, refused with a sentence, and internal ones never reaching the council."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook as Book
from support.cli import Cli

CANARY = b"CANARY-INTERNAL-EVIDENCE-5512"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "work", tmp_path / "data")
    cli("demo", "kingsmere.laa")
    return cli


def evidence_pdf(cli: Cli) -> Path:
    """A real PDF: the demo's council pack."""
    cli("export", "kingsmere.laa", "--pdf", "pack.pdf", expect=0)
    return cli.path("pack.pdf")


def internal_pack(cli: Cli) -> Path:
    """A department's evidence figures (CSV, so its canary is in plain bytes wherever it is copied)."""
    path = cli.path("dcsf evidence pack.csv")
    path.write_bytes(b"NI,evidence\nNI 116," + CANARY + b"\n")
    return path


def real_xlsx(cli: Cli) -> Path:
    book = Book()
    book.active.append(["NI", "Baseline"])  # type: ignore[union-attr]
    path = cli.path("levels.xlsx")
    book.save(path)
    return path


def rows(cli: Cli, table: str) -> int:
    conn = sqlite3.connect(cli.path("kingsmere.laa"))
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_attach_list_and_extract_byte_for_byte(cli: Cli) -> None:
    pdf = evidence_pdf(cli)
    done = cli("attach", "kingsmere.laa", pdf.name, "--link", "NI 116", "--link", "NI 20, ni 116", "--who", "Rita")
    assert done.out.startswith("Attached pack.pdf (PDF, ")
    assert "shareable; SHA-256 " in done.out
    cli("attach", "kingsmere.laa", internal_pack(cli), "--internal")
    listed = json.loads(cli("attachments", "kingsmere.laa", "--json").out)
    assert [(a["name"], a["kind"], a["internal"]) for a in listed] == [
        ("dcsf evidence pack.csv", "CSV", True),
        ("pack.pdf", "PDF", False),
    ]
    assert listed[1]["indicators"] == ["NI 116", "NI 20"]
    assert listed[1]["who"] == "Rita" and listed[1]["size"] == pdf.stat().st_size
    text = cli("attachments", "kingsmere.laa").out
    assert text.splitlines()[-1].startswith("2 attachments, ")
    out = cli("extract", "kingsmere.laa", "pack.pdf", "copy.pdf").out
    assert out.startswith("Wrote pack.pdf (") and "SHA-256 checked" in out
    assert cli.path("copy.pdf").read_bytes() == pdf.read_bytes()
    by_hash = listed[0]["sha256"][:10]
    cli("extract", "kingsmere.laa", by_hash, "copy.csv")
    assert cli.path("copy.csv").read_bytes() == internal_pack(cli).read_bytes()
    xlsx = real_xlsx(cli)
    assert "(XLSX, " in cli("attach", "kingsmere.laa", xlsx).out
    cli("extract", "kingsmere.laa", "LEVELS.XLSX", "copy.xlsx")
    assert cli.path("copy.xlsx").read_bytes() == xlsx.read_bytes()


def test_the_same_file_twice_is_stored_once(cli: Cli) -> None:
    pdf = evidence_pdf(cli)
    cli("attach", "kingsmere.laa", pdf.name)
    again = cli("attach", "kingsmere.laa", pdf.name)
    assert again.out.strip() == f"{pdf.name} is already attached as pack.pdf (shareable); nothing was added."
    assert (rows(cli, "attachments"), rows(cli, "attachment_files")) == (1, 1)


def test_refusals_name_the_file_and_change_nothing(cli: Cli) -> None:
    before = cli.path("kingsmere.laa").read_bytes()
    disguised = cli.path("evidence.pdf")
    disguised.write_bytes(b"MZ\x90\x00 a program, named as a PDF")
    refused = cli("attach", "kingsmere.laa", disguised, expect=2)
    assert "its content is not a PDF, Excel (.xlsx), Word (.docx)" in refused.err
    assert "whatever its name says" in refused.err
    huge = cli.path("huge.pdf")
    with open(huge, "wb") as handle:
        handle.truncate(26_000_000)  # sparse: no disk used
    refused = cli("attach", "kingsmere.laa", huge.name, expect=2)
    assert refused.err.strip() == (
        f"laadesk: Cannot attach {huge.name}: it is 26.0 MB; laadesk attaches files of up to 25.0 MB."
    )
    assert cli("attach", "kingsmere.laa", "missing.pdf", expect=2).err.startswith("laadesk: Cannot attach missing.pdf")
    assert "it is not a file" in cli("attach", "kingsmere.laa", cli.cwd, expect=2).err
    os.mkfifo(cli.path("pipe.pdf"))
    assert "it is not a file" in cli("attach", "kingsmere.laa", "pipe.pdf", expect=2, timeout=20).err
    bad_link = cli("attach", "kingsmere.laa", evidence_pdf(cli), "--link", "NI 999", expect=2)
    assert "--link NI 999: the workbook has no target or story section called that" in bad_link.err
    assert cli("extract", "kingsmere.laa", "nothing.pdf", "x.pdf", expect=2).err.strip() == (
        "laadesk: The workbook has no attachment called 'nothing.pdf'; `laadesk attachments FILE` lists them."
    )
    assert cli.path("kingsmere.laa").read_bytes() == before


def test_extract_never_overwrites_and_refuses_altered_content(cli: Cli) -> None:
    cli("attach", "kingsmere.laa", evidence_pdf(cli))
    cli.path("taken.pdf").write_bytes(b"mine")
    refused = cli("extract", "kingsmere.laa", "pack.pdf", "taken.pdf", expect=2)
    assert "taken.pdf already exists; laadesk will not overwrite it" in refused.err
    assert cli.path("taken.pdf").read_bytes() == b"mine"
    conn = sqlite3.connect(cli.path("kingsmere.laa"))
    conn.execute("UPDATE attachment_files SET data = CAST('altered' AS BLOB)")
    conn.commit()
    conn.close()
    damaged = cli("extract", "kingsmere.laa", "pack.pdf", "out.pdf", expect=2)
    assert "the attached file pack.pdf is missing or altered" in damaged.err
    assert not cli.path("out.pdf").exists()


def test_internal_attachments_never_reach_the_council(cli: Cli) -> None:
    cli("attach", "kingsmere.laa", internal_pack(cli), "--internal")
    cli("attach", "kingsmere.laa", evidence_pdf(cli))
    cli("council-copy", "kingsmere.laa", "council.laa")
    copy = cli.path("council.laa")
    raw = copy.read_bytes()
    assert b"dcsf evidence pack" not in raw and b"CANARY" not in raw
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM internal_attachment_files").fetchone() == (0,)
    assert conn.execute("SELECT name FROM attachments").fetchall() == [("pack.pdf",)]
    conn.close()
    cli("export", "kingsmere.laa", "--pdf", "council-pack.pdf")
    words = subprocess.run(
        ["pdftotext", "-layout", str(cli.path("council-pack.pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Attached evidence" in words and "pack.pdf" in words and "dcsf evidence pack" not in words
    sha = json.loads(cli("attachments", "kingsmere.laa", "--json").out)[1]["sha256"]
    assert sha in words.replace(" ", "")
    cli("export", "kingsmere.laa", "--pdf", "brief.pdf", "--audience", "internal")
    brief = subprocess.run(
        ["pdftotext", str(cli.path("brief.pdf")), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "dcsf evidence pack.csv (internal to government)" in " ".join(brief.split())


def test_a_colleagues_attachment_comes_with_a_merge_byte_for_byte(cli: Cli) -> None:
    shutil.copyfile(cli.path("kingsmere.laa"), cli.path("colleague.laa"))
    pdf = evidence_pdf(cli)
    cli("attach", "colleague.laa", pdf.name, "--internal", "--who", "Dev")
    merged = cli("merge", "kingsmere.laa", "colleague.laa")
    assert "colleague.laa" in merged.out
    listed = json.loads(cli("attachments", "kingsmere.laa", "--json").out)
    assert [(a["name"], a["internal"], a["who"]) for a in listed] == [("pack.pdf", True, "Dev")]
    cli("extract", "kingsmere.laa", "pack.pdf", "merged.pdf")
    assert cli.path("merged.pdf").read_bytes() == pdf.read_bytes()
