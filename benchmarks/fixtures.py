"""Workbooks the benchmarks measure, generated on the spot: the demo, and an oversized LAA."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from laadesk.core.edits import Edit, Put
from laadesk.core.model import (
    ChampionNote,
    NoteKind,
    Role,
    Target,
    Visibility,
    new_id,
)
from laadesk.store.demo import build_demo


def demo_workbook(folder: Path) -> Path:
    path = folder / "demo.laa"
    build_demo(path).close()
    return path


def largest_workbook(folder: Path) -> Path:
    """The demo grown to every indicator considered, 500 champion notes and a 1 MB story of place."""
    path = folder / "largest.laa"
    with build_demo(path) as workbook:
        snapshot = workbook.snapshot()
        chosen = {t.code for t in snapshot.targets}
        records: list[object] = []
        for indicator in snapshot.catalogue.indicators:
            if indicator.code not in chosen and not indicator.withdrawn:
                records.append(Target(indicator.code, Role.CANDIDATE, rationale="Considered at the long-list stage."))
        day = date(2008, 1, 7)
        for n in range(500 - len(snapshot.notes)):
            records.append(
                ChampionNote(
                    new_id(),
                    "A. Champion",
                    f"Note {n}: " + "a sticking point about levels. " * 12,
                    NoteKind.STICKING_POINT,
                    day + timedelta(days=n % 150),
                    "Negotiating Champion",
                    (snapshot.targets[n % len(snapshot.targets)].code,),
                    Visibility.INTERNAL,
                )
            )
        paragraph = "The story of place sets out the evidence behind each priority in plain words. " * 12 + "\n\n"
        per_section = 1_000_000 // len(snapshot.story)
        for section in snapshot.story:
            records.append(replace(section, text=(paragraph * (per_section // len(paragraph) + 1))[:per_section]))
        workbook.apply(Edit("grow to the largest workbook", tuple(Put(r) for r in records)))  # type: ignore[arg-type]
    return path


def exchange_rows_xlsx(folder: Path, rows: int = 200) -> Path:
    """An exchange-layout .xlsx with `rows` targets (the demo's, repeated onto other indicators)."""
    from openpyxl import Workbook as Book

    from laadesk.core.exchange import COLUMNS

    path = folder / f"targets-{rows}.xlsx"
    book = Book()
    sheet = book.active
    sheet.title = "Targets"
    sheet.append(list(COLUMNS))
    for n in range(rows):
        code = f"NI {n % 198 + 1 if n % 198 + 1 != 31 else 199}" if n < 198 else f"L{n - 197}"
        kind = "local" if code.startswith("L") else "designated"
        sheet.append(
            [
                code,
                f"Local indicator {n}" if kind == "local" else "",
                kind,
                "agreed",
                10.0 + n,
                "2007/08",
                11.0 + n,
                12.0 + n,
                13.5 + n,
                "%",
                "Kingsmere County Council",
                "Kingsmere Constabulary",
                "",
                "",
            ]
        )
    book.save(path)
    return path
