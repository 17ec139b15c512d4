"""A small drawing flowable for the pack's charts: lines, polylines, rectangles, circles and text.

The shapes are kept as a list and drawn straight onto the canvas when the flowable is drawn.
reportlab.graphics' Drawing does the same job, but its renderer works out and restores the
graphics state for every shape; for the pack's fifty-odd charts of thirty shapes each that was
about a sixth of the time taken to write the whole pack (cProfile, demo council pack).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable

from laadesk.export.pdf_lines import placed_runs

Point = tuple[float, float]


class Sketch(Flowable):  # type: ignore[misc]  # reportlab has no type hints, so Flowable is Any to subclass
    """A fixed-size drawing; coordinates run from its bottom-left corner, in points."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self._shapes: list[tuple[Any, ...]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def line(self, x1: float, y1: float, x2: float, y2: float, colour: Any, width: float, dash: Any = None) -> None:
        self._shapes.append(("path", ((x1, y1), (x2, y2)), colour, width, dash))

    def polyline(self, points: Sequence[Point], colour: Any, width: float, dash: Any = None) -> None:
        self._shapes.append(("path", tuple(points), colour, width, dash))

    def rect(self, x: float, y: float, w: float, h: float, fill: Any, stroke: Any = None, width: float = 1) -> None:
        self._shapes.append(("rect", x, y, w, h, fill, stroke, width))

    def circle(self, x: float, y: float, r: float, fill: Any, stroke: Any, width: float = 1) -> None:
        self._shapes.append(("circle", x, y, r, fill, stroke, width))

    def text(
        self, x: float, y: float, value: str, font: str, size: float, colour: Any = colors.black, anchor: str = "start"
    ) -> None:
        """One line of text with its start, middle or end at x (any script: see pdf_lines), drawn over the shapes."""
        self._shapes.append(("text", x, y, value, font, size, colour, anchor))

    def draw(self) -> None:
        """The shapes in order, then every piece of text in one text object (nothing is drawn over text)."""
        canvas = self.canv
        texts = []
        for shape in self._shapes:
            kind = shape[0]
            if kind == "path":
                _, points, colour, width, dash = shape
                canvas.setStrokeColor(colour)
                canvas.setLineWidth(width)
                canvas.setDash(dash or [])
                path = canvas.beginPath()
                path.moveTo(*points[0])
                for point in points[1:]:
                    path.lineTo(*point)
                canvas.drawPath(path, stroke=1, fill=0)
            elif kind == "rect":
                _, x, y, w, h, fill, stroke, width = shape
                canvas.setFillColor(fill)
                if stroke is not None:
                    canvas.setStrokeColor(stroke)
                    canvas.setLineWidth(width)
                    canvas.setDash([])
                canvas.rect(x, y, w, h, stroke=int(stroke is not None), fill=1)
            elif kind == "circle":
                _, x, y, r, fill, stroke, width = shape
                canvas.setFillColor(fill)
                canvas.setStrokeColor(stroke)
                canvas.setLineWidth(width)
                canvas.setDash([])
                canvas.circle(x, y, r, stroke=1, fill=1)
            else:
                texts.append(shape)
        if not texts:
            return
        words = canvas.beginText()
        for _, x, y, value, font, size, colour, anchor in texts:
            words.setFillColor(colour)
            for left, name, piece in placed_runs(x, value, font, size, anchor):
                words.setFont(name, size)
                words.setTextOrigin(left, y)
                words.textOut(piece)
        canvas.drawText(words)
