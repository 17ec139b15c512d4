"""Every negotiation rule, with the sentence a person sees."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from support.records import catalogue, complete, designated_codes

from laadesk.core.catalogue import Polarity
from laadesk.core.model import Role, Status, Target
from laadesk.core.rules import DESIGNATED_LIMIT, Severity, check, ready_for_sign_off, summary


def rules_hit(targets: list[Target]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in check(tuple(targets), catalogue()):
        found.setdefault(problem.rule, []).append(problem.message)
    return found


def errors(targets: list[Target]) -> list[str]:
    return [p.rule for p in check(tuple(targets), catalogue()) if p.severity is Severity.ERROR]


def test_a_complete_target_breaks_no_rule_but_statutory_set_is_noted() -> None:
    assert set(rules_hit([complete()])) == {"statutory-missing"}
    assert ready_for_sign_off(check((complete(),), catalogue()))


def test_no_designated_target_is_an_error() -> None:
    assert rules_hit([])["no-designated"] == [
        "No improvement targets are designated yet; an agreement needs at least one before sign-off."
    ]


@given(st.integers(min_value=0, max_value=60))
def test_at_most_35_designated(count: int) -> None:
    targets = [complete(code) for code in designated_codes(count)]
    limit_broken = "designated-limit" in errors(targets)
    assert limit_broken == (count > DESIGNATED_LIMIT)


@given(st.integers(min_value=0, max_value=16), st.integers(min_value=30, max_value=35))
def test_statutory_targets_sit_outside_the_35(statutory: int, designated: int) -> None:
    statutory_targets = [complete(i.code, role=Role.STATUTORY) for i in catalogue().statutory()[:statutory]]
    targets = [complete(code) for code in designated_codes(designated)] + statutory_targets
    assert "designated-limit" not in errors(targets)


def test_limit_message_says_how_many_to_drop() -> None:
    targets = [complete(code) for code in designated_codes(37)]
    assert rules_hit(targets)["designated-limit"] == [
        "37 improvement targets are designated; an agreement may have at most 35. "
        "Make 2 of them candidates, local or rejected."
    ]


def test_indicator_chosen_twice() -> None:
    assert rules_hit([complete(), complete()])["chosen-twice"] == [
        "NI 116 (Proportion of children in poverty) is chosen 2 times; an indicator can be chosen once."
    ]


def test_missing_levels_listed_by_name() -> None:
    target = complete(baseline=None, target_2009_10=None)
    (message,) = rules_hit([target])["levels-missing"]
    assert message == (
        "NI 116 (Proportion of children in poverty) has no baseline, 2009/10 target; "
        "fill it in or defer the target with a reason."
    )


def test_deferred_with_reason_needs_no_levels() -> None:
    target = complete(
        baseline=None,
        target_2008_09=None,
        target_2009_10=None,
        target_2010_11=None,
        status=Status.DEFERRED,
        deferral_reason="economic downturn",
        revisit_date=date(2009, 3, 31),
    )
    assert errors([target]) == []


def test_deferred_without_reason_or_revisit_date() -> None:
    target = complete(baseline=None, status=Status.DEFERRED)
    hits = rules_hit([target])
    assert hits["deferral-reason"] == ["NI 116 (Proportion of children in poverty) is deferred without a reason."]
    assert hits["revisit-date"] == [
        "NI 116 (Proportion of children in poverty) is deferred with no date to revisit it."
    ]


def test_place_survey_indicator_without_baseline_must_be_deferred() -> None:
    place_survey = next(i for i in catalogue().indicators if i.place_survey)
    target = complete(place_survey.code, baseline=None)
    (message,) = rules_hit([target])["place-survey-blank"]
    assert message.startswith(f"{place_survey.code} (")
    assert "is a Place Survey indicator with no baseline: defer it with the reason 'Place Survey pending'" in message


def test_wrong_direction_for_polarity_is_flagged() -> None:
    # NI 116 child poverty: lower is better, so a rise is flagged.
    target = complete(target_2009_10=23.0, target_2010_11=24.0)
    (problem,) = [p for p in check((target,), catalogue()) if p.rule == "wrong-direction"]
    assert problem.severity is Severity.WARNING
    assert problem.field == "target_2009_10"
    assert problem.message == (
        "NI 116 (Proportion of children in poverty) gets worse from 2008/09 to 2009/10 (21.5 to 23) "
        "although lower is better."
    )


def test_target_polarity_overrides_catalogue() -> None:
    rising = complete(baseline=20.0, target_2008_09=21.0, target_2009_10=23.0, target_2010_11=24.0)
    assert "wrong-direction" in rules_hit([rising])
    assert "wrong-direction" not in rules_hit([replace(rising, polarity=Polarity.HIGHER)])


def test_withdrawn_ni_31_cannot_be_chosen() -> None:
    assert rules_hit([complete("NI 31")])["withdrawn"] == [
        "NI 31 (Re-offending rate of registered sex offenders) was withdrawn from the National Indicator Set "
        "and cannot be chosen."
    ]
    assert "withdrawn" not in rules_hit([complete("NI 31", role=Role.REJECTED)])


def test_no_lead_partner_is_an_error() -> None:
    assert rules_hit([complete(lead_partner=" ")])["lead-partner"] == [
        "NI 116 (Proportion of children in poverty) has no lead partner."
    ]


def test_no_partners_signed_up_is_a_warning() -> None:
    problem = next(p for p in check((complete(partners=()),), catalogue()) if p.rule == "partners")
    assert problem.severity is Severity.WARNING


def test_statutory_indicator_cannot_be_designated() -> None:
    code = catalogue().statutory()[0].code
    assert "statutory-designated" in errors([complete(code)])


def test_unknown_national_indicator_and_untitled_local() -> None:
    hits = rules_hit([complete("NI 250"), complete("L1", role=Role.LOCAL, title="")])
    assert hits["unknown-indicator"][0].startswith("NI 250 is not in the National Indicator Set")
    assert hits["local-title"] == ["Local indicator L1 has no title."]


def test_statutory_set_count_comes_from_the_catalogue() -> None:
    statutory = [complete(i.code, role=Role.STATUTORY) for i in catalogue().statutory()]
    assert "statutory-missing" not in rules_hit([complete(), *statutory])
    (message,) = rules_hit([complete(), *statutory[1:]])["statutory-missing"]
    assert message == f"1 of the 16 statutory education targets are not recorded: {statutory[0].code}."


def test_summary_line() -> None:
    targets = (
        complete(),
        complete("NI 117", lead_partner=""),
        complete("L1", role=Role.LOCAL, title="Litter"),
        replace(
            complete("NI 152"),
            status=Status.DEFERRED,
            deferral_reason="economic downturn",
            revisit_date=date(2009, 3, 1),
        ),
    )
    problems = check(targets, catalogue())
    assert summary(targets, catalogue(), problems) == (
        "Designated 3/35 - Statutory 0/16 - Local 1 - Deferred 1 - 1 error - 1 warning"
    )
    assert not ready_for_sign_off(problems)


def test_errors_come_before_warnings() -> None:
    problems = check((complete(lead_partner="", partners=()), complete("NI 117", target_2010_11=99.0)), catalogue())
    severities = [p.severity for p in problems]
    assert severities == sorted(severities, key=lambda s: s is Severity.WARNING)
