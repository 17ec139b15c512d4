"""The timetable's overdue milestones, and how far sign-off has got."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from laadesk.core.dates import format_date
from laadesk.core.model import Adoption, Milestone, SignOff, new_id

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


# -- the usual milestones (resources/milestone_template.csv, editable in the user's data folder) ----


@dataclass(frozen=True)
class UsualStep:
    """A step most timetables of 2008 had: its name, a usual due date if there was one, and how sure
    the template is of it."""

    name: str
    due: date | None = None
    basis: str = ""


def usual_steps(rows: Iterable[Mapping[str, str]]) -> tuple[UsualStep, ...]:
    """The template's rows as steps; a blank name is skipped, a bad date is left for the officer to set."""
    steps = []
    for row in rows:
        name = " ".join((row.get("name") or "").split())
        if not name:
            continue
        try:
            due = date.fromisoformat((row.get("due") or "").strip()) if (row.get("due") or "").strip() else None
        except ValueError:
            due = None
        steps.append(UsualStep(name, due, (row.get("basis") or "").strip()))
    return tuple(steps)


def missing_milestones(steps: Iterable[UsualStep], milestones: Iterable[Milestone]) -> list[Milestone]:
    """New milestones for the usual steps the timetable does not hold yet (names compared case-blind)."""
    held = {m.name.casefold() for m in milestones}
    made = []
    for step in steps:
        if step.name.casefold() not in held:
            held.add(step.name.casefold())
            made.append(Milestone(new_id(), step.name, step.due))
    return made


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
