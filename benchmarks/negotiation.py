"""Figures for the negotiation's record (issue 15): opening a workbook with a long history, comparing
the demo against its agreed version, merging two copies with 200 edits each."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import statistics
from pathlib import Path

from fixtures import demo_workbook
from measure import Figure, figure, first_paint, paired, times

HISTORY_ENTRIES = 100_000
LABEL = "Signed by the Secretary of State"
CHANGED = 10  # levels changed since the version
AGREEMENT_TABLES = (
    "area",
    "targets",
    "sub_area_targets",
    "partner_agreements",
    "story_sections",
    "adoptions",
    "sign_off",
)


def agreed_demo(folder: Path) -> Path:
    """The demo workbook frozen as agreed, then with a few levels changed since."""
    from laadesk.core.edits import set_fields
    from laadesk.store.versions import freeze
    from laadesk.store.workbook import Workbook

    path = demo_workbook(folder)
    with Workbook.open(path) as workbook:
        freeze(workbook, LABEL)
        changed = [t for t in workbook.targets() if t.target_2010_11 is not None][:CHANGED]
        for target in changed:
            workbook.apply(set_fields(target, "change", target_2010_11=round(target.target_2010_11 * 0.98, 2)))
    return path


def long_history(folder: Path) -> Path:
    """The demo with 100,000 history entries: a negotiation's worth of edits many times over."""
    path = demo_workbook(folder)
    conn = sqlite3.connect(path)
    codes = [row[0] for row in conn.execute("SELECT code FROM targets")]
    fields = ("target_2008_09", "target_2009_10", "target_2010_11", "baseline", "status", "rationale")
    chooser = random.Random(15)
    rows = []
    for n in range(HISTORY_ENTRIES):
        code = chooser.choice(codes)
        rows.append(
            (
                f"c{n // 3:08d}",
                f"2008-0{4 + n % 5}-{1 + n % 28:02d}T10:00:00+00:00",
                "Ruth Calloway",
                "typed",
                "",
                f"change {code}",
                "targets",
                json.dumps([code]),
                code,
                chooser.choice(fields),
                "changed",
                round(chooser.uniform(10, 90), 1),
                round(chooser.uniform(10, 90), 1),
            )
        )
    conn.executemany(
        "INSERT INTO history (change_id, at, who, how, source, action, kind, record_key, ni, field, op, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.commit()
    conn.close()
    return path


def cold_start_with_history(work: Path, runs: int, env: dict[str, str], script: Path) -> Figure:
    folder = work / "history"
    folder.mkdir()
    path = long_history(folder)
    starts: list[float] = []
    floors: list[float] = []
    for _ in range(runs):
        floors.append(first_paint([str(script), "floor"], env, work)[0])
        starts.append(first_paint([str(script), "laadesk", str(path)], env, work)[0])
    size = path.stat().st_size / 1e6
    return figure(
        f"cold start to first paint, demo with {HISTORY_ENTRIES:,} history entries ({size:.0f} MB)",
        starts,
        floors,
        "<= 1.5x",
    )


def compare_with_version(work: Path, runs: int) -> Figure:
    """The editor's Compare page with the workbook open: read the latest version and the agreement
    now, and list every change - beside sqlite3 reading the same rows on an open connection."""
    from laadesk.core.compare import compare
    from laadesk.store.versions import agreement_now, version_form
    from laadesk.store.workbook import Workbook

    folder = work / "compare"
    folder.mkdir()
    path = agreed_demo(folder)
    workbook = Workbook.open(path, read_only=True)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)

    def laadesk_compare() -> None:
        found = version_form(workbook)
        assert found is not None
        differences = compare(found[2], agreement_now(workbook, ordered=False))
        assert len(differences) == CHANGED, len(differences)

    def sqlite_read_both() -> None:
        for table in AGREEMENT_TABLES:
            conn.execute(f"SELECT * FROM {table}").fetchall()
        (form,) = conn.execute("SELECT form FROM agreed_versions ORDER BY rowid DESC LIMIT 1").fetchone()
        json.loads(form)

    try:
        laadesk_compare()
        mine, base = paired(laadesk_compare, sqlite_read_both, runs * 3)
    finally:
        workbook.close()
        conn.close()
    return figure(
        "compare the demo against its agreed version (both states read, every change listed)", mine, base, "<= 2x"
    )


def merge_two_copies(work: Path, runs: int) -> Figure:
    from laadesk.core.edits import set_fields
    from laadesk.store.merge import merge_copy
    from laadesk.store.workbook import Workbook

    folder = work / "merge"
    folder.mkdir()
    master = demo_workbook(folder)
    pairs = []
    for n in range(runs):
        mine, theirs = folder / f"mine-{n}.laa", folder / f"theirs-{n}.laa"
        shutil.copy(master, mine)
        shutil.copy(master, theirs)
        for path, half, who in ((mine, 0, "Me"), (theirs, 1, "Colleague")):
            with Workbook.open(path, author=who) as workbook:
                targets = [t for i, t in enumerate(workbook.targets()) if i % 2 == half]
                for edit in range(200):
                    target = workbook.target(targets[edit % len(targets)].code)
                    assert target is not None
                    workbook.apply(set_fields(target, "edit", rationale=f"{who} edit {edit}"))
        pairs.append((mine, theirs))
    queue = iter(pairs)

    def merge() -> None:
        mine, theirs = next(queue)
        with Workbook.open(mine, author="Me") as workbook:
            merged = merge_copy(workbook, theirs)
        assert not merged.plan.conflicts and merged.plan.taken > 0

    spent = times(merge, runs)
    return Figure(
        "merge two demo copies with 200 edits each (read both histories, plan, write one edit)",
        round(statistics.median(spent), 6),
        None,
        None,
        None,
        f"{min(spent) * 1000:.0f} / {statistics.median(spent) * 1000:.0f} / {max(spent) * 1000:.0f} ms",
    )
