"""A target's trajectory at a glance: baseline and three yearly levels, both sides' positions, the better way.

QtCharts is imported only here and only when a chart is first drawn, so opening the
program and pages that never show a chart do not pay for it. The government's private
floor is never drawn: the chart is shown in workshops with councils. As in the council
pack's charts, the figures stand under the plot, one under each year, never on the line,
and the value axis starts at zero or says plainly that it does not (core/value_axis.py).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from laadesk.core.catalogue import Polarity
from laadesk.core.dates import format_date
from laadesk.core.deferral import written
from laadesk.core.model import YEARS, Position, Target
from laadesk.core.numbers import format_figure
from laadesk.core.value_axis import ValueAxis, value_axis

TARGET = "Target"
AREA = "Area's proposal"
GOVERNMENT = "Government's position"
COLOURS = {TARGET: QColor("#1f4e79"), AREA: QColor("#c55a11"), GOVERNMENT: QColor("#7030a0")}
# The better way, as a badge: white on a dark colour reads from the back of a room, on a projector too.
BETTER = {
    Polarity.HIGHER: ("\u25b2 Higher is better", QColor("#1b5e20")),
    Polarity.LOWER: ("\u25bc Lower is better", QColor("#1b5e20")),
    None: ("Better direction not known: set it in the Better column", QColor("#7a4b00")),
}
BADGE_TEXT = QColor("#ffffff")
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


def target_figures(points: Points) -> list[str]:
    """The recorded target's figure at the baseline and each year, as the tables write it ("" where none)."""
    by_place = dict(points)
    return [format_figure(by_place.get(float(place))) for place in range(1 + len(YEARS))]


def break_text(axis: ValueAxis) -> str:
    """The value axis's title: blank, or that the axis does not start at zero."""
    return f"from {format_figure(axis.low)}, not zero" if axis.broken else ""


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
        self.direction.setAutoFillBackground(True)
        self.direction.setContentsMargins(8, 2, 8, 2)
        bold = self.direction.font()
        bold.setBold(True)
        self.direction.setFont(bold)
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
        top.addWidget(self.direction, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.view: Any = None  # a QChartView, made on first need
        self._request: tuple[Target | None, tuple[Position, ...], Polarity | None, str] = (None, (), None, "")
        self._drawn = True
        self._series: dict[str, Points] = {}
        self.target_label = TARGET
        self.figures: list[str] = []  # under each year, the recorded target's figure
        self.value_axis: ValueAxis | None = None

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
        self.figures, self.value_axis = [], None
        target, positions, polarity, title = self._request
        units = target.units if target is not None else ""
        self._head(title if target is not None else "Trajectory", units)
        text, colour = BETTER[polarity]
        self.direction.setText(text if target is not None else "")
        self.direction.setVisible(target is not None)
        palette = self.direction.palette()
        palette.setColor(QPalette.ColorRole.Window, colour)
        palette.setColor(QPalette.ColorRole.WindowText, BADGE_TEXT)
        self.direction.setPalette(palette)
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
        from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries

        if self.view is None:
            self.view = QChartView()
            self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.view.setAccessibleName("Trajectory")
            self.stack.addWidget(self.view)
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        # Labels follow the widget's font, so workshop mode's large type reaches the chart too.
        font = self.font()
        x_axis = QCategoryAxis()
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.figures = target_figures(self._series.get(TARGET, []))
        baseline = f"Baseline\n{target.baseline_period}".strip()  # two lines: it fits large type too
        target_colour = COLOURS[TARGET].name()
        for place, (label, figure) in enumerate(zip((baseline, *YEARS), self.figures)):
            # The recorded target's figure under its year, off the line (an HTML label, centred).
            shown = f"<b style='color:{target_colour}'>{html.escape(figure)}</b><br>" if figure else "<br>"
            label_html = html.escape(label).replace("\n", "<br>")
            x_axis.append(f"<div align='center'>{shown}{label_html}</div>", place)
        x_axis.setRange(-0.45, 3.45)
        self.value_axis = value_axis([y for points in self._series.values() for _, y in points])
        y_axis = QCategoryAxis()  # tick labels as the tables write figures (1,180), not printf's
        y_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        y_axis.setStartValue(self.value_axis.low)
        for tick in self.value_axis.ticks:
            y_axis.append(format_figure(tick), tick)
        room = (self.value_axis.high - self.value_axis.low) * 0.04  # a point at the top tick is not cut in half
        y_axis.setRange(self.value_axis.low, self.value_axis.high + room)
        y_axis.setTitleText(break_text(self.value_axis))
        small = self.font()
        small.setPointSizeF(font.pointSizeF() * 0.85)
        y_axis.setTitleFont(small)
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
