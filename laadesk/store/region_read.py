"""One area's line on the region desk, read from its workbook without changing anything."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from laadesk.core.region import AreaOverview, Skipped, overview_of
from laadesk.store import locks, opening
from laadesk.store.folder_reading import read_or_skip, shown
from laadesk.store.migrations import SCHEMA_VERSION, migrate
from laadesk.store.workbook import Workbook


def read_overview(path: Path, folder: Path, today: date | None = None) -> AreaOverview | Skipped:
    """The workbook at path as one line of the region's overview, or why it was skipped."""

    def read(path: Path, conn: sqlite3.Connection) -> AreaOverview:
        opening.check_contents(conn, path)
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= SCHEMA_VERSION:
            return overview(path, conn)
        source = sqlite3.connect(":memory:")  # an older workbook: upgraded in memory, never on disk
        try:
            conn.backup(source)
            migrate(source)
            return overview(path, source)
        finally:
            source.close()

    def overview(path: Path, source: sqlite3.Connection) -> AreaOverview:
        snapshot = Workbook(path, source, read_only=True, author="").snapshot()
        last = source.execute("SELECT at, who FROM history ORDER BY id DESC LIMIT 1").fetchone()
        owner = locks.holder(path)
        return overview_of(
            snapshot,
            shown(path, folder),
            last_changed=str(last[0]) if last else "",
            last_changed_by=str(last[1]) if last else "",
            open_by=owner.who() if owner else "",
            today=today or date.today(),
        )

    return read_or_skip(path, folder, read)
