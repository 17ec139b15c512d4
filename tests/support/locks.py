"""Lock files as another laadesk leaves them beside a workbook, written out field by field (not by laadesk)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from laadesk.store.locks import lock_path


def write_lock(workbook: Path, **fields: object) -> Path:
    """The lock of a laadesk editing the workbook: by default alice.smith's on another computer (GO-LAPTOP-7),
    taken at 14:02 on 3 June 2008, local time; fields change any part."""
    owner = {
        "laadesk_lock": 1,
        "user": "alice.smith",
        "host": "GO-LAPTOP-7",
        "pid": 4242,
        "started": "",
        "since": datetime(2008, 6, 3, 14, 2).astimezone().isoformat(),
        "version": "0.1.0",
    }
    lock = lock_path(workbook)
    lock.write_text(json.dumps({**owner, **fields}), encoding="utf-8")
    return lock
