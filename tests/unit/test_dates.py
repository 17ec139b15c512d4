"""One reader and one writer for every date laadesk shows or takes: milestones, revisit dates,
evidence, notes and sign-off all read "30.6.08" alike."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laadesk.core.dates import format_date, parse_date
from laadesk.core.paste import Choices, read_cell

JUNE_30 = date(2008, 6, 30)


@pytest.mark.parametrize(
    "text",
    [
        "2008-06-30",
        "30/06/2008",
        "30/6/2008",
        "30/06/08",
        "30.06.2008",
        "30.6.08",
        "30-06-2008",
        " 30/06/2008 ",
        "30 Jun 2008",
        "30 June 2008",
        "30th June 2008",
        "30 JUNE 08",
        "30 jun. 2008",
        "30-Jun-2008",
    ],
)
def test_dates_are_read_as_people_type_them(text: str) -> None:
    assert parse_date(text) == JUNE_30


@pytest.mark.parametrize(
    ("text", "value"),
    [("01/04/2008", date(2008, 4, 1)), ("12/11/2009", date(2009, 11, 12)), ("12 Sept 2008", date(2008, 9, 12))],
)
def test_slashed_dates_are_day_first(text: str, value: date) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize("text", ["", "   "])
def test_a_blank_is_no_date(text: str) -> None:
    assert parse_date(text) is None


HINT = "type it as 30/06/2008, 30 Jun 2008 or 2008-06-30"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("soon", f"'soon' is not a date; {HINT}"),
        ("June 2008", f"'June 2008' is not a date; {HINT}"),
        ("30 Junk 2008", f"'30 Junk 2008' is not a date; {HINT}"),
        ("11/2007", f"'11/2007' is not a date; {HINT}"),
        ("31/02/2008", "'31/02/2008' is not a date: February 2008 has no day 31"),
        ("29/02/2007", "'29/02/2007' is not a date: February 2007 has no day 29"),
        ("06/30/2008", "'06/30/2008' is not a date: there is no month 30 (dates are day first, 30/06/2008)"),
        ("2008-13-01", "'2008-13-01' is not a date: there is no month 13 (dates are day first, 30/06/2008)"),
        ("0/06/2008", "'0/06/2008' is not a date: June 2008 has no day 0"),
    ],
)
def test_a_bad_date_is_refused_with_a_sentence(text: str, sentence: str) -> None:
    with pytest.raises(ValueError) as refusal:
        parse_date(text)
    assert str(refusal.value) == sentence


def test_dates_are_shown_unambiguously() -> None:
    assert format_date(JUNE_30) == "30 Jun 2008"
    assert format_date(date(2009, 3, 1)) == "1 Mar 2009"
    assert format_date(None) == ""


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_a_shown_date_reads_back_as_itself(value: date) -> None:
    assert parse_date(format_date(value)) == value
    assert parse_date(value.isoformat()) == value
    assert parse_date(f"{value.day}/{value.month}/{value.year}") == value


def test_a_revisit_date_pasted_reads_as_a_milestone_date_does() -> None:
    """Once, "30.6.08" was a milestone date but not a revisit date: the targets table had its own reader."""
    assert read_cell("revisit_date", "30.6.08", Choices()) == JUNE_30 == parse_date("30.6.08")
