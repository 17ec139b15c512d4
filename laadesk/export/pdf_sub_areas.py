"""The council pack's sub-area figures: a small table for each target split by district, partnership
area or neighbourhood group, in a section of its own after the targets tables (which keep their
15-to-20 rows a page). The area's own figures head each table, so the parts read against the whole."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from laadesk.core.model import YEAR_FIELDS, YEARS, Role, SubAreaTarget, Target
from laadesk.core.pack import Pack
from laadesk.core.statutory_years import academic_year
from laadesk.core.sub_area_exchange import ordered
from laadesk.export.pdf_pages import LANDSCAPE, frame_width, turn_to
from laadesk.export.pdf_sections import section_heading
from laadesk.export.pdf_styles import Paragraph, Styles, text
from laadesk.export.pdf_tables import grid, number

HEADER = ("Sub-area", "Kind", "Lead partner", "Baseline (period)", *YEARS, "Units", "Comments")
WIDTHS = (132, 78, 110, 62, 48, 48, 48, 112, 176)
NUMBER_COLUMNS = (3, 4, 5, 6)
INTRO = (
    "Targets the partnership has split below the area: by district, by a partnership's own areas or by "
    "groups of neighbourhoods. Each table starts with the area's own figures."
)
WIDTH = frame_width(LANDSCAPE)
KEEP_WHOLE = 12  # sub-areas: a table shorter than this is never split from its heading
AREA_FILL = colors.HexColor("#EEF2F7")  # the area's own row, apart from its parts


def _level(value: float | None, words: str, styles: Styles, width: float) -> Any:
    """A figure as format_figure prints it, or the words a table gave, exactly as written."""
    if value is None and words:
        return Paragraph(text(words), styles.cell_number)
    return number(value, styles, width)


def _baseline(value: float | None, words: str, period: str, styles: Styles, width: float) -> list[Any]:
    under = [Paragraph(text(period.strip()), styles.cell_small_right)] if period.strip() else []
    return [_level(value, words, styles, width), *under]


def _area_row(pack: Pack, target: Target, styles: Styles, widths: list[float]) -> list[Any]:
    return [
        Paragraph(text(f"{pack.area.name} (whole area)"), styles.cell_bold),
        Paragraph("area", styles.cell),
        Paragraph(text(target.lead_partner or "not named"), styles.cell),
        _baseline(target.baseline, target.as_written("baseline"), target.baseline_period, styles, widths[3]),
        *(_level(getattr(target, f), target.as_written(f), styles, widths[4 + i]) for i, f in enumerate(YEAR_FIELDS)),
        Paragraph(text(target.units), styles.cell),
        Paragraph("", styles.cell),
    ]


def _row(sub: SubAreaTarget, styles: Styles, widths: list[float]) -> list[Any]:
    return [
        Paragraph(text(sub.sub_area), styles.cell),
        Paragraph(text(sub.kind.value), styles.cell),
        Paragraph(text(sub.lead_partner or "not named"), styles.cell),
        _baseline(sub.baseline, sub.as_written("baseline"), sub.baseline_period, styles, widths[3]),
        *(_level(getattr(sub, f), sub.as_written(f), styles, widths[4 + i]) for i, f in enumerate(YEAR_FIELDS)),
        Paragraph(text(sub.units), styles.cell),
        Paragraph(text(sub.comment), styles.cell),
    ]


def sub_area_table(pack: Pack, target: Target, rows: list[SubAreaTarget], styles: Styles, total_width: float) -> Any:
    """The area's row, then one row a sub-area: kind, lead partner, baseline (period), the three years."""
    widths = [w * total_width / sum(WIDTHS) for w in WIDTHS]
    header: tuple[str, ...] = HEADER
    if target.role is Role.STATUTORY:
        header = (*HEADER[:4], *(academic_year(year) for year in YEARS), *HEADER[-2:])
    body = [_area_row(pack, target, styles, widths), *(_row(sub, styles, widths) for sub in rows)]
    extra = [("BACKGROUND", (0, 1), (-1, 1), AREA_FILL)]
    return grid(styles, header, body, WIDTHS, total_width, NUMBER_COLUMNS, extra, zebra=False)


def sub_area_section(pack: Pack, styles: Styles) -> list[Any]:
    """The section: nothing at all when no target is split below the area."""
    if not pack.sub_areas:
        return []
    by_code: dict[str, list[SubAreaTarget]] = {}
    for sub in ordered(pack.sub_areas):
        by_code.setdefault(sub.code, []).append(sub)
    flow: list[Any] = [*turn_to(LANDSCAPE), *section_heading("Sub-area targets", styles, "sub-areas", INTRO)]
    for target in pack.targets:
        rows = by_code.get(target.code)
        if not rows:
            continue
        title = f"{target.code} {pack.titles.get(target.code, target.title)}".strip()
        heading = Paragraph(text(title), styles.h2)
        table = sub_area_table(pack, target, rows, styles, WIDTH)
        # A short table stays with its heading; a long one may run on, its header repeated.
        block = [KeepTogether([heading, table])] if len(rows) < KEEP_WHOLE else [heading, table]
        flow += [CondPageBreak(120), *block, Spacer(1, 6)]
    return flow
