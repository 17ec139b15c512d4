"""When a statutory (DCSF) education target's yearly levels fall due: they are set by academic year, once a year.

The children's department set the statutory early-years and education targets one academic
year at a time, each December, for the academic year that starts the September after next:
the level for 2009/10 (results in summer 2010) was set in December 2008. So in June 2008 only
the 2008/09 level (results in summer 2009, set in December 2007) existed. The rule laadesk
applies: a statutory target's level for an academic year is due once the December in which it
is set has passed, counted from the workbook's "as at" date (today when none is set). A blank
level not yet due reads "set annually" and is not an error.
"""

from __future__ import annotations

from datetime import date

from laadesk.core.model import YEAR_FIELDS, YEARS, Role, Target

SET_ANNUALLY = "set annually"


def start_year(year: str) -> int:
    """2008 for "2008/09"."""
    return int(year[:4])


def academic_year(year: str) -> str:
    """ "2008/09 academic year", the heading a statutory target's level goes under."""
    return f"{year} academic year"


def set_in(year: str) -> date:
    """The last day of the December in which the level for an academic year is set."""
    return date(start_year(year) - 1, 12, 31)


def level_due(year: str, as_at: date) -> bool:
    """Whether a statutory level for `year` should exist by `as_at`: its December has passed."""
    return as_at > set_in(year)


def not_yet_set(target: Target, field: str, as_at: date) -> bool:
    """A statutory target's blank level for an academic year whose December has not yet come."""
    if target.role is not Role.STATUTORY or field not in YEAR_FIELDS or target.deferred:
        return False
    year = YEARS[YEAR_FIELDS.index(field)]
    return getattr(target, field) is None and not target.as_written(field) and not level_due(year, as_at)


def why_set_annually(field: str) -> str:
    """The tooltip of a "set annually" cell."""
    year = YEARS[YEAR_FIELDS.index(field)]
    return (
        f"Statutory education targets are set by academic year, once a year: the {academic_year(year)} level "
        f"(results in summer {start_year(year) + 1}) is set in December {start_year(year) - 1}. "
        "Until then it is blank on purpose, not missing."
    )
