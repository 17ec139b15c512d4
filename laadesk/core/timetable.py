"""Dates as officers type them, the timetable's overdue milestones, and how far sign-off has got."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from laadesk.core.model import Adoption, Milestone, SignOff

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

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2}|\d{4})$")

DATE_HINT = "type it as 30/06/2008 or 2008-06-30"


def _year(text: str) -> int:
    """Two-digit years are this century's: the agreements run 2008-11."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def _month(word: str) -> int:
    """1-12 for "jun", "june", "sept"...; 0 for a word that is no month."""
    for number, name in enumerate(MONTH_NAMES, start=1):
        if len(word) >= 3 and name.lower().startswith(word):
            return number
    return 0


def parse_date(text: str) -> date | None:
    """A date as typed: 2008-06-30, 30/06/2008 (UK, day first), 30.6.08, 30 June 2008; blank is None.

    Raises ValueError with a sentence for anything else.
    """
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
    """ "30 Jun 2008": unambiguous to a UK reader, and parse_date reads it back ("" for no date)."""
    if value is None:
        return ""
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


# -- the timetable -------------------------------------------------------------------


def is_overdue(milestone: Milestone, today: date) -> bool:
    """Due before today and not done."""
    return milestone.done is None and milestone.due is not None and milestone.due < today


def overdue_milestones(milestones: Iterable[Milestone], today: date) -> list[Milestone]:
    return [m for m in milestones if is_overdue(m, today)]


def _span(days: int) -> str:
    """A length of time in the unit a person would use: days, then weeks, months, years."""
    if days < 14:
        amount, unit = days, "day"
    elif days < 63:
        amount, unit = days // 7, "week"
    elif days < 730:
        amount, unit = days // 30, "month"
    else:
        amount, unit = days // 365, "year"
    return f"{amount} {unit}{'s' if amount != 1 else ''}"


def milestone_state(milestone: Milestone, today: date) -> str:
    """A word or two on where a milestone stands: "done", "done 3 days late", "overdue by 2 weeks"..."""
    if milestone.done is not None:
        if milestone.due is not None and milestone.done > milestone.due:
            return f"done {_span((milestone.done - milestone.due).days)} late"
        return "done"
    if milestone.due is None:
        return "no due date"
    if milestone.due < today:
        return f"overdue by {_span((today - milestone.due).days)}"
    if milestone.due == today:
        return "due today"
    return f"due in {_span((milestone.due - today).days)}"


def timetable_summary(milestones: Iterable[Milestone], today: date) -> str:
    """ "7 milestones: 3 done, 2 overdue, 2 to come"."""
    listed = list(milestones)
    done = sum(1 for m in listed if m.done is not None)
    overdue = len(overdue_milestones(listed, today))
    to_come = len(listed) - done - overdue
    if not listed:
        return "No milestones yet: add the steps of the timetable and their due dates."
    noun = "milestone" if len(listed) == 1 else "milestones"
    return f"{len(listed)} {noun}: {done} done, {overdue} overdue, {to_come} to come"


# -- sign-off --------------------------------------------------------------------------


def adopted(adoptions: Iterable[Adoption]) -> list[Adoption]:
    """Authorities that have adopted: an adoption counts once it has a date."""
    return [a for a in adoptions if a.date is not None]


def still_to_adopt(adoptions: Iterable[Adoption]) -> list[str]:
    return sorted(a.body for a in adoptions if a.date is None)


def sign_off_progress(adoptions: Iterable[Adoption], sign_off: SignOff) -> str:
    """ "3 of 6 authorities have adopted; GO recommendation pending; Secretary of State sign-off pending"."""
    listed = list(adoptions)
    count = len(adopted(listed))
    if not listed:
        authorities = "No responsible authorities listed yet"
    elif len(listed) == 1:
        authorities = f"The responsible authority {'has adopted' if count else 'has not yet adopted'}"
    elif count == len(listed):
        authorities = "All authorities have adopted"
    else:
        authorities = f"{count} of {len(listed)} authorities {'has' if count == 1 else 'have'} adopted"
    if sign_off.go_recommendation_date is None:
        recommendation = "GO recommendation pending"
    else:
        recommendation = f"GO recommended on {format_date(sign_off.go_recommendation_date)}"
    if sign_off.secretary_of_state_date is None:
        secretary = "Secretary of State sign-off pending"
    else:
        version = f" (version {sign_off.version})" if sign_off.version.strip() else ""
        secretary = f"Secretary of State signed off on {format_date(sign_off.secretary_of_state_date)}{version}"
    return "; ".join((authorities, recommendation, secretary))


def join_names(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
