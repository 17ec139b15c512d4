"""The target sheets of the Excel pack: the editable exchange sheet, readable views by kind, deferrals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from laadesk.core.catalogue import Polarity
from laadesk.core.council_table import OWN_TITLE
from laadesk.core.dates import format_date
from laadesk.core.deferral import written
from laadesk.core.exchange import COLUMNS, KINDS, NUMBER_COLUMNS, STATUSES, UNVERIFIED_NOTE, target_cells
from laadesk.core.labels import TARGET_LABELS
from laadesk.core.model import LEVEL_FIELDS, YEAR_FIELDS, YEARS, Role, Target
from laadesk.core.pack import Pack
from laadesk.core.statutory_years import SET_ANNUALLY, academic_year, not_yet_set
from laadesk.export.xlsx_styles import (
    AGREED_FILL,
    BODY_FONT,
    DEFERRED_FILL,
    LINE_HEIGHT,
    NOTE_FONT,
    STATUS_FILLS,
    UNVERIFIED_FONT,
    WORDS_ALIGN,
    Column,
    figure_format,
    fit_figures,
    fit_row_height,
    put_date,
    put_number,
    put_text,
    restyle,
    show_whole_figures,
    start_table,
    style_row,
    write_header,
    write_title,
)

# The exchange sheet's columns in the negotiators' words: each heading is a spelling the import
# maps to exactly its exchange column (core.council_headings.match_header), so a returned copy reads
# back as written. The widths let a row print one A4 landscape page across at a legible scale.
_EXCHANGE_FIELDS = {"ni": "code", "kind": "role", "deferred_reason": "deferral_reason"}
_EXCHANGE_WIDTHS = {
    "ni": (7, False),
    "title": (28, True),
    "kind": (10, False),
    "status": (9, False),
    "baseline": (9, False),
    "baseline_period": (9, True),
    "target_2008_09": (9, False),
    "target_2009_10": (9, False),
    "target_2010_11": (9, False),
    "units": (16, True),
    "lead_partner": (16, True),
    "partners": (24, True),
    "deferred_reason": (12, True),
    "comment": (26, True),
}
EXCHANGE_COLUMNS = tuple(
    Column(TARGET_LABELS[_EXCHANGE_FIELDS.get(name, name)].heading, *_EXCHANGE_WIDTHS[name]) for name in COLUMNS
)
# Rows a council may add below the targets still get the drop-down lists.
VALIDATED_ROWS = 1000
# A long comment would make a row taller than the screen; the cell still holds all of it.
EXCHANGE_MAX_LINES = 8
RETURN_NOTE = (
    "Edit the targets in this table and return the workbook: the table is read back as it stands, so keep its "
    "headings. A level is a plain number (12.5 means 12.5 %); words in a level's cell are kept as written."
)


def _heading(field: str, width: int, wrap: bool = False) -> Column:
    return Column(TARGET_LABELS[field].heading, width, wrap)


# Narrow enough that a row prints one A4 landscape page across at a legible scale.
VIEW_COLUMNS = (
    _heading("code", 7),
    _heading("title", 28, True),
    _heading("status", 9),
    _heading("baseline", 9),
    _heading("baseline_period", 9, True),
    *(_heading(f, 9) for f in YEAR_FIELDS),
    _heading("units", 16, True),
    _heading("polarity", 8, True),
    _heading("lead_partner", 16, True),
    _heading("partners", 22, True),
    _heading("districts", 12, True),
    _heading("reward", 7, True),
    _heading("comment", 24, True),
)
VIEW_MAX_LINES = 12
VIEW_LEVELS = (4, 6, 7, 8)  # the columns of the baseline and the three years' levels
# The statutory education targets are set by academic year (core/statutory_years).
STATUTORY_VIEW_COLUMNS = tuple(
    replace(column, heading=academic_year(YEARS[n - 5]), wrap=True) if 5 <= n < 8 else column
    for n, column in enumerate(VIEW_COLUMNS)
)

DEFERRED_COLUMNS = (
    _heading("code", 8),
    _heading("title", 44, True),
    _heading("role", 11),
    _heading("deferral_reason", 30, True),
    _heading("revisit_date", 12),
    _heading("units", 24, True),
    _heading("lead_partner", 24, True),
    _heading("comment", 48, True),
)

BETTER_WHEN = {Polarity.HIGHER: "higher", Polarity.LOWER: "lower"}


def _list_validation(values: Sequence[str], title: str, *, strict: bool = True) -> DataValidation:
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop" if strict else "warning",
        errorTitle=f"Not a {title}",
        error=f"Choose the {title} from the list: {', '.join(values)}.",
        promptTitle=title.capitalize(),
        prompt=f"Choose one of: {', '.join(values)}.",
    )
    return validation


def _number_validation() -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000000",
        formula2="1000000000000000",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Not a number",
        error=(
            "A level is a plain number (12.5, not 12.5% or TBC). Words or a range are kept exactly as written "
            "and the target is flagged until a figure is agreed: choose Yes to keep them."
        ),
    )


def _title_block(sheet: Any, pack: Pack) -> int:
    """The marking (when there is one), the area's title naming the sheet, the pack's version, status and
    date, and how to send it back, all in column A (the import knows the block by that); returns the
    header's row."""
    audience = "Internal brief" if pack.internal else "Council pack"
    facts = f"{audience}, version {pack.version} ({pack.status.value}), as at {format_date(pack.as_at)}"
    if pack.agreed_version:  # made from an agreed version: the council matches its copy to it
        facts += f"; agreed version {pack.agreed_version}"
    row = write_title(sheet, pack.marking, f"{pack.area.name} - {OWN_TITLE}")
    restyle(put_text(sheet, row, 1, facts), font=BODY_FONT)
    restyle(put_text(sheet, row + 1, 1, RETURN_NOTE), font=NOTE_FONT)
    sheet.row_dimensions[row + 1].height = LINE_HEIGHT + 6  # a little air above the table
    return row + 2


