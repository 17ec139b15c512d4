"""The targets tables of the PDF pack, laid out as the council cabinet tables of 2008 were.

One row a target: NI, the indicator (with its units, direction, status and reward flag on a
small second line), lead partner, baseline with its period, the three annual targets and the
officer's comments - so a landscape page holds 15 to 20 targets. Who else signed up to each
target and where it applies follow in a table of their own. The statutory education targets'
years are academic years, and a level not yet set by the children's department prints
"set annually" (core/statutory_years).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from laadesk.core.catalogue import Polarity
from laadesk.core.dates import format_date
from laadesk.core.deferral import written
from laadesk.core.labels import TARGET_LABELS
from laadesk.core.model import YEAR_FIELDS, YEARS, Role, Target
from laadesk.core.pack import Pack
from laadesk.core.statutory_years import SET_ANNUALLY, academic_year, not_yet_set
from laadesk.export.pdf_styles import DEFERRED_FILL, Paragraph, Styles, shortened, text
from laadesk.export.pdf_tables import codes, grid, number

# A comment longer than this is cut in the table; "Rationale and comments" prints it in full.
COMMENT_LIMIT = 120
MUTED_MARKUP = '<font size="6.5" color="#6B6B6B">{}</font>'
REWARD_MARKUP = '<font name="{bold}" size="6.5" color="#1F3A5F">reward target</font>'


def level(target: Target, field: str, styles: Styles, width: float) -> Any:
    """A level as the workbook holds it: the figure, or the words a council's table gave, as written."""
    value: float | None = getattr(target, field)
    words = target.as_written(field)
    if value is None and words:
        return Paragraph(text(words), styles.cell_number)
    return number(value, styles, width)


def direction(polarity: Polarity | None) -> str:
    if polarity is Polarity.HIGHER:
        return "higher is better"
    if polarity is Polarity.LOWER:
        return "lower is better"
    return "direction not recorded"


def deferral_words(target: Target) -> str:
    """ "deferred: Place Survey pending; revisit by 30 Sep 2009"."""
    reason = written(target.deferral_reason, target.deferral_note) or "reason not recorded"
    revisit = f"revisit by {format_date(target.revisit_date)}" if target.revisit_date else "no revisit date set"
    return f"deferred: {reason}; {revisit}"


def indicator_cell(pack: Pack, target: Target, styles: Styles) -> Any:
    """The title, then on a small line: units, direction, status, reward flag, spatial level."""
    title = pack.titles.get(target.code, target.title)
    notes = [target.units.strip(), direction(pack.polarity.get(target.code)), target.status.value]
    if target.districts:
        notes.append(f"{target.spatial_level} only")
    small = MUTED_MARKUP.format(text(" · ".join(note for note in notes if note)))
    if target.reward:
        small += MUTED_MARKUP.format(" · ") + REWARD_MARKUP.format(bold=styles.cell_bold.fontName)
    return Paragraph(f"{text(title)}<br/>{small}", styles.row)


def baseline_cell(target: Target, styles: Styles, width: float) -> list[Any]:
    """The baseline figure (or its words, as written) with its period under it."""
    period = target.baseline_period.strip()
    under = [Paragraph(text(period), styles.cell_small_right)] if period else []
    return [level(target, "baseline", styles, width), *under]


def comment_cell(target: Target, styles: Styles) -> Any:
    first = target.comment.strip().split("\n\n")[0]
    if len(first) < len(target.comment.strip()) or len(first) > COMMENT_LIMIT:
        first = shortened(first, COMMENT_LIMIT).rstrip("…. ") + "… (in full under Rationale and comments)"
    return Paragraph(text(first), styles.row_comment)


TARGET_HEADER = (
    TARGET_LABELS["code"].heading,
    TARGET_LABELS["title"].heading,
    TARGET_LABELS["lead_partner"].heading,
    "Baseline (period)",
    *YEARS,
    "Comments",
)
STATUTORY_HEADER = (*TARGET_HEADER[:4], *(academic_year(year) for year in YEARS), TARGET_HEADER[-1])
TARGET_WIDTHS = (34, 250, 112, 58, 44, 44, 44, 184)
# Wider year columns, so that "2008/09 academic year" and "set annually" stand unbroken.
STATUTORY_WIDTHS = (34, 232, 112, 58, 58, 58, 58, 160)
NUMBER_COLUMNS = (3, 4, 5, 6)


