"""Everything in one workbook at one moment, handed to rules and exporters."""

from __future__ import annotations

from dataclasses import dataclass, field

from laadesk.core.catalogue import Catalogue
from laadesk.core.model import (
    Adoption,
    AreaProfile,
    ChampionNote,
    District,
    Evidence,
    Milestone,
    Partner,
    Position,
    PositionChange,
    SignOff,
    StorySection,
    Target,
)


@dataclass(frozen=True)
class WorkbookSnapshot:
    area: AreaProfile
    catalogue: Catalogue
    targets: tuple[Target, ...] = ()
    districts: tuple[District, ...] = ()
    partners: tuple[Partner, ...] = ()
    story: tuple[StorySection, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    positions: tuple[Position, ...] = ()
    position_history: tuple[PositionChange, ...] = ()
    notes: tuple[ChampionNote, ...] = ()
    adoptions: tuple[Adoption, ...] = ()
    sign_off: SignOff = field(default_factory=SignOff)
    milestones: tuple[Milestone, ...] = ()

    def target(self, code: str) -> Target | None:
        return next((t for t in self.targets if t.code == code), None)

    def title_of(self, code: str) -> str:
        """The title a person sees for a code: the catalogue's, or the local indicator's own."""
        indicator = self.catalogue.get(code)
        if indicator is not None:
            return indicator.shown_title
        target = self.target(code)
        return target.title if target else ""
