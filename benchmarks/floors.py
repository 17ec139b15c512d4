"""The floors the pack exports are measured against: the bare library writing the same content.

The PDF floor is plain reportlab building the pack's paragraphs, tables, charts (as plain
Drawings), contents and sign-off blocks in one pass, in the same embedded font; the Excel floor
is plain openpyxl writing the same cells with the same looks, widths, merges, validation and
print setup, read from laadesk's own pack before timing. Neither carries laadesk's checks."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from laadesk.core.model import YEARS
from laadesk.core.numbers import format_level
from laadesk.core.pack import Pack

HEADER = ["NI", "Indicator", "Baseline", "Period", *YEARS, "Units", "Lead partner", "Partners", "Spatial level"]


def _register_font() -> tuple[str, str]:
    """The pack's own page font, DejaVu Sans (regular and bold), from resources/fonts."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from laadesk.resources import resource_path

    for name, file in (("FloorSans", "DejaVuSans.ttf"), ("FloorSans-Bold", "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, os.fspath(resource_path("fonts", file))))
    return "FloorSans", "FloorSans-Bold"


def bare_reportlab(pack: Pack, path: Path) -> None:
    """The pack's content in plain reportlab, laid out in one pass: the cover facts, a contents list, the
    story with its evidence, the target, deferred, partner and milestone tables (repeated headers), the
    rationales, one Drawing per target chart (grid, tick and year labels, the line, its points and their
    values, a key), the sign-off blocks, and a header and footer on every page - in one embedded font."""
    from datetime import date
    from typing import Any

    from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from laadesk.core.model import Target
    from laadesk.core.timetable import format_date, milestone_state

    font, bold = _register_font()
    body = ParagraphStyle("body", fontName=font, bulletFontName=font, fontSize=9, leading=11)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12, leading=15)
    cell = ParagraphStyle("cell", parent=body, fontSize=7, leading=8.5)
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 7),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def p(value: object, style: ParagraphStyle = cell) -> Paragraph:
        return Paragraph(escape(format_date(value) if isinstance(value, date) else str(value or "")), style)

    def table(header: list[str], rows: list[list[Any]]) -> Table:
        return Table([header, *rows], repeatRows=1, style=grid)

    def chart(target: Target, width: float = 360, height: float = 158) -> Drawing:
        drawing = Drawing(width, height, initialFontName=font)
        values = [target.baseline, *target.levels]
        known = [v for v in values if v is not None]
        if target.deferred or not known:
            drawing.add(Rect(40, 38, width - 52, height - 52, fillColor=colors.whitesmoke, strokeColor=colors.grey))
            words = "deferred" if target.deferred else "not set"
            drawing.add(String(width / 2, height / 2, words, fontName=font, fontSize=12, textAnchor="middle"))
            return drawing
        low, high = (min(known) - 1, max(known) + 1) if min(known) == max(known) else (min(known), max(known))
        xs = [40 + (width - 52) * (i + 0.5) / 4 for i in range(4)]

        def y_of(value: float) -> float:
            return 38 + (height - 52) * (value - low) / (high - low)

        for i in range(5):
            tick = low + (high - low) * i / 4
            drawing.add(Line(40, y_of(tick), width - 12, y_of(tick), strokeColor=colors.lightgrey, strokeWidth=0.3))
            drawing.add(String(36, y_of(tick) - 2.5, format_level(tick), fontName=font, fontSize=6.5, textAnchor="end"))
        for x, label in zip(xs, ["Baseline", *YEARS]):
            drawing.add(String(x, 28, label, fontName=font, fontSize=6.5, textAnchor="middle"))
        drawing.add(Line(40, 38, width - 12, 38, strokeColor=colors.grey))
        points = [(x, y_of(v)) for x, v in zip(xs, values) if v is not None]
        if len(points) > 1:
            drawing.add(PolyLine(points, strokeColor=colors.navy, strokeWidth=1.6))
        for (x, y), value in zip(points, known):
            drawing.add(Circle(x, y, 2.6, fillColor=colors.navy, strokeColor=colors.navy))
            drawing.add(Rect(x - 12, y + 4, 24, 8, fillColor=colors.white, strokeColor=None))
            drawing.add(String(x, y + 5.5, format_level(value), fontName=bold, fontSize=6.5, textAnchor="middle"))
        drawing.add(Line(width / 2 - 20, 4.5, width / 2 - 6, 4.5, strokeColor=colors.navy, strokeWidth=1.5))
        drawing.add(String(width / 2 - 3, 2, "target", fontName=font, fontSize=6.5))
        return drawing

    story: list[Any] = [p("Local Area Agreement 2008-11", heading), p(pack.area.name, heading)]
    facts = [("Partnership", pack.area.lsp_name), ("Status", pack.status.value), ("Version", pack.version)]
    facts += [("Date", format_date(pack.generated)), ("Audience", pack.audience.value), ("Region", pack.area.go_region)]
    story += [Table([[p(k), p(v, body)] for k, v in facts], style=grid), p("Contents", heading)]
    titles = ["Story of place", *(part.section.title for part in pack.story), "Designated", "Statutory", "Local"]
    titles += ["Deferred", "Partners", "Rationale", "Trajectories", "Sign-off", "Milestones"]
    story.append(Table([[p(title, body)] for title in titles]))
    for part in pack.story:
        story.append(p(part.section.title, heading))
        story += [p(text, body) for text in part.section.text.split("\n\n") if text.strip()]
        story.append(p("Indicators this supports: " + ", ".join(part.section.indicators), body))
        if part.evidence:
            evidence = [[p(e.source), p(e.figure), p(e.date)] for e in part.evidence]
            story.append(table(["Evidence", "Figure", "Date"], evidence))
    for targets in (pack.designated, pack.statutory, pack.local):
        rows: list[list[Any]] = [
            [
                t.code,
                p(pack.titles[t.code]),
                format_level(t.baseline),
                t.baseline_period,
                *(format_level(v) for v in t.levels),
                p(t.units),
                p(t.lead_partner),
                p("; ".join(t.partners)),
                t.spatial_level,
            ]
            for t in targets
        ]
        story.append(table(HEADER, rows))
    rows = [
        [t.code, p(pack.titles[t.code]), p(t.deferral_reason), p(t.revisit_date), p(t.lead_partner), p(t.comment)]
        for t in pack.deferred
    ]
    story.append(table(["NI", "Indicator", "Reason", "Revisit by", "Lead partner", "Comment"], rows))
    rows = [[p(c.name), p(c.sector), p(", ".join(c.leads)), p(", ".join(c.signed_up))] for c in pack.partners]
    story.append(table(["Partner", "Sector", "Leads", "Signed up to"], rows))
    for t in pack.targets:
        notes = [value for value in (t.rationale, t.baseline_source, t.comment) if value.strip()]
        if notes:
            story += [p(f"{t.code} {pack.titles[t.code]}", body), *(p(note, body) for note in notes)]
    charts: list[Any] = [[p(f"{t.code} {pack.titles[t.code]}"), p(t.units), chart(t)] for t in pack.targets]
    if len(charts) % 2:
        charts.append("")
    story.append(Table([charts[i : i + 2] for i in range(0, len(charts), 2)], colWidths=[385, 385], style=grid))
    for adoption in pack.adoptions:
        details = [("Decision by", adoption.decision_maker), ("Adoption", adoption.date), ("Signed", ""), ("Name", "")]
        story += [p(adoption.body, body), Table([[p(k), p(v)] for k, v in details], style=grid), Spacer(1, 12)]
    rows = [[p(m.name), p(m.due), p(m.done), p(milestone_state(m, pack.generated))] for m in pack.milestones]
    story.append(table(["Milestone", "Due", "Done", "As at"], rows))

    def furniture(canvas: Any, document: Any) -> None:
        canvas.setFont(bold, 8.5)
        canvas.drawCentredString(421, 570, pack.marking)
        canvas.drawCentredString(421, 31, pack.marking)
        canvas.setFont(font, 7.5)
        canvas.drawString(36, 552, pack.area.name)
        canvas.drawRightString(806, 16, f"Page {canvas.getPageNumber()}")

    document = SimpleDocTemplate(str(path), pagesize=landscape(A4), initialFontName=font)
    document.build(story, onFirstPage=furniture, onLaterPages=furniture)


