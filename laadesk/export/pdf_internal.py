"""The internal brief's own tables: negotiating positions with gaps and floors, champion notes, open actions.

A council Pack carries none of these records, so these tables are empty there and never printed.
A target or agreed level beyond government's floor is flagged under the position's gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from laadesk.core.dates import format_date
from laadesk.core.floors import BEYOND_FLOOR, levels_beyond_floor
from laadesk.core.model import YEARS, ChampionNote
from laadesk.core.pack import Pack, PositionLine
from laadesk.export.pdf_styles import RULE, ZEBRA, Paragraph, Styles, text
from laadesk.export.pdf_tables import codes, grid, number

POSITION_HEADER = (
    "NI",
    "Indicator",
    "Year",
    "Target level",
    "Area's proposal",
    "Government's position",
    "Agreed level",
    "Floor (private)",
    "Gap",
)
POSITION_WIDTHS = (38, 196, 46, 56, 58, 74, 56, 58, 188)


def ordered_positions(pack: Pack) -> list[PositionLine]:
    """Positions in the order the pack lists its targets, then by year."""
    order = {t.code: n for n, t in enumerate(pack.targets)}
    return sorted(
        pack.positions,
        key=lambda line: (
            order.get(line.position.code, len(order)),
            YEARS.index(line.position.year) if line.position.year in YEARS else len(YEARS),
        ),
    )


def positions_table(pack: Pack, styles: Styles, total_width: float) -> Any:
    scale = total_width / sum(POSITION_WIDTHS)
    widths = [w * scale for w in POSITION_WIDTHS]
    rows = []
    bands: list[tuple[Any, ...]] = []
    previous = ""
    shaded = True
    for n, line in enumerate(ordered_positions(pack), start=1):
        position = line.position
        first = position.code != previous
        previous = position.code
        if first:
            shaded = not shaded
            if n > 1:
                bands.append(("LINEABOVE", (0, n), (-1, n), 0.8, RULE))
        if shaded:
            bands.append(("BACKGROUND", (0, n), (-1, n), ZEBRA))
        title = pack.titles.get(position.code, "") if first else ""
        rows.append(
            [
                Paragraph(text(position.code), styles.cell_bold),
                Paragraph(text(title), styles.cell),
                Paragraph(text(position.year), styles.cell),
                *(
                    number(value, styles, widths[3 + i])
                    if value is not None
                    else Paragraph("–", styles.cell_muted_right)
                    for i, value in enumerate(
                        (
                            line.target_level,
                            position.area_proposal,
                            position.government_position,
                            position.agreed_level,
                            position.floor,
                        )
                    )
                ),
                gap_cell(pack, line, styles),
            ]
        )
    bands.append(("LEFTPADDING", (8, 0), (8, -1), 10))
    return grid(styles, POSITION_HEADER, rows, POSITION_WIDTHS, total_width, (3, 4, 5, 6, 7), bands, zebra=False)


def gap_cell(pack: Pack, line: PositionLine, styles: Styles) -> Any:
    """The gap, then a bold line for each target or agreed level beyond government's floor."""
    beyond = levels_beyond_floor(line.position, line.target_level, pack.polarity.get(line.position.code))
    flags = [f"<b>{text(what.capitalize())} {BEYOND_FLOOR}.</b>" for what, _ in beyond]
    return Paragraph("<br/>".join([text(line.gap), *flags]), styles.cell)


def _note_author(note: ChampionNote) -> str:
    return f"{note.author}, {note.role}" if note.role.strip() else note.author


def notes_table(notes: Sequence[ChampionNote], styles: Styles, total_width: float) -> Any:
    rows = [
        [
            Paragraph(text(format_date(note.date) + (f" {note.time}" if note.time else "")), styles.cell),
            Paragraph(text(_note_author(note)), styles.cell),
            Paragraph(text(note.kind.value), styles.cell),
            Paragraph(text(note.visibility.value), styles.cell),
            codes(note.indicators, styles, "general"),
            Paragraph(text(note.text), styles.cell),
            Paragraph(text(note.action_status.value), styles.cell),
        ]
        for note in notes
    ]
    header = ("Date", "By", "Kind", "Visibility", "Indicators", "Note", "Action")
    return grid(styles, header, rows, (60, 110, 58, 50, 70, 372, 40), total_width)


def actions_table(actions: Sequence[ChampionNote], styles: Styles, total_width: float) -> Any:
    rows = [
        [
            Paragraph(text(format_date(note.date)), styles.cell),
            Paragraph(text(_note_author(note)), styles.cell),
            codes(note.indicators, styles, "general"),
            Paragraph(text(note.text), styles.cell),
        ]
        for note in actions
    ]
    return grid(styles, ("Raised", "By", "Indicators", "Action"), rows, (60, 140, 90, 480), total_width)