def write_exchange_sheet(sheet: Any, pack: Pack) -> int:
    """The Targets sheet: a title block, then the exchange layout under readable headings, so that
    `laadesk import` reads a returned copy and a printed one reads as the agreement's table."""
    sheet.title = "Targets"
    header = _title_block(sheet, pack)
    first = header + 1
    levels = {COLUMNS.index(n): [getattr(t, n) for t in pack.targets] for n in NUMBER_COLUMNS}
    columns = fit_figures(EXCHANGE_COLUMNS, levels)
    write_header(sheet, header, columns)
    widths = {name: c.width for name, c in zip(COLUMNS, columns)}
    for row, target in enumerate(pack.targets, start=first):
        cells = target_cells(target, pack.exchange_titles.get(target.code, target.title), guard=False)
        numbers = dict(zip(NUMBER_COLUMNS, (target.baseline, *target.levels)))
        style_row(sheet, row, columns)
        for column, name in enumerate(COLUMNS, start=1):
            value = numbers.get(name)
            if value is not None:
                put_number(sheet, row, column, value, figure_format(value))
            elif name in numbers and cells[name]:  # a level in words, as the council's table wrote it
                restyle(put_text(sheet, row, column, cells[name]), alignment=WORDS_ALIGN)
            else:
                # Exactly as typed: text that starts like a formula carries Excel's quote prefix
                # (no apostrophe added to it), which the import reads as "take this cell as it is".
                put_text(sheet, row, column, cells[name])
        fit_row_height(
            sheet, row, [(cells[n], widths[n]) for n in COLUMNS if numbers.get(n) is None], max_lines=EXCHANGE_MAX_LINES
        )
        if pack.internal and target.code in pack.unverified_titles:  # the officer's own pack says so
            title = sheet.cell(row=row, column=COLUMNS.index("title") + 1)
            title.comment = Comment(UNVERIFIED_NOTE.capitalize() + ".", "laadesk", width=260, height=60)
            restyle(title, font=UNVERIFIED_FONT)
    _rules_for_edits(sheet, pack, first)
    sheet.freeze_panes = f"C{first}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(len(COLUMNS))}{header + len(pack.targets)}"
    return len(pack.targets)


def _rules_for_edits(sheet: Any, pack: Pack, first: int) -> None:
    """Drop-down lists, a check that a level is a number, whole figures shown without a point and
    shading by status, from the first target's row down past the last (for rows a council adds)."""
    last = max(VALIDATED_ROWS, first + len(pack.targets) - 1)
    letters = {name: get_column_letter(number) for number, name in enumerate(COLUMNS, start=1)}

    def cells_of(name: str, to: str | None = None) -> str:
        return f"{letters[name]}{first}:{letters[to or name]}{last}"

    kind = _list_validation(tuple(KINDS), "kind")
    kind.add(cells_of("kind"))
    status = _list_validation(tuple(STATUSES), "status")
    status.add(cells_of("status"))
    reason = _list_validation(pack.deferral_reasons, "deferral reason", strict=False)
    reason.add(cells_of("deferred_reason"))
    numbers_check = _number_validation()
    levels = (cells_of("baseline"), cells_of("target_2008_09", "target_2010_11"))
    for cells in levels:
        numbers_check.add(cells)
    for validation in (kind, status, reason, numbers_check):
        sheet.add_data_validation(validation)
    show_whole_figures(sheet, levels)  # whoever typed the figure
    # Shading follows the status as the council edits it (a rule, not a fixed fill).
    shaded = cells_of("status")
    sheet.conditional_formatting.add(shaded, CellIsRule(operator="equal", formula=['"agreed"'], fill=AGREED_FILL))
    sheet.conditional_formatting.add(shaded, CellIsRule(operator="equal", formula=['"deferred"'], fill=DEFERRED_FILL))