def read_cells(path: Path) -> dict[str, object]:
    """Everything a written pack holds, read before timing the floor: each sheet's cells (value, type
    and look), column widths, row heights, merges, frozen panes, filter, validation, conditional
    formats and print setup, and the book's properties."""
    from copy import copy
    from typing import Any

    from openpyxl import load_workbook
    from openpyxl.cell.cell import MergedCell

    book = load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        looks: dict[tuple[int, ...], int] = {}
        styles: list[tuple[Any, ...]] = []
        cells: list[tuple[int, int, Any, str, int | None]] = []
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell, MergedCell) or (cell.value is None and not cell.has_style):
                    continue  # merging in the floor makes the merged cells again
                look = None
                if cell.has_style:
                    look = looks.setdefault(tuple(cell._style), len(looks))
                    if look == len(styles):
                        styles.append(
                            (
                                copy(cell.font),
                                copy(cell.fill),
                                copy(cell.border),
                                copy(cell.alignment),
                                cell.number_format,
                                copy(cell.protection),
                                cell.quotePrefix,
                            )
                        )
                cells.append((cell.row, cell.column, cell.value, cell.data_type, look))
        sheets.append(
            {
                "title": sheet.title,
                "cells": cells,
                "styles": styles,
                "widths": {key: d.width for key, d in sheet.column_dimensions.items() if d.customWidth},
                "heights": {key: d.height for key, d in sheet.row_dimensions.items() if d.height is not None},
                "merged": [str(r) for r in sheet.merged_cells.ranges],
                "freeze": sheet.freeze_panes,
                "title_rows": sheet.print_title_rows,
                "filter": sheet.auto_filter.ref,
                "validations": list(sheet.data_validations.dataValidation),
                "formats": [(str(f.sqref), rule) for f in sheet.conditional_formatting for rule in f.rules],
                "page_setup": {
                    key: getattr(sheet.page_setup, key)
                    for key in ("orientation", "paperSize", "fitToWidth", "fitToHeight")
                },
                "fit_to_page": sheet.sheet_properties.pageSetUpPr.fitToPage,
                "margins": copy(sheet.page_margins),
                "print_options": copy(sheet.print_options),
                "header_footer": copy(sheet.HeaderFooter),
            }
        )
    properties = copy(book.properties)
    book.close()
    return {"sheets": sheets, "properties": properties}


