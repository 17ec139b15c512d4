"""Fonts, colours and paragraph styles of the PDF pack, and the one way user text reaches a Paragraph.

Every font is a TrueType file laadesk ships (pdf_fonts), so every font in the file is embedded
(the base-14 Helvetica/Times are not). reportlab's Paragraph parses markup, so every user string
goes through `text()` - escaped with xml.sax.saxutils.escape - before it reaches one; markup
in this package is built only from our own constants around escaped text. Every Paragraph is
pdf_paragraph's, which prints each run in a font that has its glyphs and right-to-left lines
in the order they are read.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import LongTable, TableStyle

from laadesk.export.pdf_fonts import BOLD, ITALIC, REGULAR, register_fonts
from laadesk.export.pdf_paragraph import Paragraph

INK = colors.HexColor("#1A1A1A")
NAVY = colors.HexColor("#1F3A5F")
MUTED = colors.HexColor("#6B6B6B")
RULE = colors.HexColor("#AEB6C1")
HEADER_FILL = colors.HexColor("#DDE4ED")
ZEBRA = colors.HexColor("#F4F6F9")
WHITE = colors.white
DEFERRED_FILL = colors.HexColor("#F1F1F1")
INTERNAL_RED = colors.HexColor("#9B1C1C")
AREA_ORANGE = colors.HexColor("#C8641E")
GOVERNMENT_GREEN = colors.HexColor("#2E7D4F")

__all__ = ["BOLD", "ITALIC", "REGULAR", "Paragraph", "register_fonts"]


# Control characters other than tab and newline have no glyph and no meaning on paper.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(value: object) -> str:
    """User text as Paragraph markup that prints literally: escaped, newlines kept as line breaks."""
    plain = _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    escaped = escape_markup(plain)
    return escaped.replace("\t", " ").replace("\n", "<br/>")


def escape_markup(value: str) -> str:
    """&, < and > as entities (quotes too: our markup puts some text inside attributes)."""
    return escape(value, {'"': "&quot;", "'": "&#39;"})


def shortened(value: str, limit: int) -> str:
    """A label cut to limit characters with an ellipsis (only for labels whose full text is printed elsewhere)."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _style(name: str, **overrides: Any) -> Any:
    base: dict[str, Any] = {
        "fontName": REGULAR,
        "fontSize": 9.5,
        "leading": 12.5,
        "textColor": INK,
        "bulletFontName": REGULAR,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(overrides)
    return ParagraphStyle(name, **base)


class Styles:
    """The pack's paragraph styles, built once fonts are registered."""

    def __init__(self) -> None:
        register_fonts()
        self.body = _style("body", spaceAfter=6)
        self.small = _style("small", fontSize=8, leading=10, textColor=MUTED)
        self.h1 = _style("h1", fontName=BOLD, fontSize=16, leading=20, textColor=NAVY, spaceBefore=16, spaceAfter=8)
        self.h2 = _style("h2", fontName=BOLD, fontSize=12, leading=15, textColor=NAVY, spaceBefore=10, spaceAfter=5)
        self.h3 = _style("h3", fontName=BOLD, fontSize=10, leading=13, spaceBefore=8, spaceAfter=3)
        self.intro = _style("intro", fontSize=9, leading=12, textColor=MUTED, spaceAfter=8)
        self.none = _style("none", fontName=ITALIC, textColor=MUTED, spaceAfter=8)
        self.cell = _style("cell", fontSize=8, leading=10)
        self.cell_bold = _style("cell_bold", fontName=BOLD, fontSize=8, leading=10)
        self.cell_head = _style("cell_head", fontName=BOLD, fontSize=8, leading=10, textColor=NAVY)
        self.cell_head_right = _style(
            "cell_head_right", fontName=BOLD, fontSize=8, leading=10, textColor=NAVY, alignment=TA_RIGHT
        )
        self.cell_number = _style("cell_number", fontSize=8, leading=10, alignment=TA_RIGHT)
        self.cell_muted = _style("cell_muted", fontSize=7, leading=9, textColor=MUTED)
        self.cell_small = _style("cell_small", fontSize=7, leading=8.5)
        # The targets table: a cabinet table of 2008 holds 15 to 20 targets a page.
        self.row = _style("row", fontSize=7.5, leading=8.8)
        self.row_bold = _style("row_bold", fontName=BOLD, fontSize=7.5, leading=8.8)
        self.row_comment = _style("row_comment", fontSize=6.8, leading=8)
        self.cell_small_right = _style("cell_small_right", fontSize=6.5, leading=8, textColor=MUTED, alignment=TA_RIGHT)
        self.cell_muted_right = _style("cell_muted_right", fontSize=8, leading=10, textColor=MUTED, alignment=TA_RIGHT)
        self.cell_not_set = _style(
            "cell_not_set", fontName=ITALIC, fontSize=8, leading=10, textColor=MUTED, alignment=TA_RIGHT
        )
        self.cell_deferred = _style("cell_deferred", fontName=ITALIC, fontSize=8, leading=10, textColor=MUTED)
        self.cover_title = _style("cover_title", fontName=BOLD, fontSize=26, leading=32, textColor=NAVY)
        self.cover_area = _style("cover_area", fontName=BOLD, fontSize=20, leading=25, spaceBefore=6)
        self.cover_line = _style("cover_line", fontSize=11, leading=15)
        self.cover_warning = _style(
            "cover_warning", fontName=BOLD, fontSize=12, leading=16, textColor=INTERNAL_RED, alignment=TA_LEFT
        )
        self.chart_title = _style("chart_title", fontName=BOLD, fontSize=8.5, leading=10.5)
        self.chart_note = _style("chart_note", fontSize=7.5, leading=9.5, textColor=MUTED)
        self.toc1 = _style("toc1", fontSize=10.5, leading=15, leftIndent=0, firstLineIndent=0)
        self.toc2 = _style("toc2", fontSize=9, leading=12, leftIndent=16, firstLineIndent=0, textColor=MUTED)

    def p(self, value: object, style: Any = None) -> Any:
        """A Paragraph of user text, printed literally."""
        return Paragraph(text(value), style or self.body)

    def markup(self, markup: str, style: Any = None) -> Any:
        """A Paragraph of markup this package built (user parts already passed through text())."""
        return Paragraph(markup, style or self.body)


_PLAIN_CELL = _style("plain_cell", fontSize=8, leading=10)


def _cell(value: Any) -> Any:
    """A cell as the table draws it: text in a plain string would be drawn in one font, with no
    fallback for glyphs it lacks and no right-to-left order, so it becomes a Paragraph too."""
    if isinstance(value, str) and value:
        return Paragraph(text(value), _PLAIN_CELL)
    return value


def make_table(data: list[list[Any]], col_widths: list[float], commands: list[tuple[Any, ...]], **options: Any) -> Any:
    """A platypus table whose cells are Paragraphs, flowables or empty, with DejaVu Sans as the cell
    font: a table left to its default uses Helvetica, which would put an unembedded base-14 font in."""
    table = LongTable([[_cell(value) for value in row] for row in data], colWidths=col_widths, **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands]))
    return table
