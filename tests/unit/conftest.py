"""Unit fixtures: a new, empty workbook file."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.records import catalogue

from laadesk.core.model import AreaProfile
from laadesk.store.workbook import Workbook


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """area.laa: Kingsmere with the shipped catalogue and nothing else, created by "tester" and closed."""
    file = tmp_path / "area.laa"
    Workbook.create(file, AreaProfile("Kingsmere"), catalogue(), author="tester").close()
    return file