def bare_openpyxl(cells: dict[str, object], path: Path) -> None:
    """The same cells of the same type and look, with the same widths, heights, merges, panes, filters,
    validation, conditional formats, print setup and properties. Each look is set once through
    openpyxl's style attributes; the other cells sharing it get a copy of its style array, as
    openpyxl's own sheet copier does (setting a style object per cell costs a hash of it each time)."""
    from copy import copy
    from typing import Any

    from openpyxl import Workbook
    from openpyxl.worksheet.properties import PageSetupProperties

    pack: Any = cells
    book = Workbook()
    book.remove(book.active)
    for copied in pack["sheets"]:
        sheet = book.create_sheet(copied["title"])
        styles = copied["styles"]
        arrays: list[Any] = [None] * len(styles)
        for row, column, value, kind, look in copied["cells"]:
            cell = sheet.cell(row=row, column=column, value=value)
            if cell.data_type != kind:
                cell.data_type = kind  # text that looks like a formula or an error value stays text
            if look is None:
                continue
            if arrays[look] is None:
                font, fill, border, alignment, number_format, protection, quote = styles[look]
                cell.font, cell.fill, cell.border, cell.alignment = font, fill, border, alignment
                cell.number_format, cell.protection, cell.quotePrefix = number_format, protection, quote
                arrays[look] = copy(cell._style)
            else:
                cell._style = copy(arrays[look])
        for key, width in copied["widths"].items():
            sheet.column_dimensions[key].width = width
        for key, height in copied["heights"].items():
            sheet.row_dimensions[key].height = height
        for ref in copied["merged"]:
            sheet.merge_cells(ref)
        sheet.freeze_panes = copied["freeze"]
        if copied["title_rows"]:
            sheet.print_title_rows = copied["title_rows"]
        sheet.auto_filter.ref = copied["filter"]
        for validation in copied["validations"]:
            sheet.add_data_validation(validation)
        for ref, rule in copied["formats"]:
            sheet.conditional_formatting.add(ref, rule)
        for key, value in copied["page_setup"].items():
            setattr(sheet.page_setup, key, value)
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=copied["fit_to_page"])
        sheet.page_margins = copy(copied["margins"])
        sheet.print_options = copy(copied["print_options"])
        sheet.HeaderFooter = copy(copied["header_footer"])
    book.properties = copy(pack["properties"])
    book.save(path)
