"""Page templates of the PDF pack: portrait and landscape A4, the marking in every header, page X of Y.

"Page X of Y" needs the page count before any page is finished, so the canvas holds each page
back and draws the headers and footers when the document is saved (the usual reportlab recipe).
The contents page and the PDF outline come from Heading flowables as they are laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph

from laadesk.export.pdf_styles import BOLD, INK, INTERNAL_RED, MUTED, NAVY, REGULAR, RULE, shortened, text

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
TOP_MARGIN = 66.0
BOTTOM_MARGIN = 56.0
SIDE_MARGINS = {PORTRAIT: 50.0, LANDSCAPE: 36.0}
CONTENTS_LIMIT = 150  # characters of a heading shown in the contents and the outline
SIZES = {PORTRAIT: A4, LANDSCAPE: landscape(A4)}


def frame_width(orientation: str) -> float:
    return float(SIZES[orientation][0] - 2 * SIDE_MARGINS[orientation])


def frame_height(orientation: str) -> float:
    return float(SIZES[orientation][1] - TOP_MARGIN - BOTTOM_MARGIN)


@dataclass(frozen=True)
class Furniture:
    """What every page's header and footer say."""

    marking: str
    internal: bool
    running_title: str  # "Kingsmere - Local Area Agreement 2008-11"
    edition: str  # "Version 3 - draft"
    generated: str  # "Generated 1 Jun 2008 by laadesk"


def _fitted_lines(value: str, font: str, width: float) -> tuple[list[str], float]:
    """The marking on as few lines as a readable size allows: shrink a little, then wrap."""
    for size in (8.5, 7.5, 6.5):
        lines = simpleSplit(value, font, size, width)
        if len(lines) <= 1:
            return lines, size
    return simpleSplit(value, font, 6.5, width), 6.5


def draw_furniture(canvas: Any, furniture: Furniture, page: int, total: int) -> None:
    """Header (marking, running title, edition) and footer (marking, generated, page X of Y)."""
    width, height = canvas._pagesize
    side = SIDE_MARGINS[LANDSCAPE if width > height else PORTRAIT]
    usable = width - 2 * side
    marking_colour = INTERNAL_RED if furniture.internal else INK
    canvas.saveState()
    lines, size = _fitted_lines(furniture.marking, BOLD, usable)
    canvas.setFillColor(marking_colour)
    y = height - 24
    for line in lines:
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(width / 2, y, line)
        y -= size + 1.5
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    title_y = min(y - 4, height - 44)
    edition_width = canvas.stringWidth(furniture.edition, REGULAR, 7.5)
    title_lines = simpleSplit(furniture.running_title, REGULAR, 7.5, usable - edition_width - 12)
    canvas.drawString(side, title_y, title_lines[0] if title_lines else "")
    canvas.drawRightString(width - side, title_y, furniture.edition)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(side, title_y - 5, width - side, title_y - 5)

    canvas.line(side, 42, width - side, 42)
    lines, size = _fitted_lines(furniture.marking, BOLD, usable)
    canvas.setFillColor(marking_colour)
    y = 31
    for line in lines[:2]:
        canvas.setFont(BOLD, size)
        canvas.drawCentredString(width / 2, y, line)
        y -= size + 1
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(side, 16, furniture.generated)
    canvas.setFillColor(NAVY)
    canvas.drawRightString(width - side, 16, f"Page {page} of {total}")
    canvas.restoreState()


def canvas_maker(furniture: Furniture, counted: list[int]) -> type:
    """A Canvas class that draws the furniture on every page once the page count is known."""

    class PackCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                draw_furniture(self, furniture, number, total)
                Canvas.showPage(self)
            counted.append(total)
            Canvas.save(self)

    return PackCanvas


@dataclass(frozen=True)
class HeadingEntry:
    title: str  # plain user-facing text
    level: int  # 0 for a section, 1 for a part of one
    key: str  # the bookmark name


def heading(title: str, style: Any, level: int, key: str) -> Any:
    """A section heading: an entry in the contents and the PDF outline as well as a paragraph."""
    paragraph = Paragraph(text(title), style)
    paragraph.pack_heading = HeadingEntry(title, level, key)
    return paragraph


class PackDocument(BaseDocTemplate):  # type: ignore[misc]
    """A4 portrait and landscape templates; headings feed the contents and the outline."""

    def __init__(self, output: Any, **kwargs: Any) -> None:
        super().__init__(output, pagesize=A4, initialFontName=REGULAR, **kwargs)
        templates = []
        for orientation in (PORTRAIT, LANDSCAPE):
            width, height = SIZES[orientation]
            side = SIDE_MARGINS[orientation]
            frame = Frame(
                side,
                BOTTOM_MARGIN,
                width - 2 * side,
                height - TOP_MARGIN - BOTTOM_MARGIN,
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
                id=orientation,
            )
            templates.append(PageTemplate(id=orientation, frames=[frame], pagesize=(width, height)))
        self.addPageTemplates(templates)

    def afterFlowable(self, flowable: Any) -> None:
        entry = getattr(flowable, "pack_heading", None)
        if isinstance(entry, HeadingEntry):
            self.canv.bookmarkPage(entry.key)
            label = shortened(entry.title, CONTENTS_LIMIT)
            self.canv.addOutlineEntry(label, entry.key, entry.level, closed=entry.level > 0)
            # The contents page renders its entries as Paragraph markup: pass the escaped text.
            self.notify("TOCEntry", (entry.level, text(label), self.page, entry.key))


def turn_to(orientation: str) -> list[Any]:
    """Flowables that start the next content on a new page of this orientation."""
    return [NextPageTemplate(orientation), PageBreak()]


ProgressCallback = Callable[[int, int], None]
