"""Single lines of any text drawn straight onto the canvas: page headers and footers, chart labels.

The same treatment as the pack's Paragraph, for text that is not in one: Arabic joined, the
line in visual order, and each run in a font that has its glyphs.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from laadesk.export.pdf_bidi import joined_arabic, visual_text
from laadesk.export.pdf_fonts import REGULAR, coverage, font_runs


def line_runs(value: str, font: str) -> list[tuple[str, str]]:
    """One line as (font, text) runs in the order they are drawn, left to right."""
    if value.isascii():
        return [(font, value)]
    return font_runs(visual_text(joined_arabic(value, coverage(REGULAR))), font)


def line_width(value: str, font: str, size: float) -> float:
    return float(sum(stringWidth(piece, name, size) for name, piece in line_runs(value, font)))


def placed_runs(x: float, value: str, font: str, size: float, anchor: str = "start") -> list[tuple[float, str, str]]:
    """(x, font, text) for each run of value drawn with its start, middle or end at x."""
    runs = line_runs(value, font)
    widths = [stringWidth(piece, name, size) for name, piece in runs]
    if anchor != "start":
        x -= sum(widths) / 2 if anchor == "middle" else sum(widths)
    placed = []
    for (name, piece), width in zip(runs, widths):
        placed.append((x, name, piece))
        x += width
    return placed


def draw_line(canvas: Any, x: float, y: float, value: str, font: str, size: float, anchor: str = "start") -> None:
    """Draw value with its left end (start), middle or right end (end) at x."""
    for left, name, piece in placed_runs(x, value, font, size, anchor):
        canvas.setFont(name, size)
        canvas.drawString(left, y, piece)


def wrapped(value: str, font: str, size: float, width: float) -> list[str]:
    """value in lines no wider than width, broken at spaces (a word wider than width has a line of its own)."""
    lines: list[str] = []
    current = ""
    for word in value.split():
        trial = f"{current} {word}" if current else word
        if current and line_width(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
