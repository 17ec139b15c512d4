"""Sign-off as the 2007 Act has it: the responsible authority adopts, each partner authority agrees to
the targets that relate to it, then the GO recommends and the Secretary of State signs off."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from laadesk.core.dates import format_long_date
from laadesk.core.labels import counted, indicator_name
from laadesk.core.model import Adoption, AgreementState, Partner, PartnerAgreement, SignOff, Target
from laadesk.core.rules import Problem, Severity, summary
from laadesk.core.snapshot import WorkbookSnapshot

NO_WORD = "no word recorded"
SETTLED = (AgreementState.AGREED, AgreementState.WITHDRAWN)  # nothing left to ask of the partner


@dataclass(frozen=True)
class Relation:
    """A chosen target and a partner authority it relates to (it leads it or is named among its
    partners), with the partner authority's word on it if one is recorded."""

    code: str
    partner: str
    kind: str
    leads: bool
    agreement: PartnerAgreement | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.partner)

    @property
    def state(self) -> AgreementState | None:
        return self.agreement.state if self.agreement is not None else None

    @property
    def word(self) -> str:
        """ "agreed", "asked", ... or "no word recorded"."""
        return self.state.value if self.state is not None else NO_WORD

    @property
    def settled(self) -> bool:
        return self.state in SETTLED

    def as_agreement(self) -> PartnerAgreement:
        """The agreement record to edit: the one recorded, or a new one in the state "asked"."""
        return self.agreement or PartnerAgreement(self.code, self.partner)


def partner_authorities(partners: Iterable[Partner]) -> dict[str, Partner]:
    """The area's partners that are partner authorities (they have a kind), by name."""
    return {p.name: p for p in partners if p.authority_kind.strip()}


def related_authorities(target: Target, authorities: dict[str, Partner]) -> list[str]:
    """The partner authorities a target relates to: its lead partner first, then those named on it."""
    names = [n for n in dict.fromkeys((target.lead_partner, *target.partners)) if n in authorities]
    return names


def relations(snapshot: WorkbookSnapshot) -> list[Relation]:
    """One row per chosen target and partner authority it relates to, in the order of the targets."""
    authorities = partner_authorities(snapshot.partners)
    words = {a.key: a for a in snapshot.agreements}
    return [
        Relation(
            target.code,
            name,
            authorities[name].authority_kind,
            name == target.lead_partner,
            words.get((target.code, name)),
        )
        for target in snapshot.targets
        if target.chosen
        for name in related_authorities(target, authorities)
    ]


def agreed_to_all(rows: Sequence[Relation]) -> tuple[list[str], list[str]]:
    """(partner authorities that agreed to every target relating to them, all those with one), in order."""
    partners = list(dict.fromkeys(r.partner for r in rows))
    done = [p for p in partners if all(r.settled for r in rows if r.partner == p)]
    return done, partners


def agree_to_all(
    rows: Sequence[Relation], partner: str, *, on: date | None = None, who: str = "", reference: str = ""
) -> list[PartnerAgreement]:
    """The agreement records that make `partner` agreed to every target relating to it, with the
    date, who and reference given; a target already agreed or withdrawn is left as it is."""
    return [
        replace(r.as_agreement(), state=AgreementState.AGREED, date=on, who=who, reference=reference)
        for r in rows
        if r.partner == partner and not r.settled
    ]


def responsible_adoption(adoptions: Iterable[Adoption], partners: Iterable[Partner] = ()) -> Adoption | None:
    """The responsible local authority's adoption: the adoption by a body that is not a partner
    authority, the one with a date first."""
    authorities = partner_authorities(partners)
    own = [a for a in adoptions if a.body not in authorities]
    own.sort(key=lambda a: (a.date is None, a.body))
    return own[0] if own else None


