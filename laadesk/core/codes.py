"""Indicator codes: "NI 116" for the National Indicator Set, "L1" for an area's own."""

from __future__ import annotations

import re

_NI = re.compile(r"^\s*(?:NI[\s_-]*)?0*(\d{1,4})\s*$", re.IGNORECASE)
_LOCAL = re.compile(r"^\s*L[\s_-]*0*(\d{1,4})\s*$", re.IGNORECASE)


def parse_code(text: str) -> str:
    """Normalise `116`, `NI 116`, `NI116`, `ni-116` to "NI 116" and `l 3` to "L3".

    Raises ValueError with a sentence for anything else.
    """
    match = _NI.match(text)
    if match:
        return f"NI {int(match.group(1))}"
    match = _LOCAL.match(text)
    if match and int(match.group(1)) > 0:
        return f"L{int(match.group(1))}"
    shown = text.strip() or "(blank)"
    raise ValueError(
        f"'{shown}' is not an indicator code; use a number such as 116 or NI 116, or L1, L2... for a local indicator"
    )


def is_national(code: str) -> bool:
    return code.startswith("NI ")


def ni_number(code: str) -> int:
    """The number of a National Indicator code ("NI 116" -> 116)."""
    return int(code[3:])


def sort_key(code: str) -> tuple[int, int]:
    """National indicators by number, then local ones by number."""
    if is_national(code):
        return (0, ni_number(code))
    return (1, int(code[1:]))
