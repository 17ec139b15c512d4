"""Overdue milestones and the sign-off progress line."""

from __future__ import annotations

from datetime import date

import pytest

from laadesk.core.labels import listed
from laadesk.core.model import Adoption, Milestone, SignOff
from laadesk.core.timetable import (
    is_overdue,
    milestone_state,
    overdue_milestones,
    sign_off_progress,
    still_to_adopt,
    timetable_summary,
)

JUNE_30 = date(2008, 6, 30)


def test_a_milestone_is_overdue_when_due_before_today_and_not_done() -> None:
    due = Milestone("a", "Sign-off", due=JUNE_30)
    assert not is_overdue(due, JUNE_30)
    assert is_overdue(due, date(2008, 7, 1))
    assert not is_overdue(Milestone("b", "Sign-off", due=JUNE_30, done=date(2008, 7, 3)), date(2008, 7, 9))
    assert not is_overdue(Milestone("c", "Someday"), date(2030, 1, 1))


def test_overdue_milestones_are_picked_out() -> None:
    milestones = [
        Milestone("a", "Final draft", due=date(2008, 6, 13), done=date(2008, 6, 16)),
        Milestone("b", "Sign-off", due=JUNE_30),
        Milestone("c", "September review", due=date(2008, 9, 30)),
    ]
    assert [m.id for m in overdue_milestones(milestones, date(2008, 7, 4))] == ["b"]
    assert timetable_summary(milestones, date(2008, 7, 4)) == "3 milestones: 1 done, 1 overdue, 1 to come"
    assert timetable_summary([], date(2008, 7, 4)).startswith("No milestones yet")


@pytest.mark.parametrize(
    ("due", "done", "today", "state"),
    [
        (JUNE_30, None, date(2008, 7, 1), "overdue by 1 day"),
        (JUNE_30, None, date(2008, 7, 3), "overdue by 3 days"),
        (JUNE_30, None, date(2008, 7, 21), "overdue by 3 weeks"),
        (JUNE_30, None, date(2009, 1, 1), "overdue by 6 months"),
        (JUNE_30, None, date(2025, 7, 1), "overdue by 17 years"),
        (JUNE_30, None, JUNE_30, "due today"),
        (JUNE_30, None, date(2008, 6, 29), "due in 1 day"),
        (JUNE_30, JUNE_30, date(2009, 1, 1), "done"),
        (JUNE_30, date(2008, 7, 2), date(2009, 1, 1), "done 2 days late"),
        (None, None, JUNE_30, "no due date"),
        (None, JUNE_30, JUNE_30, "done"),
    ],
)
def test_milestone_state_says_where_it_stands(due: date | None, done: date | None, today: date, state: str) -> None:
    assert milestone_state(Milestone("m", "Step", due=due, done=done), today) == state


ADOPTIONS = [
    Adoption("1", "Kingsmere County Council", date=date(2008, 6, 12)),
    Adoption("2", "Marlhaven Borough Council", date=date(2008, 6, 10)),
    Adoption("3", "Colbeck Valley District Council", date=date(2008, 6, 17)),
    Adoption("4", "Thornwold District Council"),
    Adoption("5", "Easterby Fens District Council"),
    Adoption("6", "Wenmoor District Council"),
]


def test_progress_before_sign_off() -> None:
    assert (
        sign_off_progress(ADOPTIONS, SignOff())
        == "3 of 6 authorities have adopted; GO recommendation pending; Secretary of State sign-off pending"
    )
    assert still_to_adopt(ADOPTIONS) == [
        "Easterby Fens District Council",
        "Thornwold District Council",
        "Wenmoor District Council",
    ]


def test_progress_once_signed_off() -> None:
    everyone = [Adoption(a.id, a.body, date=JUNE_30) for a in ADOPTIONS]
    sign_off = SignOff(go_recommendation_date=date(2008, 6, 20), secretary_of_state_date=JUNE_30, version="3")
    assert sign_off_progress(everyone, sign_off) == (
        "All authorities have adopted; GO recommended on 20 Jun 2008; "
        "Secretary of State signed off on 30 Jun 2008 (version 3)"
    )


def test_progress_counts_read_as_english() -> None:
    one = [Adoption("1", "Kingsmere County Council", date=JUNE_30), Adoption("2", "Wenmoor District Council")]
    assert sign_off_progress(one, SignOff()).startswith("1 of 2 authorities has adopted;")
    assert sign_off_progress([], SignOff()).startswith("No responsible authorities listed yet;")
    assert sign_off_progress(one[:1], SignOff()).startswith("The responsible authority has adopted;")
    assert sign_off_progress(one[1:], SignOff()).startswith("The responsible authority has not yet adopted;")


def test_names_are_joined_as_a_person_writes_them() -> None:
    assert listed([]) == ""
    assert listed(["Thornwold"]) == "Thornwold"
    assert listed(["Thornwold", "Wenmoor"]) == "Thornwold and Wenmoor"
    assert listed(["Easterby Fens", "Thornwold", "Wenmoor"]) == "Easterby Fens, Thornwold and Wenmoor"
