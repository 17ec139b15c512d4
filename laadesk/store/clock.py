"""The moment a change is recorded: now, in UTC, to the second, as ISO 8601."""

from __future__ import annotations

import time
from datetime import UTC, datetime

_said: list[tuple[int, str]] = [(-1, "")]  # the last second asked for, and its words


def now() -> str:
    """datetime.now(UTC).isoformat(timespec="seconds"), worded once a second: every typed edit records
    its moment, and wording it afresh cost as much as noting the edit itself."""
    second = time.time_ns() // 1_000_000_000  # the clock datetime.now reads, to the second below
    said = _said[0]
    if said[0] != second:
        said = (second, datetime.fromtimestamp(second, UTC).isoformat(timespec="seconds"))
        _said[0] = said
    return said[1]
