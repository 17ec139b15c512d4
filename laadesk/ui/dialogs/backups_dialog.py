"""Choosing a backup to restore: every backup newest first, with when, why and what it holds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.errors import WorkbookProblem
from laadesk.store.backups import Backup, backup_folders, list_backups
from laadesk.store.restoring import summarise
from laadesk.ui import settings
from laadesk.ui.tables.columns import Column
from laadesk.ui.tables.model import RecordTableModel
from laadesk.ui.tables.views import record_view


def taken_text(backup: Backup) -> str:
    return f"{backup.taken:%a %d %b %Y, %H:%M:%S}"


def summary_text(backup: Backup) -> str:
    """The one-line summary, read from the backup file itself."""
    try:
        return summarise(backup.path).line()
    except WorkbookProblem as problem:
        return f"Cannot be restored: {problem}"


class BackupsModel(RecordTableModel):
    """Backups, newest first; each summary is read from its file the first time it is shown."""

    def __init__(self, backups: list[Backup] | None = None) -> None:
        self._summaries: dict[Path, str] = {}
        columns = (
            Column("taken", "Taken", lambda b, s: taken_text(b), tooltip=_path),
            Column("workbook", "Workbook", lambda b, s: f"{b.stem}.laa", tooltip=_path),
            Column("why", "Why", lambda b, s: b.why, tooltip=_path),
            Column("summary", "What it holds", lambda b, s: self._summary(b), tooltip=_path),
        )
        super().__init__(columns, None, records=backups or [], key=lambda b: b.path)

    @property
    def backups(self) -> list[Backup]:
        return list(self.records())

    def set_backups(self, backups: list[Backup]) -> None:
        self.replace_all(backups)

    def _summary(self, backup: Backup) -> str:
        if backup.path not in self._summaries:
            self._summaries[backup.path] = summary_text(backup)
        return self._summaries[backup.path]


def _path(backup: Backup, snapshot: object) -> str:
    return str(backup.path)


def find_backups(stem: str | None) -> list[Backup]:
    """One workbook's backups (or every workbook's) in every folder backups may be in."""
    found: dict[Path, Backup] = {}
    for folder in backup_folders():
        for backup in list_backups(folder, stem):
            found.setdefault(backup.path.resolve(), backup)
    return sorted(found.values(), key=lambda b: (b.taken, b.path.name), reverse=True)


def ask_backup_folder(parent: QWidget, current: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Keep backups in", str(current))
    return Path(chosen) if chosen else None


class BackupsDialog(QDialog):
    def __init__(self, parent: QWidget | None, stem: str | None) -> None:
        super().__init__(parent)
        self.stem = stem
        self.setWindowTitle("Restore from backup")
        whose = f"{stem}.laa" if stem else "every workbook"
        intro = QLabel(
            f"Backups of {whose}, newest first. laadesk takes one before every import and file upgrade, "
            "and every few minutes while a workbook changes; older ones are thinned out (all from the last "
            "hour, then one an hour for a day, one a day for a month, one a week after that). "
            "Restoring copies the backup into a new file: nothing is overwritten."
        )
        intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        change = QPushButton("Change &Folder...")
        change.setAccessibleName("Change backup folder")
        change.clicked.connect(self._change_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(change)
        self.model = BackupsModel()
        self.view = record_view("Backups", self.model, editable=False, rows=True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setColumnHidden(1, stem is not None)
        self.view.doubleClicked.connect(lambda _index: self.accept())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton("&Restore to a New File...", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setAccessibleName("Restore to a new file")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(900, 460)
        self.refresh()

    def refresh(self) -> None:
        self.folder_label.setText(f"New backups go to {settings.backup_folder()}")
        self.model.set_backups(find_backups(self.stem))
        has_any = bool(self.model.backups)
        self.view.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.empty.setText(
            "" if has_any else "No backups yet: the first is taken a few minutes after a workbook first changes."
        )
        if has_any:
            self.view.selectRow(0)
        self.restore_button.setEnabled(has_any)

    def chosen(self) -> Backup | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _change_folder(self) -> None:
        folder = ask_backup_folder(self, settings.backup_folder())
        if folder is not None:
            settings.remember_backup_folder(folder)
            self.refresh()

    @classmethod
    def ask(cls, parent: QWidget | None, stem: str | None) -> Backup | None:
        """The backup to restore, or None if the person closed the dialog."""
        dialog = cls(parent, stem)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
