"""The trajectory chart in the window: its figures off the line, an axis from zero or plainly broken."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from support.gui import shown_page

from laadesk.ui.pages.targets.model import CODE_ROLE
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.widgets.trajectory_chart import TrajectoryChart
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow) -> TargetsPage:
    return shown_page(window, "Targets", TargetsPage)


def chart_of(page: TargetsPage, code: str) -> TrajectoryChart:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(CODE_ROLE) == code)
    page.view.setCurrentIndex(page.proxy.index(row, 0))
    assert page.chart.chart_series(), f"no chart drawn for {code}"
    return page.chart


def value_axis_range(chart: TrajectoryChart) -> tuple[float, float, str]:
    (axis,) = chart.view.chart().axes(Qt.Orientation.Vertical)
    return axis.min(), axis.max(), axis.titleText()


def test_ni_130_is_drawn_from_zero_never_below(page: TargetsPage) -> None:
    chart = chart_of(page, "NI 130")  # 45 rising to 300 per 100,000; government asks 350
    low, high, title = value_axis_range(chart)
    assert low == 0 and high >= 350 and title == ""
    (axis,) = chart.view.chart().axes(Qt.Orientation.Vertical)
    assert all(not label.startswith("-") for label in axis.categoriesLabels())


def test_figures_stand_under_the_years_not_on_the_line(page: TargetsPage) -> None:
    chart = chart_of(page, "NI 130")
    assert chart.figures == ["45", "120", "230", "300"]
    assert not any(series.pointLabelsVisible() for series in chart.chart_series())
    (years,) = chart.view.chart().axes(Qt.Orientation.Horizontal)
    labels = years.categoriesLabels()
    assert len(labels) == 4 and all(f">{figure}</b>" in label for figure, label in zip(chart.figures, labels))
    assert "2010/11" in labels[-1] and "Baseline" in labels[0]


def test_an_axis_that_does_not_start_at_zero_says_so(page: TargetsPage) -> None:
    chart = chart_of(page, "NI 151")  # an employment rate between 75.9% and 77.1%
    low, high, title = value_axis_range(chart)
    assert 75 <= low <= 75.9 and high >= 77.1
    assert title == f"from {low:g}, not zero"
    assert chart.value_axis is not None and chart.value_axis.broken
