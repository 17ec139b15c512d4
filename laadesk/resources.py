"""The one place that knows where laadesk's resource files live, frozen or not."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A file under `resources/`: beside the package in a checkout, inside a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)
