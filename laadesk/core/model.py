"""The records one area's workbook holds. Frozen values; edits make new ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from laadesk.core.attachments import Attachment, InternalAttachment
from laadesk.core.catalogue import Polarity
from laadesk.core.qa_ticks import QaTick
from laadesk.core.rounds import ChangeReason, RefreshRound

YEARS = ("2008/09", "2009/10", "2010/11")
YEAR_FIELDS = ("target_2008_09", "target_2009_10", "target_2010_11")
LEVEL_FIELDS = ("baseline", *YEAR_FIELDS)
# A target's figures in the order every table sets them out, the cabinet's as the exchange layout's.
FIGURES = ("baseline", "baseline_period", *YEAR_FIELDS, "units")
# A level a table gave as words or a range ("TBC", "12-14%", "55.7 (for 2009)") is kept exactly as
# written in its own field, and the number stays blank: laadesk never guesses a figure.
AS_WRITTEN = {level: f"{level}_as_written" for level in LEVEL_FIELDS}
# Deferral reasons the rules speak of (the full list is data: resources/deferral_reasons.csv).
PLACE_SURVEY_PENDING = "Place Survey pending"
OTHER_REASON = "other"


def new_id() -> str:
    """A stable identity for a record that has no natural key (notes, sections...)."""
    import uuid  # with platform, which it imports: loads when the first new record needs it

    return uuid.uuid4().hex


class AreaType(StrEnum):
    """What kind of council leads the area."""

    COUNTY = "county"
    UNITARY = "unitary"
    METROPOLITAN = "metropolitan district"
    LONDON_BOROUGH = "london borough"
    SUI_GENERIS = "sui generis"


class Tier(StrEnum):
    """Single-tier (one council) or two-tier (a county with districts)."""

    SINGLE = "single-tier"
    TWO = "two-tier"


class Role(StrEnum):
    """An indicator's place in the agreement: considered, chosen in one of three ways, or rejected."""

    CANDIDATE = "candidate"
    DESIGNATED = "designated"
    STATUTORY = "statutory"
    LOCAL = "local"
    REJECTED = "rejected"


CHOSEN_ROLES = (Role.DESIGNATED, Role.STATUTORY, Role.LOCAL)


class Status(StrEnum):
    """How far a chosen target has got: proposed, agreed, or deliberately deferred."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    DEFERRED = "deferred"


class NoteKind(StrEnum):
    """What a champion note records."""

    BARRIER = "barrier"
    STICKING_POINT = "sticking point"
    CHALLENGE = "challenge"
    ACTION = "action"
    DECISION = "decision"


class Visibility(StrEnum):
    """Whether a note may ever be shown to the area."""

    INTERNAL = "internal"
    SHAREABLE = "shareable"


class ActionStatus(StrEnum):
    """Whether a note is an action, and if so whether it is done."""

    NONE = ""
    OPEN = "open"
    DONE = "done"


class PositionField(StrEnum):
    """The four figures of a negotiating position."""

    AREA_PROPOSAL = "area_proposal"
    GOVERNMENT_POSITION = "government_position"
    AGREED_LEVEL = "agreed_level"
    FLOOR = "floor"  # government's private floor: never in a council export


@dataclass(frozen=True)
class AreaProfile:
    """Who the agreement is with (one per workbook)."""

    name: str
    ons_code: str = ""
    go_region: str = ""
    type: AreaType | None = None
    tier: Tier = Tier.SINGLE
    lsp_name: str = ""
    protective_marking: str = "PROTECT"
    as_at: date | None = None  # the day the workbook speaks of (packs, overdue milestones); None: today

    @property
    def key(self) -> str:
        return "area"

    def today(self, clock: date) -> date:
        """The workbook's "as at" date, or the clock's day when none is set."""
        return self.as_at or clock


@dataclass(frozen=True)
class District:
    """A district of a two-tier area."""

    name: str
    ons_code: str = ""

    @property
    def key(self) -> str:
        return self.name


@dataclass(frozen=True)
class Partner:
    """A partner in the Local Strategic Partnership who can lead or sign up to targets; a partner
    authority under the 2007 Act when `authority_kind` names its kind (resources/partner_authority_kinds.csv)."""

    name: str
    sector: str = ""
    authority_kind: str = ""  # "district council", "police authority", ...; "" when not a partner authority

    @property
    def key(self) -> str:
        return self.name


@dataclass(frozen=True)
class StorySection:
    """One section of the story of place, and the indicators it justifies."""

    id: str
    position: int
    title: str
    text: str = ""
    indicators: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True)
class Evidence:
    """An evidence reference behind a story section."""

    id: str
    section_id: str
    source: str
    figure: str = ""
    date: date | None = None

    @property
    def key(self) -> str:
        return self.id


class Levelled:
    """The baseline and three yearly levels a record holds as numbers, each with the words a table
    gave when it was no number (an area's target, or its figures for a sub-area)."""

    target_2008_09: float | None
    target_2009_10: float | None
    target_2010_11: float | None

    @property
    def levels(self) -> tuple[float | None, float | None, float | None]:
        return (self.target_2008_09, self.target_2009_10, self.target_2010_11)

    def as_written(self, level: str) -> str:
        """What a table wrote for a level that is not a number ("" when there is a number, or nothing)."""
        text: str = getattr(self, AS_WRITTEN[level])
        return text

    @property
    def written_levels(self) -> dict[str, str]:
        """Each level given as words, by field."""
        return {level: self.as_written(level) for level in LEVEL_FIELDS if self.as_written(level)}


@dataclass(frozen=True)
class Target(Levelled):
    """An indicator the area considers, its role, and (once chosen) its target levels."""

    code: str
    role: Role = Role.CANDIDATE
    title: str = ""  # only for local indicators; national titles come from the catalogue
    rationale: str = ""
    status: Status = Status.PROPOSED
    baseline: float | None = None
    baseline_period: str = ""
    baseline_source: str = ""
    target_2008_09: float | None = None
    target_2009_10: float | None = None
    target_2010_11: float | None = None
    units: str = ""
    polarity: Polarity | None = None  # None: take the catalogue's
    lead_partner: str = ""
    partners: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()  # spatial level: empty means the whole area
    deferral_reason: str = ""  # one of the deferral reasons (core/deferral.py); "" when not deferred
    deferral_note: str = ""  # the sentence after "other:"
    revisit_date: date | None = None
    reward: bool = False
    comment: str = ""
    baseline_as_written: str = ""
    target_2008_09_as_written: str = ""
    target_2009_10_as_written: str = ""
    target_2010_11_as_written: str = ""

    @property
    def key(self) -> str:
        return self.code

    @property
    def chosen(self) -> bool:
        return self.role in CHOSEN_ROLES

    @property
    def deferred(self) -> bool:
        return self.status is Status.DEFERRED

    @property
    def spatial_level(self) -> str:
        return "; ".join(self.districts) if self.districts else "whole area"


@dataclass(frozen=True)
class Position:
    """Where the area and government stand on one target in one year."""

    code: str
    year: str
    area_proposal: float | None = None
    government_position: float | None = None
    agreed_level: float | None = None
    floor: float | None = None  # internal to government

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.year)


