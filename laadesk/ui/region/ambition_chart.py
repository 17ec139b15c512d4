"""The ambition chart: for one indicator, each area's baseline and 2010/11 level on one axis, an arrow between.

Drawn with QPainter (a row per area, so 150 areas scroll rather than squeeze): a hollow dot at the
baseline, a filled dot at 2010/11, the arrow the way the level moves, and the improvement it means
by the indicator's polarity at the row's end. Better is blue and worse vermillion (Okabe-Ito), and
the words say which too, so the chart reads without colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from laadesk.core.numbers import format_figure
from laadesk.core.region import Ambition
from laadesk.core.region_views import percent_text
from laadesk.core.value_axis import ValueAxis, value_axis

BETTER = QColor("#0072B2")
WORSE = QColor("#D55E00")
SAME = QColor("#505050")
GRID = QColor("#D0D0D0")
ROW = 24
TOP = 34  # room for the axis's figures over the rows
BOTTOM = 30


class AmbitionChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Ambition chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.lines: list[Ambition] = []
        self.axis: ValueAxis | None = None
        self.setAutoFillBackground(True)

    def show_lines(self, lines: Sequence[Ambition]) -> None:
        self.lines = list(lines)
        values = [v for a in self.lines for v in (a.baseline, a.target_2010_11) if v is not None]
        self.axis = value_axis(values) if values else None
        self.setAccessibleDescription(
            f"{len(self.lines)} areas, each a hollow dot at its baseline and a filled dot at its 2010/11 level"
        )
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, TOP + BOTTOM + ROW * max(1, len(self.lines)))

    def drawn_areas(self) -> list[str]:
        """The areas the chart draws, top to bottom."""
        return [line.area for line in self.lines]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        metrics = self.fontMetrics()
        ink = QColor("#000000")
        if not self.lines or self.axis is None:
            painter.setPen(ink)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No area has levels for this indicator yet.")
            return
        names = min(220, max(metrics.horizontalAdvance(a.area) for a in self.lines) + 20)
        right = metrics.horizontalAdvance("+100.0% better") + 16
        left, width = names, max(80, self.width() - names - right - 8)
        axis = self.axis

        def x_of(value: float) -> float:
            span = axis.high - axis.low
            return left + (0.5 if span == 0 else (value - axis.low) / span) * width

        bottom = TOP + ROW * len(self.lines)
        for tick in axis.ticks:  # the grid, the figures over it
            x = x_of(tick)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(x, TOP - 4), QPointF(x, bottom))
            painter.setPen(ink)
            label = format_figure(tick)
            painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2, TOP - 10), label)
        if axis.broken:
            painter.drawText(QPointF(left, bottom + 20), f"The axis starts at {format_figure(axis.low)}, not zero.")
        for row, line in enumerate(self.lines):
            middle = TOP + ROW * row + ROW / 2
            painter.setPen(ink)
            name = metrics.elidedText(line.area, Qt.TextElideMode.ElideRight, names - 8)
            painter.drawText(QRectF(0, middle - ROW / 2, names - 4, ROW), Qt.AlignmentFlag.AlignVCenter, name)
            self._draw_line(painter, line, middle, x_of)
            words = percent_text(line.better_by_percent)
            words = f"{words} {'better' if (line.better_by or 0) >= 0 else 'worse'}" if words else "not known"
            painter.setPen(ink)
            painter.drawText(
                QRectF(left + width + 10, middle - ROW / 2, right, ROW), Qt.AlignmentFlag.AlignVCenter, words
            )
        painter.end()

    def _draw_line(self, painter: QPainter, line: Ambition, middle: float, x_of: Callable[[float], float]) -> None:
        colour = SAME if not line.better_by else BETTER if line.better_by > 0 else WORSE
        start = x_of(line.baseline) if line.baseline is not None else None
        end = x_of(line.target_2010_11) if line.target_2010_11 is not None else None
        painter.setPen(QPen(colour, 2))
        if start is not None and end is not None and abs(end - start) > 14:
            way = 1 if end > start else -1  # the arrow points the way the level moves
            painter.drawLine(QPointF(start + way * 5, middle), QPointF(end - way * 6, middle))
            painter.setBrush(colour)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(end - way * 13, middle - 4),
                        QPointF(end - way * 13, middle + 4),
                        QPointF(end - way * 6, middle),
                    ]
                )
            )
        if start is not None:
            painter.setBrush(QColor("#FFFFFF"))
            painter.drawEllipse(QPointF(start, middle), 5, 5)
        if end is not None:
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(end, middle), 5, 5)
