"""Test set-up: Qt offscreen before it loads, per-test data folders, the demo built once, GUI tests auto-marked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from support.files import copy_closed

from laadesk.core.snapshot import WorkbookSnapshot
from laadesk.store.demo import build_demo
from laadesk.store.workbook import Workbook

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("LAADESK_TEST", "1")

REPO = Path(__file__).resolve().parent.parent

# CI tries the same generated inputs every time, so a submission never fails by chance on a rare
# input; runs elsewhere try new inputs each time, and find such inputs there.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own per-user data folder (installed catalogue, demo, logs)."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("LAADESK_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
    return folder


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workbook, built from its source once a session and closed for good: tests copy it
    (support.files.copy_closed), never open it."""
    path = tmp_path_factory.mktemp("demo-master") / "kingsmere.laa"
    build_demo(path).close()
    return path


@pytest.fixture(scope="session")
def demo_snapshot(demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> WorkbookSnapshot:
    """Everything the demo workbook holds, read once a session from a copy of its own."""
    path = copy_closed(demo_master, tmp_path_factory.mktemp("demo-snapshot") / "kingsmere.laa")
    with Workbook.open(path, read_only=True) as workbook:
        return workbook.snapshot()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath))
        if "gui" in path.parts:
            item.add_marker(pytest.mark.gui)
        if "e2e" in path.parts:
            item.add_marker(pytest.mark.e2e)
