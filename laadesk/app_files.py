"""Files the application keeps for the person: the demo workbook in their data folder."""

from __future__ import annotations

from pathlib import Path

from laadesk.store.demo import build_demo
from laadesk.store.paths import user_data_dir

DEMO_FILE = "demo.laa"


def demo_workbook_path() -> Path:
    """The demo workbook in the user's data folder, built from resources on first use."""
    path = user_data_dir() / DEMO_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path).close()
    return path
