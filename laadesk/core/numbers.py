"""Reading and writing target levels as people type them: "12.5%", "1,234", "£2,000", blank."""

from __future__ import annotations

import math
import re

_STRIP = re.compile(r"[\s,£$%\u00a0]")


def parse_level(text: str) -> float | None:
    """A number from a cell, or None for a blank. Raises ValueError with a sentence."""
    try:  # most cells hold a plain number: no need to clean them first
        plain = float(text)
    except ValueError:
        pass
    else:
        if math.isfinite(plain):
            return plain
    cleaned = _STRIP.sub("", text.strip())
    if cleaned in ("", "-", "\u2013", "\u2014"):
        return None
    # Accounting-style negatives "(12)" and unicode minus signs.
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = "-" + cleaned[1:-1]
    cleaned = cleaned.replace("\u2212", "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text.strip()}' is not a number")
    return value


def format_level(value: float | None) -> str:
    """The shortest text that reads back as the same number ("" for a blank)."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)
