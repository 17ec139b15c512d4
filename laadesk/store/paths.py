"""Where laadesk keeps per-user files (an installed catalogue, the demo workbook)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def user_data_dir() -> Path:
    """LAADESK_DATA_DIR if set (tests use it), else the platform's per-user data folder."""
    override = os.environ.get("LAADESK_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "laadesk"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "laadesk"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "laadesk"
