"""Fixtures of the hostile-input suite; the hostile files themselves are made by hostile_files.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_files import small_records
from support.workbooks import make_workbook


@pytest.fixture(scope="session")
def small_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid workbook every hostile one is made from (tests copy it, never change it)."""
    return make_workbook(tmp_path_factory.mktemp("small") / "small.laa", small_records())
