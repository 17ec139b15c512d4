"""Dates as officers type and read them: one reader and one writer for every date in laadesk.

Typed: 2008-06-30, 30/06/2008 or 30.6.08 or 30-6-2008 (UK order, day first), 30 June 2008,
30th Jun 2008, 30-Jun-2008, 30 Sept 2008. Two-digit years are this century's (the agreements
run 2008-11). Written: "30 Jun 2008", which a UK reader cannot take the wrong way round and
parse_date reads back.
"""

from __future__ import annotations

import re
from datetime import date, datetime

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE_HINT = "type it as 30/06/2008, 30 Jun 2008 or 2008-06-30"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)\.?,?[\s\-]+(\d{2}|\d{4})$")


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month(word: str) -> int:
    """1-12 for "jun", "june", "sept"...; 0 for a word that is no month."""
    for number, name in enumerate(MONTH_NAMES, start=1):
        if len(word) >= 3 and name.lower().startswith(word):
            return number
    return 0


def parse_date(text: str) -> date | None:
    """The date a person typed; blank is None. Raises ValueError with a sentence for anything else."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return None
    shown = text.strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO.match(cleaned):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := _DAY_FIRST.match(cleaned):
        parts = (_year(match.group(3)), int(match.group(2)), int(match.group(1)))
    elif (match := _WORDS.match(cleaned)) and (month := _month(match.group(2))):
        parts = (_year(match.group(3)), month, int(match.group(1)))
    if parts is None:
        raise ValueError(f"'{shown}' is not a date; {DATE_HINT}")
    year, month, day = parts
    if not 1 <= month <= 12:
        raise ValueError(f"'{shown}' is not a date: there is no month {month} (dates are day first, 30/06/2008)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{shown}' is not a date: {MONTH_NAMES[month - 1]} {year} has no day {day}") from None


def format_date(value: date | None) -> str:
    """ "30 Jun 2008" ("" for no date)."""
    if value is None:
        return ""
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


def format_moment(text: str) -> str:
    """A moment the workbook recorded (ISO 8601, UTC) in the officer's own time: "7 Dec 2008 14:05";
    anything that is not such a moment, as it is."""
    try:
        moment = datetime.fromisoformat(text).astimezone()
    except ValueError:
        return text
    return f"{format_date(moment.date())} {moment:%H:%M}"


def format_long_date(value: date | None) -> str:
    """ "24 June 2008", as a council minute or a pack's cover writes a date ("" for no date)."""
    if value is None:
        return ""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
