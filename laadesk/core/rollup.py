"""The national roll-up's shape: every area's chosen targets in one table, keyed as departments received
them (the Data Interchange Hub), and only what may leave government.

Each value is the workbook's as stored: numbers as numbers, a level in words kept as written in its
`_as_written` column, dates as ISO text, a deferral's reason as a pack writes it
(core/deferral.written). store/rollup.py reads the rows (in SQL, for speed) and writes the database.
"""

from __future__ import annotations

from laadesk.core.model import CHOSEN_ROLES, FIGURES, YEAR_FIELDS

AREA_COLUMNS = ("ons_code", "area", "region", "type", "tier", "as_at", "sign_off_stage", "workbook")
LEVELS = ("baseline", *YEAR_FIELDS)
TARGET_COLUMNS = (
    "ons_code",
    "area",
    "region",
    "ni",
    "title",
    "kind",
    "status",
    *FIGURES,
    "lead_partner",
    "deferred_reason",
    "revisit",
    "polarity",
    "polarity_basis",
    "reward",
    "sub_area",
    "sub_area_kind",
    *(f"{level}_as_written" for level in LEVELS),
)
CHOSEN = tuple(role.value for role in CHOSEN_ROLES)
# A target's polarity is its own where the officer set one, else the indicator set's with the basis the
# set gives for it (many are inferred from the title, not sourced): the roll-up says which.
POLARITY_OWN = "set in the workbook"


def same_area(workbook: str, area: str, ons_code: str, first: str) -> str:
    """Why a second workbook of one area is left out: the roll-up holds one line an area."""
    return f"{workbook} holds the same area ({area}, {ons_code}) as {first}; only {first} is in the roll-up."


def no_ons_code(workbook: str, area: str) -> str:
    return f"{workbook} ({area}) has no ONS code, by which the roll-up keys each area; set it on the Area page."
