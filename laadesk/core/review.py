"""Changes from elsewhere, reviewed: what a council's returned table would change, one proposal
at a time, and the one edit that lands the ones the officer accepts.

Nothing from a file overwrites the workbook as it comes. Each proposal is one thing the file
changes - a target added, one field of one target (a level with the words it was written in),
one field of a sub-area figure - in the negotiators' words. Two kinds land differently:

- a level the file changes for a year whose level government and the area already agreed (the
  negotiation ledger holds an agreed level) lands as the area's proposal for that year - never
  over the agreed level - unless the officer chooses to overwrite it;
- a comment or "suggested changes" cell becomes a shareable champion note on that target, from
  the file, instead of replacing the target's comment.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from laadesk.core.agreement import agreement_form
from laadesk.core.applied import applied
from laadesk.core.compare import compare, grouped
from laadesk.core.edits import Change, Edit, Put
from laadesk.core.labels import field_words
from laadesk.core.model import (
    AS_WRITTEN,
    YEAR_FIELDS,
    YEARS,
    ChampionNote,
    NoteKind,
    Partner,
    Position,
    SubAreaTarget,
    Target,
    Visibility,
)
from laadesk.core.snapshot import WorkbookSnapshot

# How an accepted proposal lands.
LEVEL = "level"  # written to the target (or sub-area figure) as the file has it
PROPOSAL = "area's proposal"  # the year is agreed: lands in the negotiation ledger as the area's proposal
NOTE = "champion note"  # a comment: a shareable champion note on the target
RECORD = "record"  # a whole target or sub-area figure the workbook does not have yet


@dataclass(frozen=True)
class Proposal:
    """One change a file from elsewhere would make, for the officer to accept or reject."""

    number: int  # 1, 2, ... in reading order: what --only and the review dialog speak of
    ni: str
    field: str  # the target's field ("target_2010_11"), "target" for a whole target, "sub_area:<name>[:<field>]"
    sentence: str
    kind: str  # added, changed
    ambition: str
    lands: str  # LEVEL, PROPOSAL, NOTE or RECORD
    agreed_level: float | None = None  # the ledger's agreed level, when the proposal lands as PROPOSAL

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "ni": self.ni,
            "field": self.field,
            "kind": self.kind,
            "ambition": self.ambition,
            "lands": self.lands,
            "sentence": self.sentence,
        }

    @property
    def said(self) -> str:
        """The sentence with how it lands, as the review lists it."""
        if self.lands == PROPOSAL:
            agreed = _figure(self.agreed_level)
            return f"{self.sentence} - lands as the area's proposal (the agreed level {agreed} stays)"
        if self.lands == NOTE and self.agreed_level is not None:
            agreed = _figure(self.agreed_level)
            return f"{self.sentence} - lands as a shareable champion note (the agreed level {agreed} stays)"
        if self.lands == NOTE:
            return f"{self.sentence} - lands as a shareable champion note"
        return self.sentence


@dataclass(frozen=True)
class Review:
    """What a file would change, against the workbook as it is now."""

    source: str  # the file's name, for history and notes
    proposals: tuple[Proposal, ...]
    planned: Edit  # the file's records as an import would write them

    def numbers_for(self, codes: Collection[str]) -> set[int]:
        return {p.number for p in self.proposals if p.ni in codes}


def review(snapshot: WorkbookSnapshot, planned: Edit, source: str, polarity_of: Any) -> Review:
    """Every change the planned edit would make, grouped as the officer decides on them."""
    before = agreement_form(snapshot)
    after = agreement_form(applied(snapshot, planned))
    records = _planned_records(planned)
    proposals = []
    for number, ((code, field), differences) in enumerate(grouped(compare(before, after, polarity_of)).items(), 1):
        main = next((d for d in differences if d.field == field), differences[0])
        sentence = "; ".join(d.sentence for d in differences if d is main or d.field != field)
        # The group's other difference is the words the level was written in (compare.grouped).
        words = next((d.after for d in differences if d.field != field and d.after), "")
        if words and main.kind == "changed":
            level = next((d for d in differences if d.field == field), None)
            sentence = (
                f'{code} {field_words(field)} {_figure(level.before if level else None)} -> "{words}" (as written)'
            )
        agreed = _agreed_level(snapshot, code, field)
        if main.kind == "added":
            lands = RECORD
        elif field == "comment" and records[(Target, code, "")].comment:
            lands = NOTE
            sentence = f'{code} comment: "{records[(Target, code, "")].comment}"'
        elif agreed is not None and getattr(records[(Target, code, "")], field) is None:
            # Words where the agreed year's level was: kept exactly as written, in a note.
            lands = NOTE
        elif agreed is not None:
            lands = PROPOSAL
        else:
            lands = LEVEL
        proposals.append(Proposal(number, code, field, sentence, main.kind, main.ambition, lands, agreed))
    return Review(source, tuple(proposals), planned)


def accepted_edit(
    snapshot: WorkbookSnapshot,
    found: Review,
    accepted: Iterable[int],
    *,
    overwrite_agreed: Collection[int] = (),
    today: date,
) -> Edit:
    """The one edit (one undo step) that lands the accepted proposals, each as its `lands` says
    (or over the agreed level, for the numbers in overwrite_agreed)."""
    chosen = {p.number: p for p in found.proposals if p.number in set(accepted)}
    planned = _planned_records(found.planned)
    targets: dict[str, Target] = {}
    subs: dict[tuple[str, str], SubAreaTarget] = {}
    extra: list[Change] = []
    for proposal in chosen.values():
        code, field = proposal.ni, proposal.field
        if field.startswith("sub_area:"):
            name, _, sub_field = field.removeprefix("sub_area:").partition(":")
            figures = planned[(SubAreaTarget, code, name.casefold())]
            held = subs.get((code, name)) or _sub_area(snapshot, code, name)
            subs[(code, name)] = figures if held is None or not sub_field else _take(held, figures, sub_field)
            continue
        incoming = planned[(Target, code, "")]
        current = targets.get(code) or snapshot.target(code)
        if proposal.lands == RECORD or current is None:
            targets[code] = incoming
        elif proposal.lands == NOTE and field == "comment":
            extra.append(Put(_note(found.source, code, incoming.comment, today)))
        elif proposal.lands == NOTE and proposal.number not in overwrite_agreed:
            extra.append(Put(_note(found.source, code, _written_level(incoming, field, proposal), today)))
        elif proposal.lands == PROPOSAL and proposal.number not in overwrite_agreed:
            extra.append(_proposal(snapshot, code, field, getattr(incoming, field)))
        else:
            targets[code] = _take(current, incoming, field)
    changes: list[Change] = list(_partners_named(found.planned, targets.values()))
    for code, target in targets.items():
        changes.append(Put(target, snapshot.target(code)))
    for (code, name), sub in subs.items():
        changes.append(Put(sub, _sub_area(snapshot, code, name)))
    changes.extend(extra)
    label = f"import {len(chosen)} of {len(found.proposals)} changes from {found.source}"
    return Edit(label, tuple(changes), "imported", found.source)


def _partners_named(planned: Edit, targets: Iterable[Target]) -> Iterator[Change]:
    """The partners the file adds to the area that the accepted targets name (lead or signed up)."""
    named = {name.casefold() for t in targets for name in (t.lead_partner, *t.partners) if name}
    for change in planned.changes:
        if isinstance(change, Put) and isinstance(change.after, Partner) and change.after.name.casefold() in named:
            yield change


def _agreed_level(snapshot: WorkbookSnapshot, code: str, field: str) -> float | None:
    if field not in YEAR_FIELDS:
        return None
    year = YEARS[YEAR_FIELDS.index(field)]
    position = next((p for p in snapshot.positions if p.code == code and p.year == year), None)
    return position.agreed_level if position is not None else None


def _planned_records(planned: Edit) -> dict[tuple[type, str, str], Any]:
    found: dict[tuple[type, str, str], Any] = {}
    for change in planned.changes:
        if isinstance(change, Put) and isinstance(change.after, Target):
            found[(Target, change.after.code, "")] = change.after
        elif isinstance(change, Put) and isinstance(change.after, SubAreaTarget):
            found[(SubAreaTarget, change.after.code, change.after.sub_area.casefold())] = change.after
    return found


def _sub_area(snapshot: WorkbookSnapshot, code: str, name: str) -> SubAreaTarget | None:
    return next((s for s in snapshot.sub_areas if s.code == code and s.sub_area.casefold() == name.casefold()), None)


def _take(current: Any, incoming: Any, field: str) -> Any:
    """The current record with one field (and the words its level was written in) as the file has it."""
    names = {f.name for f in dataclasses.fields(current)}
    values = {field: getattr(incoming, field)} if field in names else {}
    written = AS_WRITTEN.get(field)
    if written in names:
        values[written] = getattr(incoming, written)
    return replace(current, **values)


def _proposal(snapshot: WorkbookSnapshot, code: str, field: str, value: float | None) -> Put:
    year = YEARS[YEAR_FIELDS.index(field)]
    before = next((p for p in snapshot.positions if p.code == code and p.year == year), None)
    return Put(replace(before or Position(code, year), area_proposal=value), before)


def _note(source: str, code: str, text: str, today: date) -> ChampionNote:
    made = hashlib.sha256(f"{source}\n{code}\n{text}".encode()).hexdigest()[:16]
    return ChampionNote(
        id=f"returned-{made}",
        author=f"returned table {source}",
        text=text,
        kind=NoteKind.CHALLENGE,
        date=today,
        indicators=(code,),
        visibility=Visibility.SHAREABLE,
    )


def _written_level(incoming: Target, field: str, proposal: Proposal) -> str:
    year = YEARS[YEAR_FIELDS.index(field)]
    words = getattr(incoming, AS_WRITTEN[field]) or "(blank)"
    agreed = _figure(proposal.agreed_level)
    return f'The returned table gives the {year} level as "{words}"; the agreed level {agreed} stays.'


def _figure(value: float | str | None) -> str:
    """A level as a review line prints it; "none" for no level (or no words) at all."""
    if value is None or value == "":
        return "none"
    if isinstance(value, str):
        return f'"{value}"'
    return str(int(value)) if float(value).is_integer() else str(value)
