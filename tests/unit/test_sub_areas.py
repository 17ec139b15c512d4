"""Sub-area figures: better direction, districts adding up, districts known, district partner authorities asked."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.records import complete, snapshot

from laadesk.core.cross_checks import check_workbook
from laadesk.core.model import (
    AgreementState,
    District,
    Partner,
    PartnerAgreement,
    SubAreaKind,
    SubAreaTarget,
    Target,
)
from laadesk.core.rules import Severity
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.sub_areas import check_sub_areas, is_count

DISTRICTS = (District("Marlhaven"), District("Oakford"))
PARTNERS = (
    Partner("Kingsmere County Council"),
    Partner("Kingsmere PCT"),
    Partner("Marlhaven Borough Council", authority_kind="district council"),
    Partner("Oakford District Council", authority_kind="district council"),
)
AGREEMENTS = (
    PartnerAgreement("NI 116", "Marlhaven Borough Council", AgreementState.AGREED),
    PartnerAgreement("NI 116", "Oakford District Council", AgreementState.ASKED),
)


def row(sub_area: str, *levels: float | None, **changes: object) -> SubAreaTarget:
    base, first, second, third = levels
    sub = SubAreaTarget(
        "NI 116",
        sub_area,
        baseline=base,
        target_2008_09=first,
        target_2009_10=second,
        target_2010_11=third,
        units="%",
    )
    return replace(sub, **changes)  # type: ignore[arg-type]


def kingsmere(*rows: SubAreaTarget, target: Target | None = None, **parts: object) -> WorkbookSnapshot:
    defaults: dict[str, object] = {"partners": PARTNERS, "districts": DISTRICTS, "agreements": AGREEMENTS}
    return snapshot(target or complete(), sub_areas=rows, **{**defaults, **parts})


def found(snap: WorkbookSnapshot) -> dict[str, list[tuple[Severity, str]]]:
    result: dict[str, list[tuple[Severity, str]]] = {}
    for problem in check_sub_areas(snap):
        result.setdefault(problem.rule, []).append((problem.severity, problem.message))
    return result


def test_sound_figures_pass() -> None:
    snap = kingsmere(row("Marlhaven", 24, 23, 22, 21), row("Oakford", 20, 20, 19, 18))
    assert found(snap) == {}


def test_wrong_direction_names_indicator_and_sub_area() -> None:
    hits = found(kingsmere(row("Marlhaven", 24, 23, 25, 21), row("Oakford", 20, 20, 19, 18)))
    assert hits == {
        "sub-area-wrong-direction": [
            (
                Severity.WARNING,
                "NI 116 (Proportion of children in poverty): Marlhaven gets worse from 2008/09 to 2009/10 "
                "(23 to 25) although lower is better.",
            )
        ]
    }


def test_direction_follows_polarity_of_higher_is_better() -> None:
    target = complete("NI 152", units="%", lead_partner="Kingsmere County Council")
    sub = SubAreaTarget("NI 152", "Oakford", SubAreaKind.PARTNERSHIP_AREA, 10, "", 11, 12, 13, "%")
    assert found(kingsmere(sub, target=target)).get("sub-area-wrong-direction")


def test_words_as_written_are_passed_over() -> None:
    sub = row("Marlhaven", 24, None, None, 21, target_2008_09_as_written="TBC")
    assert found(kingsmere(sub, row("Oakford", 20, 20, 19, 18))) == {}


def test_unknown_district_is_an_error() -> None:
    hits = found(kingsmere(row("Bramley", 24, 23, 22, 21)))
    assert hits["sub-area-unknown-district"] == [
        (
            Severity.ERROR,
            "NI 116 (Proportion of children in poverty) has figures for 'Bramley' as a district, "
            "but Bramley is not a district of Kingsmere.",
        )
    ]


def test_a_partnership_area_need_not_be_a_district() -> None:
    assert found(kingsmere(row("North road safety group", 24, 23, 22, 21, kind=SubAreaKind.PARTNERSHIP_AREA))) == {}


def test_district_partner_authority_must_be_asked_or_agreed() -> None:
    agreements = (PartnerAgreement("NI 116", "Marlhaven Borough Council", AgreementState.OBJECTED),)
    hits = found(kingsmere(row("Marlhaven", 24, 23, 22, 21), row("Oakford", 20, 20, 19, 18), agreements=agreements))
    assert hits["sub-area-partner-not-asked"] == [
        (
            Severity.WARNING,
            "NI 116 (Proportion of children in poverty) has figures for Marlhaven, but Marlhaven Borough Council "
            "is not asked or agreed on it (its word is recorded as objected).",
        ),
        (
            Severity.WARNING,
            "NI 116 (Proportion of children in poverty) has figures for Oakford, but Oakford District Council "
            "is not asked or agreed on it (it is not listed as asked).",
        ),
    ]


def test_district_without_partner_authority_is_flagged() -> None:
    partners = (*PARTNERS[:2], Partner("Oakford District Council"))  # not marked a partner authority
    hits = found(kingsmere(row("Oakford", 20, 20, 19, 18), partners=partners))
    assert [m for _, m in hits["sub-area-no-partner-authority"]] == [
        "NI 116 (Proportion of children in poverty) has figures for Oakford, but no partner authority "
        "for Oakford is among the area's partners."
    ]


def count_target(**changes: object) -> Target:
    values: dict[str, object] = {
        "units": "number",
        "baseline": 300.0,
        "target_2008_09": 290.0,
        "target_2009_10": 280.0,
        "target_2010_11": 270.0,
    }
    return complete("NI 47", **{**values, **changes})


def count_rows(oakford_third: float, **changes: object) -> tuple[SubAreaTarget, ...]:
    return (
        SubAreaTarget(
            "NI 47",
            "Marlhaven",
            baseline=200,
            target_2008_09=190,
            target_2009_10=185,
            target_2010_11=180,
            units="number",
            **changes,
        ),  # type: ignore[arg-type]
        SubAreaTarget(
            "NI 47",
            "Oakford",
            baseline=100,
            target_2008_09=100,
            target_2009_10=95,
            target_2010_11=oakford_third,
            units="number",
        ),
    )


def agreed_47() -> tuple[PartnerAgreement, ...]:
    return tuple(PartnerAgreement("NI 47", p.name, AgreementState.AGREED) for p in PARTNERS[2:])


def test_district_counts_add_up_to_the_area() -> None:
    assert found(kingsmere(*count_rows(90), target=count_target(), agreements=agreed_47())) == {}


def test_district_counts_that_do_not_add_up_are_flagged() -> None:
    hits = found(kingsmere(*count_rows(95), target=count_target(), agreements=agreed_47()))
    assert hits == {
        "sub-areas-do-not-add-up": [
            (
                Severity.WARNING,
                "NI 47 (People killed or seriously injured in road traffic accidents): the districts' 2010/11 "
                "figures add up to 275, but the area's is 270. Correct them, or explain the difference in a "
                "sub-area's comment.",
            )
        ]
    }


def test_a_comment_explains_the_difference() -> None:
    rows = count_rows(95, comment="Trunk-road casualties are counted for the county only.")
    assert found(kingsmere(*rows, target=count_target(), agreements=agreed_47())) == {}


def test_rates_and_some_districts_are_not_added() -> None:
    rates = [replace(r, units="rate per 1,000") for r in count_rows(95)]
    assert found(kingsmere(*rates, target=count_target(units=""), agreements=agreed_47())) == {}
    one = count_rows(95)[:1]
    assert found(kingsmere(*one, target=count_target(), agreements=agreed_47())) == {}


@pytest.mark.parametrize(
    ("units", "counts"),
    [
        ("number", True),
        ("Number of people", True),
        ("number killed or seriously injured (calendar year)", True),
        ("net additional homes per year", False),
        ("persons", True),
        ("casualties", True),
        ("%", False),
        ("per 10,000 population", False),
        ("rate", False),
        ("£", False),
        ("", False),
        ("score", False),
        ("average days", False),
    ],
)
def test_what_counts_as_a_count(units: str, counts: bool) -> None:
    assert is_count(units) is counts


def test_check_workbook_carries_the_sub_area_rules() -> None:
    rules = {p.rule for p in check_workbook(kingsmere(row("Bramley", 24, 23, 22, 21)))}
    assert "sub-area-unknown-district" in rules
