"""Indicator codes: "NI 116" for the National Indicator Set, and an area's own as it writes them ("L1",
"SI 14", "LPI 3", "CYP12", "Local 5")."""

from __future__ import annotations

import re

_NI = re.compile(r"^\s*(?:NI[\s_-]*)?0*(\d{1,4})\s*$", re.IGNORECASE)
_LOCAL = re.compile(r"^\s*L[\s_-]*0*(\d{1,4})\s*$", re.IGNORECASE)
# An area's own code: a few letters and a number ("SI 14", "LPI 3", "CYP12", "Local 5", "LAA 7b").
_OWN = re.compile(r"^\s*([A-Za-z]{1,10})[\s_.-]*(\d{1,4})([A-Za-z]?)\s*$")
# Two numbers joined: "NI 116/117", "116 & 117", "NI 116, NI 117", "NI 116 and 117".
_TWO = re.compile(r"\d\s*(?:/|&|\+|,|;|\band\b)\s*(?:NI\s*)?\d", re.IGNORECASE)
_LOOKS_NATIONAL = re.compile(r"^\s*NI(?![A-Za-z])", re.IGNORECASE)
NO_CODE = ("-", "–", "—")  # a dash in the code column: the row's indicator has no code of its own
MAX_CODE = 24  # longer is a title or a note in the code column, not a code
_HINT = "use a number such as 116 or NI 116, or the area's own code such as L1 or SI 14"


def parse_code(text: str) -> str:
    """A code typed by a person: `116`, `NI 116`, `NI116`, `ni-116` -> "NI 116"; `l 3` -> "L3"; an area's
    own code of letters and a number with its spaces tidied ("si  14" -> "si 14").

    Raises ValueError with a sentence for anything else.
    """
    match = _NI.match(text)
    if match:
        return f"NI {int(match.group(1))}"
    match = _LOCAL.match(text)
    if match and int(match.group(1)) > 0:
        return f"L{int(match.group(1))}"
    if _OWN.match(text) and not match and not _LOOKS_NATIONAL.match(text):
        return " ".join(text.split())
    shown = text.strip() or "(blank)"
    raise ValueError(f"'{shown}' is not an indicator code; {_HINT}")


def read_code(text: str) -> str:
    """A code as a table wrote it: national and L codes as parse_code reads them, any other code kept as
    written (spaces tidied); "" for a dash, which means the indicator has no code of its own.

    Raises ValueError with a sentence for a blank and for a code that names two indicators.
    """
    written = " ".join(text.split())
    if written in NO_CODE:
        return ""
    if not written:
        raise ValueError(f"'(blank)' is not an indicator code; {_HINT}")
    if len(written) > MAX_CODE:
        raise ValueError(f"'{written[:30]}...' is too long to be an indicator code")
    if _TWO.search(written):
        raise ValueError(f"'{written}' names two indicators; give each its own row")
    try:
        return parse_code(written)
    except ValueError:
        if _LOOKS_NATIONAL.match(written) or _LOCAL.match(written):
            raise  # "NI 12345", "L0": meant as a national or L code, and not one
        return written


def code_key(code: str) -> str:
    """What two spellings of one code share, for matching: "SI 14", "si14" and "SI  14" -> "si14"."""
    return "".join(code.split()).casefold()


def is_national(code: str) -> bool:
    return code.startswith("NI ")


def ni_number(code: str) -> int:
    """The number of a National Indicator code ("NI 116" -> 116)."""
    return int(code[3:])


def sort_key(code: str) -> tuple[int, str, int, str]:
    """National indicators by number, then the area's own codes by their letters and number."""
    if is_national(code):
        return (0, "", ni_number(code), "")
    match = _OWN.match(code)
    if match:
        return (1, match.group(1).casefold(), int(match.group(2)), match.group(3).casefold())
    return (1, code_key(code), 0, "")
