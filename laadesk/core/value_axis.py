"""Where a chart's value axis runs: from zero while the change still shows, else near the figures, the break said."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The axis starts at zero while the lowest figure is at most this share of the highest (the
# change still shows); beyond it the axis starts near the figures and says it does not start at
# zero. The window's trajectory chart and the packs' charts both follow it.
ZERO_SHARE = 0.5


@dataclass(frozen=True)
class ValueAxis:
    """Round tick values from the axis's foot to its top, and whether the foot is above zero for
    figures that are all positive (a break the chart must show)."""

    ticks: tuple[float, ...]
    broken: bool

    @property
    def low(self) -> float:
        return self.ticks[0]

    @property
    def high(self) -> float:
        return self.ticks[-1]


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering low..high (about count intervals)."""
    if math.isclose(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) + 0.0 for t in ticks]


def value_axis(values: Sequence[float]) -> ValueAxis:
    """The axis for these figures (at least one). Figures that are none of them negative never get
    an axis that runs below zero."""
    low, high = min(values), max(values)
    if low >= 0 and high == 0:
        return ValueAxis(tuple(nice_ticks(0.0, 1.0)), False)
    if 0 <= low <= high * ZERO_SHARE:
        return ValueAxis(tuple(nice_ticks(0.0, high)), False)
    ticks = nice_ticks(low, high)
    if low >= 0 and ticks[0] < 0:  # a tiny spread near zero padded below it
        ticks = nice_ticks(0.0, high)
    return ValueAxis(tuple(ticks), low >= 0 and ticks[0] > 0)
