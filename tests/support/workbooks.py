"""Workbook files for tests: Kingsmere made from records, and what a file holds, read back with the file closed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from laadesk.core.edits import Edit, Put
from laadesk.core.model import AreaProfile, ChampionNote, Target
from laadesk.store.reference import shipped_catalogue
from laadesk.store.workbook import Workbook


def make_workbook(path: Path, records: Iterable[object] = ()) -> Path:
    """A Kingsmere workbook with the shipped catalogue holding these records, closed."""
    with Workbook.create(path, AreaProfile("Kingsmere"), shipped_catalogue()) as workbook:
        records = list(records)
        if records:
            workbook.apply(Edit("set up", tuple(Put(r) for r in records)))  # type: ignore[arg-type]
    return path


def targets_in_file(path: Path) -> dict[str, Target]:
    with Workbook.open(path, read_only=True) as workbook:
        return {t.code: t for t in workbook.targets()}


def target_in_file(path: Path, code: str) -> Target:
    with Workbook.open(path, read_only=True) as workbook:
        target = workbook.target(code)
    assert target is not None, f"{code} is not in the file"
    return target


def notes_in_file(path: Path) -> dict[str, ChampionNote]:
    with Workbook.open(path, read_only=True) as workbook:
        return {note.id: note for note in workbook.notes()}


def partner_names_in_file(path: Path) -> list[str]:
    with Workbook.open(path, read_only=True) as workbook:
        return [p.name for p in workbook.partners()]
