"""The demo workbook: a fictional area built from resources/demo/*.toml, never a committed binary."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from laadesk.core.edits import Edit, Put
from laadesk.core.model import (
    AreaProfile,
    District,
    Evidence,
    Partner,
    PartnerAgreement,
    Position,
    Record,
    StorySection,
    Target,
    new_id,
)
from laadesk.core.sign_off import partner_authorities, related_authorities
from laadesk.core.snapshot import kinds
from laadesk.resources import resource_path
from laadesk.store.reference import shipped_catalogue
from laadesk.store.rows import from_row
from laadesk.store.workbook import Workbook

DEMO_SOURCE = "demo/kingsmere.toml"


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """TOML values as the row form from_row reads (dates as ISO text, lists as JSON)."""
    row: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, date):
            row[key] = value.isoformat()
        elif isinstance(value, list):
            row[key] = json.dumps(value)
        else:
            row[key] = value
    return row


def demo_records(source: Path | None = None) -> tuple[AreaProfile, tuple[District, ...], list[Record]]:
    """The demo area, its districts, and every other record, read from the TOML source.

    Each kind of record is the TOML list named as the snapshot's field (`[[notes]]`, `[[targets]]`);
    a story section carries its evidence inside it. Records keyed by id are given a new one.
    """
    data = tomllib.loads((source or resource_path(DEMO_SOURCE)).read_text(encoding="utf-8"))
    area = from_row(AreaProfile, _plain(data["area"]))
    districts = tuple(from_row(District, _plain(d)) for d in data.get("districts", []))
    records: list[Record] = []
    for kind in kinds():
        if kind.field in ("area", "districts", "evidence"):
            continue
        entries = data.get(kind.field, [])
        for position, entry in enumerate([entries] if kind.single and entries else entries, start=1):
            if kind.record is StorySection:
                evidence = entry.pop("evidence", [])
                story = from_row(StorySection, _plain({"id": new_id(), "position": position, **entry}))
                records.append(story)
                records.extend(
                    from_row(Evidence, _plain({"id": new_id(), "section_id": story.id, **e})) for e in evidence
                )
            else:
                values = {"id": new_id(), **entry} if kind.keys == ("id",) else entry
                records.append(from_row(kind.record, _plain(values)))
    records.extend(_partner_words(data.get("partner_word", []), records))
    return area, districts, records


def _partner_words(words: list[dict[str, Any]], records: list[Record]) -> list[PartnerAgreement]:
    """Each `[[partner_word]]`: one partner authority's word on every chosen target relating to it,
    except those an `[[agreements]]` entry records on its own."""
    authorities = partner_authorities(r for r in records if isinstance(r, Partner))
    recorded = {r.key for r in records if isinstance(r, PartnerAgreement)}
    targets = [r for r in records if isinstance(r, Target) and r.chosen]
    made: list[PartnerAgreement] = []
    for word in words:
        if word["partner"] not in authorities:
            raise ValueError(f"[[partner_word]] names {word['partner']}, who is not a partner authority of the demo")
        for target in targets:
            if (
                word["partner"] in related_authorities(target, authorities)
                and (target.code, word["partner"]) not in recorded
            ):
                made.append(from_row(PartnerAgreement, _plain({"code": target.code, **word})))
    return made


@dataclass(frozen=True)
class NegotiationRound:
    """Positions as they stood after one sitting at the workbook: who typed them, and when."""

    when: datetime
    who: str
    positions: tuple[Position, ...]


def negotiation_rounds(positions: list[Position], source: Path | None = None) -> list[NegotiationRound]:
    """The demo's positions entered as its story tells it (the TOML's [negotiation] times), oldest first:
    the area's proposals, then each department's answer with its floor, then each agreement."""
    data = tomllib.loads((source or resource_path(DEMO_SOURCE)).read_text(encoding="utf-8"))["negotiation"]
    who, proposed = data["recorded_by"], data["area_proposals"]
    answered: dict[str, datetime] = data["government_positions"]
    agreed: dict[str, datetime] = data["agreed"]
    codes = {p.code for p in positions}
    if codes - set(answered) or {p.code for p in positions if p.agreed_level is not None} != set(agreed):
        raise ValueError("every negotiated target needs a time for its government position, and each agreement one")
    rounds = [
        NegotiationRound(
            proposed, who, tuple(replace(p, government_position=None, agreed_level=None, floor=None) for p in positions)
        )
    ]
    for code in sorted(codes, key=lambda c: answered[c]):
        mine = [p for p in positions if p.code == code]
        rounds.append(NegotiationRound(answered[code], who, tuple(replace(p, agreed_level=None) for p in mine)))
        if code in agreed:
            rounds.append(NegotiationRound(agreed[code], who, tuple(mine)))
    return sorted(rounds, key=lambda r: r.when)


def _stopped_at(moment: datetime) -> Callable[[], str]:
    """A clock that always says this moment, as the workbook records it (ISO 8601, UTC)."""
    return lambda: moment.astimezone(UTC).isoformat(timespec="seconds")


def build_demo(path: Path, *, source: Path | None = None) -> Workbook:
    """Create the demo workbook at path (refusing to overwrite) and return it open; its negotiation
    history is dated in the story (spring 2008), by the officer who keeps the workbook."""
    area, districts, records = demo_records(source)
    positions = [r for r in records if isinstance(r, Position)]
    rounds = negotiation_rounds(positions, source)
    workbook = Workbook.create(path, area, shipped_catalogue(), districts=districts, author=rounds[0].who)
    clock = workbook.clock
    workbook.clock = _stopped_at(rounds[0].when)  # the workbook's history starts with the first round
    workbook.apply(Edit("build the demo workbook", tuple(Put(r) for r in records if not isinstance(r, Position))))
    for sitting in rounds:
        workbook.author = sitting.who
        workbook.clock = _stopped_at(sitting.when)
        workbook.apply(Edit("record the positions", tuple(Put(p) for p in sitting.positions)))
    workbook.clock = clock  # anything written from here on happens now
    return workbook
