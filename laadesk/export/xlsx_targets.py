"""The target sheets of the Excel pack: the editable exchange sheet, readable views by kind, deferrals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from laadesk.core.catalogue import Polarity
from laadesk.core.deferral import written
from laadesk.core.exchange import COLUMNS, KINDS, NUMBER_COLUMNS, STATUSES, UNVERIFIED_NOTE, target_cells
from laadesk.core.labels import TARGET_LABELS
from laadesk.core.model import LEVEL_FIELDS, YEAR_FIELDS, Target
from laadesk.core.pack import Pack
from laadesk.export.xlsx_styles import (
    AGREED_FILL,
    DEFERRED_FILL,
    NOTE_FONT,
    NUMBER_ALIGN,
    STATUS_FILLS,
    UNVERIFIED_FONT,
    Column,
    fit_row_height,
    level_format,
    put_date,
    put_number,
    put_text,
    restyle,
    start_table,
    style_row,
    write_header,
)

# The exchange sheet keeps its column names (the import reads them) but gets readable widths.
_EXCHANGE_WIDTHS = {
    "ni": (8, False),
    "title": (42, True),
    "kind": (11, False),
    "status": (10, False),
    "baseline": (11, False),
    "baseline_period": (16, False),
    "target_2008_09": (15, False),
    "target_2009_10": (15, False),
    "target_2010_11": (15, False),
    "units": (22, True),
    "lead_partner": (24, True),
    "partners": (28, True),
    "deferred_reason": (17, True),
    "comment": (40, True),
}
EXCHANGE_COLUMNS = tuple(Column(name, *_EXCHANGE_WIDTHS[name]) for name in COLUMNS)
# Rows a council may add below the targets still get the drop-down lists.
VALIDATED_ROWS = 1000
# A long comment would make a row taller than the screen; the cell still holds all of it.
EXCHANGE_MAX_LINES = 8


def _heading(field: str, width: int, wrap: bool = False) -> Column:
    return Column(TARGET_LABELS[field].heading, width, wrap)


VIEW_COLUMNS = (
    _heading("code", 8),
    _heading("title", 40, True),
    _heading("status", 10),
    _heading("baseline", 10),
    _heading("baseline_period", 9, True),
    *(_heading(f, 10) for f in YEAR_FIELDS),
    _heading("units", 22, True),
    _heading("polarity", 8, True),
    _heading("lead_partner", 22, True),
    _heading("partners", 26, True),
    _heading("districts", 16, True),
    _heading("reward", 8, True),
    _heading("comment", 40, True),
)
VIEW_MAX_LINES = 12

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


def write_exchange_sheet(sheet: Any, pack: Pack) -> int:
    """The Targets sheet in the exchange layout from row 1, so `laadesk import` reads a returned copy."""
    sheet.title = "Targets"
    write_header(sheet, 1, EXCHANGE_COLUMNS)
    widths = {c.heading: c.width for c in EXCHANGE_COLUMNS}
    for row, target in enumerate(pack.targets, start=2):
        cells = target_cells(target, pack.exchange_titles.get(target.code, target.title), guard=False)
        number_format = level_format((target.baseline, *target.levels))
        numbers = dict(zip(NUMBER_COLUMNS, (target.baseline, *target.levels)))
        style_row(sheet, row, EXCHANGE_COLUMNS)
        for column, name in enumerate(COLUMNS, start=1):
            if numbers.get(name) is not None:
                put_number(sheet, row, column, numbers[name], number_format)
            elif name in numbers and cells[name]:  # a level in words, as the council's table wrote it
                restyle(put_text(sheet, row, column, cells[name]), alignment=NUMBER_ALIGN)
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
    last = max(VALIDATED_ROWS, len(pack.targets) + 1)
    letters = {name: get_column_letter(number) for number, name in enumerate(COLUMNS, start=1)}
    kind = _list_validation(tuple(KINDS), "kind")
    kind.add(f"{letters['kind']}2:{letters['kind']}{last}")
    status = _list_validation(tuple(STATUSES), "status")
    status.add(f"{letters['status']}2:{letters['status']}{last}")
    reason = _list_validation(pack.deferral_reasons, "deferral reason", strict=False)
    reason.add(f"{letters['deferred_reason']}2:{letters['deferred_reason']}{last}")
    numbers_check = _number_validation()
    numbers_check.add(f"{letters['baseline']}2:{letters['baseline']}{last}")
    numbers_check.add(f"{letters['target_2008_09']}2:{letters['target_2010_11']}{last}")
    for validation in (kind, status, reason, numbers_check):
        sheet.add_data_validation(validation)
    # Shading follows the status as the council edits it (a rule, not a fixed fill).
    status_range = f"{letters['status']}2:{letters['status']}{last}"
    sheet.conditional_formatting.add(status_range, CellIsRule(operator="equal", formula=['"agreed"'], fill=AGREED_FILL))
    sheet.conditional_formatting.add(
        status_range, CellIsRule(operator="equal", formula=['"deferred"'], fill=DEFERRED_FILL)
    )
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{letters['comment']}{len(pack.targets) + 1}"
    return len(pack.targets)


def write_target_view(sheet: Any, pack: Pack, title: str, targets: Sequence[Target], subtitle: str) -> None:
    """A readable table of one kind of target: printed titles, polarity, spatial level, reward."""
    sheet.title = title
    header_row = start_table(
        sheet, pack.marking, f"{subtitle} - {pack.area.name}", _count_note(targets), VIEW_COLUMNS, frozen=2
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
        style_row(sheet, row, VIEW_COLUMNS)
        if target.status.value in STATUS_FILLS:
            restyle(sheet.cell(row=row, column=3), fill=STATUS_FILLS[target.status.value])
        put_text(sheet, row, 1, target.code)
        for column, text in texts.items():
            put_text(sheet, row, column, text)
        number_format = level_format((target.baseline, *target.levels))
        for column, field in zip((4, 6, 7, 8), LEVEL_FIELDS):
            value = getattr(target, field)
            if value is None and target.as_written(field):
                restyle(put_text(sheet, row, column, target.as_written(field)), alignment=NUMBER_ALIGN)
            else:
                put_number(sheet, row, column, value, number_format)
        fit_row_height(sheet, row, [(t, VIEW_COLUMNS[c - 1].width) for c, t in texts.items()], max_lines=VIEW_MAX_LINES)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(VIEW_COLUMNS))}{header_row + len(targets)}"


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
