"""The workbook with every edge case and planted canaries, for the pack tests to export (beside the demo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.edge_cases import edge_records

from laadesk.core.edits import Edit, Put
from laadesk.core.model import (
    AreaProfile,
    AreaType,
    District,
    Tier,
)
from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.reference import shipped_catalogue
from laadesk.store.workbook import Workbook


@pytest.fixture(scope="session")
def edge_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """35 designated (two deferred, one with blank years, long and hostile texts), 16 statutory,
    3 local, positions with a canary floor, internal and shareable canary notes."""
    path = tmp_path_factory.mktemp("edge") / "edgeshire.laa"
    area = AreaProfile("Edgeshire", "99", "East Midlands", AreaType.COUNTY, Tier.TWO, "Edgeshire Together", "PROTECT")
    with Workbook.create(path, area, shipped_catalogue(), districts=(District("Northdale"),)) as workbook:
        workbook.apply(Edit("edge cases", tuple(Put(r) for r in edge_records())))  # type: ignore[arg-type]
    return path


@pytest.fixture(scope="session")
def edge_snapshot(edge_workbook: Path) -> WorkbookSnapshot:
    with Workbook.open(edge_workbook, read_only=True) as workbook:
        return workbook.snapshot()
