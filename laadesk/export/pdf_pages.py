"""Page templates of the PDF pack: portrait and landscape A4, the marking in every header, page X of Y.

"Page X of Y" needs the page count before any page is finished, so the canvas holds each page
back and draws the headers and footers when the document is saved (the usual reportlab recipe);
the contents' page numbers are drawn then too (see pdf_contents), so one layout pass does. The
PDF outline comes from the heading flowables as they are laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

from laadesk.export.pdf_contents import ContentsList, HeadingEntry, PageNumberMark, draw_page_number, headings_in
from laadesk.export.pdf_lines import draw_line, line_width, wrapped
from laadesk.export.pdf_styles import BOLD, INK, INTERNAL_RED, MUTED, NAVY, REGULAR, RULE

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
TOP_MARGIN = 66.0
BOTTOM_MARGIN = 56.0
SIDE_MARGINS = {PORTRAIT: 50.0, LANDSCAPE: 36.0}
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
    as_at: str  # "As at 20 Jun 2008"


@lru_cache(maxsize=64)
def _fitted_lines(value: str, font: str, width: float) -> tuple[list[str], float]:
    """The marking on as few lines as a readable size allows: shrink a little, then wrap."""
    for size in (8.5, 7.5, 6.5):
        lines = wrapped(value, font, size, width)
        if len(lines) <= 1:
            return lines, size
    return wrapped(value, font, 6.5, width), 6.5


@lru_cache(maxsize=64)
def _title_line(title: str, edition: str, width: float) -> str:
    """As much of the running title as fits beside the edition (its first line)."""
    lines = wrapped(title, REGULAR, 7.5, width - line_width(edition, REGULAR, 7.5) - 12)
    return lines[0] if lines else ""


def draw_furniture(canvas: Any, furniture: Furniture, page: int, total: int) -> None:
    """Header (marking, running title, edition) and footer (marking, as at, page X of Y)."""
    width, height = canvas._pagesize
    side = SIDE_MARGINS[LANDSCAPE if width > height else PORTRAIT]
    usable = width - 2 * side
    marking_colour = INTERNAL_RED if furniture.internal else INK
    canvas.saveState()
    lines, size = _fitted_lines(furniture.marking, BOLD, usable)
    canvas.setFillColor(marking_colour)
    y = height - 24
    for line in lines:
        draw_line(canvas, width / 2, y, line, BOLD, size, "middle")
        y -= size + 1.5
    canvas.setFillColor(MUTED)
    title_y = min(y - 4, height - 44)
    draw_line(canvas, side, title_y, _title_line(furniture.running_title, furniture.edition, usable), REGULAR, 7.5)
    draw_line(canvas, width - side, title_y, furniture.edition, REGULAR, 7.5, "end")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(side, title_y - 5, width - side, title_y - 5)

    canvas.line(side, 42, width - side, 42)
    canvas.setFillColor(marking_colour)
    y = 31
    for line in lines[:2]:
        draw_line(canvas, width / 2, y, line, BOLD, size, "middle")
        y -= size + 1
    canvas.setFillColor(MUTED)
    draw_line(canvas, side, 16, furniture.as_at, REGULAR, 7.5)
    canvas.setFillColor(NAVY)
    draw_line(canvas, width - side, 16, f"Page {page} of {total}", REGULAR, 7.5, "end")
    canvas.restoreState()


def canvas_maker(furniture: Furniture, counted: list[int]) -> type:
    """A Canvas class that draws the furniture and the contents' page numbers once every page is laid out."""

    class PackCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints, so its classes are Any to subclass
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []
            self.contents_marks: list[PageNumberMark] = []  # filled as the contents is drawn
            self.heading_pages: dict[str, int] = {}  # filled by PackDocument as headings are laid out

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                draw_furniture(self, furniture, number, total)
                for mark in self.contents_marks:
                    if mark.page == number - 1:
                        draw_page_number(self, mark, self.heading_pages[mark.key])
                Canvas.showPage(self)
            counted.append(total)
            # Streams are written binary (Flate only), not also ASCII85-encoded as reportlab does by
            # default to keep a file 7-bit clean: a tenth smaller, and faster to write. reportlab
            # reads the setting as it writes each stream, so it is switched only while this file is.
            a85 = rl_config.useA85
            rl_config.useA85 = 0
            try:
                Canvas.save(self)
            finally:
                rl_config.useA85 = a85

    return PackCanvas


class PackDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab has no type hints, so its classes are Any to subclass
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

    def build(self, flowables: list[Any], **options: Any) -> None:
        """Lay the story out once; the contents gets the story's headings before anything is laid out."""
        headings = headings_in(flowables)
        for flowable in flowables:
            if isinstance(flowable, ContentsList):
                flowable.entries = headings
        super().build(flowables, **options)

    def afterFlowable(self, flowable: Any) -> None:
        entry = getattr(flowable, "pack_heading", None)
        if isinstance(entry, HeadingEntry):
            self.canv.bookmarkPage(entry.key)
            self.canv.addOutlineEntry(entry.label, entry.key, entry.level, closed=entry.level > 0)
            self.canv.heading_pages[entry.key] = self.page


def laid_out(
    flow: list[Any], furniture: Furniture, *, title: str, subject: str, keywords: list[str]
) -> tuple[bytes, int]:
    """A document laid out in one pass with these headers and footers: its bytes and its number of pages."""
    buffer = BytesIO()
    document = PackDocument(
        buffer,
        title=title,
        subject=subject,
        author="laadesk",
        creator="laadesk",
        keywords=keywords,
        lang="en-GB",
        displayDocTitle=1,
    )
    counted: list[int] = []
    document.build(flow, canvasmaker=canvas_maker(furniture, counted))
    return buffer.getvalue(), counted[-1]


def turn_to(orientation: str) -> list[Any]:
    """Flowables that start the next content on a new page of this orientation."""
    return [NextPageTemplate(orientation), PageBreak()]


ProgressCallback = Callable[[int, int], None]