def write_target_view(sheet: Any, pack: Pack, title: str, targets: Sequence[Target], subtitle: str) -> None:
    """A readable table of one kind of target: printed titles, polarity, spatial level, reward. The
    statutory targets' years are academic years; a level not yet set there reads "set annually"."""
    sheet.title = title
    statutory = bool(targets) and all(t.role is Role.STATUTORY for t in targets)
    levels = {column - 1: [getattr(t, f) for t in targets] for column, f in zip(VIEW_LEVELS, LEVEL_FIELDS)}
    columns = fit_figures(STATUTORY_VIEW_COLUMNS if statutory else VIEW_COLUMNS, levels)
    header_row = start_table(
        sheet, pack.marking, f"{subtitle} - {pack.area.name}", _count_note(targets), columns, frozen=2
    )
    if not targets:
        restyle(put_text(sheet, header_row + 1, 1, f"No {title.lower()} targets in this pack."), font=NOTE_FONT)
        return
    for row, target in enumerate(targets, start=header_row + 1):
        polarity = pack.polarity.get(target.code)
        texts = {
            2: pack.titles.get(target.code, target.title),
            3: target.status.value,
            5: target.baseline_period,
            9: target.units,
            10: BETTER_WHEN.get(polarity, "") if polarity else "",
            11: target.lead_partner,
            12: "; ".join(target.partners),
            13: target.spatial_level,
            14: "yes" if target.reward else "",
            15: target.comment,
        }
        style_row(sheet, row, columns)
        if target.status.value in STATUS_FILLS:
            restyle(sheet.cell(row=row, column=3), fill=STATUS_FILLS[target.status.value])
        put_text(sheet, row, 1, target.code)
        for column, text in texts.items():
            put_text(sheet, row, column, text)
        words = {}
        for column, field in zip(VIEW_LEVELS, LEVEL_FIELDS):
            value = getattr(target, field)
            if value is None and target.as_written(field):
                words[column] = target.as_written(field)
                restyle(put_text(sheet, row, column, words[column]), alignment=WORDS_ALIGN)
            elif not_yet_set(target, field, pack.as_at):
                restyle(put_text(sheet, row, column, SET_ANNUALLY), font=NOTE_FONT, alignment=WORDS_ALIGN)
            elif value is not None:
                put_number(sheet, row, column, value, figure_format(value))
        shown = {**texts, **words}
        fit_row_height(sheet, row, [(t, columns[c - 1].width) for c, t in shown.items()], max_lines=VIEW_MAX_LINES)
    last = header_row + len(targets)
    letters = [get_column_letter(column) for column in VIEW_LEVELS]
    show_whole_figures(sheet, [f"{letter}{header_row + 1}:{letter}{last}" for letter in letters])
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(VIEW_COLUMNS))}{last}"


def _count_note(targets: Sequence[Target]) -> str:
    agreed = sum(1 for t in targets if t.status.value == "agreed")
    deferred = sum(1 for t in targets if t.deferred)
    noun = "target" if len(targets) == 1 else "targets"
    return (
        f"{len(targets)} {noun}: {agreed} agreed, {deferred} deferred, {len(targets) - agreed - deferred} proposed. "
        "Levels are as shown (12.5 means 12.5 %). To send changes back, edit the Targets sheet."
    )


def write_deferred_sheet(sheet: Any, pack: Pack) -> None:
    """Targets deferred to review and refresh: why, and when they come back."""
    sheet.title = "Deferred"
    deferred = pack.deferred
    note = (
        f"{len(deferred)} {'target is' if len(deferred) == 1 else 'targets are'} deferred: "
        "each carries its reason and is set at review and refresh."
    )
    header_row = start_table(
        sheet, pack.marking, f"Deferred targets - {pack.area.name}", note, DEFERRED_COLUMNS, frozen=2
    )
    if not deferred:
        restyle(put_text(sheet, header_row + 1, 1, "No targets are deferred."), font=NOTE_FONT)
        return
    for row, target in enumerate(deferred, start=header_row + 1):
        texts = {
            1: target.code,
            2: pack.titles.get(target.code, target.title),
            3: target.role.value,
            4: written(target.deferral_reason, target.deferral_note) or "no reason recorded",
            6: target.units,
            7: target.lead_partner,
            8: target.comment,
        }
        style_row(sheet, row, DEFERRED_COLUMNS)
        for column, text in texts.items():
            put_text(sheet, row, column, text)
        put_date(sheet, row, 5, target.revisit_date)
        fit_row_height(
            sheet, row, [(t, DEFERRED_COLUMNS[c - 1].width) for c, t in texts.items()], max_lines=VIEW_MAX_LINES
        )
