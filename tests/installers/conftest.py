"""Fixtures for the installers' tests: rendered icons and a real workbook."""

from __future__ import annotations

from pathlib import Path

import installer_helpers  # noqa: F401  (puts the repository's installers/ on sys.path)
import pytest

from installers import product
from installers.icons import Icons, render_icons
from laadesk.store.demo import build_demo


@pytest.fixture(scope="session")
def icons(tmp_path_factory: pytest.TempPathFactory) -> Icons:
    return render_icons(product.ICON_SVG, tmp_path_factory.mktemp("icons"), product.NAME)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A real workbook, written by laadesk."""
    path = tmp_path / "Kingsmere.laa"
    build_demo(path).close()
    return path
