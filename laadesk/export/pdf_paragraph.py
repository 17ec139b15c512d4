"""The pack's Paragraph: reportlab's, made to print any script - the one kind of Paragraph the pack uses.

Once its markup is parsed, each run of text the run's font has no glyphs for moves to a fallback
font that has them (see pdf_fonts), and Arabic is joined (see pdf_bidi). Lines are broken in
logical order, as reportlab does; a line holding right-to-left text is put in visual order only
when it is drawn, so splitting a paragraph across pages sees the text as it was written. A
paragraph whose first strong character is right-to-left is also right-aligned, as its readers
expect, when its style would align it left.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.platypus import Paragraph as ReportlabParagraph

from laadesk.export.pdf_bidi import base_is_rtl, has_rtl, joined_arabic, visual_order
from laadesk.export.pdf_fonts import REGULAR, coverage, font_runs


def _prepared(frags: list[Any]) -> list[Any]:
    """The parsed fragments with Arabic joined and every run in a font that has its glyphs."""
    out: list[Any] = []
    for frag in frags:
        value = getattr(frag, "text", "")
        if not value or value.isascii() or hasattr(frag, "cbDefn"):
            out.append(frag)
            continue
        value = joined_arabic(value, coverage(REGULAR))
        runs = font_runs(value, frag.fontName)
        if len(runs) == 1 and runs[0][0] == frag.fontName:
            frag.text = runs[0][1]
            out.append(frag)
        else:
            out += [frag.clone(fontName=font, text=piece) for font, piece in runs]
    return out


class Paragraph(ReportlabParagraph):  # type: ignore[misc]  # reportlab has no type hints, so Paragraph is Any to subclass
    """A reportlab Paragraph that prints every script the pack's fonts cover, right-to-left lines included."""

    frags: list[Any]
    blPara: Any
    style: Any
    align_right_to_left = True  # a right-to-left paragraph in a left-aligned style is drawn right-aligned

    def __init__(
        self,
        text: Any,
        style: Any = None,
        bulletText: Any = None,
        frags: Any = None,
        caseSensitive: int = 1,
        encoding: str = "utf8",
    ) -> None:
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
        self.rtl_base: bool | None = None  # None: no right-to-left text; else the paragraph direction
        # Parsed from markup here; split() hands its pieces fragments already prepared.
        if frags is None and not all(getattr(f, "text", "").isascii() for f in self.frags):
            self.frags = _prepared(self.frags)
            plain = "".join(getattr(f, "text", "") for f in self.frags)
            if has_rtl(plain):
                self.rtl_base = base_is_rtl(plain)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        pieces: list[Any] = super().split(availWidth, availHeight)
        for piece in pieces:
            piece.rtl_base = self.rtl_base
        return pieces

    def drawPara(self, debug: int = 0) -> Any:
        if self.rtl_base is None:
            return super().drawPara(debug)
        logical, style = self.blPara, self.style
        self.blPara = _visual_lines(logical, self.rtl_base)
        if self.rtl_base and self.align_right_to_left and style.alignment == TA_LEFT:
            self.style = _right_aligned(style)
        try:
            return super().drawPara(debug)
        finally:
            self.blPara, self.style = logical, style


_RIGHT_ALIGNED: dict[int, Any] = {}


def _right_aligned(style: Any) -> Any:
    key = id(style)
    if key not in _RIGHT_ALIGNED:
        flipped = copy(style)
        flipped.alignment = TA_RIGHT
        _RIGHT_ALIGNED[key] = (style, flipped)  # the style kept alive so its id is not reused
    return _RIGHT_ALIGNED[key][1]


def _visual_lines(para_lines: Any, rtl: bool) -> Any:
    """A copy of reportlab's broken lines with each line holding right-to-left text in visual order."""
    if para_lines.kind == 0:  # one font: lines are (extra space, [words])
        lines = []
        for extra, words in para_lines.lines:
            joined = " ".join(words)
            if has_rtl(joined):
                words = "".join(char for _, char in visual_order(joined, rtl)).split(" ")
            lines.append((extra, words))
        return para_lines.clone(lines=lines)
    return para_lines.clone(lines=[_visual_fragments(line, rtl) for line in para_lines.lines])


def _visual_fragments(line: Any, rtl: bool) -> Any:
    """One line of several fonts: its characters in visual order, regrouped into fragments by source fragment."""
    owners: list[int] = []
    pieces: list[str] = []
    # Callbacks and breaks hold no text: those after the last text stay at the end of the line
    # (where a contents line marks the end of its text), any others go to its start.
    leading: list[Any] = []
    trailing: list[Any] = []
    for number, frag in enumerate(line.words):
        value = getattr(frag, "text", "")
        if hasattr(frag, "cbDefn") or not value:
            trailing.append(frag)
            continue
        leading += trailing
        trailing = []
        owners += [number] * len(value)
        pieces.append(value)
    joined = "".join(pieces)
    if not has_rtl(joined):
        return line
    words: list[Any] = list(leading)
    owner, run = -1, ""
    for index, char in visual_order(joined, rtl):
        if owners[index] != owner and run:
            words.append(line.words[owner].clone(text=run))
            run = ""
        owner = owners[index]
        run += char
    if run:
        words.append(line.words[owner].clone(text=run))
    return line.clone(words=words + trailing)
