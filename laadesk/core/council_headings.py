"""What a council's column headings mean: the spellings 2008 tables used for each column of the
exchange layout ("NI ref", "Target 08/09", "Reason for deferral"...), and a heading as compared
(case, spaces, "&" and invisible characters set aside). Only a spelling named here, or a column's
own name, is matched; nothing is guessed."""

from __future__ import annotations

import re
from functools import lru_cache

from laadesk.core.exchange import COLUMNS

_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ni": (
        "ni",
        "ni ref",
        "ni no",
        "ni number",
        "ni code",
        "nis ref",
        "ni / local ref",
        "ni/local ref",
        "ref",
        "ref no",
        "reference",
        "code",
        "indicator code",
        "indicator ref",
        "indicator no",
        "pi ref",
        "pi",
        "indicator number",
        "ni or local ref",
        "ni ref / local ref",
    ),
    "title": (
        "title",
        "indicator",
        "indicator title",
        "indicator name",
        "indicator description",
        "description",
        "national indicator",
        "measure",
        "ni title",
        "indicator / measure",
        "local indicator",
        "indicators",
    ),
    "kind": ("kind", "type", "target type", "designated / statutory", "designated or statutory"),
    "status": ("status", "target status"),
    "baseline": ("baseline", "baseline value", "baseline (year)", "baseline figure", "current baseline"),
    "baseline_period": ("baseline period", "baseline year", "year of baseline", "period", "baseline date"),
    "units": ("units", "unit", "unit of measure", "units of measure", "measure unit", "units of measurement"),
    "lead_partner": (
        "lead partner",
        "lead",
        "lead agency",
        "lead organisation",
        "lead organization",
        "lead partner(s)",
        "lead body",
        "lead partner / agency",
    ),
    "partners": (
        "partners",
        "partners signed up",
        "partner(s)",
        "contributing partners",
        "other partners",
        "supporting partners",
        "delivery partners",
        "partners signed up to the target",
    ),
    "deferred_reason": (
        "deferred reason",
        "deferral reason",
        "reason deferred",
        "reason for deferral",
        "reason for deferring",
    ),
    "comment": ("comment", "comments", "notes", "note", "suggested changes", "remarks", "commentary"),
}
_WORDS = {spelling: column for column, spellings in _SPELLINGS.items() for spelling in spellings}
_YEARS = {
    "target_2008_09": re.compile(r"(?<!\d)(20)?08\s*[/-]\s*(20)?0?9(?!\d)"),
    "target_2009_10": re.compile(r"(?<!\d)(20)?09\s*[/-]\s*(20)?10(?!\d)"),
    "target_2010_11": re.compile(r"(?<!\d)(20)?10\s*[/-]\s*(20)?11(?!\d)"),
}
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")  # a doubled byte-order mark, zero-width spaces


def header_words(text: str) -> str:
    """A header cell as compared: lower case, "&" as "and", underscores and runs of spaces as one space."""
    cleaned = _INVISIBLE.sub("", text).replace("\u00a0", " ").replace("_", " ").replace("&", " and ").lower()
    return " ".join(cleaned.split()).strip(" :*")


_COLUMN_WORDS: dict[str, str] = {}  # the exchange layout's own names as compared: filled below


@lru_cache(maxsize=4096)
def match_header(text: str) -> str | None:
    """The exchange column a header cell names, if laadesk knows the spelling; else None."""
    words = header_words(text)
    if not words:
        return None
    if words in _WORDS:
        return _WORDS[words]
    if words in _COLUMN_WORDS:
        return _COLUMN_WORDS[words]
    if "baseline" in words:
        return "baseline_period" if re.search(r"\b(year|period|date)\b", words) and "(" not in text else "baseline"
    for column, pattern in _YEARS.items():
        if pattern.search(words):
            return column
    return None


_COLUMN_WORDS.update({header_words(column): column for column in COLUMNS})
