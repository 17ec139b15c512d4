"""A region folder of generated workbooks: the demo's agreement, carried to real 2008 areas and varied.

For trying the region desk and the national roll-up, and for their tests and benchmarks. Every
workbook is the demo (a fictional agreement) under a real area's name, code and region, with its
choices and levels varied by a fixed seed, so two runs make the same folder. Nothing in it is a
real 2008 figure: each workbook's story of place says so.
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from laadesk.core.edits import Edit, Put, Remove
from laadesk.core.model import (
    AreaType,
    District,
    Role,
    SignOff,
    Status,
    SubAreaKind,
    SubAreaTarget,
    Target,
    Tier,
)
from laadesk.store.demo import build_demo
from laadesk.store.file_steps import place_new_file, remove_quietly
from laadesk.store.history import new_change_id
from laadesk.store.reference import ReferenceArea, reference_areas
from laadesk.store.workbook import WORKBOOK_SUFFIX, Workbook

OFFICERS = ("Priya Shah", "Tom Okafor", "Helen Marsh", "David Lewis", "Grace Byrne", "Sam Patel")
STAGES = ("Not adopted", "Adopted", "GO recommended", "Signed off")


def region_areas(region: str = "", count: int = 0) -> tuple[ReferenceArea, ...]:
    """The reference areas of one Government Office region ('' for all 150), the first count of them."""
    chosen = tuple(a for a in reference_areas() if not region or a.go_region.casefold() == region.casefold())
    return chosen[:count] if count else chosen


def file_name(area: ReferenceArea) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", area.area).strip("-").lower() + WORKBOOK_SUFFIX


def build_region(folder: Path, areas: Sequence[ReferenceArea], *, seed: int = 2008) -> list[Path]:
    """One generated workbook for each area in folder (made if missing); refuses to overwrite a file."""
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="laadesk-region-") as scratch:
        template = Path(scratch) / "demo.laa"
        build_demo(template).close()
        for index, area in enumerate(areas):
            path = folder / file_name(area)
            copy = folder / f".{path.name}.making"  # beside its place: a rename, never a copy across drives
            try:
                shutil.copyfile(template, copy)
                _new_identity(copy)
                _vary(copy, area, random.Random(seed * 1000 + index))
                place_new_file(copy, path)
            finally:
                remove_quietly(copy)
            made.append(path)
    return made


def _new_identity(path: Path) -> None:
    """A workbook of its own, not a copy of the demo's (copies share an identity for merging)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'workbook_id'", (new_change_id(),))
    finally:
        conn.close()


def _vary(path: Path, area: ReferenceArea, chance: random.Random) -> None:
    with Workbook.open(path, author=chance.choice(OFFICERS)) as workbook:
        districts = tuple(District(name) for name in area.districts)
        profile = replace(
            workbook.area(),
            name=area.area,
            ons_code=area.ons_code,
            go_region=area.go_region,
            type=AreaType(area.type),
            tier=Tier(area.tier),
            as_at=date(2008, 6, 20) + timedelta(days=chance.randint(-20, 40)),
        )
        steps: list[Put | Remove] = [Put(profile)]
        steps += [Remove(d) for d in workbook.districts()] + [Put(d) for d in districts]
        steps += [Put(t) for t in _varied_targets(workbook.targets(), districts, chance)]
        steps += [Put(s) for s in _sub_area_targets(workbook.targets(), districts, chance)]
        steps.append(Put(_sign_off(chance)))
        workbook.clock = lambda: f"{profile.as_at}T16:30:00+00:00"  # a sample of 2008, dated then
        workbook.apply(Edit(f"vary the demo for {area.area} (generated sample)", tuple(steps)))


def _varied_targets(targets: Sequence[Target], districts: Sequence[District], chance: random.Random) -> list[Target]:
    """Each target's districts the area's own; some designated targets left out, and each proposed
    level made more or less ambitious."""
    names = [d.name for d in districts]
    varied = []
    for target in targets:
        moved = tuple(dict.fromkeys(names[i % len(names)] for i in range(len(target.districts)))) if names else ()
        new = replace(target, districts=moved)
        if target.role is Role.DESIGNATED and target.status is Status.PROPOSED:
            if chance.random() < 0.3:
                new = replace(new, role=Role.CANDIDATE)
            elif target.baseline is not None:
                factor = 1 + chance.uniform(-0.08, 0.08)
                levels = ("target_2008_09", "target_2009_10", "target_2010_11")
                new = replace(new, **{y: round(v * factor, 1) for y in levels if (v := getattr(target, y)) is not None})
        if new != target:
            varied.append(new)
    return varied


def _sub_area_targets(
    targets: Sequence[Target], districts: Sequence[District], chance: random.Random
) -> list[SubAreaTarget]:
    """For a two-tier area, two of its agreed designated targets split by district."""
    if not districts:
        return []
    levelled = [t for t in targets if t.role is Role.DESIGNATED and t.status is Status.AGREED and t.baseline]
    made = []
    for target in levelled[:2]:
        for district in districts[:3]:
            share = chance.uniform(0.85, 1.15)
            made.append(
                SubAreaTarget(
                    code=target.code,
                    sub_area=district.name,
                    kind=SubAreaKind.DISTRICT,
                    baseline=round((target.baseline or 0) * share, 1),
                    baseline_period=target.baseline_period,
                    target_2010_11=None if target.target_2010_11 is None else round(target.target_2010_11 * share, 1),
                    units=target.units,
                    lead_partner=district.name,
                )
            )
    return made


def _sign_off(chance: random.Random) -> SignOff:
    stage = chance.choice(STAGES)
    if stage in ("GO recommended", "Signed off"):
        recommended = date(2008, 6, 1) + timedelta(days=chance.randint(0, 20))
        signed = recommended + timedelta(days=chance.randint(5, 15)) if stage == "Signed off" else None
        return SignOff(
            go_recommendation_date=recommended, go_recommended_by="GO area lead", secretary_of_state_date=signed
        )
    return SignOff()
