"""Every command that brings changes from elsewhere (import, merge) backs the workbook up first."""

from __future__ import annotations

from pathlib import Path

from laadesk.core.errors import WorkbookUnavailable
from laadesk.store import backups
from laadesk.store.workbook import Workbook


def back_up_first(workbook: Workbook, path: Path, reason: str, done: str) -> None:
    """A backup of the workbook as it was (reason: backups.BEFORE_IMPORT, BEFORE_MERGE); when it cannot
    be taken, nothing is written and the sentence says why ("Nothing was imported into FILE: ...")."""
    try:
        backups.take_backup(workbook, reason)
    except backups.BackupFailed as failed:
        raise WorkbookUnavailable(
            f"Nothing was {done} {path}: backing it up first to {failed.folder} failed ({failed.why})."
        ) from None
