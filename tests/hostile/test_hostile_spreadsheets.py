"""Hostile and broken spreadsheets and CSV files given to `laadesk import`: each is refused in one
sentence, or its problems are listed by row and column, or it is read faithfully - never a
traceback, a hang, a warning on the console, or a change to the workbook when refused.

The files are made by conftest.SPREADSHEETS (each an .xlsx written part by part, or CSV bytes).
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from hostile_files import SPREADSHEETS, TIMEOUT, fingerprint, run_cli
from support.files import listing
from support.tables import read_any
from support.workbooks import make_workbook

from laadesk.core.errors import WorkbookProblem
from laadesk.export.exchange_xlsx import is_percent_format
from laadesk.store.workbook import Workbook

CASES = sorted(SPREADSHEETS)


@pytest.fixture(scope="module")
def empty_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("empty") / "empty.laa")


def test_the_matrix_is_as_wide_as_the_issue_asks() -> None:
    assert len(CASES) >= 60
    assert sum(name.startswith("csv-") for name in CASES) >= 15


@pytest.mark.parametrize("case", CASES)
def test_import_refuses_lists_or_reads_faithfully(case: str, empty_workbook: Path, tmp_path: Path) -> None:
    make, expect = SPREADSHEETS[case]
    work = tmp_path / "work"
    work.mkdir()
    source = make(work)
    workbook = work / "x.laa"
    shutil.copyfile(empty_workbook, workbook)
    before, files = fingerprint(workbook), listing(work)
    result = run_cli(work, tmp_path / "data", "import", "x.laa", source.name)
    print(f"{case}: exit {result.code} in {result.seconds:.2f} s")
    assert result.code == expect.code, result.describe()
    assert result.seconds < TIMEOUT / 2
    lines = result.err_lines
    name = re.escape(source.name)
    if expect.code == 0:
        assert lines == [], result.describe()
        assert result.out_lines[-1].startswith(f"Imported {source.name} into x.laa: "), result.describe()
        assert expect.check is not None
        with Workbook.open(workbook, read_only=True) as opened:
            expect.check({t.code: t for t in opened.targets()})
        return
    # Refused, or problems listed: the workbook is exactly as it was, and nothing was left beside it.
    assert fingerprint(workbook) == before
    assert listing(work) == files
    assert result.out == "", result.describe()
    if expect.code == 2:
        assert len(lines) == 1, result.describe()
        assert lines[0].startswith(f"laadesk: {source.name}"), result.describe()
        wanted = expect.lines[0].replace("{file}", name)
        assert re.fullmatch(wanted, lines[0].removeprefix("laadesk: ")), f"{lines[0]!r} !~ {wanted!r}"
        return
    count = len(lines) - 1
    noun = "problem" if count == 1 else "problems"
    assert lines[-1] == f"laadesk: {source.name}: {count} {noun}, nothing was imported.", result.describe()
    for line in lines[:-1]:
        assert re.fullmatch(rf"{name} row \d+(, column [^:]+)?: .+", line), line
        assert len(line) < 600, f"a problem line of {len(line)} characters"
    wanted_lines = [w.replace("{file}", name) for w in expect.lines]
    if wanted_lines[-1] == ".+":  # the first problems named, then at least one more
        assert len(lines) - 1 >= len(wanted_lines), result.describe()
        wanted_lines = wanted_lines[:-1]
    else:
        assert len(lines) - 1 == len(wanted_lines), result.describe()
    for line, wanted in zip(lines, wanted_lines):
        assert re.fullmatch(wanted, line), f"{line!r} !~ {wanted!r}"


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("csv-")] + ["zip-lies-about-sizes"])
def test_the_readers_raise_only_sentences(case: str, tmp_path: Path) -> None:
    """In the same process too: a reader gives rows, or a WorkbookProblem - nothing else escapes it."""
    make, expect = SPREADSHEETS[case]
    source = make(tmp_path)
    started = time.monotonic()
    try:
        rows = read_any(source).rows
    except WorkbookProblem as problem:
        assert expect.code == 2, f"{case}: refused ({problem}) but expected exit {expect.code}"
        assert "\n" not in str(problem)
    else:
        assert expect.code in (0, 1)
        assert all(r.number >= 2 for r in rows)
    assert time.monotonic() - started < 20


def test_five_thousand_rows_import_quickly(tmp_path: Path, empty_workbook: Path) -> None:
    """Timed on its own: reading, checking and writing 5000 targets from .xlsx and from CSV."""
    for case in ("five-thousand-rows", "csv-five-thousand-rows"):
        make, _ = SPREADSHEETS[case]
        work = tmp_path / case
        work.mkdir()
        source = make(work)
        shutil.copyfile(empty_workbook, work / "x.laa")
        result = run_cli(work, tmp_path / "data", "import", "x.laa", source.name)
        assert result.code == 0, result.describe()
        print(f"{case}: imported 5000 targets in {result.seconds:.2f} s")
        assert result.seconds < 30


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ('0.0"%"', False),
        ("0.0\\%", False),
        ("[Red]0%;[Blue]-0%", True),
        ('#,##0" per 1,000"', False),
        ("[$%-809]0", False),
    ],
)
def test_percent_formats_are_told_from_a_percent_sign_shown(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent
