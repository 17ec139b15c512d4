"""Reading a backup back: what it holds, and restoring it into a new workbook file."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from laadesk.core.errors import WorkbookUnavailable
from laadesk.store.backup_contents import put_contents_back
from laadesk.store.file_steps import link_into_place, os_reason, remove_quietly
from laadesk.store.opening import file_exists_problem
from laadesk.store.workbook import Workbook


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, read from the backup file itself."""

    area: str
    targets: int  # chosen: designated, statutory and local
    notes: int

    def line(self) -> str:
        targets = "1 target" if self.targets == 1 else f"{self.targets} targets"
        notes = "1 champion note" if self.notes == 1 else f"{self.notes} champion notes"
        return f"{self.area}: {targets} chosen, {notes}"


def summarise(backup: Path) -> BackupSummary:
    """Area and counts read from the backup itself, opened read-only; a WorkbookProblem if it cannot be read."""
    with Workbook.open(backup, read_only=True) as workbook:
        area = workbook.area().name
        targets = sum(1 for t in workbook.targets() if t.chosen)
        notes = len(workbook.notes())
    return BackupSummary(area, targets, notes)


def restore(backup: Path, target: Path) -> None:
    """Copy a backup to a new workbook file; never over an existing file, never half a file."""
    if file_exists_problem(target):
        raise WorkbookUnavailable(f"{target} already exists; laadesk restores only into a new file. Choose a new name.")
    if not target.parent.is_dir():
        raise WorkbookUnavailable(f"Cannot restore to {target}: the folder {target.parent} does not exist.")
    Workbook.open(backup, read_only=True).close()  # a damaged backup is refused, naming it
    partial = target.with_name(f".{target.name}.{os.getpid()}.restoring")
    try:
        shutil.copyfile(backup, partial)
        conn = sqlite3.connect(partial)
        try:
            put_contents_back(conn, backup)  # the attached files, kept once beside the backups
        except sqlite3.Error as error:
            raise WorkbookUnavailable(f"Cannot restore to {target}: {error}.") from None
        finally:
            conn.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        link_into_place(partial, target)
    except FileExistsError:
        raise WorkbookUnavailable(f"{target} already exists; laadesk restores only into a new file.") from None
    except OSError as error:
        raise WorkbookUnavailable(f"Cannot restore to {target}: {os_reason(error)}.") from None
    finally:
        remove_quietly(partial)
