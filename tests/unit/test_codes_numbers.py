"""Indicator codes and target levels as people type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laadesk.core.codes import parse_code, sort_key
from laadesk.core.numbers import format_figure, format_level, parse_level


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("116", "NI 116"),
        ("NI 116", "NI 116"),
        ("NI116", "NI 116"),
        ("ni 007", "NI 7"),
        (" NI-116 ", "NI 116"),
        ("L1", "L1"),
        ("l 03", "L3"),
    ],
)
def test_codes_normalise(text: str, code: str) -> None:
    assert parse_code(text) == code


@pytest.mark.parametrize("text", ["", "NI", "L0", "NI 12a", "12.5", "poverty"])
def test_bad_codes_are_named(text: str) -> None:
    with pytest.raises(ValueError, match="is not an indicator code"):
        parse_code(text)


@pytest.mark.parametrize(
    ("text", "code"), [("X12", "X12"), ("SI  14", "SI 14"), ("Local 5", "Local 5"), ("cyp12", "cyp12")]
)
def test_an_area_s_own_codes_are_kept_as_written_with_spaces_tidied(text: str, code: str) -> None:
    assert parse_code(text) == code


def test_sort_puts_national_first_by_number() -> None:
    codes = ["L2", "NI 100", "NI 9", "L10", "NI 31"]
    assert sorted(codes, key=sort_key) == ["NI 9", "NI 31", "NI 100", "L2", "L10"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12.5%", 12.5),
        ("1,234", 1234.0),
        ("£2,000", 2000.0),
        ("", None),
        ("  ", None),
        ("-", None),
        ("(12)", -12.0),
        ("\u22123.5", -3.5),
        ("0", 0.0),
        ("1e3", 1000.0),
        ("+2", 2.0),
        ("12.5 %", 12.5),
        ("1,234.5", 1234.5),
    ],
)
def test_levels_parse_as_typed(text: str, value: float | None) -> None:
    assert parse_level(text) == value


# Never a guess: a comma that is no thousands separator, digits spaced like a telephone number, a
# range, Python's underscores - each is kept as written by the import, not read as a figure.
@pytest.mark.parametrize(
    "text", ["abc", "12..5", "nan", "inf", "TBC with GONW", "12,5", "1,23", "+44 20 7946 0000", "12-14%", "1_000"]
)
def test_text_is_not_a_level(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_level(text)


@given(st.floats(allow_nan=False, allow_infinity=False) | st.none())
def test_levels_round_trip_through_text(value: float | None) -> None:
    assert parse_level(format_level(value)) == value


def test_whole_numbers_print_without_point() -> None:
    assert format_level(35.0) == "35"
    assert format_level(12.25) == "12.25"


def test_a_printed_figure_groups_thousands_and_reads_back_the_same() -> None:
    assert [format_figure(v) for v in (1180, 1940.5, -2000, 17.5, 999, 1234567, None)] == [
        "1,180",
        "1,940.5",
        "-2,000",
        "17.5",
        "999",
        "1,234,567",
        "",
    ]


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14))
def test_every_printed_figure_reads_back_as_the_same_number(value: float) -> None:
    assert parse_level(format_figure(value)) == value
