"""Decoding text files the way Excel on Windows and everything else writes them."""

from __future__ import annotations

import codecs


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. NULs are refused.

    Raises ValueError with a sentence when the bytes cannot be text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("the file says it is UTF-16 but is not valid UTF-16") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ValueError("the file is not text (neither UTF-8 nor Windows-1252)") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ValueError(f"the file contains a NUL byte on line {line}, so it is not a text file")
    return text
