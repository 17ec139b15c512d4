"""What a sign-off pack contains, by audience: the council pack can only hold what may leave government.

The exporters never see a snapshot. They get a Pack, and council_pack() builds it from the
snapshot's council view (`WorkbookSnapshot.for_council`), in which every kind of record marked
internal is empty - so no writer can leak a negotiating position, floor, history or champion
note, nor any internal record kind added later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from laadesk.core.attachments import Attachment
from laadesk.core.catalogue import Polarity
from laadesk.core.cross_checks import check_workbook
from laadesk.core.errors import WorkbookUnavailable
from laadesk.core.exchange import exchange_targets, exchange_title
from laadesk.core.model import (
    YEARS,
    ActionStatus,
    Adoption,
    AreaProfile,
    ChampionNote,
    Evidence,
    Milestone,
    Position,
    PositionChange,
    Role,
    SignOff,
    Status,
    StorySection,
    SubAreaKind,
    SubAreaTarget,
    Target,
)
from laadesk.core.negotiation import describe_gap
from laadesk.core.refresh import ChangesSince
from laadesk.core.rules import Severity, polarity_of
from laadesk.core.sign_off import (
    Relation,
    partner_authorities,
    relations,
    responsible_adoption,
    sign_off_sequence,
)
from laadesk.core.snapshot import WorkbookSnapshot

PACK_TITLE = "Local Area Agreement 2008-11"


class PackStatus(StrEnum):
    """How far the agreement has got, as the cover says."""

    DRAFT = "draft"
    FOR_ADOPTION = "for adoption"
    SIGNED_OFF = "signed off"


def pack_status(sign_off: SignOff) -> PackStatus:
    """Signed off once the Secretary of State has; for adoption once the GO recommends; else draft."""
    if sign_off.secretary_of_state_date is not None:
        return PackStatus.SIGNED_OFF
    if sign_off.go_recommendation_date is not None:
        return PackStatus.FOR_ADOPTION
    return PackStatus.DRAFT


class ChartChoice(StrEnum):
    """Which targets get a trajectory chart in the PDF pack, as the officer chooses at export."""

    FLAGGED = "flagged"  # reward targets, targets not yet agreed, and (internal brief) contested ones
    ALL = "all"
    NONE = "none"

    @property
    def words(self) -> str:
        return CHART_CHOICE_WORDS[self]


CHART_CHOICE_WORDS = {
    ChartChoice.FLAGGED: "reward targets, targets not yet agreed and targets still contested",
    ChartChoice.ALL: "every target",
    ChartChoice.NONE: "none",
}


@dataclass(frozen=True)
class StoryPart:
    section: StorySection
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class PartnerCommitment:
    """A partner, the targets it leads and the targets it has signed up to."""

    name: str
    sector: str
    leads: tuple[str, ...]
    signed_up: tuple[str, ...]


@dataclass(frozen=True)
class PositionLine:
    """One target-year of the negotiation, with the gap in words (internal brief only)."""

    position: Position
    target_level: float | None
    gap: str


class Audience(StrEnum):
    """Who a pack is for: the council that adopts it, or government alone."""

    COUNCIL = "council"
    INTERNAL = "internal"


@dataclass(frozen=True)
class Pack:
    """Everything one pack prints, already cut to its audience."""

    audience: Audience
    area: AreaProfile
    status: PackStatus
    version: str
    generated: date  # the computer's day the pack was made (file properties)
    as_at: date  # the day the pack speaks of (cover, footers, overdue): the workbook's "as at"
    nis_edition: str
    titles: Mapping[str, str]  # code -> title as printed (the internal brief says which are unverified)
    exchange_titles: Mapping[str, str]  # code -> title as the exchange layout carries it
    unverified_titles: frozenset[str]  # codes whose catalogue title is recalled, not confirmed by a source
    polarity: Mapping[str, Polarity | None]
    story: tuple[StoryPart, ...]
    designated: tuple[Target, ...]
    statutory: tuple[Target, ...]
    local: tuple[Target, ...]
    partners: tuple[PartnerCommitment, ...]
    adoptions: tuple[Adoption, ...]
    sign_off: SignOff
    milestones: tuple[Milestone, ...]
    districts: tuple[str, ...]
    deferral_reasons: tuple[str, ...] = ()  # what the Excel pack offers in its deferral reason cells
    council_marking: str = ""  # the council pack's marking, as chosen at export: none unless one is
    unsettled: tuple[str, ...] = ()  # the rules' errors when the pack was made: the cover then says Draft
    charts: ChartChoice = ChartChoice.FLAGGED
    sub_areas: tuple[SubAreaTarget, ...] = ()  # the listed targets' figures by sub-area
    sequence: str = ""  # where sign-off stands: "Adopted by ... - 5 of 7 partner authorities agreed ... - ..."
    responsible: Adoption | None = None  # the responsible local authority's adoption
    agreements: tuple[Relation, ...] = ()  # each partner authority's word on each target relating to it
    for_partner: str = ""  # a partner authority's pack: only its targets, its figures and its agreement
    agreed_version: str = ""  # the agreed version the pack was made from, as its cover prints it
    changes_since: ChangesSince | None = None  # the refresh pack's section: each change since a version
    attachments: tuple[Attachment, ...] = ()  # files attached as evidence, listed with their hash
    # Internal brief only: always empty in a council pack.
    positions: tuple[PositionLine, ...] = ()
    position_history: tuple[PositionChange, ...] = ()
    notes: tuple[ChampionNote, ...] = ()
    open_actions: tuple[ChampionNote, ...] = field(default=())

    @property
    def internal(self) -> bool:
        return self.audience is Audience.INTERNAL

    @property
    def targets(self) -> tuple[Target, ...]:
        """Every target the pack lists, designated first, as the exchange layout orders them."""
        return self.designated + self.statutory + self.local

    @property
    def deferred(self) -> tuple[Target, ...]:
        return tuple(t for t in self.targets if t.deferred)

    def charted(self, targets: tuple[Target, ...]) -> tuple[Target, ...]:
        """Those of `targets` that get a chart: all of them, none, or those that ask for one -
        reward targets, targets not yet agreed, and in the internal brief targets on which the
        area's proposal and government's position differ. A deferred target has no trajectory."""
        if self.charts is ChartChoice.ALL:
            return targets
        if self.charts is ChartChoice.NONE:
            return ()
        contested = {line.position.code for line in self.positions if line.gap not in ("", "no gap")}
        return tuple(
            t for t in targets if not t.deferred and (t.reward or t.status is Status.PROPOSED or t.code in contested)
        )

    @property
    def marking(self) -> str:
        """The protective marking line repeated in every page header: the workbook's marking on the
        internal brief; on the council pack none (it is published once adopted) unless one was chosen."""
        if self.internal:
            return internal_marking(self.area)
        return self.council_marking.strip()

    @property
    def edition_name(self) -> str:
        """The catalogue's edition for the colophon: its name, without laadesk's remarks in brackets."""
        return self.nis_edition if self.internal else self.nis_edition.split(" (")[0].strip()


def _partners(snapshot: WorkbookSnapshot, targets: tuple[Target, ...]) -> tuple[PartnerCommitment, ...]:
    named = {p.name.casefold(): p for p in snapshot.partners}
    names = list(
        dict.fromkeys(
            [p.name for p in snapshot.partners] + [n for t in targets for n in (t.lead_partner, *t.partners) if n]
        )
    )
    commitments = []
    for name in names:
        key = name.casefold()
        leads = tuple(t.code for t in targets if t.lead_partner.casefold() == key)
        signed = tuple(t.code for t in targets if key in (p.casefold() for p in t.partners))
        if leads or signed:
            partner = named.get(key)
            commitments.append(
                PartnerCommitment(partner.name if partner else name, partner.sector if partner else "", leads, signed)
            )
    return tuple(commitments)


def _common(snapshot: WorkbookSnapshot, audience: Audience, generated: date, as_at: date | None) -> Pack:
    targets = tuple(exchange_targets(snapshot.targets))
    story = tuple(
        StoryPart(section, tuple(e for e in snapshot.evidence if e.section_id == section.id))
        for section in snapshot.story
    )
    return Pack(
        audience=audience,
        area=snapshot.area,
        status=pack_status(snapshot.sign_off),
        version=snapshot.sign_off.version,
        generated=generated,
        as_at=as_at or snapshot.area.today(generated),
        nis_edition=snapshot.catalogue.edition,
        # The council's copy prints each title as the catalogue has it; doubt about a title is the
        # officer's to see (the window, the internal brief, the officer's CSV and Excel notes).
        titles={
            t.code: snapshot.title_of(t.code)
            if audience is Audience.INTERNAL
            else exchange_title(t, snapshot.catalogue)
            for t in targets
        },
        exchange_titles={t.code: exchange_title(t, snapshot.catalogue) for t in targets},
        unverified_titles=frozenset(
            t.code for t in targets if (i := snapshot.catalogue.get(t.code)) is not None and i.title_unverified
        ),
        polarity={t.code: polarity_of(t, snapshot.catalogue) for t in targets},
        story=story,
        designated=tuple(t for t in targets if t.role is Role.DESIGNATED),
        statutory=tuple(t for t in targets if t.role is Role.STATUTORY),
        local=tuple(t for t in targets if t.role is Role.LOCAL),
        partners=_partners(snapshot, targets),
        adoptions=snapshot.adoptions,
        sign_off=snapshot.sign_off,
        milestones=snapshot.milestones,
        districts=tuple(d.name for d in snapshot.districts),
        sub_areas=tuple(s for s in snapshot.sub_areas if s.code in {t.code for t in targets}),
        sequence=sign_off_sequence(snapshot),
        responsible=responsible_adoption(snapshot.adoptions, snapshot.partners),
        agreements=tuple(relations(snapshot)),
        # The council's view holds no internal attachments (for_council): its pack lists the shareable.
        attachments=(*snapshot.attachments, *snapshot.internal_attachments),
    )


def internal_marking(area: AreaProfile) -> str:
    """The marking every page of a document for government's eyes only carries (the internal brief, the
    QA report): the workbook's own marking, said to be internal."""
    return f"{area.protective_marking.strip()} - INTERNAL TO GOVERNMENT - NOT FOR THE COUNCIL".strip(" -")


