"""Timing helpers: medians of several runs, a figure beside its floor measured in the same run."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    name: str
    value_s: float
    floor_s: float | None
    ratio: float | None
    goal: str | None
    spread: str  # min / median / max of the figure, for the table

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("spread")
        return data

    def met(self) -> bool | None:
        if self.goal is not None and self.goal.endswith(" s"):  # an absolute limit, not a ratio
            return self.value_s <= float(self.goal.split()[1])
        if self.goal is None or self.ratio is None:
            return None
        kind, _, limit = self.goal.partition(" ")
        bound = float(limit.rstrip("x"))
        return self.ratio <= bound if kind == "<=" else self.ratio >= bound


def times(action: Callable[[], object], runs: int) -> list[float]:
    result = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        result.append(time.perf_counter() - start)
    return result


def paired(action: Callable[[], object], floor: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Alternate the figure and its floor, so machine noise falls on both alike."""
    mine: list[float] = []
    base: list[float] = []
    for _ in range(runs):
        base += times(floor, 1)
        mine += times(action, 1)
    return mine, base


def spread(values: list[float]) -> str:
    return f"{min(values) * 1000:.1f} / {statistics.median(values) * 1000:.1f} / {max(values) * 1000:.1f} ms"


# A start is short and the shared machine noisy: each cold-start figure takes this many interleaved
# (floor, laadesk) pairs for each run the other figures take.
STARTS_PER_RUN = 4


def figure(name: str, mine: list[float], base: list[float] | None = None, goal: str | None = None) -> Figure:
    value = statistics.median(mine)
    floor = statistics.median(base) if base else None
    ratio = value / floor if floor else None
    return Figure(
        name,
        round(value, 6),
        None if floor is None else round(floor, 6),
        None if ratio is None else round(ratio, 3),
        goal,
        spread(mine),
    )


def first_paint(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(seconds to the first paint, seconds for the whole process, its output) of one start of
    start_window.py: the first paint is the moment it printed, set against the moment it was started."""
    started = time.time()
    seconds, out = whole_process(args, env, cwd)
    lines = out.splitlines()
    return float(lines[-2]) - started, seconds, out


def whole_process(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, cwd=cwd, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout.strip()
