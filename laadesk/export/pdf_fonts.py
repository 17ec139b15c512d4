"""The PDF pack's fonts: DejaVu Sans for the page, and fallbacks for the characters it has no glyph for.

Every font is a TrueType file shipped in resources/fonts (reportlab embeds a subset of each, so
every font in the file is embedded; it cannot use CFF/OpenType outlines, and colour emoji fonts
have none it can draw). DejaVu Sans covers Latin, Greek, Cyrillic, Arabic and Hebrew; Droid Sans
Fallback covers Chinese, Japanese and Korean; a subset of Symbola covers emoji and symbols, in
black and white. A run of text the page font lacks is printed in the first fallback that has it.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from laadesk.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
CJK = "DroidSansFallback"
SYMBOLS = "Symbola"

FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    CJK: "DroidSansFallback.ttf",
    SYMBOLS: "Symbola-subset.ttf",
}
# Tried in this order for a character the run's own font lacks: the upright face first, so an
# Arabic word in italic text prints upright rather than not at all.
FALLBACKS = (REGULAR, BOLD, CJK, SYMBOLS)

# Marks and format characters (accents, vowel signs, joiners): kept in the font of the letter before them.
_MARKS = frozenset(("Cf", "Mn", "Me"))


def _invisible(char: str) -> bool:
    """Format characters and variation selectors print nothing: no font need have a glyph for them."""
    point = ord(char)
    return unicodedata.category(char) == "Cf" or 0xFE00 <= point <= 0xFE0F or 0xE0100 <= point <= 0xE01EF


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with characters beyond U+FFFF written as UTF-16 surrogate pairs.

    A ToUnicode CMap maps each glyph code to UTF-16BE (PDF 1.7, 9.10.3); reportlab 5.1 writes the
    code point itself ("<%04X>"), so U+1F389 became "<1F389>", which readers take as U+1F38 and
    a stray byte: emoji printed but pdftotext and copy-paste gave Greek letters instead.
    """
    cmap: str = _reportlab_to_unicode_cmap(fontname, subset)
    for code, point in enumerate(subset):
        if point > 0xFFFF:
            utf16 = chr(point).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{code:02X}> <{point:04X}>\n", f"<{code:02X}> <{utf16}>\n")
    return cmap


def register_fonts() -> None:
    """Register the DejaVu family; <b> and <i> map to its bold and oblique faces (bold italic to bold)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # read by TTFont.addObjects when a PDF is saved
    for name in (REGULAR, BOLD, ITALIC):
        _font(name)
    family = REGULAR.lower()
    addMapping(family, 0, 0, REGULAR)
    addMapping(family, 1, 0, BOLD)
    addMapping(family, 0, 1, ITALIC)
    addMapping(family, 1, 1, BOLD)


@cache
def _font(name: str) -> TTFont:
    """The font registered under name, loaded from resources/fonts the first time it is needed."""
    if name in pdfmetrics.getRegisteredFontNames():
        return pdfmetrics.getFont(name)
    font = TTFont(name, str(resource_path("fonts", FILES[name])))
    pdfmetrics.registerFont(font)
    return font


@cache
def coverage(name: str) -> frozenset[int]:
    """The code points a font has a glyph for, read from its cmap once."""
    return frozenset(_font(name).face.charToGlyph)


def _font_for(char: str, own: str) -> str | None:
    """The font to print char in; None for an invisible character that no font has (nothing to print)."""
    point = ord(char)
    if point in coverage(own):
        return own
    for fallback in FALLBACKS:
        if point in coverage(fallback):
            return fallback
    if _invisible(char):
        return None
    return own  # no shipped font has it: the page font's "missing glyph" box at least shows it is there


def font_runs(value: str, own: str) -> list[tuple[str, str]]:
    """value cut into (font, text) runs: own wherever it has the glyphs, a fallback where it has not.

    A combining mark or joiner stays with the run before it when that font has it, so a base
    letter and its accents, or an emoji sequence, are not pulled apart between fonts.
    """
    if value.isascii():
        return [(own, value)]
    runs: list[tuple[str, str]] = []
    current, piece = own, ""
    for char in value:
        if char.isascii():
            font = own
        elif piece and unicodedata.category(char) in _MARKS and ord(char) in coverage(current):
            font = current
        else:
            found = _font_for(char, own)
            if found is None:
                continue
            font = found
        if font != current and piece:
            runs.append((current, piece))
            piece = ""
        current = font
        piece += char
    if piece:
        runs.append((current, piece))
    return runs
