"""Right-to-left text for the PDF pack: Arabic letters joined, and each line put in the order it is seen.

reportlab draws characters left to right, one glyph per character, with no shaping. Its own
bidi support needs the rlbidi package, which is not on PyPI, and reportlab 5.1 switches it off
for any paragraph of more than one fragment (a font change, any markup); its optional shaping
(uharfbuzz) shapes Latin text too, into ligatures that pdftotext reads back as "ﬁrms". So
laadesk does both itself:

- Arabic is joined with arabic-reshaper, which writes each joining letter as its initial, medial
  or final presentation form (U+FB50-U+FEFF; lam-alef as one ligature), in logical order. Text
  copied out of the PDF therefore holds presentation forms, which NFKC turns back into the
  letters. Only the forms and ligatures DejaVu Sans draws are used; marks (harakat) are kept.
  This is not full OpenType shaping: Urdu prints in naskh, not nastaliq, and scripts that need
  shaping and have no font here (Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Thai...) print
  as the missing-glyph box.
- Lines are reordered with the Unicode bidirectional algorithm (python-bidi's implementation of
  UAX #9 with embeddings; bracket pairs and isolates, added to UAX #9 in 6.3, are not resolved).
  reportlab breaks lines in logical order; each line is then drawn in visual order, so a
  right-to-left sentence that wraps reads on from its first line to its second.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from arabic_reshaper import ArabicReshaper  # type: ignore[import-untyped]  # ships no type hints
from bidi import algorithm as uba  # type: ignore[import-untyped]  # ships no type hints

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms, the
# right-to-left supplementary scripts, and the marks that start right-to-left text.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff\u200f\u202b\u202e\u2067]"
)
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def has_rtl(value: str) -> bool:
    return not value.isascii() and _RTL.search(value) is not None


@cache
def _reshaper() -> Any:
    return ArabicReshaper(
        configuration={
            "delete_harakat": False,  # vowel marks are part of the text: never drop them
            "shift_harakat_position": False,
            "use_unshaped_instead_of_isolated": True,  # an isolated letter stays the letter itself
            "support_ligatures": True,
            "ARABIC LIGATURE ALLAH": False,  # only lam-alef, which every Arabic font draws
        }
    )


def joined_arabic(value: str, drawable: frozenset[int]) -> str:
    """Arabic letters in their joined presentation forms; a form the font cannot draw stays the plain letter."""
    if value.isascii() or not _ARABIC.search(value):
        return value
    joined: str = _reshaper().reshape(value)
    return _PRESENTATION_FORM.sub(
        lambda m: m.group() if ord(m.group()) in drawable else unicodedata.normalize("NFKC", m.group()), joined
    )


def base_is_rtl(value: str) -> bool:
    """The paragraph direction of UAX #9 (rules P2, P3): that of its first strong character."""
    for char in value:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def visual_order(line: str, rtl: bool) -> list[tuple[int, str]]:
    """The characters of one line as seen from left to right, each with its index in line.

    Brackets are mirrored in right-to-left runs ("(" shows as ")"), embedding controls drop out,
    and a combining mark is kept after its base letter so it is drawn over that letter (L3).
    """
    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(line, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    order: list[tuple[int, str]] = []
    marks: list[tuple[int, str]] = []
    for char in storage["chars"]:
        entry = (char["index"], char["ch"])
        if char["level"] % 2 and unicodedata.category(char["ch"]) == "Mn":
            marks.append(entry)  # reversed ahead of its base: it follows the base once that is out
            continue
        order.append(entry)
        order += reversed(marks)
        marks = []
    return order + marks[::-1]


def visual_text(line: str) -> str:
    """One line of text as drawn left to right (for strings drawn straight onto the canvas)."""
    if not has_rtl(line):
        return line
    return "".join(char for _, char in visual_order(line, base_is_rtl(line)))
