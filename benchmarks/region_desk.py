"""Figures for the region desk: `laadesk-gui --region FOLDER` on a folder of workbooks (150 for the nation).

Usage: python benchmarks/region_desk.py FOLDER [RUNS [VIEW]]   (make one with `laadesk demo-region /tmp/nat150`)

VIEW is the view in sight while the folder is read: 0 the overview (as the desk opens), 1 the heat map,
2 the ambition view.

Each run is a process of its own (this file with --child), so its peak memory is the region desk's
alone and its start is cold for Python and Qt (the files may be in the page cache). The child does
what `laadesk-gui --region FOLDER` does (laadesk.ui.application.open_region_desk) and measures:

- first_paint_ms: from the moment the parent started the process to the region window's first paint
  (the house's way, as benchmarks/start_window.py), and first_paint_in_process_ms from the call that
  opens the window;
- all_read_ms: from that call until every workbook is read and shown;
- peak_rss_mb: the process's ru_maxrss when all is read;
- max_stall_ms: the longest gap between ticks of a 10 ms QTimer on the GUI thread from the first
  paint until all is read (what the officer would feel as the window not answering); stall_over_50ms
  counts the gaps over 50 ms.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TICK_MS = 10


def child(folder: Path, view: int = 0) -> dict[str, Any]:
    """In the child process: open the region desk, read everything, measure; the figures as a dict."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer

    from laadesk.ui.application import open_region_desk
    from laadesk.ui.region.window import RegionWindow

    figures: dict[str, Any] = {}
    ticks: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in figures:
                figures["painted"] = time.time()
                figures["first_paint_in_process_ms"] = (time.perf_counter() - opened) * 1000
                ticks.append(time.perf_counter())
            return False

    watcher = FirstPaint()
    opened = time.perf_counter()
    app, desk = open_region_desk(folder)
    assert isinstance(desk, RegionWindow), f"{folder} could not be opened"
    desk.tabs.setCurrentIndex(view)
    desk.installEventFilter(watcher)
    desk.tabs.installEventFilter(watcher)
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()) if ticks else None)
    timer.start()

    def all_read() -> None:
        figures["all_read_ms"] = (time.perf_counter() - opened) * 1000
        ticks.append(time.perf_counter())
        app.exit(0)

    desk.reading_finished.connect(all_read)
    app.exec()
    timer.stop()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
    figures["max_stall_ms"] = max(gaps, default=0.0)
    figures["stall_over_50ms"] = sum(g > 50 for g in gaps)
    figures["median_tick_ms"] = statistics.median(gaps) if gaps else 0.0
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB
    figures["workbooks"] = len(desk.areas)
    figures["could_not_read"] = len(desk.skipped)
    figures["reads"] = len(desk.reads)
    desk.close()
    return figures


def region_desk(folder: Path, runs: int = 1, view: int = 0) -> dict[str, Any]:
    """Run the region desk on folder in a fresh process `runs` times; the median of each figure (and the runs)."""
    here = Path(__file__).resolve()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    results = []
    for _ in range(runs):
        started = time.time()
        done = subprocess.run(
            [sys.executable, str(here), "--child", str(folder), str(view)],
            env=env,
            cwd=here.parent.parent,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        figures["first_paint_ms"] = (figures.pop("painted") - started) * 1000
        results.append(figures)
    keys = [k for k in results[0] if isinstance(results[0][k], int | float)]
    summary: dict[str, Any] = {k: round(statistics.median(r[k] for r in results), 1) for k in keys}
    summary["folder"] = str(folder)
    summary["runs"] = runs
    summary["view"] = ("overview", "heat map", "ambition")[view]
    return summary


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(child(Path(argv[1]), int(argv[2]))))
        return 0
    if not argv:
        print(__doc__)
        return 2
    runs = int(argv[1]) if len(argv) > 1 else 3
    view = int(argv[2]) if len(argv) > 2 else 0
    print(json.dumps(region_desk(Path(argv[0]), runs, view), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
