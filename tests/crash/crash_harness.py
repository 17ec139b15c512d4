"""The crash harness's parent: kill an editing laadesk with SIGKILL at random moments, then check the file.

Each run starts tests/crash/edit_stream.py on a workbook, lets it edit for a random time
(sometimes killing it while it is still starting up and opening the file), kills it with
SIGKILL, then opens the workbook read-write (so SQLite rolls back a hot journal, as laadesk
would on the next open), runs `PRAGMA integrity_check`, and compares what the file holds
with what the child acknowledged:

- every acknowledged edit must be there, exactly as acknowledged;
- the one edit in flight (announced, not acknowledged) may be there or not, but whole:
  all of its changes and history rows, or none of them;
- nothing else may have changed.

Runs are spread over workers (one workbook each, started afresh every FILE_RUNS runs), each
run's seed and kill delay come from one logged base seed, and every run is logged.

Standalone: `python tests/crash/crash_harness.py --runs 5000 [--seed N] [--workers 2]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from laadesk.core.edits import Edit, Put
from laadesk.core.errors import WorkbookProblem
from laadesk.core.model import AreaProfile, Position, Role, Status, Target
from laadesk.store import locks
from laadesk.store.reference import shipped_catalogue
from laadesk.store.rows import to_row
from laadesk.store.tables import spec_for
from laadesk.store.versions import versions
from laadesk.store.workbook import Workbook

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:  # run standalone: the shared test helpers are in tests/support
    sys.path.insert(0, str(TESTS))
from support.files import journal_state  # noqa: E402
from support.records import levels  # noqa: E402

CHILD = Path(__file__).with_name("edit_stream.py")
REPO = Path(__file__).resolve().parents[2]
FILE_RUNS = 40  # runs on one workbook before a worker starts a fresh one (history only grows)
# How a run picks its moment: (what the delay counts from, share of runs, longest delay in s).
# "start": from the child's start, so the kill may land while it opens (or recovers) the file;
# "ready": from its first edit; "edit": from the WILL line of a chosen edit (the 1st to 60th),
# so the kill lands inside or just after that edit's transaction far more often than by chance.
AIMS = (("start", 0.1, 0.35), ("ready", 0.5, 0.4), ("edit", 0.4, 0.008))
AIMED_EDITS = 60
CODES = ("NI 1", "NI 8", "NI 39", "NI 116", "NI 117", "NI 152", "NI 154", "NI 167", "NI 186", "NI 195")

Key = tuple[str, str]  # (table, the record's key as JSON)
State = dict[Key, Any]


@dataclass
class Observed:
    """What a workbook holds after a kill, or why it could not be read."""

    state: State = field(default_factory=dict)
    history: list[Any] = field(default_factory=list)
    problem: str | None = None  # the file would not open, or integrity_check was not "ok"
    journal: str = "none"  # "hot": a kill left a transaction half-done for the open to roll back
    lock_cut_short: bool = False  # the kill landed while the child was writing its lock file


@dataclass
class Run:
    worker: int
    number: int
    seed: int
    delay: float
    aim: str
    edit: int = 0  # for aim "edit": the edit whose WILL line starts the delay
    acks: int = 0
    in_flight: bool = False
    in_flight_landed: bool | None = None
    killed: bool = False
    journal: str = "none"
    lock_cut_short: bool = False
    lost: int = 0
    corrupt: bool = False
    problem: str | None = None

    def moment(self) -> str:
        return {"start": "start", "ready": "ready", "edit": f"edit {self.edit} began"}[self.aim]

    def line(self) -> str:
        outcome = self.problem or "ok"
        landed = {None: "-", True: "landed", False: "rolled back"}[self.in_flight_landed]
        return (
            f"worker {self.worker} run {self.number} seed {self.seed} "
            f"kill {self.delay:.4f}s after {self.moment()}: "
            f"{self.acks} acked, in flight {landed}, journal {self.journal}, "
            f"{'lock cut short, ' if self.lock_cut_short else ''}"
            f"killed {'yes' if self.killed else 'no'}: {outcome}"
        )


@dataclass
class Summary:
    seed: int
    runs: list[Run] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, test: Any) -> int:
        return sum(1 for run in self.runs if test(run))

    @property
    def kills(self) -> int:
        return self.count(lambda r: r.killed)

    @property
    def lost(self) -> int:
        return sum(run.lost for run in self.runs)

    @property
    def corrupt(self) -> int:
        return self.count(lambda r: r.corrupt)

    @property
    def problems(self) -> list[Run]:
        return [run for run in self.runs if run.problem]

    def line(self) -> str:
        return (
            f"crash harness: {len(self.runs)} runs, {self.kills} kills, "
            f"{self.lost} lost edits, {self.corrupt} corrupt files"
        )

    def details(self) -> str:
        return (
            f"  seed {self.seed}, {self.seconds:.0f} s; {sum(r.acks for r in self.runs)} edits acknowledged; "
            f"kills aimed at start-up / editing / an edit: "
            f"{'/'.join(str(self.count(lambda r, a=a: r.aim == a)) for a, _, _ in AIMS)}; "
            f"{self.count(lambda r: r.in_flight)} kills with an edit in flight "
            f"({self.count(lambda r: r.in_flight_landed is True)} landed whole, "
            f"{self.count(lambda r: r.in_flight_landed is False)} rolled back whole); "
            f"{self.count(lambda r: r.journal == 'hot')} hot journals rolled back, "
            f"{self.count(lambda r: r.journal == 'unstarted')} journals begun but unused; "
            f"{self.count(lambda r: r.lock_cut_short)} lock files cut short by the kill; "
            f"{len(self.problems)} runs with a problem"
        )


def normal(value: Any) -> Any:
    """A value as JSON has it, so the child's report and the file compare like for like."""
    return json.loads(json.dumps(value))


