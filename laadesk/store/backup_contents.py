"""Attached files kept once across a workbook's backups.

A workbook may hold 250 MB of attachments; copied into every backup the thinning keeps (some sixty
over a year) that would be gigabytes. So a backup holds the attachments' records but not their
contents: each content is written once, as `<backups>/<stem>/attachments/<sha256>`, and restoring a
backup puts the contents back from there (each checked against its hash). Thinning removes a content
no kept backup names any more.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

from laadesk.core.errors import WorkbookCorrupt
from laadesk.store.file_steps import link_into_place, remove_quietly
from laadesk.store.tables import CONTENTS_OF

FOLDER = "attachments"
KEPT_APART = "attachment_contents_kept_apart"  # the meta key a backup without its contents carries


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None
    )


def keep_contents_apart(memory: sqlite3.Connection, folder: Path) -> bool:
    """Move the attachments' contents out of a workbook's in-memory copy into folder/attachments (each
    written once); True when there were any (the copy then says so in its meta table)."""
    moved = False
    for contents in CONTENTS_OF.values():
        if not _has_table(memory, contents):
            continue  # an older workbook, from before attachments
        for sha256, data in memory.execute(f'SELECT sha256, data FROM "{contents}"'):
            _write_once(folder / FOLDER, str(sha256), bytes(data))
            moved = True
    if moved:
        with memory:
            for contents in CONTENTS_OF.values():
                memory.execute(f'DELETE FROM "{contents}"')
            memory.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (KEPT_APART,))
    return moved


def _write_once(store: Path, sha256: str, data: bytes) -> None:
    target = store / sha256
    if target.exists():
        return
    store.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = store / f".{sha256}.{os.getpid()}.partial"
    try:
        with open(partial, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            link_into_place(partial, target)
    finally:
        remove_quietly(partial)


def put_contents_back(conn: sqlite3.Connection, backup: Path) -> None:
    """Into a restored copy of a backup (conn): every attachment's content from the backup's folder,
    checked against its hash; WorkbookCorrupt naming the file when one is missing or altered."""
    if conn.execute("SELECT 1 FROM meta WHERE key = ?", (KEPT_APART,)).fetchone() is None:
        return
    store = backup.parent / FOLDER
    with conn:
        for records, content in CONTENTS_OF.items():
            for sha256, name in conn.execute(f'SELECT sha256, name FROM "{records}"').fetchall():
                try:
                    data = (store / str(sha256)).read_bytes()
                except OSError:
                    data = b""
                if hashlib.sha256(data).hexdigest() != sha256:
                    raise WorkbookCorrupt(
                        f"The backup {backup.name} cannot be restored whole: the attached file {name} is missing "
                        f"or altered in {store}."
                    )
                conn.execute(f'INSERT OR IGNORE INTO "{content}" (sha256, data) VALUES (?, ?)', (sha256, data))
        conn.execute("DELETE FROM meta WHERE key = ?", (KEPT_APART,))


def remove_unnamed_contents(folder: Path, backups: list[Path]) -> list[Path]:
    """Delete the contents in folder/attachments that none of these (kept) backups names."""
    store = folder / FOLDER
    if not store.is_dir():
        return []
    named: set[str] = set()
    for backup in backups:
        try:
            conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return []  # cannot tell what it names: keep everything
        try:
            for records in CONTENTS_OF:
                if _has_table(conn, records):
                    named.update(str(r[0]) for r in conn.execute(f'SELECT sha256 FROM "{records}"'))
        except sqlite3.Error:
            return []
        finally:
            conn.close()
    removed = []
    for content in store.iterdir():
        if not content.name.startswith(".") and content.name not in named:
            content.unlink(missing_ok=True)
            removed.append(content)
    return removed
