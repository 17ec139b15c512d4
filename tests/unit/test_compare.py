"""Comparing two agreements: each difference named, said in the negotiators' words, and undone by applying it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from support.records import catalogue, complete, snapshot

from laadesk.core.agreement import agreement_form
from laadesk.core.compare import Difference, apply_differences, compare
from laadesk.core.model import (
    Adoption,
    AgreementState,
    AreaProfile,
    PartnerAgreement,
    Role,
    SignOff,
    Status,
    StorySection,
    SubAreaTarget,
    Target,
)
from laadesk.core.snapshot import WorkbookSnapshot

CATALOGUE = catalogue()


def polarity_of(code: str) -> str | None:
    indicator = CATALOGUE.get(code)
    return indicator.polarity.value if indicator and indicator.polarity else None


def form(*targets: Target, **parts: Any) -> dict[str, Any]:
    return agreement_form(snapshot(*targets, **parts))


def differences(before: dict[str, Any], after: dict[str, Any]) -> tuple[Difference, ...]:
    found = compare(before, after, polarity_of)
    assert apply_differences(before, found) == after
    return found


def sentences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [d.sentence for d in differences(before, after)]


def test_a_yearly_level_says_which_way_it_went() -> None:
    (found,) = differences(form(complete("NI 153", target_2010_11=29.3)), form(complete("NI 153", target_2010_11=28.9)))
    said = "NI 153 2010/11 target 29.3 -> 28.9 (more ambitious)"
    assert found == Difference("NI 153", "target_2010_11", 29.3, 28.9, "changed", "more ambitious", said)
    assert sentences(form(complete("NI 153", baseline=1200)), form(complete("NI 153", baseline=1180.5))) == [
        "NI 153 baseline 1,200 -> 1,180.5"
    ]
    assert sentences(form(complete("NI 153", target_2008_09=3)), form(complete("NI 153", target_2008_09=None))) == [
        "NI 153 2008/09 target 3 -> none"
    ]


def test_ambition_follows_polarity_the_targets_own_first() -> None:
    def ambition(code: str, old: float, new: float, **changes: Any) -> str:
        (found,) = compare(
            form(complete(code, target_2009_10=old, **changes)),
            form(complete(code, target_2009_10=new, **changes)),
            polarity_of,
        )
        return found.ambition

    assert ambition("NI 171", 10, 12) == "more ambitious"  # higher is better
    assert ambition("NI 171", 12, 10) == "less ambitious"
    assert ambition("NI 116", 21, 20) == "more ambitious"  # lower is better
    assert ambition("NI 116", 20, 21) == "less ambitious"
    assert ambition("NI 12", 20, 21) == ""  # the catalogue gives no polarity
    assert ambition("NI 12", 20, 21, polarity="higher") == "more ambitious"
    assert ambition("NI 116", 21, 20, polarity="higher") == "less ambitious"
    assert ambition("L3", 1, 2) == ""
    before, after = form(complete("NI 171", target_2009_10=1)), form(complete("NI 171", target_2009_10=2))
    assert compare(before, after)[0].ambition == ""  # no polarity_of given: unknown


def test_status_role_and_whole_targets() -> None:
    assert sentences(form(complete("NI 171", status=Status.DEFERRED)), form(complete("NI 171"))) == [
        "NI 171 deferred -> agreed"
    ]
    assert sentences(form(complete("NI 5")), form(complete("NI 5", role=Role.STATUTORY))) == [
        "NI 5 designated -> statutory"
    ]
    (added,) = differences(form(), form(complete("NI 5")))
    assert (added.ni, added.field, added.kind, added.before) == ("NI 5", "target", "added", None)
    assert added.after == form(complete("NI 5"))["targets"][0]
    assert added.sentence == "NI 5 added as designated"
    assert sentences(form(complete("NI 5")), form()) == ["NI 5 removed (was designated)"]


def test_a_level_as_written_is_quoted() -> None:
    before = form(complete("NI 8", target_2009_10=None, target_2009_10_as_written="about 20%"))
    after = form(complete("NI 8", target_2009_10=None, target_2009_10_as_written="21%"))
    (found,) = differences(before, after)
    assert (found.field, found.kind, found.ambition) == ("target_2009_10_as_written", "changed", "")
    assert found.sentence == 'NI 8 2009/10 target as written "about 20%" -> "21%"'


def test_other_target_fields_in_their_words_and_long_text_not_written_out() -> None:
    before = form(complete("NI 153"))
    after = form(complete("NI 153", lead_partner="Allerdale", partners=(), rationale="why " * 30))
    assert sentences(before, after) == [
        "NI 153 rationale changed",
        "NI 153 lead partner Kingsmere County Council -> Allerdale",
        "NI 153 partners signed up Kingsmere PCT -> none",
    ]


def sub(name: str, third: float | None = 10, **changes: Any) -> SubAreaTarget:
    return replace(SubAreaTarget("NI 153", name, target_2010_11=third), **changes)


def test_sub_area_figures() -> None:
    target = complete("NI 153")
    (found,) = differences(form(target, sub_areas=(sub("Allerdale"),)), form(target, sub_areas=(sub("Allerdale", 9),)))
    assert (found.ni, found.field, found.ambition) == ("NI 153", "sub_area:Allerdale:target_2010_11", "more ambitious")
    assert found.sentence == "NI 153 Allerdale (sub-area) 2010/11 target 10 -> 9 (more ambitious)"
    (added,) = differences(form(target), form(target, sub_areas=(sub("Allerdale"),)))
    assert (added.field, added.kind) == ("sub_area:Allerdale", "added")
    assert added.sentence == "NI 153 sub-area Allerdale added"
    assert sentences(form(target, sub_areas=(sub("Allerdale"),)), form(target)) == ["NI 153 sub-area Allerdale removed"]


def word(state: AgreementState, **changes: Any) -> PartnerAgreement:
    return replace(PartnerAgreement("NI 153", "Allerdale", state), **changes)


def test_partner_agreements() -> None:
    target = complete("NI 153")
    asked, agreed = (word(AgreementState.ASKED),), (word(AgreementState.AGREED),)
    objected = (word(AgreementState.OBJECTED),)
    assert sentences(form(target), form(target, agreements=agreed)) == ["Allerdale agreed to NI 153"]
    assert sentences(form(target, agreements=asked), form(target, agreements=agreed)) == ["Allerdale agreed to NI 153"]
    assert sentences(form(target, agreements=asked), form(target, agreements=objected)) == [
        "Allerdale: NI 153 asked -> objected"
    ]
    assert sentences(form(target), form(target, agreements=asked)) == ["Allerdale: NI 153 added as asked"]
    assert sentences(form(target, agreements=agreed), form(target)) == ["Allerdale: NI 153 removed (was agreed)"]
    fields = [d.field for d in differences(form(target, agreements=asked), form(target, agreements=objected))]
    assert fields == ["agreement:Allerdale:state"]


def test_story_adoptions_sign_off_and_area() -> None:
    section = StorySection("s1", 1, "A safer Kingsmere", "Crime is falling.")
    story = form(story=(section,))
    assert sentences(story, form(story=(replace(section, text="Crime is rising."),))) == [
        'Story of place: section "A safer Kingsmere" text changed'
    ]
    assert sentences(story, form(story=(replace(section, title="Safer"),))) == [
        'Story of place: section "A safer Kingsmere" renamed "Safer"'
    ]
    assert sentences(form(), story) == ['Story of place: section "A safer Kingsmere" added']
    assert sentences(story, form()) == ['Story of place: section "A safer Kingsmere" removed']
    adopted = Adoption("a1", "Kingsmere County Council")
    assert sentences(form(), form(adoptions=(adopted,))) == ["Adoption: Kingsmere County Council added"]
    (found,) = differences(form(adoptions=(adopted,)), form(adoptions=(replace(adopted, date=date(2008, 6, 24)),)))
    assert found.field == "adoption:a1:date"
    assert found.sentence == "Adoption: Kingsmere County Council date none -> 2008-06-24"
    signed = form(sign_off=SignOff(secretary_of_state_date=date(2008, 6, 30)))
    (found,) = differences(form(), signed)
    assert (found.ni, found.field) == ("", "sign_off:secretary_of_state_date")
    assert (found.before, found.after) == (None, "2008-06-30")
    assert found.sentence == "Sign-off: Secretary of State's approval none -> 2008-06-30"
    renamed = agreement_form(replace(snapshot(), area=AreaProfile("Kingsmere and Oakford")))
    assert sentences(form(), renamed) == ["Area: name Kingsmere -> Kingsmere and Oakford"]


def test_the_reading_order_and_the_json_shape() -> None:
    before = form(complete("NI 5"), complete("NI 116"), story=(StorySection("s1", 1, "Old"),))
    later = snapshot(
        complete("NI 116", status=Status.DEFERRED, target_2010_11=19),
        complete("L1"),
        agreements=(PartnerAgreement("NI 116", "Oakford", AgreementState.AGREED),),
        sub_areas=(replace(sub("Oakford"), code="NI 116"),),
        sign_off=SignOff(version="2"),
    )
    after = agreement_form(replace(later, area=AreaProfile("Kingsmere", go_region="East Midlands")))
    assert [(d.ni, d.field) for d in differences(before, after)] == [
        ("", "area:go_region"),
        ("NI 5", "target"),
        ("NI 116", "status"),
        ("NI 116", "target_2010_11"),
        ("NI 116", "sub_area:Oakford"),
        ("NI 116", "agreement:Oakford"),
        ("L1", "target"),
        ("", "story:s1"),
        ("", "sign_off:version"),
    ]
    level = Difference("NI 116", "target_2010_11", 20, 19, "changed", "more ambitious", "s")
    assert level.as_json() == {
        "ni": "NI 116",
        "field": "target_2010_11",
        "from": 20,
        "to": 19,
        "kind": "changed",
        "ambition": "more ambitious",
        "sentence": "s",
    }
    assert list(replace(level, ambition="").as_json()) == ["ni", "field", "from", "to", "kind", "sentence"]


# Random agreements over a few codes, names and values, so that two of them often share records.
CODES = ["NI 5", "NI 116", "NI 171", "NI 12", "L1", "SI 14"]
NAMES = st.sampled_from(["Allerdale", "Oakford", "oakford", "Marl:haven"])
LEVEL = st.none() | st.integers(-5, 5) | st.floats(-100, 100, allow_nan=False).map(lambda f: round(f, 2))
TEXT = st.sampled_from(["", "TBC", "about 20%", "a\nb"])
WHEN = st.none() | st.dates(date(2008, 1, 1), date(2008, 3, 1))
LEVELS = {"baseline": LEVEL, "target_2008_09": LEVEL, "target_2009_10": LEVEL, "target_2010_11": LEVEL}


@st.composite
def agreements(draw: st.DrawFn) -> dict[str, Any]:
    codes = draw(st.lists(st.sampled_from(CODES), unique=True, max_size=4))
    targets = [
        draw(
            st.builds(
                Target,
                st.just(code),
                st.sampled_from(Role),
                status=st.sampled_from(Status),
                polarity=st.sampled_from([None, "higher", "lower"]),
                partners=st.lists(NAMES, max_size=2, unique=True).map(tuple),
                revisit_date=WHEN,
                target_2009_10_as_written=TEXT,
                **LEVELS,
            )
        )
        for code in codes
    ]
    keys = st.tuples(st.sampled_from(CODES), NAMES)
    subs = draw(st.lists(keys, unique=True, max_size=4))
    words = draw(st.lists(keys, unique=True, max_size=4))
    story = draw(st.lists(st.sampled_from(["s1", "s:2", "s3"]), unique=True, max_size=3))
    built = WorkbookSnapshot(
        area=AreaProfile(draw(st.sampled_from(["Kingsmere", "Oakford"])), as_at=draw(WHEN)),
        catalogue=CATALOGUE,
        targets=tuple(targets),
        sub_areas=tuple(draw(st.builds(SubAreaTarget, st.just(c), st.just(n), **LEVELS)) for c, n in subs),
        agreements=tuple(PartnerAgreement(c, n, draw(st.sampled_from(AgreementState)), draw(WHEN)) for c, n in words),
        story=tuple(StorySection(i, draw(st.integers(1, 3)), draw(NAMES), draw(TEXT)) for i in story),
        adoptions=tuple(Adoption(i, draw(NAMES), draw(WHEN)) for i in draw(st.sets(st.sampled_from(["a1", "a2"])))),
        sign_off=SignOff(secretary_of_state_date=draw(WHEN), version=draw(st.sampled_from(["1", "2"]))),
    )
    return agreement_form(built)


@settings(max_examples=300)
@given(agreements(), agreements())
def test_applying_the_differences_gives_the_other_agreement(before: dict[str, Any], after: dict[str, Any]) -> None:
    found = compare(before, after, polarity_of)
    assert apply_differences(before, found) == after
    assert compare(before, before, polarity_of) == ()
    assert bool(found) == (before != after)
    codes = {d.ni for d in found if d.ni}
    for part in ("targets", "sub_areas", "agreements"):
        for code in {r["code"] for r in before[part] + after[part]}:
            if [r for r in before[part] if r["code"] == code] != [r for r in after[part] if r["code"] == code]:
                assert code in codes
    for difference in found:
        assert difference.kind in ("added", "removed", "changed")
        assert difference.sentence
        assert set(difference.as_json()) <= {"ni", "field", "from", "to", "kind", "ambition", "sentence"}