def make_workbook(path: Path) -> None:
    """A small workbook: ten designated targets, a few positions, no notes."""
    targets = [
        Target(
            code,
            Role.DESIGNATED,
            status=Status.PROPOSED,
            **levels(50.0, 51.0, 52.0, 53.0),
            lead_partner="Crashfield County Council",
        )
        for code in CODES
    ]
    positions = [Position(code, "2009/10", area_proposal=52.0) for code in CODES[:4]]
    with Workbook.create(path, AreaProfile("Crashfield"), shipped_catalogue(), author="crash-harness") as workbook:
        workbook.apply(Edit("Set up", tuple(Put(record) for record in (*targets, *positions))))


def open_after_kill(path: Path, observed: Observed) -> Workbook:
    """Workbook.open, as the next laadesk would. A lock file the kill cut short (no owner can be read
    from it) is refused for a grace period, since it may be a laadesk writing it that moment; here
    its writer is known to be dead, so it is cleared at once, and counted."""
    try:
        return Workbook.open(path, author="crash-harness")
    except locks.WorkbookLocked as locked:
        if locked.owner is not None:
            raise
        observed.lock_cut_short = True
        locks.lock_path(path).unlink()
        return Workbook.open(path, author="crash-harness")


def read_workbook(path: Path) -> Observed:
    """Open the workbook as laadesk would after a crash and read every record the child edits."""
    observed = Observed(journal=journal_state(path))
    try:
        with open_after_kill(path, observed) as workbook:
            report = [row[0] for row in workbook._db.execute("PRAGMA integrity_check").fetchall()]
            if report != ["ok"]:
                observed.problem = f"integrity_check: {'; '.join(report)[:300]}"
                return observed
            for record in (*workbook.targets(), *workbook.positions(), *workbook.notes()):
                spec = spec_for(record)
                observed.state[(spec.name, json.dumps(list(spec.key_values(record))))] = normal(to_row(record))
            for version in versions(workbook):  # each whole, its hash recomputed from what was stored
                observed.state[("agreed_versions", json.dumps([version.label]))] = (
                    "verified" if version.verified else "ALTERED"
                )
            observed.history = normal([[h.code, h.year, h.field.value, h.value] for h in workbook.position_history()])
    except WorkbookProblem as problem:
        observed.problem = f"would not open: {problem}"
    if journal_state(path) == "hot":
        observed.problem = observed.problem or "a hot journal was left after laadesk opened and closed the file"
    return observed


def after(state: State, history: list[Any], report: dict[str, Any]) -> tuple[State, list[Any]]:
    """The records and history once the edit a WILL line announced is written."""
    state = dict(state)
    if "version" in report:
        state[("agreed_versions", json.dumps([report["version"]]))] = "verified"
    for table, key, row in report["changes"]:
        if row is None:
            state.pop((table, json.dumps(key)), None)
        else:
            state[(table, json.dumps(key))] = normal(row)
    return state, history + normal(report["history"])


def difference(expected: State, found: State) -> str:
    keys = sorted(set(expected) | set(found))
    wrong = [k for k in keys if expected.get(k) != found.get(k)]
    return ", ".join(f"{table} {key}" for table, key in wrong[:5]) + (" ..." if len(wrong) > 5 else "")


def read_child(stream: Any, lines: list[str], moment: threading.Event, run: Run) -> None:
    """Collect the child's lines; set `moment` when the run's delay starts (or the child ends)."""
    edits = 0
    for line in stream:
        lines.append(line)
        edits += line.startswith("WILL ")
        if (run.aim == "ready" and line == "READY\n") or (run.aim == "edit" and edits == run.edit):
            moment.set()
    moment.set()


def run_child(path: Path, run: Run, env: dict[str, str] | None = None) -> list[str]:
    """Start the child, kill it with SIGKILL after the run's delay, and return its complete lines."""
    lines: list[str] = []
    moment = threading.Event()
    with path.with_suffix(".stderr").open("w") as errors:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(run.seed)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=REPO,
            env=env,
        )
        reader = threading.Thread(target=read_child, args=(child.stdout, lines, moment, run), daemon=True)
        reader.start()
        try:
            if run.aim != "start" and not moment.wait(timeout=60):
                run.problem = f"the child did not reach {run.moment()} within 60 s"
            time.sleep(run.delay)
        finally:
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
            child.wait()
            reader.join()
            if child.stdout is not None:
                child.stdout.close()
    run.killed = child.returncode == -signal.SIGKILL
    if not run.killed:
        tail = path.with_suffix(".stderr").read_text()[-600:]
        last = lines[-1].strip() if lines else "nothing"
        run.problem = run.problem or f"the child ended by itself (status {child.returncode}; said {last}): {tail}"
    # A line cut short by the kill was never complete: the child had not gone on to the edit.
    return [line.rstrip("\n") for line in lines if line.endswith("\n")]