def targets_table(pack: Pack, targets: Sequence[Target], styles: Styles, total_width: float) -> Any:
    """NI, indicator, lead partner, baseline (period), 2008/09, 2009/10, 2010/11, comments; for the
    statutory targets the years are academic years, and a level not yet due reads "set annually"."""
    statutory = bool(targets) and all(t.role is Role.STATUTORY for t in targets)
    shares = STATUTORY_WIDTHS if statutory else TARGET_WIDTHS
    scale = total_width / sum(shares)
    widths = [w * scale for w in shares]
    rows = []
    extra: list[tuple[Any, ...]] = []
    for n, target in enumerate(targets, start=1):
        if target.deferred:
            levels: list[Any] = [Paragraph(text(deferral_words(target)), styles.cell_deferred), "", "", ""]
            extra += [("SPAN", (3, n), (6, n)), ("BACKGROUND", (3, n), (6, n), DEFERRED_FILL)]
        else:
            levels = [
                baseline_cell(target, styles, widths[3]),
                *(
                    Paragraph(SET_ANNUALLY, styles.cell_not_set)
                    if not_yet_set(target, year, pack.as_at)
                    else level(target, year, styles, widths[4 + i])
                    for i, year in enumerate(YEAR_FIELDS)
                ),
            ]
        rows.append(
            [
                Paragraph(text(target.code), styles.row_bold),
                indicator_cell(pack, target, styles),
                Paragraph(text(target.lead_partner or "not named"), styles.row),
                *levels,
                comment_cell(target, styles),
            ]
        )
    extra += [
        ("LEFTPADDING", (7, 0), (7, -1), 10),  # the comments stand apart from the figures
        ("TOPPADDING", (0, 1), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 2),
    ]
    header = STATUTORY_HEADER if statutory else TARGET_HEADER
    return grid(styles, header, rows, shares, total_width, NUMBER_COLUMNS, extra)


def target_partners_table(pack: Pack, styles: Styles, total_width: float) -> Any:
    """For each chosen target: the partners signed up to it besides its lead, and where it applies."""
    rows = [
        [
            Paragraph(text(target.code), styles.cell_bold),
            Paragraph(text(pack.titles.get(target.code, target.title)), styles.cell),
            codes(target.partners, styles, "none named besides the lead partner", "; "),
            Paragraph(text(target.spatial_level), styles.cell),
        ]
        for target in pack.targets
    ]
    header = (TARGET_LABELS["code"].heading, TARGET_LABELS["title"].heading, "Partners signed up", "Spatial level")
    return grid(styles, header, rows, (36, 300, 304, 130), total_width)


def deferred_table(pack: Pack, styles: Styles, total_width: float) -> Any:
    rows = []
    for target in pack.deferred:
        rows.append(
            [
                Paragraph(text(target.code), styles.cell_bold),
                indicator_cell(pack, target, styles),
                Paragraph("deferred: left blank on purpose", styles.cell_deferred),
                Paragraph(
                    text(written(target.deferral_reason, target.deferral_note) or "reason not recorded"),
                    styles.cell,
                ),
                Paragraph(text(format_date(target.revisit_date) or "no revisit date set"), styles.cell),
                Paragraph(text(target.lead_partner or "not named"), styles.cell),
                Paragraph(text(target.comment), styles.cell),
            ]
        )
    header = (
        *(TARGET_LABELS[f].heading for f in ("code", "title")),
        "Baseline and targets",
        TARGET_LABELS["deferral_reason"].narrow,
        *(TARGET_LABELS[f].heading for f in ("revisit_date", "lead_partner", "comment")),
    )
    return grid(styles, header, rows, (38, 170, 80, 110, 62, 100, 210), total_width)
