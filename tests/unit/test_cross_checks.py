"""Rules across records: partners and districts must exist; agreed positions match the targets."""

from __future__ import annotations

from support.records import complete, snapshot

from laadesk.core.cross_checks import check_workbook
from laadesk.core.model import District, Partner, Position, Target
from laadesk.core.rules import Severity
from laadesk.core.snapshot import WorkbookSnapshot

PARTNERS = (Partner("Kingsmere County Council"), Partner("Kingsmere PCT"))


def kingsmere(*targets: Target, positions: tuple[Position, ...] = ()) -> WorkbookSnapshot:
    return snapshot(*targets, partners=PARTNERS, districts=(District("Marlhaven"),), positions=positions)


def found(snap: WorkbookSnapshot) -> dict[str, list[tuple[Severity, str]]]:
    result: dict[str, list[tuple[Severity, str]]] = {}
    for problem in check_workbook(snap):
        result.setdefault(problem.rule, []).append((problem.severity, problem.message))
    return result


def test_known_partners_and_districts_pass() -> None:
    hits = found(kingsmere(complete(districts=("marlhaven",))))
    assert set(hits) == {"statutory-missing"}


def test_unknown_partner_is_named() -> None:
    hits = found(kingsmere(complete(partners=("Kingsmere PCT", "Acme Ltd"))))
    assert hits["unknown-partner"] == [
        (
            Severity.WARNING,
            "NI 116 (Proportion of children in poverty) names 'Acme Ltd', who is not among the area's partners.",
        )
    ]


def test_unknown_district_is_an_error() -> None:
    hits = found(kingsmere(complete(districts=("Atlantis",))))
    assert hits["unknown-district"] == [
        (
            Severity.ERROR,
            "NI 116 (Proportion of children in poverty) applies to 'Atlantis', which is not a district of Kingsmere.",
        )
    ]


def test_agreed_level_must_match_the_target() -> None:
    agreed = Position("NI 116", "2009/10", agreed_level=21.0)
    assert "agreed-level-differs" not in found(kingsmere(complete(), positions=(agreed,)))
    differs = Position("NI 116", "2010/11", agreed_level=19.5)
    assert found(kingsmere(complete(), positions=(differs,)))["agreed-level-differs"] == [
        (
            Severity.ERROR,
            "NI 116 (Proportion of children in poverty): the level agreed for 2010/11 is 19.5, "
            "but the target records 20.",
        )
    ]
