"""Sign-off as the 2007 Act has it: which targets relate to which partner authority, where each
stands, the rules on them, and the one sentence saying where the area is in the sequence."""

from __future__ import annotations

from datetime import date

from support.records import complete, snapshot

from laadesk.core.cross_checks import check_workbook
from laadesk.core.model import Adoption, AgreementState, Milestone, Partner, PartnerAgreement, Role, SignOff
from laadesk.core.rules import Severity
from laadesk.core.sign_off import (
    agree_to_all,
    relations,
    responsible_adoption,
    sign_off_sequence,
    sign_off_stage,
    status_line,
)
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.core.timetable import UsualStep, missing_milestones
from laadesk.store.paths import user_data_dir
from laadesk.store.reference import milestone_template, partner_authority_kinds

PARTNERS = (
    Partner("Kingsmere County Council"),  # the responsible authority: not a partner authority
    Partner("Kingsmere PCT", "health", "primary care trust"),
    Partner("Marlhaven Borough Council", "district", "district council"),
    Partner("Kingsmere Voluntary Action", "voluntary sector"),  # a partner, not a partner authority
)
NOTHING_YET = SignOff()
ADOPTED = Adoption("a1", "Kingsmere County Council", date(2008, 6, 24), "Cabinet", "CAB/08/1")


def area(*agreements: PartnerAgreement, sign_off: SignOff = NOTHING_YET, **parts: object) -> WorkbookSnapshot:
    targets = (
        complete("NI 116", partners=("Kingsmere PCT", "Kingsmere Voluntary Action")),
        complete("NI 117", lead_partner="Marlhaven Borough Council", partners=("Kingsmere PCT",)),
        complete("NI 118", role=Role.REJECTED, partners=("Marlhaven Borough Council",)),  # not chosen
    )
    return snapshot(
        *targets,
        partners=PARTNERS,
        agreements=agreements,
        adoptions=parts.get("adoptions", (ADOPTED,)),
        sign_off=sign_off,
    )


def agreed(code: str, partner: str) -> PartnerAgreement:
    return PartnerAgreement(code, partner, AgreementState.AGREED, date(2008, 6, 2), "Chief Executive", "L/08/3")


def test_the_kinds_of_partner_authority_are_data_with_their_provenance() -> None:
    kinds = {k.kind: k for k in partner_authority_kinds()}
    for named in ("district council", "police authority", "chief officer of police", "primary care trust"):
        assert kinds[named].provenance.startswith("named in issue 14")
    assert kinds["NHS trust"].provenance == "recalled, not checked against the Act"
    assert all(k.provenance for k in kinds.values())


def test_a_target_relates_to_the_partner_authorities_that_lead_it_or_are_named_on_it() -> None:
    rows = relations(area())
    assert [(r.code, r.partner, r.leads, r.word) for r in rows] == [
        ("NI 116", "Kingsmere PCT", False, "no word recorded"),
        ("NI 117", "Marlhaven Borough Council", True, "no word recorded"),
        ("NI 117", "Kingsmere PCT", False, "no word recorded"),
    ]


def test_asked_or_no_word_is_a_warning_and_an_objection_an_error() -> None:
    snap = area(
        PartnerAgreement("NI 116", "Kingsmere PCT", AgreementState.ASKED),
        PartnerAgreement("NI 117", "Marlhaven Borough Council", AgreementState.OBJECTED),
    )
    found = [(p.severity, p.message) for p in check_workbook(snap) if p.rule.startswith("partner-")]
    assert found == [
        (
            Severity.ERROR,
            "Marlhaven Borough Council objected to NI 117 (16 to 18 year olds who are not in education, "
            "employment or training (NEET)): settle it, then record its agreement (Sign-off page).",
        ),
        (
            Severity.WARNING,
            "Not ready: Kingsmere PCT has not agreed to NI 116 (Proportion of children in poverty) "
            "(asked, no answer yet).",
        ),
        (
            Severity.WARNING,
            "Not ready: Kingsmere PCT has not agreed to NI 117 (16 to 18 year olds who are not in "
            "education, employment or training (NEET)) (no word recorded).",
        ),
    ]