@dataclass(frozen=True)
class PositionChange:
    """One change to a negotiating position, kept for the record (never overwritten)."""

    code: str
    year: str
    field: PositionField
    value: float | None
    who: str
    when: str  # ISO 8601 timestamp, UTC


@dataclass(frozen=True)
class ChampionNote:
    """A dated note from a Negotiating Champion or GO officer."""

    id: str
    author: str
    text: str
    kind: NoteKind
    date: date
    role: str = ""
    indicators: tuple[str, ...] = ()
    visibility: Visibility = Visibility.INTERNAL
    action_status: ActionStatus = ActionStatus.NONE
    time: str = ""  # "14:32" when captured live in a workshop, else blank

    @property
    def key(self) -> str:
        return self.id


class AgreementState(StrEnum):
    """Where a partner authority stands on a target that relates to it."""

    ASKED = "asked"
    AGREED = "agreed"
    OBJECTED = "objected"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class PartnerAgreement:
    """A partner authority's word on one target that relates to it: asked, agreed, objected or
    withdrawn, when, who said it, under what reference."""

    code: str
    partner: str
    state: AgreementState = AgreementState.ASKED
    date: date | None = None
    who: str = ""
    reference: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.partner)


class SubAreaKind(StrEnum):
    """What a sub-area of a target is."""

    DISTRICT = "district"
    PARTNERSHIP_AREA = "partnership area"
    NEIGHBOURHOODS = "neighbourhood group"
    OTHER = "other"


@dataclass(frozen=True)
class SubAreaTarget(Levelled):
    """A target's figures for part of the area: a district, a partnership's own area, a group of
    neighbourhoods. Levels as for an area target: a number, or words kept exactly as written."""

    code: str
    sub_area: str
    kind: SubAreaKind = SubAreaKind.DISTRICT
    baseline: float | None = None
    baseline_period: str = ""
    target_2008_09: float | None = None
    target_2009_10: float | None = None
    target_2010_11: float | None = None
    units: str = ""
    lead_partner: str = ""
    comment: str = ""
    baseline_as_written: str = ""
    target_2008_09_as_written: str = ""
    target_2009_10_as_written: str = ""
    target_2010_11_as_written: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.sub_area)


@dataclass(frozen=True)
class Adoption:
    """The responsible local authority's adoption of the agreement (its cabinet or full council)."""

    id: str
    body: str
    date: date | None = None
    decision_maker: str = ""
    minute_reference: str = ""

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True)
class SignOff:
    """The Government Office recommendation and the Secretary of State's sign-off (one per workbook)."""

    go_recommendation_date: date | None = None
    go_recommended_by: str = ""
    secretary_of_state_date: date | None = None
    version: str = "1"

    @property
    def key(self) -> str:
        return "sign_off"


@dataclass(frozen=True)
class Milestone:
    """A step in the negotiating timetable."""

    id: str
    name: str
    due: date | None = None
    done: date | None = None

    @property
    def key(self) -> str:
        return self.id


Record = (
    AreaProfile
    | District
    | Partner
    | StorySection
    | Evidence
    | Target
    | Position
    | ChampionNote
    | Adoption
    | SignOff
    | Milestone
    | SubAreaTarget
    | PartnerAgreement
    | RefreshRound
    | ChangeReason
    | QaTick
    | Attachment
    | InternalAttachment
)
