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


def council_table_xlsx(folder: Path, rows: int = 200) -> Path:
    """A council's own target table of `rows` targets as 2008 papers typed them: title rows above a
    header in the council's words, a theme heading every 25 rows, levels now and then in words, a
    note below the table. The import finds the header, matches the columns and skips the rest."""
    from openpyxl import Workbook as Book

    path = folder / f"council-table-{rows}.xlsx"
    book = Book()
    sheet = book.active
    sheet.title = "LAA targets"
    sheet.append(["Importshire Local Area Agreement 2008-11: improvement targets"])
    sheet.append(["Draft for cabinet, June 2008"])
    sheet.append([])
    sheet.append(
        [
            "NI ref",
            "Indicator",
            "Lead partner",
            "Baseline (year)",
            "Period",
            "Target 08/09",
            "2009/10 target",
            "10/11",
            "Units",
            "Partners signed up",
            "Comments",
            "Suggested changes",
        ]
    )
    for n in range(rows):
        if n % 25 == 0:
            sheet.append([f"Theme {n // 25 + 1}: stronger and safer communities"])
        code = f"NI {n % 198 + 1 if n % 198 + 1 != 31 else 199}" if n < 198 else f"SI {n - 197}"
        sheet.append(
            [
                code,
                f"Local indicator {n}" if code.startswith("SI") else "",
                "Importshire County Council",
                10.0 + n,
                "2007/08",
                11.0 + n,
                "TBC" if n % 10 == 3 else 12.0 + n,
                "12-14%" if n % 10 == 7 else 13.5 + n,
                "%",
                "Importshire Constabulary",
                "",
                "",
            ]
        )
    sheet.append([])
    sheet.append(["Figures marked TBC await the Place Survey."])
    book.save(path)
    return path
