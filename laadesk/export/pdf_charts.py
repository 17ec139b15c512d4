"""Trajectory charts for the PDF pack: baseline and three targets per target, two charts a row.

The internal brief adds the area's proposal and government's position where they differ.
A negotiating floor is never drawn: floors appear only in the internal positions table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from laadesk.core.model import YEARS, Position, Target
from laadesk.core.numbers import format_figure
from laadesk.core.pack import Pack
from laadesk.core.value_axis import value_axis
from laadesk.export.pdf_lines import wrapped
from laadesk.export.pdf_sketch import Sketch
from laadesk.export.pdf_styles import (
    AREA_ORANGE,
    BOLD,
    DEFERRED_FILL,
    GOVERNMENT_GREEN,
    INK,
    ITALIC,
    MUTED,
    NAVY,
    REGULAR,
    RULE,
    WHITE,
    Paragraph,
    Styles,
    make_table,
    shortened,
    text,
)
from laadesk.export.pdf_targets import deferral_words, direction

CHART_HEIGHT = 166.0
LEFT = 40.0
BOTTOM = 46.0  # under the plot: the figures, the years, the baseline's period, the key
TOP = 10.0
RIGHT = 12.0
# The axis runs from zero while the change still shows, else its foot shows a break (core/value_axis).
TITLE_LIMIT = 160  # a chart is labelled, not documented: the full title is in the targets table


def _label(value: float) -> str:
    return format_figure(round(value, 10))


def _series(values: Sequence[float | None], xs: Sequence[float]) -> list[tuple[float, float]]:
    return [(x, v) for x, v in zip(xs, values) if v is not None]


def _legend(sketch: Sketch, entries: Sequence[tuple[str, Any, Any]], y: float) -> None:
    """A one-line key under the plot, centred on it, starting further left only if it must."""
    widths = [17 + stringWidth(label, REGULAR, 6.5) + 10 for label, _, _ in entries]
    plot_middle = LEFT + (sketch.width - LEFT - RIGHT) / 2
    x = max(0.0, min(plot_middle - sum(widths) / 2, sketch.width - sum(widths)))
    for (label, colour, dash), width in zip(entries, widths):
        sketch.line(x, y + 2.5, x + 14, y + 2.5, colour, 1.5, dash)
        sketch.text(x + 17, y, label, REGULAR, 6.5, MUTED)
        x += width


def _break_mark(sketch: Sketch, x: float, y: float) -> None:
    """Two short slashes across the foot of the axis: the scale does not start at zero."""
    sketch.rect(x - 4, y + 7, 8, 4, WHITE)
    for dy in (7.0, 11.0):
        sketch.line(x - 4.5, y + dy - 1.8, x + 4.5, y + dy + 1.8, INK, 0.8)


def trajectory_drawing(target: Target, positions: Sequence[Position], width: float) -> Any:
    """Baseline and the three targets; the area's and government's positions if they differ. The
    figures stand under the plot, one under each year, never on the line."""
    drawing = Sketch(width, CHART_HEIGHT)
    plot_width = width - LEFT - RIGHT
    plot_height = CHART_HEIGHT - BOTTOM - TOP
    xs = [LEFT + plot_width * (i + 0.5) / 4 for i in range(4)]
    trajectory = [target.baseline, *target.levels]
    by_year = {p.year: p for p in positions}
    area = [None, *(by_year[y].area_proposal if y in by_year else None for y in YEARS)]
    government = [None, *(by_year[y].government_position if y in by_year else None for y in YEARS)]
    differ = any(a is not None and g is not None and a != g for a, g in zip(area, government))
    plotted = [v for v in trajectory if v is not None]
    if differ:
        plotted += [v for v in (*area, *government) if v is not None]
    axis = value_axis(plotted)
    ticks, broken, low, high = axis.ticks, axis.broken, axis.low, axis.high

    def y_of(value: float) -> float:
        return BOTTOM + plot_height * (value - low) / (high - low)

    for tick in ticks:
        drawing.line(LEFT, y_of(tick), LEFT + plot_width, y_of(tick), RULE, 0.3)
        drawing.text(LEFT - 4, y_of(tick) - 2.5, _label(tick), REGULAR, 6.5, anchor="end")
    drawing.line(LEFT, BOTTOM, LEFT, BOTTOM + plot_height, MUTED, 0.6)
    drawing.line(LEFT, BOTTOM, LEFT + plot_width, BOTTOM, MUTED, 0.6)
    if broken:
        _break_mark(drawing, LEFT, BOTTOM)
    period = target.baseline_period.strip()
    labels = [("Baseline", period if len(period) <= 12 else ""), *((year, "") for year in YEARS)]
    for x, (label, under), value in zip(xs, labels, trajectory):
        figure, font, colour = (_label(value), BOLD, NAVY) if value is not None else ("not set", ITALIC, MUTED)
        drawing.text(x, BOTTOM - 10, figure, font, 7, colour, anchor="middle")
        drawing.text(x, BOTTOM - 19, label, REGULAR, 6.5, anchor="middle")
        if under:
            drawing.text(x, BOTTOM - 27, under, REGULAR, 6, MUTED, anchor="middle")

    points = [(x, y_of(v)) for x, v in _series(trajectory, xs)]
    if len(points) > 1:
        drawing.polyline(points, NAVY, 1.6)
    legend: list[tuple[str, Any, Any]] = [("target", NAVY, None)]
    if differ:
        # Drawn over the target line, so a position equal to the target shows as dashes on it.
        for values, colour, name in (
            (area, AREA_ORANGE, "area's proposal"),
            (government, GOVERNMENT_GREEN, "government's position"),
        ):
            dashed = [(x, y_of(v)) for x, v in _series(values, xs)]
            if len(dashed) > 1:
                drawing.polyline(dashed, colour, 1.1, [3, 2])
            for x, y in dashed:
                drawing.rect(x - 1.8, y - 1.8, 3.6, 3.6, colour, colour)
            legend.append((name, colour, [3, 2]))
    for x, y in points:
        is_baseline = x == xs[0] and target.baseline is not None
        drawing.circle(x, y, 2.6, WHITE if is_baseline else NAVY, NAVY)
    _legend(drawing, legend, 2)
    return drawing


def blank_drawing(width: float, lines: Sequence[str], headline: str) -> Any:
    """A grey panel where a chart would be: a deliberate blank (deferred) or levels not yet set."""
    drawing = Sketch(width, CHART_HEIGHT)
    drawing.rect(LEFT, BOTTOM, width - LEFT - RIGHT, CHART_HEIGHT - BOTTOM - TOP, DEFERRED_FILL, RULE, 0.4)
    middle = LEFT + (width - LEFT - RIGHT) / 2
    y = BOTTOM + (CHART_HEIGHT - BOTTOM - TOP) / 2 + 12
    drawing.text(middle, y, headline, ITALIC, 12, MUTED, anchor="middle")
    y -= 16
    for line in lines:
        for part in wrapped(line, REGULAR, 7.5, width - LEFT - RIGHT - 12):
            drawing.text(middle, y, part, REGULAR, 7.5, MUTED, anchor="middle")
            y -= 10
    return drawing


def chart_cell(pack: Pack, target: Target, positions: Sequence[Position], styles: Styles, width: float) -> list[Any]:
    title = shortened(pack.titles.get(target.code, target.title), TITLE_LIMIT)
    heading = Paragraph(f"{text(target.code)}&nbsp; {text(title)}", styles.chart_title)
    polarity = direction(pack.polarity.get(target.code))
    units = f" · {target.units}" if target.units.strip() else ""
    note = Paragraph(text(polarity.capitalize() + units), styles.chart_note)
    if target.deferred:
        words = deferral_words(target).removeprefix("deferred: ")
        reason, _, revisit = words.partition("; ")
        lines = [reason, revisit, "baseline and targets left blank on purpose"]
        return [heading, note, blank_drawing(width, lines, "deferred")]
    if target.baseline is None and all(level is None for level in target.levels):
        return [heading, note, blank_drawing(width, ["no baseline or target levels entered yet"], "not set")]
    cell = [heading, note, trajectory_drawing(target, positions, width)]
    missing = [label for label, value in zip(("baseline", *YEARS), (target.baseline, *target.levels)) if value is None]
    if missing:
        cell.append(Paragraph(text("Not set: " + ", ".join(missing)), styles.chart_note))
    return cell


def chart_grid(
    pack: Pack,
    targets: Sequence[Target],
    positions: Mapping[str, Sequence[Position]],
    styles: Styles,
    total_width: float,
) -> Any:
    """Small multiples, two a row; rows flow three or so to a page."""
    column = total_width / 2
    inner = column - 12
    cells = [chart_cell(pack, t, positions.get(t.code, ()), styles, inner) for t in targets]
    if len(cells) % 2:
        cells.append([])
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
    ]
    return make_table(rows, [column, column], commands, splitByRow=1, hAlign="LEFT")
