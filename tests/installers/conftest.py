"""Fixtures for the installers' tests: rendered icons and a real workbook."""

from __future__ import annotations

from pathlib import Path

import installer_helpers  # noqa: F401  (puts the repository's installers/ on sys.path)
import pytest
from support.files import copy_closed

from installers import product
from installers.icons import Icons, render_icons


@pytest.fixture(scope="session")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Icons:
    return render_icons(product.ICON_SVG, tmp_path_factory.mktemp("icons"), product.NAME)


@pytest.fixture
def workbook(demo_master: Path, tmp_path: Path) -> Path:
    """A real workbook, written by laadesk: a copy of the demo."""
    return copy_closed(demo_master, tmp_path / "Kingsmere.laa")
