"""Crash safety: SIGKILL an editing laadesk at random moments; no acknowledged edit is lost, no file damaged.

The default run suits CI (LAADESK_CRASH_RUNS runs, 200 unless set, about 45 s on 2 cores);
for thousands: `LAADESK_CRASH_RUNS=5000 .venv/bin/python -m pytest tests/crash -q -s`.
LAADESK_CRASH_SEED repeats a run's choices (kill moments depend on timing as well).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from crash_harness import Observed, Run, check, make_workbook, read_workbook, run_child, run_harness

from laadesk.store import locks

RUNS = int(os.environ.get("LAADESK_CRASH_RUNS", "200"))
SEED = int(os.environ["LAADESK_CRASH_SEED"]) if os.environ.get("LAADESK_CRASH_SEED") else None


def test_no_acknowledged_edit_is_lost_and_no_workbook_is_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = run_harness(RUNS, tmp_path, seed=SEED)
    with capsys.disabled():
        print(f"\n{summary.line()}\n{summary.details()}")
    problems = "\n".join(run.line() for run in summary.problems[:10])
    assert not summary.problems, f"{summary.line()}\n{problems}\nlog: {tmp_path / 'crash-harness.log'}"
    assert (summary.lost, summary.corrupt) == (0, 0)
    assert summary.kills == RUNS  # every child was still editing when it was killed
    assert sum(run.acks for run in summary.runs) > RUNS * 10  # the children did edit
    if RUNS >= 100:
        # Some kills must land inside a transaction, or the run proved nothing about rollback.
        assert summary.count(lambda run: run.journal == "hot") > 0
        assert summary.count(lambda run: run.in_flight) > RUNS // 5


# The harness's own tests: each shows it would report the failure it exists to catch.


def test_the_harness_notices_an_acknowledged_edit_that_is_not_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lying.laa"
    make_workbook(path)
    before = read_workbook(path)
    run = Run(worker=0, number=1, seed=7, delay=1.0, aim="ready")
    lines = run_child(path, run, env={**os.environ, "LAADESK_CRASH_LIE": "5"})
    check(run, lines, before.state, before.history, read_workbook(path))
    assert run.killed and run.acks == 5
    assert run.lost == 1
    assert run.problem == "1 acknowledged edits are missing"


def test_the_harness_notices_an_edit_written_by_half(tmp_path: Path) -> None:
    path = tmp_path / "half.laa"
    make_workbook(path)
    before = read_workbook(path)
    (first_key, first_row), (second_key, second_row) = sorted(before.state.items())[:2]
    paste = {
        "what": "paste 2 rows",
        "changes": [
            [first_key[0], json.loads(first_key[1]), {**first_row, "comment": "pasted"}],
            [second_key[0], json.loads(second_key[1]), {**second_row, "comment": "pasted"}],
        ],
        "history": [],
    }
    half = Observed(state={**before.state, first_key: {**first_row, "comment": "pasted"}}, history=before.history)
    run = Run(worker=0, number=1, seed=0, delay=0.0, aim="edit")
    check(run, [f"WILL 1 {json.dumps(paste)}"], before.state, before.history, half)
    assert run.problem is not None and "matches no state the edits allow" in run.problem
    # ... while the whole edit, or none of it, is what an edit in flight may leave.
    for landed, state in (
        (True, {**half.state, second_key: {**second_row, "comment": "pasted"}}),
        (False, before.state),
    ):
        run = Run(worker=0, number=1, seed=0, delay=0.0, aim="edit")
        check(run, [f"WILL 1 {json.dumps(paste)}"], before.state, before.history, replace(half, state=state))
        assert (run.problem, run.in_flight_landed) == (None, landed)


def test_the_harness_notices_a_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "damaged.laa"
    make_workbook(path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 2 : page * 5] = b"\xa5" * (page * 3)
    path.write_bytes(bytes(data))
    observed = read_workbook(path)
    assert observed.problem is not None and "damaged" in observed.problem
    run = Run(worker=0, number=1, seed=0, delay=0.0, aim="start")
    check(run, [], {}, [], observed)
    assert run.corrupt


def test_a_lock_file_the_kill_cut_short_is_cleared_and_counted_not_called_damage(tmp_path: Path) -> None:
    path = tmp_path / "locked.laa"
    make_workbook(path)
    locks.lock_path(path).write_text('{"laadesk_lock": 1, "us')  # killed while writing it
    observed = read_workbook(path)
    assert observed.problem is None and observed.lock_cut_short
    assert not locks.lock_path(path).exists()