def council_pack(snapshot: WorkbookSnapshot, generated: date, as_at: date | None = None, for_partner: str = "") -> Pack:
    """The pack a council adopts: built from nothing government keeps to itself. With `for_partner`
    (a partner authority's name), that partner authority's pack: only the targets that relate to it,
    its sub-area figures and its own word on each of its targets."""
    council = snapshot.for_council()
    pack = _common(council, Audience.COUNCIL, generated, as_at)
    return _for_partner(pack, council, for_partner) if for_partner else pack


def partner_authority_named(snapshot: WorkbookSnapshot, name: str) -> str:
    """The partner authority `name` names (any case), as the workbook spells it; refuses a name that
    is not one of the area's partner authorities, naming those there are."""
    authorities = partner_authorities(snapshot.partners)
    found = next((a for a in authorities if a.casefold() == name.strip().casefold()), None)
    if found is not None:
        return found
    there = "; ".join(authorities) if authorities else "none: no partner has a partner authority kind"
    raise WorkbookUnavailable(
        f"'{name}' is not a partner authority of {snapshot.area.name}; the partner authorities are: {there}."
    )


def _for_partner(pack: Pack, snapshot: WorkbookSnapshot, partner: str) -> Pack:
    """The council pack cut to what relates to one partner authority."""
    agreements = tuple(r for r in pack.agreements if r.partner == partner)
    codes = {r.code for r in agreements}
    districts = [d.name.casefold() for d in snapshot.districts if partner.casefold().startswith(d.name.casefold())]
    targets = tuple(t for t in pack.targets if t.code in codes)

    def mine(row: SubAreaTarget) -> bool:
        ours = row.lead_partner.casefold() == partner.casefold()
        return ours or (row.kind is SubAreaKind.DISTRICT and row.sub_area.casefold() in districts)

    return replace(
        pack,
        for_partner=partner,
        story=(),  # the area's account names every indicator: the partner's pack holds its targets only
        designated=tuple(t for t in pack.designated if t.code in codes),
        statutory=tuple(t for t in pack.statutory if t.code in codes),
        local=tuple(t for t in pack.local if t.code in codes),
        partners=_partners(snapshot, targets),
        sub_areas=tuple(s for s in pack.sub_areas if s.code in codes and mine(s)),
        agreements=agreements,
    )


