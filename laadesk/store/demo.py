"""The demo workbook: a fictional area built from resources/demo/*.toml, never a committed binary."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from laadesk.core.edits import Edit, Put
from laadesk.core.model import AreaProfile, District, Evidence, Record, StorySection, new_id
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
    return area, districts, records


def build_demo(path: Path, *, source: Path | None = None) -> Workbook:
    """Create the demo workbook at path (refusing to overwrite) and return it open."""
    area, districts, records = demo_records(source)
    workbook = Workbook.create(path, area, shipped_catalogue(), districts=districts, author="laadesk demo")
    workbook.apply(Edit("build the demo workbook", tuple(Put(r) for r in records)))
    return workbook