def test_agreed_and_withdrawn_are_settled() -> None:
    snap = area(
        agreed("NI 116", "Kingsmere PCT"),
        agreed("NI 117", "Kingsmere PCT"),
        PartnerAgreement("NI 117", "Marlhaven Borough Council", AgreementState.WITHDRAWN),
    )
    assert not [p for p in check_workbook(snap) if p.rule.startswith("partner-")]


def test_the_sequence_sentence_through_its_stages() -> None:
    not_adopted = Adoption("a1", "Kingsmere County Council", decision_maker="Cabinet")
    assert sign_off_sequence(area(adoptions=(not_adopted,))) == (
        "Not yet adopted by Kingsmere County Council - 0 of 2 partner authorities agreed to all their targets"
        " - GO recommendation pending"
    )
    assert sign_off_stage(area(adoptions=(not_adopted,))) == "Not adopted"
    one = area(agreed("NI 116", "Kingsmere PCT"), agreed("NI 117", "Kingsmere PCT"))
    assert sign_off_sequence(one) == (
        "Adopted by Kingsmere County Council cabinet 24 June 2008 - 1 of 2 partner authorities agreed to all"
        " their targets - GO recommendation pending"
    )
    assert sign_off_stage(one) == "Adopted"
    recommended = area(sign_off=SignOff(go_recommendation_date=date(2008, 6, 27)))
    assert sign_off_sequence(recommended).endswith("- GO recommended on 27 June 2008")
    assert sign_off_stage(recommended) == "GO recommended"
    signed = area(sign_off=SignOff(date(2008, 6, 27), "", date(2008, 6, 30)))
    assert sign_off_sequence(signed).endswith("- signed off by the Secretary of State on 30 June 2008 (version 1)")
    assert sign_off_stage(signed) == "Signed off"
    assert sign_off_sequence(area(adoptions=())).startswith("No responsible authority recorded yet - ")


def test_a_district_council_adoption_is_not_the_responsible_authority() -> None:
    district = Adoption("a2", "Marlhaven Borough Council", date(2008, 6, 10), "Executive")
    assert responsible_adoption((district, ADOPTED), PARTNERS) == ADOPTED
    assert responsible_adoption((district,), PARTNERS) is None


def test_agreeing_to_all_records_only_what_is_not_settled() -> None:
    rows = relations(area(PartnerAgreement("NI 117", "Kingsmere PCT", AgreementState.WITHDRAWN, note="dropped")))
    made = agree_to_all(rows, "Kingsmere PCT", on=date(2008, 6, 5), who="PCT board", reference="B/08/12")
    assert made == [
        PartnerAgreement("NI 116", "Kingsmere PCT", AgreementState.AGREED, date(2008, 6, 5), "PCT board", "B/08/12")
    ]


# -- the usual milestones ----------------------------------------------------------------------


def test_the_milestone_template_is_copied_to_the_data_folder_and_read_from_there() -> None:
    own = user_data_dir() / "milestone_template.csv"
    assert not own.exists()
    steps = milestone_template()
    assert [s.name for s in steps] == [
        "GO quality assurance of the draft agreement",
        "Departmental clearance of the designated targets",
        "GO recommendation to the Secretary of State",
        "Secretary of State sign-off",
    ]
    assert steps[-1].due == date(2008, 6, 30)
    assert all(s.basis.startswith("recalled") for s in steps)
    own.write_text("name,due,basis\nLead member briefing,2008-06-02,our own\n,,\nBad date,someday,\n", encoding="utf-8")
    assert milestone_template() == (
        UsualStep("Lead member briefing", date(2008, 6, 2), "our own"),
        UsualStep("Bad date", None, ""),
    )


def test_only_the_usual_milestones_not_yet_there_are_made() -> None:
    steps = (UsualStep("GO recommendation", date(2008, 6, 20)), UsualStep("Secretary of State sign-off"))
    held = (Milestone("m1", "secretary of state SIGN-OFF", date(2008, 6, 30)),)
    made = missing_milestones(steps, held)
    assert [(m.name, m.due) for m in made] == [("GO recommendation", date(2008, 6, 20))]
    assert missing_milestones(steps, (*held, *made)) == []


def test_the_status_line_ends_with_the_stage() -> None:
    snap = area()
    assert status_line(snap, check_workbook(snap)).endswith(" - 0 errors - 4 warnings - Adopted")
