"""The floors the pack exports are measured against: the bare library doing the same paragraphs,
tables and cells, without laadesk's layout, charts or checks."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from laadesk.core.model import YEARS
from laadesk.core.numbers import format_level
from laadesk.core.pack import Pack

HEADER = ["NI", "Indicator", "Baseline", "Period", *YEARS, "Units", "Lead partner", "Partners", "Spatial level"]


def _register_font() -> str:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "FloorVera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(
            TTFont("FloorVera", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf"))
        )
    return "FloorVera"


def bare_reportlab(pack: Pack, path: Path) -> None:
    """The pack's story paragraphs and target tables, in one embedded font, with repeated headers."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _register_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=11)
    cell = ParagraphStyle("cell", fontName=font, fontSize=7, leading=8.5)
    story: list[object] = [Paragraph(escape(pack.area.name), body)]
    for part in pack.story:
        story.append(Paragraph(escape(part.section.title), body))
        story += [Paragraph(escape(p), body) for p in part.section.text.split("\n\n") if p.strip()]
    for targets in (pack.designated, pack.statutory, pack.local):
        rows = [HEADER] + [
            [
                t.code,
                Paragraph(escape(pack.titles[t.code]), cell),
                format_level(t.baseline),
                t.baseline_period,
                *(format_level(v) for v in t.levels),
                Paragraph(escape(t.units), cell),
                Paragraph(escape(t.lead_partner), cell),
                Paragraph(escape("; ".join(t.partners)), cell),
                t.spatial_level,
            ]
            for t in targets
        ]
        table = Table(rows, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("FONTSIZE", (0, 0), (-1, -1), 7),
                ]
            )
        )
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


def read_cells(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's cell values of a written pack (read before timing the floor)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    cells = {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    book.close()
    return cells


def bare_openpyxl(cells: dict[str, list[list[object]]], path: Path) -> None:
    """The same cells with a styled, frozen header row and column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    for title, rows in cells.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(["'" + v if isinstance(v, str) and v.startswith("=") else v for v in row])
        for header in sheet[1]:
            header.font, header.fill = bold, fill
        sheet.freeze_panes = "A2"
        for column in sheet.column_dimensions.values():
            column.width = 14
    book.save(path)
