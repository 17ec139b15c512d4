"""Figures for the region (issue 16): the national roll-up of 150 generated workbooks beside sqlite3
reading the same rows from the same files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from measure import Figure, figure, paired

NATIONAL = 150

# The rows the roll-up copies, read by plain sqlite3 one file after another: the area, its sign-off
# (with adoptions and partners, which give its stage), the chosen targets with their indicator's
# title, and their sub-area figures. No checks, no writing.
FLOOR_READS = (
    "SELECT name, ons_code, go_region, type, tier, as_at FROM area",
    "SELECT * FROM sign_off",
    "SELECT * FROM adoptions",
    "SELECT * FROM partners",
    "SELECT t.*, i.title FROM targets t LEFT JOIN indicators i ON i.ni = CAST(substr(t.code, 4) AS INTEGER) "
    "WHERE t.role IN ('designated', 'statutory', 'local')",
    "SELECT s.*, t.role, t.status FROM sub_area_targets s JOIN targets t ON t.code = s.code "
    "WHERE t.role IN ('designated', 'statutory', 'local')",
)


def national_folder(work: Path) -> tuple[Path, list[Path]]:
    from laadesk.store.region_demo import build_region, region_areas

    folder = work / "national"
    return folder, build_region(folder, region_areas())


def rollup_national(work: Path, runs: int) -> list[Figure]:
    from laadesk.store.rollup import roll_up

    folder, paths = national_folder(work)
    assert len(paths) == NATIONAL, len(paths)
    out = work / "national.db"
    rows = [0]

    def laadesk_rollup() -> None:
        rows[0] = roll_up(folder, paths, out).targets

    def sqlite_read() -> None:
        for path in paths:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            for query in FLOOR_READS:
                conn.execute(query).fetchall()
            conn.close()

    laadesk_rollup()
    sqlite_read()  # both warmed: the files in the page cache, the modules imported
    mine, base = paired(laadesk_rollup, sqlite_read, runs)
    size = sum(p.stat().st_size for p in paths) / NATIONAL / 1024
    return [
        figure(
            f"national roll-up of {NATIONAL} generated workbooks ({size:.0f} KB each, {rows[0]:,} target rows)",
            mine,
            base,
            "<= 2x",
        )
    ]


def region_desk_national(work: Path, runs: int) -> list[Figure]:
    """The region desk on the 150 workbooks: each run a fresh process (benchmarks/region_desk.py)."""
    from region_desk import region_desk

    folder = work / "national"
    if not folder.is_dir():
        national_folder(work)
    found = region_desk(folder, runs)

    def report(name: str, value: float, unit: str, goal: str | None = None) -> Figure:
        seconds = value / 1000 if unit == "ms" else value
        return Figure(name, round(seconds, 6), None, None, goal, f"{value:.0f} {unit} (median of {runs})")

    return [
        report(f"region desk with {NATIONAL} workbooks: first paint (process start)", found["first_paint_ms"], "ms"),
        report(f"region desk with {NATIONAL} workbooks: every workbook read and shown", found["all_read_ms"], "ms"),
        report(f"region desk with {NATIONAL} workbooks: peak RSS (MB, not seconds)", found["peak_rss_mb"], "MB"),
        report(
            f"region desk with {NATIONAL} workbooks: longest GUI-thread stall while reading",
            found["max_stall_ms"],
            "ms",
            "<= 0.05 s",
        ),
    ]
