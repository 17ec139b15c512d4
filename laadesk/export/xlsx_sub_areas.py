"""The Excel pack's `Sub-area targets` sheet: the sub-area layout under a title block, read back by the import."""

from __future__ import annotations

from typing import Any

from laadesk.core.pack import Pack
from laadesk.core.sub_area_exchange import (
    LEVEL_COLUMNS,
    SHEET,
    SUB_AREA_COLUMNS,
    SUB_AREA_TITLE,
    ordered,
    sub_area_cells,
)
from laadesk.export.xlsx_styles import (
    WORDS_ALIGN,
    Column,
    figure_format,
    fit_figures,
    fit_row_height,
    put_number,
    put_text,
    restyle,
    start_table,
    style_row,
)

WIDTHS = {
    "ni": 10,
    "sub_area": 24,
    "sub_area_kind": 18,
    "baseline_period": 14,
    "units": 12,
    "lead_partner": 26,
    "comment": 40,
}
NOTE = "One row per target and sub-area; edit the figures and send the workbook back to import them with the targets."


def write_sub_area_sheet(sheet: Any, pack: Pack) -> int:
    """The pack's sub-area figures in the sub-area layout (its header row names the columns exactly, so
    `laadesk import` knows the sheet); returns the number of rows."""
    sheet.title = SHEET
    rows = ordered(pack.sub_areas)
    base = [
        Column(name, WIDTHS.get(name, 14), wrap=name in ("sub_area", "lead_partner", "comment"))
        for name in SUB_AREA_COLUMNS
    ]
    levels = {SUB_AREA_COLUMNS.index(n): [getattr(s, n) for s in rows] for n in LEVEL_COLUMNS}
    columns = fit_figures(base, levels)
    header = start_table(sheet, pack.marking, f"{pack.area.name} - {SUB_AREA_TITLE}", NOTE, columns, frozen=2)
    for row, sub in enumerate(rows, start=header + 1):
        cells = sub_area_cells(sub, guard=False)
        style_row(sheet, row, columns)
        for number, name in enumerate(SUB_AREA_COLUMNS, start=1):
            value = getattr(sub, name) if name in LEVEL_COLUMNS else None
            if value is not None:
                put_number(sheet, row, number, value, figure_format(value))
            elif name in LEVEL_COLUMNS and cells[name]:
                restyle(put_text(sheet, row, number, cells[name]), alignment=WORDS_ALIGN)
            else:
                put_text(sheet, row, number, cells[name])
        fit_row_height(sheet, row, [(cells[c.heading], c.width) for c in columns if c.wrap])
    return len(rows)
