"""Every import and every merge backs the workbook up first; when that fails, nothing is written and the
officer is told why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from laadesk.ui import settings
from laadesk.ui.session import WorkbookSession


def backed_up_before_import(session: WorkbookSession, parent: QWidget) -> Path | None:
    """The backup taken before an import, or None (with a warning shown) when it could not be taken."""
    return backed_up_first(session, parent, "imported")


def backed_up_first(session: WorkbookSession, parent: QWidget, done: str = "imported") -> Path | None:
    """The backup taken before an import ("imported") or a merge ("merged"), or None (with a warning
    shown) when it could not be taken."""
    from laadesk.store import backups  # loads when first used: a quicker start

    reason = backups.BEFORE_MERGE if done == "merged" else backups.BEFORE_IMPORT
    try:
        backup = backups.take_backup(session.workbook, reason, settings.backup_folder())
    except backups.BackupFailed as failed:
        QMessageBox.warning(
            parent,
            f"Not {done}",
            f"Nothing was {done}: backing the workbook up first to {failed.folder} failed ({failed.why}).",
        )
        return None
    return backup.path
