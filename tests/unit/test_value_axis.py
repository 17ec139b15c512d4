"""A chart's value axis: from zero while the change still shows, else near the figures with the break said."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from laadesk.core.value_axis import value_axis

NI_130 = [45, 120, 230, 300, 45, 150, 280, 350]  # the demo: target and government's position, per 100,000


def test_ni_130_runs_from_zero_not_from_minus_100() -> None:
    axis = value_axis(NI_130)
    assert axis.low == 0 and not axis.broken
    assert axis.high >= 350 and all(t >= 0 for t in axis.ticks)


def test_figures_far_from_zero_start_near_them_and_say_so() -> None:
    axis = value_axis([75.9, 75.9, 76.0, 76.2, 76.3, 76.7, 77.1])  # NI 151, an employment rate
    assert axis.broken and 75 <= axis.low <= 75.9 and axis.high >= 77.1
    assert len(axis.ticks) >= 3


def test_figures_that_go_below_zero_get_an_axis_that_does_too() -> None:
    axis = value_axis([-12.0, 3.0, 8.0])
    assert axis.low <= -12 and axis.high >= 8 and not axis.broken


def test_figures_all_zero_get_an_axis_from_zero_up() -> None:
    axis = value_axis([0.0, 0.0])
    assert axis.low == 0 and axis.high > 0 and not axis.broken


LEVELS = st.one_of(st.just(0.0), st.floats(min_value=0.001, max_value=1e9))  # as a target's figures run


@given(st.lists(LEVELS, min_size=1, max_size=8))
def test_positive_figures_never_get_a_negative_axis(values: list[float]) -> None:
    axis = value_axis(values)
    assert axis.low >= 0
    # The axis covers every figure, up to float noise (0.0010000000000000002 sits on a top tick of 0.001).
    noise = 1e-9 * (axis.high - axis.low)
    assert axis.low <= min(values) + noise and axis.high >= max(values) - noise
    assert axis.broken == (axis.low > 0)
