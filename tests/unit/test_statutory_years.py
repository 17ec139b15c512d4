"""Statutory education targets are set by academic year, one year each December: later years are not errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from support.records import catalogue, complete, snapshot

from laadesk.core.cross_checks import check_workbook
from laadesk.core.model import AreaProfile, Role, Status, Target
from laadesk.core.rules import Severity, check_levels
from laadesk.core.statutory_years import SET_ANNUALLY, academic_year, level_due, not_yet_set, why_set_annually

JUNE_2008 = date(2008, 6, 20)


def statutory(**changes: object) -> Target:
    code = catalogue().statutory()[0].code
    return complete(code, role=Role.STATUTORY, **changes)


def test_a_level_falls_due_once_the_december_it_is_set_in_has_passed() -> None:
    assert level_due("2008/09", JUNE_2008)  # set in December 2007
    assert not level_due("2009/10", JUNE_2008)  # set in December 2008
    assert not level_due("2009/10", date(2008, 12, 31))
    assert level_due("2009/10", date(2009, 1, 1))
    assert not level_due("2010/11", date(2009, 6, 1))
    assert level_due("2010/11", date(2010, 1, 1))
    assert academic_year("2008/09") == "2008/09 academic year"
    assert SET_ANNUALLY == "set annually"
    assert "results in summer 2010" in why_set_annually("target_2009_10")
    assert "December 2008" in why_set_annually("target_2009_10")


def test_in_june_2008_a_statutory_target_needs_only_the_coming_academic_year() -> None:
    target = statutory(target_2009_10=None, target_2010_11=None)
    assert check_levels(target, catalogue(), JUNE_2008) == []
    assert not_yet_set(target, "target_2009_10", JUNE_2008)
    assert not not_yet_set(target, "target_2008_09", JUNE_2008)  # it has a level


def test_a_missing_current_academic_year_is_still_an_error_named_by_academic_year() -> None:
    target = statutory(target_2008_09=None, target_2009_10=None, target_2010_11=None)
    problems = check_levels(target, catalogue(), JUNE_2008)
    assert [p.rule for p in problems] == ["levels-missing"]
    assert "2008/09 academic year target" in problems[0].message
    assert "2009/10" not in problems[0].message
    assert problems[0].field == "target_2008_09"


def test_after_december_the_next_academic_year_falls_due() -> None:
    target = statutory(target_2009_10=None, target_2010_11=None)
    problems = check_levels(target, catalogue(), date(2009, 1, 15))
    assert len(problems) == 1
    assert "2009/10 academic year target" in problems[0].message
    assert "2010/11" not in problems[0].message


def test_designated_targets_still_need_all_three_years() -> None:
    target = complete(target_2009_10=None, target_2010_11=None)
    problems = check_levels(target, catalogue(), JUNE_2008)
    assert [p.rule for p in problems] == ["levels-missing"]
    assert "2009/10 target, 2010/11 target" in problems[0].message
    assert not not_yet_set(target, "target_2009_10", JUNE_2008)


def test_a_deferred_or_written_level_is_not_set_annually() -> None:
    written = statutory(target_2009_10=None, target_2009_10_as_written="TBC December")
    assert not not_yet_set(written, "target_2009_10", JUNE_2008)
    deferred = statutory(target_2009_10=None, status=Status.DEFERRED, deferral_reason="Place Survey pending")
    assert not not_yet_set(deferred, "target_2009_10", JUNE_2008)


def test_the_workbooks_as_at_date_decides_which_years_are_due() -> None:
    target = statutory(target_2009_10=None, target_2010_11=None)
    june = replace(snapshot(target), area=AreaProfile("Kingsmere", as_at=JUNE_2008))
    assert not [p for p in check_workbook(june) if p.severity is Severity.ERROR and p.code == target.code]
    later = replace(june, area=AreaProfile("Kingsmere", as_at=date(2010, 2, 1)))
    missing = [p for p in check_workbook(later) if p.rule == "levels-missing"]
    assert [p.code for p in missing] == [target.code]
    assert "2009/10 academic year target, 2010/11 academic year target" in missing[0].message
