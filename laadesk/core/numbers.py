"""Reading and writing target levels as people type them: "12.5%", "1,234", "£2,000", blank."""

from __future__ import annotations

import math
import re

# Plainly a number as a person types one: a sign, a currency mark, digits with commas only between
# groups of three, a decimal point, a percent sign; or an accounting negative "(12)". Anything else
# ("12,5", "44 20 7946 0000", "12-14%") is not read as a figure: laadesk never guesses one.
_PLAIN = re.compile(
    r"""^(?P<sign>[+\-−]?)[£$]?\s?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)?(?P<fraction>\.\d+)?(?:[eE][+\-]?\d+)?\s?%?$"""
)
_ACCOUNTING = re.compile(r"^\((?P<inner>[^()]*)\)$")
_BLANKS = ("", "-", "\u2013", "\u2014")


def parse_level(text: str) -> float | None:
    """A number from a cell, or None for a blank (or a lone dash). Raises ValueError with a sentence."""
    if "_" not in text:  # Python's float reads "1_000"; a person would not
        try:  # most cells hold a plain number: no need to look closer
            plain = float(text)
        except ValueError:
            pass
        else:
            if math.isfinite(plain):
                return plain
    cleaned = text.strip().replace("\u00a0", " ")
    if cleaned in _BLANKS:
        return None
    negative = _ACCOUNTING.match(cleaned)
    if negative:
        cleaned = "-" + negative.group("inner").strip()
    match = _PLAIN.match(cleaned)
    if match is None or not (match.group("digits") or match.group("fraction")):
        raise ValueError(f"'{text.strip()}' is not a number")
    number = cleaned.replace("\u2212", "-")
    number = re.sub(r"[£$%,\s]", "", number)
    value = float(number)
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


def format_figure(value: float | None) -> str:
    """A level as a printed table shows it: format_level's digits, grouped in thousands ("1,180",
    "12,345.5", "-2,000"); parse_level reads it back as the same number."""
    plain = format_level(value)
    if not plain or "e" in plain or "n" in plain:  # a blank, exponent form, nan, inf: as they are
        return plain
    sign = "-" if plain.startswith("-") else ""
    whole, dot, fraction = plain.lstrip("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"
