"""Periodic backups of the open workbook: one a few minutes after it changes, never while it does not."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from laadesk.core.edits import Edit
from laadesk.core.errors import WorkbookProblem
from laadesk.ui.session import WorkbookSession

if TYPE_CHECKING:
    from laadesk.store.backups import Backup

PERIODIC_INTERVAL_MS = 5 * 60 * 1000


class BackupTimer(QObject):
    """Backs the session's workbook up PERIODIC_INTERVAL_MS after the first change since the last backup.

    The copy runs on the GUI thread: it is SQLite's backup of an open connection into memory
    and then a small file (a few milliseconds for a workbook of a few hundred kilobytes),
    too short to be worth a thread that would need a second connection to the file.
    """

    backed_up = Signal(object)  # the Backup written
    backup_failed = Signal(str)  # a sentence; the workbook itself is unaffected

    def __init__(
        self,
        session: WorkbookSession,
        folder: Callable[[], Path],
        interval_ms: int = PERIODIC_INTERVAL_MS,
    ) -> None:
        super().__init__(session)
        self.session = session
        self._folder = folder
        self.last_backup: Backup | None = None
        self.last_seconds: float | None = None  # how long the last backup held the GUI thread
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.back_up_now)
        session.edited.connect(self._on_edited)

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)

    def _on_edited(self, _edit: Edit) -> None:
        if not self.timer.isActive():
            self.timer.start()

    def back_up_now(self) -> Backup | None:
        self.timer.stop()
        if not self.session.is_open or self.session.workbook.read_only:
            return None
        from laadesk.store.backups import PERIODIC, take_backup  # loads with the first backup

        started = time.perf_counter()
        try:
            backup = take_backup(self.session.workbook, PERIODIC, self._folder())
        except WorkbookProblem as problem:
            self.backup_failed.emit(
                f"{problem} Your work is safe in the workbook itself; laadesk tries again after the next change."
            )
            return None
        self.last_seconds = time.perf_counter() - started
        self.last_backup = backup
        self.backed_up.emit(backup)
        return backup
