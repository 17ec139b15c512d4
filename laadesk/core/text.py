"""Decoding text files the way Excel on Windows and everything else writes them, and showing
text from a file safely on one line."""

from __future__ import annotations

import codecs
import re

# Invisible characters that would break a one-line message or act on a terminal: C0 and C1
# controls (escape sequences), DEL, and the explicit bidirectional overrides and isolates
# that can make a line read differently from what it holds ("Trojan Source").
# Zero-width characters and byte-order marks are escaped in messages too: "'\ufeffni' is not a
# column" must not read as "'ni' is not a column".
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# The same, less the tab and the line and page breaks a cell of text may hold (Word pastes
# its manual line break as \x0b): never part of the exchange layout - the import refuses them,
# the export leaves them out, as the PDF and Excel packs do.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """Text with the invisible control characters of CONTROL_CHARACTERS taken out."""
    return CONTROL_CHARACTERS.sub("", text)


def decode_text(data: bytes, *, allow_nul: bool = False) -> str:
    """UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, UTF-16 without one, else
    Windows-1252. NULs are refused unless allow_nul (the caller then names where they are).

    Raises ValueError with a sentence when the bytes cannot be text.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _decode(data, "utf-32", "UTF-32")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16", "UTF-16")
    elif (unmarked := _unmarked_utf16(data)) is not None:
        text = _decode(data, unmarked, "UTF-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ValueError("the file is not text (neither UTF-8 nor Windows-1252)") from None
    if "\x00" in text and not allow_nul:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ValueError(f"the file contains a NUL byte on line {line}, so it is not a text file")
    return text


def _decode(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise ValueError(f"the file says it is {name} but is not valid {name}") from None


def _unmarked_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text saved as UTF-16 without a byte-order mark.

    Such text is mostly ASCII with a NUL beside every character; Windows-1252 or UTF-8 text
    has NULs only when damaged. Tell them apart by where the NULs fall in the first 4 KB.
    """
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    # A few characters have a NUL on the other side (U+0100, U+0300...), and in a short file two
    # of them are already a fifth of it: allow up to one for every four on the ASCII side.
    if odd >= 0.75 * pairs and even <= max(1.0, odd / 4):
        return "utf-16-le"
    if even >= 0.75 * pairs and odd <= max(1.0, even / 4):
        return "utf-16-be"
    return None


def visible(text: str) -> str:
    """Text safe to print on one line of a message: invisible characters written as \\x1b, \\n, \\u202e."""

    def escape(match: re.Match[str]) -> str:
        character = match.group()
        known = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
        if character in known:
            return known[character]
        code = ord(character)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _INVISIBLE.sub(escape, text)


def one_spaced(text: str) -> str:
    """The text with each run of spaces and line breaks made one space, none at either end."""
    return " ".join(text.split())
