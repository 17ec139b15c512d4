"""Choosing a backup to restore: every backup newest first, with when, why and what it holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from laadesk.core.errors import WorkbookProblem
from laadesk.store.backups import Backup, backup_folders, list_backups
from laadesk.store.restoring import summarise
from laadesk.ui import settings

Index = QModelIndex | QPersistentModelIndex


def taken_text(backup: Backup) -> str:
    return f"{backup.taken:%a %d %b %Y, %H:%M:%S}"


def summary_text(backup: Backup) -> str:
    """The one-line summary, read from the backup file itself."""
    try:
        return summarise(backup.path).line()
    except WorkbookProblem as problem:
        return f"Cannot be restored: {problem}"


@dataclass(frozen=True)
class BackupColumn:
    key: str
    title: str
    text: Callable[[Backup], str]


class BackupsModel(QAbstractTableModel):
    """Backups, newest first; each summary is read from its file the first time it is shown."""

    COLUMNS = (
        BackupColumn("taken", "Taken", taken_text),
        BackupColumn("workbook", "Workbook", lambda b: f"{b.stem}.laa"),
        BackupColumn("why", "Why", lambda b: b.why),
        BackupColumn("summary", "What it holds", summary_text),
    )

    def __init__(self, backups: list[Backup] | None = None) -> None:
        super().__init__()
        self.backups: list[Backup] = backups or []
        self._summaries: dict[Path, str] = {}

    def set_backups(self, backups: list[Backup]) -> None:
        self.beginResetModel()
        self.backups = backups
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.backups):
            return None
        backup = self.backups[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.key == "summary":
                if backup.path not in self._summaries:
                    self._summaries[backup.path] = summary_text(backup)
                return self._summaries[backup.path]
            return column.text(backup)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        return None


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
        self.view = QTableView()
        self.view.setAccessibleName("Backups")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
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
        return self.model.backups[rows[0].row()] if rows else None

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
