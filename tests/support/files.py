"""Files on disk: a digest to see that nothing changed, a listing, a journal's state, a workbook copied while closed."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from laadesk.store.locks import lock_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    """The names in a folder, sorted; hidden ones (a workbook's lock file) too."""
    return sorted(os.listdir(folder))


def copy_closed(workbook: Path, target: Path) -> Path:
    """A copy of a workbook file nobody has open: no lock file and no journal beside it, so the copy is whole."""
    assert not lock_path(workbook).exists(), f"{workbook} is open (its lock file is there): copy it once closed"
    assert not Path(f"{workbook}-journal").exists(), f"{workbook} has a journal beside it: copy it once closed"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(workbook, target)
    return target


def journal_state(path: Path) -> str:
    """What the rollback journal beside a workbook says: "hot" (a transaction had started changing the
    file: the next open must roll it back), "unstarted" (SQLite had begun the journal but not yet
    touched the file: its header is still zero, so SQLite ignores it -
    https://www.sqlite.org/fileformat.html#the_rollback_journal), or "none"."""
    try:
        with open(f"{path}-journal", "rb") as journal:
            header = journal.read(8)
    except FileNotFoundError:
        return "none"
    if not header:
        return "none"
    return "hot" if any(header) else "unstarted"
