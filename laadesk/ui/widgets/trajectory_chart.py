"""A target's trajectory at a glance: baseline and three yearly levels, both sides' positions, the better way.

QtCharts is imported only here and only when a chart is first drawn, so opening the
program and pages that never show a chart do not pay for it. The government's private
floor is never drawn: the chart is shown in workshops with councils.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from laadesk.core.catalogue import Polarity
from laadesk.core.dates import format_date
from laadesk.core.deferral import written
from laadesk.core.model import YEARS, Position, Target

TARGET = "Target"
AREA = "Area's proposal"
GOVERNMENT = "Government's position"
COLOURS = {TARGET: QColor("#1f4e79"), AREA: QColor("#c55a11"), GOVERNMENT: QColor("#7030a0")}
BETTER = {
    Polarity.HIGHER: ("\u25b2 Higher is better", "#2e7d32"),
    Polarity.LOWER: ("\u25bc Lower is better", "#2e7d32"),
    None: ("Better direction not known: set it in the Better column", "#8a5a00"),
}
NOTHING_SELECTED = "Select a target in the table to see its trajectory."

Points = list[tuple[float, float]]


def trajectory_series(target: Target, positions: Sequence[Position]) -> dict[str, Points]:
    """The lines to draw: the recorded target and, when they differ, the area's and government's positions."""
    start = [(0.0, target.baseline)] if target.baseline is not None else []
    series = {TARGET: start + [(float(x), v) for x, v in enumerate(target.levels, start=1) if v is not None]}
    by_year = {p.year: p for p in positions if p.code == target.code}
    area = [by_year[y].area_proposal if y in by_year else None for y in YEARS]
    government = [by_year[y].government_position if y in by_year else None for y in YEARS]
    if area != government:
        for name, values in ((AREA, area), (GOVERNMENT, government)):
            points = [(float(x), v) for x, v in enumerate(values, start=1) if v is not None]
            if points:
                series[name] = start + points
    return {name: points for name, points in series.items() if points}


def deferral_text(target: Target) -> str:
    reason = written(target.deferral_reason, target.deferral_note) or "no reason recorded yet"
    revisit = f", revisit {format_date(target.revisit_date)}" if target.revisit_date else ", no revisit date"
    return f"deferred: {reason}{revisit}"


class TrajectoryChart(QWidget):
    """Call show_target() with a target (or None); the chart redraws when it is next visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Trajectory chart")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.direction = QLabel()
        self.direction.setAccessibleName("Better direction")
        self.message = QLabel(NOTHING_SELECTED)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Trajectory message")
        self.message.setStyleSheet("QLabel { font-size: 12pt; color: #444; }")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        top = QHBoxLayout()
        top.setContentsMargins(6, 0, 6, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.direction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.view: Any = None  # a QChartView, made on first need
        self._request: tuple[Target | None, tuple[Position, ...], Polarity | None, str] = (None, (), None, "")
        self._drawn = True
        self._series: dict[str, Points] = {}
        self.target_label = TARGET

    # -- what to show ----------------------------------------------------------------------------

    def show_target(
        self,
        target: Target | None,
        positions: Sequence[Position] = (),
        polarity: Polarity | None = None,
        title: str = "",
    ) -> None:
        """Show a target's trajectory; `title` heads it (e.g. "NI 117 - 16 to 18 year olds NEET")."""
        self._request = (target, tuple(positions), polarity, title)
        self._drawn = False
        if self.isVisible():
            self._draw()

    def series(self) -> dict[str, Points]:
        """The lines drawn (or about to be), by name: [(x, y)] with x 0 for the baseline, 1-3 for the years."""
        if not self._drawn:
            self._draw()
        return {name: list(points) for name, points in self._series.items()}

    def message_text(self) -> str:
        if not self._drawn:
            self._draw()
        return self.message.text() if self.stack.currentWidget() is self.message else ""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._drawn:
            self._draw()

    # -- drawing -------------------------------------------------------------------------------------

    def _draw(self) -> None:
        self._drawn = True
        target, positions, polarity, title = self._request
        units = target.units if target is not None else ""
        self._head(title if target is not None else "Trajectory", units)
        text, colour = BETTER[polarity]
        self.direction.setText(text if target is not None else "")
        self.direction.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self._series = trajectory_series(target, positions) if target is not None else {}
        # A position the target already follows is named on the target's line, not drawn over it.
        same = [n for n in (AREA, GOVERNMENT) if n in self._series and self._series[n] == self._series.get(TARGET)]
        for name in same:
            del self._series[name]
        self.target_label = f"{TARGET} (= {' and '.join(n.lower() for n in same)})" if same else TARGET
        if target is None:
            return self._say(NOTHING_SELECTED)
        if not self._series:
            if target.deferred:
                return self._say(
                    f"{target.code} is {deferral_text(target)}.\n"
                    "Its baseline and targets are left blank on purpose until then."
                )
            return self._say(f"No baseline or targets are recorded yet for {target.code}: type them into the table.")
        if target.deferred:
            self._head(title, f"{units}{'; ' if units else ''}{deferral_text(target)}")
        self._plot(target)
        self.stack.setCurrentWidget(self.view)
        return None

    def _head(self, title: str, note: str) -> None:
        grey = f"&nbsp;&nbsp;<span style='color:#555; font-weight:normal'>{html.escape(note)}</span>" if note else ""
        self.heading.setText(f"<b>{html.escape(title)}</b>{grey}")
        self.heading.setToolTip(f"{title}\n{note}".strip())

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _plot(self, target: Target) -> None:
        from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis

        if self.view is None:
            self.view = QChartView()
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.setAccessibleName("Trajectory")
            self.stack.addWidget(self.view)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        baseline = f"Baseline {target.baseline_period}".strip()
        for place, label in enumerate((baseline, *YEARS)):
            x_axis.append(label, place)
        x_axis.setRange(-0.3, 3.3)
        y_axis = QValueAxis()
        values = [y for points in self._series.values() for _, y in points]
        low, high = min(values), max(values)
        pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
        y_axis.setRange(low - pad, high + pad)
        y_axis.applyNiceNumbers()
        y_axis.setLabelFormat("%g")
        # Labels follow the widget's font, so workshop mode's large type reaches the chart too.
        font = self.font()
        for axis in (x_axis, y_axis):
            axis.setLabelsFont(font)
        chart.legend().setFont(font)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        # The recorded target is drawn last, on top of a position it may coincide with.
        for name, points in sorted(self._series.items(), key=lambda item: item[0] == TARGET):
            line = QLineSeries()
            line.setName(self.target_label if name == TARGET else name)
            for x, y in points:
                line.append(x, y)
            pen = QPen(COLOURS[name], 3 if name == TARGET else 2)
            if name != TARGET:
                pen.setStyle(Qt.PenStyle.DashLine)
            line.setPen(pen)
            line.setPointsVisible(True)
            if name == TARGET:
                line.setPointLabelsVisible(True)
                line.setPointLabelsFormat("@yPoint")
                line.setPointLabelsClipping(False)
                line.setPointLabelsFont(font)
            chart.addSeries(line)
            line.attachAxis(x_axis)
            line.attachAxis(y_axis)
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def chart_series(self) -> list[Any]:
        """The QLineSeries on the chart now (for tests that look at what is drawn)."""
        if not self._drawn:
            self._draw()
        if self.view is None or self.stack.currentIndex() != self.stack.indexOf(self.view):
            return []
        return list(self.view.chart().series())
