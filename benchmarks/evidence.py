"""Figures for the evidence attachments (issue 17): the demo with 250 MB of files attached, opened."""

from __future__ import annotations

import os
from pathlib import Path

from fixtures import demo_workbook
from measure import STARTS_PER_RUN, Figure, figure, first_paint, paired

ATTACHED_MB = 250


def demo_with_attachments(folder: Path) -> Path:
    """The demo with ten files of 25 MB attached (half internal): the most a workbook may hold."""
    from laadesk.core.attachments import MAX_FILE_BYTES
    from laadesk.store.attachments import attach_bytes
    from laadesk.store.workbook import Workbook

    folder.mkdir(exist_ok=True)
    path = demo_workbook(folder)
    with Workbook.open(path) as workbook:
        for n in range(ATTACHED_MB * 1_000_000 // MAX_FILE_BYTES):
            data = b"%PDF-1.4\n" + os.urandom(MAX_FILE_BYTES - 9)
            attach_bytes(workbook, data, f"evidence pack {n}.pdf", internal=n % 2 == 0)
    return path


def open_with_attachments(work: Path, demo: Path, runs: int, env: dict[str, str], script: Path) -> list[Figure]:
    from laadesk.core.cross_checks import check_workbook
    from laadesk.store.workbook import Workbook

    path = demo_with_attachments(work / "evidence")
    size = path.stat().st_size / 1e6

    def opened(which: Path) -> None:
        with Workbook.open(which, read_only=True) as workbook:
            check_workbook(workbook.snapshot())

    mine, base = paired(lambda: opened(path), lambda: opened(demo), runs * 3)
    starts: list[float] = []
    floors: list[float] = []
    for _ in range(runs * STARTS_PER_RUN):
        floors.append(first_paint([str(script), "floor"], env, work)[0])
        starts.append(first_paint([str(script), "laadesk", str(path)], env, work)[0])
    return [
        figure(f"open to checked records, demo with {size:.0f} MB attached (floor: the demo itself)", mine, base),
        figure(f"cold start to first paint, demo with {size:.0f} MB attached", starts, floors, "<= 1.5x"),
    ]