def internal_brief(snapshot: WorkbookSnapshot, generated: date, as_at: date | None = None) -> Pack:
    """Everything in the council pack plus the negotiation: positions, gaps, floors, notes, actions."""
    pack = _common(snapshot, Audience.INTERNAL, generated, as_at)
    levels = {t.code: t for t in snapshot.targets}
    lines = []
    for position in snapshot.positions:
        target = levels.get(position.code)
        if target is None:
            continue
        year_level = dict(zip(YEARS, target.levels)).get(position.year)
        gap = describe_gap(
            position.area_proposal, position.government_position, pack.polarity.get(position.code), target.units
        )
        lines.append(PositionLine(position, year_level, gap))
    return replace(
        pack,
        positions=tuple(lines),
        position_history=snapshot.position_history,
        notes=snapshot.notes,
        open_actions=tuple(n for n in snapshot.notes if n.action_status is ActionStatus.OPEN),
    )


def build_pack(
    snapshot: WorkbookSnapshot,
    audience: Audience,
    generated: date,
    deferral_reasons: tuple[str, ...] = (),
    as_at: date | None = None,
    council_marking: str = "",
    charts: ChartChoice = ChartChoice.FLAGGED,
    for_partner: str = "",
    agreed_version: str = "",
    changes_since: ChangesSince | None = None,
) -> Pack:
    """The pack for an audience, made on the day `generated` and speaking as at `as_at` (by default the
    workbook's own "as at", else the day it is made); `deferral_reasons` are offered in the Excel
    pack's deferral cells; `council_marking` marks a council pack (none by default); `charts` says
    which targets get a trajectory chart; `for_partner` makes a council pack that partner authority's
    pack (see council_pack)."""
    if audience is Audience.INTERNAL:
        built = internal_brief(snapshot, generated, as_at)
    else:
        partner = partner_authority_named(snapshot, for_partner) if for_partner else ""
        built = council_pack(snapshot, generated, as_at, partner)
    pack = replace(
        built,
        deferral_reasons=deferral_reasons,
        council_marking=council_marking,
        charts=charts,
        agreed_version=agreed_version,
        changes_since=changes_since,
    )
    errors = tuple(p.message for p in check_workbook(snapshot) if p.severity is Severity.ERROR)
    # A pack made while errors remain is a draft, whatever stage the sign-off has reached.
    return replace(pack, unsettled=errors, status=PackStatus.DRAFT) if errors else pack