def adoption_words(adoption: Adoption | None) -> str:
    """ "Adopted by Cumbria County Council cabinet 24 June 2008", or what is still to come."""
    if adoption is None:
        return "No responsible authority recorded yet"
    if adoption.date is None:
        return f"Not yet adopted by {adoption.body}"
    body = f"{adoption.body} {adoption.decision_maker.strip().lower()}".strip()
    return f"Adopted by {body} {format_long_date(adoption.date)}"


def agreement_words(rows: Sequence[Relation]) -> str:
    """ "5 of 7 partner authorities agreed to all their targets"."""
    done, partners = agreed_to_all(rows)
    if not partners:
        return "no partner authority named on a target"
    if len(partners) == 1:
        return f"the partner authority {'agreed' if done else 'has not agreed'} to all its targets"
    many = counted(len(partners), "partner authority", "partner authorities")
    return f"{len(done)} of {many} agreed to all their targets"


def government_words(sign_off: SignOff) -> str:
    """ "GO recommendation pending", "GO recommended on 14 July 2008", "signed off by the Secretary of State on ..."."""
    if sign_off.secretary_of_state_date is not None:
        version = f" (version {sign_off.version.strip()})" if sign_off.version.strip() else ""
        return f"signed off by the Secretary of State on {format_long_date(sign_off.secretary_of_state_date)}{version}"
    if sign_off.go_recommendation_date is not None:
        return f"GO recommended on {format_long_date(sign_off.go_recommendation_date)}"
    return "GO recommendation pending"


def sign_off_sequence(snapshot: WorkbookSnapshot) -> str:
    """Where the area stands in the sequence, one sentence without its full stop:
    "Adopted by Cumbria County Council cabinet 24 June 2008 - 5 of 7 partner authorities agreed to
    all their targets - GO recommendation pending"."""
    adoption = responsible_adoption(snapshot.adoptions, snapshot.partners)
    return " - ".join(
        (adoption_words(adoption), agreement_words(relations(snapshot)), government_words(snapshot.sign_off))
    )


def sign_off_stage(snapshot: WorkbookSnapshot) -> str:
    """The stage in two or three words, for the status bar: "Not adopted", "Adopted", "GO recommended",
    "Signed off"."""
    return stage_of(snapshot.sign_off, snapshot.adoptions, snapshot.partners)


def stage_of(sign_off: SignOff, adoptions: Iterable[Adoption], partners: Iterable[Partner]) -> str:
    """sign_off_stage from the records it rests on (the roll-up reads only those)."""
    if sign_off.secretary_of_state_date is not None:
        return "Signed off"
    if sign_off.go_recommendation_date is not None:
        return "GO recommended"
    adoption = responsible_adoption(adoptions, partners)
    return "Adopted" if adoption is not None and adoption.date is not None else "Not adopted"


def check_partner_agreements(snapshot: WorkbookSnapshot) -> list[Problem]:
    """A target a partner authority has not agreed to is not ready (a warning); one it objected to is an
    error until settled (agreed, or the target no longer asked of it: withdrawn)."""
    problems = []
    for row in relations(snapshot):
        target = snapshot.target(row.code)
        name = indicator_name(row.code, snapshot.catalogue, target)
        if row.state is AgreementState.OBJECTED:
            problems.append(
                Problem(
                    "partner-objected",
                    Severity.ERROR,
                    f"{row.partner} objected to {name}: settle it, then record its agreement (Sign-off page).",
                    row.code,
                    "partners",
                )
            )
        elif not row.settled:
            how = "asked, no answer yet" if row.state is AgreementState.ASKED else NO_WORD
            problems.append(
                Problem(
                    "partner-not-agreed",
                    Severity.WARNING,
                    f"Not ready: {row.partner} has not agreed to {name} ({how}).",
                    row.code,
                    "partners",
                )
            )
    return problems


def status_line(snapshot: WorkbookSnapshot, problems: list[Problem]) -> str:
    """The rules' summary and, last, the sign-off stage: "Designated 32/35 - ... - 1 error - Adopted"."""
    return f"{summary(snapshot.targets, snapshot.catalogue, problems)} - {sign_off_stage(snapshot)}"
