"""Everything in one workbook at one moment, handed to rules and exporters - and, once for each
kind of record, where it is kept and whether it is government's side.

Each field of WorkbookSnapshot that holds records is declared with `kept()`: the table the
store keeps them in, their key, how they are listed, and whether they are INTERNAL to
government. That one mark is the only place the split is said: the store derives the council
copy from it, `for_council()` derives the snapshot every council-bound output is built from,
and a test fails when a table of the workbook is not classified.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from laadesk.core.attachments import Attachment, InternalAttachment
from laadesk.core.catalogue import Catalogue
from laadesk.core.codes import sort_key
from laadesk.core.field_types import field_types
from laadesk.core.model import (
    Adoption,
    AreaProfile,
    ChampionNote,
    District,
    Evidence,
    Milestone,
    Partner,
    PartnerAgreement,
    Position,
    PositionChange,
    SignOff,
    StorySection,
    SubAreaTarget,
    Target,
)
from laadesk.core.qa_ticks import QaTick
from laadesk.core.rounds import ChangeReason, RefreshRound

KEPT = "laadesk_kept"


@dataclass(frozen=True)
class Kept:
    """How one kind of record is kept: its table and key, how it is listed, and whose side it is."""

    record: type
    table: str
    keys: tuple[str, ...]
    internal: bool  # government's side: never in anything bound for the council
    nouns: tuple[str, str]  # one, many: "champion note", "champion notes"
    single: bool = False  # one per workbook (the area, the sign-off)
    order: Callable[[Any], Any] | None = None  # how a snapshot lists them (None: as they were stored)
    field: str = ""  # the WorkbookSnapshot field that holds them (filled in by kinds())

    def counted(self, number: int) -> str:
        return f"{number} {self.nouns[0] if number == 1 else self.nouns[1]}"


def kept(
    record: type,
    table: str,
    *,
    internal: bool,
    nouns: tuple[str, str],
    keys: tuple[str, ...] = ("id",),
    single: bool = False,
    order: Callable[[Any], Any] | None = None,
) -> dict[str, Kept]:
    """The metadata of a snapshot field holding one kind of record (a tuple of them, or the one if single)."""
    return {KEPT: Kept(record, table, keys, internal, nouns, single, order)}


def _dated(value: date | None) -> tuple[bool, date]:
    """A date for sorting, with no date first (as SQLite orders NULL)."""
    return (value is not None, value or date.min)


def _undated_last(value: date | None) -> tuple[bool, date]:
    return (value is None, value or date.min)


@dataclass(frozen=True)
class WorkbookSnapshot:
    area: AreaProfile = field(
        metadata=kept(AreaProfile, "area", keys=("key",), single=True, internal=False, nouns=("area", "areas"))
    )
    catalogue: Catalogue  # the National Indicator Set edition the workbook holds (shared)
    targets: tuple[Target, ...] = field(
        default=(),
        metadata=kept(
            Target,
            "targets",
            keys=("code",),
            internal=False,
            nouns=("target", "targets"),
            order=lambda t: sort_key(t.code),
        ),
    )
    districts: tuple[District, ...] = field(
        default=(),
        metadata=kept(
            District,
            "districts",
            keys=("name",),
            internal=False,
            nouns=("district", "districts"),
            order=lambda d: d.name,
        ),
    )
    partners: tuple[Partner, ...] = field(
        default=(),
        metadata=kept(
            Partner,
            "partners",
            keys=("name",),
            internal=False,
            nouns=("partner", "partners"),
            order=lambda p: (p.name.casefold(), p.name),
        ),
    )
    story: tuple[StorySection, ...] = field(
        default=(),
        metadata=kept(
            StorySection,
            "story_sections",
            internal=False,
            nouns=("story section", "story sections"),
            order=lambda s: (s.position, s.title),
        ),
    )
    evidence: tuple[Evidence, ...] = field(
        default=(),
        metadata=kept(
            Evidence,
            "evidence",
            internal=False,
            nouns=("evidence reference", "evidence references"),
            order=lambda e: (e.section_id, _dated(e.date), e.source),
        ),
    )
    notes: tuple[ChampionNote, ...] = field(
        default=(),
        metadata=kept(
            ChampionNote,
            "champion_notes",
            internal=True,
            nouns=("champion note", "champion notes"),
            order=lambda n: (n.date, n.author, n.id),
        ),
    )
    positions: tuple[Position, ...] = field(
        default=(),
        metadata=kept(
            Position,
            "positions",
            keys=("code", "year"),
            internal=True,
            nouns=("negotiating position (with its floor)", "negotiating positions (with their floors)"),
            order=lambda p: (sort_key(p.code), p.year),
        ),
    )
    position_history: tuple[PositionChange, ...] = field(
        default=(),
        metadata=kept(
            PositionChange,
            "position_history",
            internal=True,
            nouns=("change of negotiating history", "changes of negotiating history"),
        ),
    )
    sub_areas: tuple[SubAreaTarget, ...] = field(
        default=(),
        metadata=kept(
            SubAreaTarget,
            "sub_area_targets",
            keys=("code", "sub_area"),
            internal=False,
            nouns=("sub-area target", "sub-area targets"),
            order=lambda s: (sort_key(s.code), s.sub_area.casefold(), s.sub_area),
        ),
    )
    agreements: tuple[PartnerAgreement, ...] = field(
        default=(),
        metadata=kept(
            PartnerAgreement,
            "partner_agreements",
            keys=("code", "partner"),
            internal=False,
            nouns=("partner authority agreement", "partner authority agreements"),
            order=lambda a: (sort_key(a.code), a.partner.casefold(), a.partner),
        ),
    )
    adoptions: tuple[Adoption, ...] = field(
        default=(),
        metadata=kept(Adoption, "adoptions", internal=False, nouns=("adoption", "adoptions"), order=lambda a: a.body),
    )
    sign_off: SignOff = field(
        default_factory=SignOff,
        metadata=kept(SignOff, "sign_off", keys=("key",), single=True, internal=False, nouns=("sign-off", "sign-offs")),
    )
    milestones: tuple[Milestone, ...] = field(
        default=(),
        metadata=kept(
            Milestone,
            "milestones",
            internal=False,
            nouns=("milestone", "milestones"),
            order=lambda m: (_undated_last(m.due), m.name),
        ),
    )

    refresh_round: RefreshRound = field(
        default_factory=RefreshRound,
        metadata=kept(
            RefreshRound,
            "refresh_round",
            keys=("key",),
            single=True,
            internal=False,
            nouns=("refresh round", "refresh rounds"),
        ),
    )
    change_reasons: tuple[ChangeReason, ...] = field(
        default=(),
        metadata=kept(
            ChangeReason,
            "change_reasons",
            keys=("code", "field"),
            internal=False,
            nouns=("reason for a change", "reasons for changes"),
            order=lambda r: (sort_key(r.code), r.field),
        ),
    )
    qa_ticks: tuple[QaTick, ...] = field(
        default=(),
        metadata=kept(
            QaTick,
            "qa_ticks",
            keys=("item",),
            internal=True,
            nouns=("QA tick", "QA ticks"),
            order=lambda t: t.item,
        ),
    )
    # The files' contents are not records: they stay in the file until extracted (store/attachments.py).
    attachments: tuple[Attachment, ...] = field(
        default=(),
        metadata=kept(
            Attachment,
            "attachments",
            keys=("sha256",),
            internal=False,
            nouns=("attachment", "attachments"),
            order=lambda a: (a.name.casefold(), a.sha256),
        ),
    )
    internal_attachments: tuple[InternalAttachment, ...] = field(
        default=(),
        metadata=kept(
            InternalAttachment,
            "internal_attachments",
            keys=("sha256",),
            internal=True,
            nouns=("internal attachment", "internal attachments"),
            order=lambda a: (a.name.casefold(), a.sha256),
        ),
    )

    def target(self, code: str) -> Target | None:
        return next((t for t in self.targets if t.code == code), None)

    def title_of(self, code: str) -> str:
        """The title a person sees for a code: the catalogue's, or the local indicator's own."""
        indicator = self.catalogue.get(code)
        if indicator is not None:
            return indicator.shown_title
        target = self.target(code)
        return target.title if target else ""

    def for_council(self) -> WorkbookSnapshot:
        """The same workbook with government's side taken out: every internal kind of record empty.

        Everything bound for the council (its pack, its copy of the workbook) is built from this,
        so a record kind marked internal cannot reach the council whatever the writer does.
        """
        emptied: dict[str, Any] = {kind.field: () for kind in kinds() if kind.internal}
        return dataclasses.replace(self, **emptied)


@functools.cache
def kinds() -> tuple[Kept, ...]:
    """Every kind of record a workbook holds, in the order WorkbookSnapshot declares them."""
    found = []
    for snapshot_field in dataclasses.fields(WorkbookSnapshot):
        how = snapshot_field.metadata.get(KEPT)
        if how is not None:
            found.append(dataclasses.replace(how, field=snapshot_field.name))
    return tuple(found)


def kind_of(record_type: type) -> Kept:
    """How records of this type are kept; KeyError for a type no workbook holds."""
    return _by_type()[record_type]


@functools.cache
def _by_type() -> dict[type, Kept]:
    return {kind.record: kind for kind in kinds()}


def list_fields(record_type: type) -> tuple[str, ...]:
    """The fields of a record type that hold a list of names (stored as a JSON list)."""
    return tuple(name for name, hint in field_types(record_type).items() if typing.get_origin(hint) is tuple)
