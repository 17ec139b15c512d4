"""End-to-end fixtures: a command line in a working folder of the test's own, and the demo workbook made by
`laadesk demo` once a module."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """laadesk's command line, run in tmp_path/work with its own per-user data folder."""
    return Cli(tmp_path / "work", tmp_path / "data")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workbook as `laadesk demo` makes it: notes (internal and shareable), positions with floors,
    their history. Tests copy it in (Cli.copy_in), never change it."""
    cli = Cli(tmp_path_factory.mktemp("demo"), tmp_path_factory.mktemp("demo-data"))
    cli("demo", "kingsmere.laa")
    return cli.path("kingsmere.laa")
