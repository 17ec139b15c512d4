"""The tables of the PDF pack: partners, milestones, and the grid and cells every table shares.

Every cell is a Paragraph, so long text wraps instead of running off the page; rows split
across pages (splitInRow) and the header row repeats on every page a table reaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from laadesk.core.dates import format_date
from laadesk.core.model import Milestone
from laadesk.core.numbers import format_figure
from laadesk.core.pack import Pack, PartnerCommitment
from laadesk.core.timetable import milestone_state
from laadesk.export.pdf_styles import (
    HEADER_FILL,
    NAVY,
    RULE,
    WHITE,
    ZEBRA,
    Paragraph,
    Styles,
    make_table,
    text,
)

CELL_PADDING = 3.0
MIN_ROW_PIECE = 40  # points: a row split across pages leaves at least this much on each page


def grid(
    styles: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    total_width: float,
    right_aligned: Sequence[int] = (),
    extra: Sequence[tuple[Any, ...]] = (),
    zebra: bool = True,
) -> Any:
    """A table with a repeated header row; widths are shares of total_width."""
    scale = total_width / sum(widths)
    head = [
        Paragraph(text(title), styles.cell_head_right if n in right_aligned else styles.cell_head)
        for n, title in enumerate(header)
    ]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if zebra and len(rows) > 3:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ZEBRA]))
    commands.extend(extra)
    return make_table(
        [head, *[list(row) for row in rows]],
        [w * scale for w in widths],
        commands,
        repeatRows=1,
        splitByRow=1,
        splitInRow=MIN_ROW_PIECE,
        hAlign="LEFT",
    )


def codes(values: Sequence[str], styles: Styles, none: str = "none", separator: str = ", ") -> Any:
    """A list in one cell (names joined with "; " since a name may hold a comma)."""
    if not values:
        return Paragraph(text(none), styles.cell_deferred)
    return Paragraph(text(separator.join(values)), styles.cell)


class Figure(Flowable):  # type: ignore[misc]  # reportlab has no type hints, so Flowable is Any to subclass
    """One figure, right-aligned on a line of its own: drawn exactly as a one-line right-aligned
    Paragraph of it would be, for a fraction of the cost (no markup to parse, no line to break)."""

    def __init__(self, shown: str, style: Any, size: float) -> None:
        super().__init__()
        self.shown, self.style, self.size = shown, style, size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, float(self.style.leading)

    def draw(self) -> None:
        self.canv.setFillColor(self.style.textColor)
        self.canv.setFont(self.style.fontName, self.size)
        self.canv.drawRightString(self.width, self.style.leading - self.size, self.shown)


def number(value: float | None, styles: Styles, width: float) -> Any:
    """A figure as format_figure prints it (thousands grouped), shrunk rather than cut if the column is narrow."""
    if value is None:
        return Paragraph("not set", styles.cell_not_set)
    shown = format_figure(value)
    style = styles.cell_number
    room = width - 2 * CELL_PADDING
    size = float(style.fontSize)
    while size > 5 and stringWidth(shown, style.fontName, size) > room:
        size -= 0.5
    return Figure(shown, style, size)


def partners_table(partners: Sequence[PartnerCommitment], styles: Styles, total_width: float) -> Any:
    rows = [
        [
            Paragraph(text(p.name), styles.cell_bold),
            Paragraph(text(p.sector), styles.cell),
            codes(p.leads, styles),
            codes(p.signed_up, styles),
        ]
        for p in partners
    ]
    header = ("Partner", "Sector", "Leads", "Signed up to")
    return grid(styles, header, rows, (170, 120, 170, 310), total_width)


def milestones_table(milestones: Sequence[Milestone], pack: Pack, styles: Styles, total_width: float) -> Any:
    """The timetable with its dates; whether a step was late or is overdue is government's own
    reading, so only the internal brief says it."""
    rows = [
        [
            Paragraph(text(m.name), styles.cell),
            Paragraph(text(format_date(m.due) or "no due date"), styles.cell),
            Paragraph(text(format_date(m.done) or "not yet"), styles.cell),
            *([Paragraph(text(milestone_state(m, pack.as_at)), styles.cell)] if pack.internal else []),
        ]
        for m in milestones
    ]
    if pack.internal:
        header: tuple[str, ...] = ("Milestone", "Due", "Done", f"As at {format_date(pack.as_at)}")
        return grid(styles, header, rows, (250, 70, 70, 105), total_width)
    return grid(styles, ("Milestone", "Due", "Done"), rows, (330, 85, 80), total_width)
