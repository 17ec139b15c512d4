"""The contents page and the headings that feed it, laid out in one pass.

Every heading is in the story before layout starts, so the contents' lines - and so how many
pages it takes - are known at once; only the page numbers are not. Each line marks where its
text ends as it is drawn, and the page numbers (with their dot leaders and links) are drawn
there when the held-back pages are saved (see pdf_pages.canvas_maker), by which time every
heading has its page. reportlab's own TableOfContents needs a second layout pass instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from laadesk.export.pdf_styles import Paragraph, make_table, shortened, text

CONTENTS_LIMIT = 150  # characters of a heading shown in the contents and the outline
ENTRY_END = "packContentsEntryEnd"  # the canvas callback each contents line calls where its text ends
DOT = " . "


@dataclass(frozen=True)
class HeadingEntry:
    title: str  # plain user-facing text
    level: int  # 0 for a section, 1 for a part of one
    key: str  # the bookmark name

    @property
    def label(self) -> str:
        return shortened(self.title, CONTENTS_LIMIT)


def heading(title: str, style: Any, level: int, key: str) -> Any:
    """A section heading: an entry in the contents and the PDF outline as well as a paragraph."""
    paragraph = Paragraph(text(title), style)
    paragraph.pack_heading = HeadingEntry(title, level, key)
    return paragraph


def headings_in(flowables: list[Any]) -> list[HeadingEntry]:
    return [f.pack_heading for f in flowables if isinstance(getattr(f, "pack_heading", None), HeadingEntry)]


class ContentsLine(Paragraph):
    """A contents line keeps its style's alignment even for a right-to-left heading: its page number is on the right."""

    align_right_to_left = False


@dataclass(frozen=True)
class PageNumberMark:
    """Where a contents line's text ended, in page coordinates, and how to print its page number."""

    page: int  # index of the held-back page
    x: float
    y: float
    right: float
    key: str
    font: str
    size: float
    leading: float
    colour: Any


class ContentsList(Flowable):  # type: ignore[misc]  # reportlab has no type hints, so Flowable is Any to subclass
    """One line per heading, in the heading's level style; page numbers are drawn when the pages are saved."""

    def __init__(self, level_styles: list[Any]) -> None:
        super().__init__()
        self.level_styles = level_styles
        self.entries: list[HeadingEntry] = []  # given by PackDocument.build from the story
        self._table: Any = None

    def _style(self, level: int) -> Any:
        return self.level_styles[min(level, len(self.level_styles) - 1)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        rows = [
            [
                ContentsLine(
                    f'<a href="#{entry.key}">{text(entry.label)}</a>'
                    f'<onDraw name="{ENTRY_END}" label="{entry.level} {entry.key}"/>',
                    self._style(entry.level),
                )
            ]
            for entry in self.entries
        ]
        padding = [(f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")]
        self._table = make_table(rows, [availWidth], [("VALIGN", (0, 0), (-1, -1), "TOP"), *padding])
        # Registered here, not when drawn: a contents too long for its page is drawn as split tables.
        self.canv.setNamedCB(ENTRY_END, self._entry_end(availWidth))
        width, height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return float(width), float(height)

    def _entry_end(self, width: float) -> Any:
        """The callback that records where a line's text ended (in the line's own coordinates, whose
        x runs from 0 at the contents' left to width at its right)."""

        def entry_end(canvas: Any, kind: str, label: str) -> None:
            level, key = label.split(" ", 1)
            style = self._style(int(level))
            info = canvas._curr_tx_info
            a, b, c, d, e, f = canvas._currentMatrix
            x, y = info["cur_x"], info["cur_y"]
            canvas.contents_marks.append(
                PageNumberMark(
                    page=len(canvas._held_pages),
                    x=a * x + c * y + e,
                    y=b * x + d * y + f,
                    right=a * width + c * y + e,
                    key=key,
                    font=style.fontName,
                    size=float(style.fontSize),
                    leading=float(style.leading),
                    colour=style.textColor,
                )
            )

        return entry_end

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        pieces: list[Any] = self._table.splitOn(self.canv, availWidth, availHeight)
        return pieces

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self._table.drawOn(canvas, x, y, _sW)


def draw_page_number(canvas: Any, mark: PageNumberMark, page: int) -> None:
    """Dot leaders from the end of the line's text, then its page number at the right, linked to the heading."""
    number = str(page)
    width = stringWidth(number, mark.font, mark.size)
    dot_width = stringWidth(DOT, mark.font, mark.size)
    dots = max(0, int((mark.right - mark.x - width) / dot_width))
    canvas.saveState()
    canvas.setFont(mark.font, mark.size)
    canvas.setFillColor(mark.colour)
    canvas.drawString(mark.right - dots * dot_width - width, mark.y, DOT * dots + number)
    canvas.linkRect("", mark.key, (mark.right - width, mark.y, mark.right, mark.y + mark.leading), relative=0)
    canvas.restoreState()