def check(run: Run, lines: list[str], state: State, history: list[Any], observed: Observed) -> None:
    """Compare the file with what the child acknowledged; record the outcome on the run."""
    announced: dict[int, dict[str, Any]] = {}
    acked: list[dict[str, Any]] = []
    for line in lines:
        word, _, rest = line.partition(" ")
        if word == "WILL":
            number, _, report = rest.partition(" ")
            announced[int(number)] = json.loads(report)
        elif word == "ACK":
            acked.append(announced.pop(int(rest)))
        elif word == "FAILED":
            run.problem = run.problem or f"an edit failed in the child: {rest}"
    run.acks = len(acked)
    run.in_flight = bool(announced)
    run.journal = observed.journal
    run.lock_cut_short = observed.lock_cut_short
    if observed.problem:
        run.corrupt = True
        run.problem = observed.problem
        return
    expected = [(state, history)]
    for report in acked:
        expected.append(after(*expected[-1], report))
    if (observed.state, observed.history) == expected[-1]:
        run.in_flight_landed = False if run.in_flight else None
        return
    if run.in_flight and (observed.state, observed.history) == after(*expected[-1], *announced.values()):
        run.in_flight_landed = True
        return
    matches = [k for k, (s, h) in enumerate(expected) if (observed.state, observed.history) == (s, h)]
    if matches:
        run.lost = len(acked) - matches[-1]
        run.problem = f"{run.lost} acknowledged edits are missing"
    else:
        run.lost = len(acked)  # nothing it ought to be: count every acknowledged edit as unproven
        run.problem = (
            f"the file matches no state the edits allow (half-written?): differs in "
            f"{difference(expected[-1][0], observed.state)}; history {len(observed.history)} rows, "
            f"expected {len(expected[-1][1])}"
        )


def work(worker: int, runs: int, seed: int, folder: Path, log: Any, lock: threading.Lock) -> list[Run]:
    """One worker's runs, one after the other, on its own workbook."""
    rng = random.Random(f"{seed}-{worker}")
    done: list[Run] = []
    path: Path | None = None
    state: State = {}
    history: list[Any] = []
    for number in range(1, runs + 1):
        if path is None or (number - 1) % FILE_RUNS == 0:
            path = folder / f"worker{worker}-{number}.laa"
            make_workbook(path)
            first = read_workbook(path)
            assert first.problem is None, first.problem
            state, history = first.state, first.history
        aim, _, longest = rng.choices(AIMS, weights=[share for _, share, _ in AIMS])[0]
        run = Run(worker, number, rng.randrange(2**31), round(rng.uniform(0, longest), 4), aim)
        run.edit = rng.randint(1, AIMED_EDITS) if aim == "edit" else 0
        lines = run_child(path, run)
        observed = read_workbook(path)
        check(run, lines, state, history, observed)
        if run.problem:
            path = None  # keep the evidence; go on with a fresh workbook
        else:
            state, history = observed.state, observed.history
            path.with_suffix(".stderr").unlink()
        with lock:
            log.write(run.line() + "\n")
            log.flush()
        done.append(run)
    return done


def run_harness(runs: int, folder: Path, *, seed: int | None = None, workers: int = 2) -> Summary:
    """Run the harness `runs` times over `workers` parallel workers; the log is folder/crash-harness.log."""
    seed = random.randrange(2**31) if seed is None else seed
    summary = Summary(seed)
    started = time.monotonic()
    lock = threading.Lock()
    shares = [runs // workers + (1 if w < runs % workers else 0) for w in range(workers)]
    with (folder / "crash-harness.log").open("w") as log, ThreadPoolExecutor(workers) as pool:
        log.write(f"crash harness: seed {seed}, {runs} runs over {workers} workers\n")
        futures = [pool.submit(work, w, share, seed, folder, log, lock) for w, share in enumerate(shares) if share]
        for future in futures:
            summary.runs.extend(future.result())
    summary.seconds = time.monotonic() - started
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--folder", type=Path, help="where workbooks and the log go (default: a new temporary one)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = args.folder or Path(tempfile.mkdtemp(prefix="laadesk-crash-"))
    folder.mkdir(parents=True, exist_ok=True)
    summary = run_harness(args.runs, folder, seed=args.seed, workers=args.workers)
    print(summary.line())
    print(summary.details())
    for run in summary.problems[:20]:
        print("  " + run.line())
    print(f"  log: {folder / 'crash-harness.log'}")
    return 0 if not summary.problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
