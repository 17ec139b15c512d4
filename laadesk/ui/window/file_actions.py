"""The File menu: new, open, recent, save a copy, restore a backup, close - each telling plainly what went wrong."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.store import locks, restoring
from laadesk.store.copies import save_copy
from laadesk.store.reference import area_profile, default_catalogue
from laadesk.store.workbook import WORKBOOK_SUFFIX, Workbook
from laadesk.ui import settings

if TYPE_CHECKING:
    from laadesk.ui.window.main_window import MainWindow

FILTER = f"laadesk workbooks (*{WORKBOOK_SUFFIX});;All files (*)"


def ask_open_path(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, "Open a workbook", str(settings.last_folder()), FILTER)
    return Path(chosen) if chosen else None


def ask_copy_path(parent: QWidget, suggested: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save a copy as", str(suggested), FILTER)
    return Path(chosen) if chosen else None


def ask_restore_path(parent: QWidget, suggested: Path) -> Path | None:
    # Restoring never replaces a file, so the dialog must not ask "replace it?" only to be refused.
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Restore the backup as", str(suggested), FILTER, options=QFileDialog.Option.DontConfirmOverwrite
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(WORKBOOK_SUFFIX)


def tell(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def inform(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class FileActions:
    """Owns the File menu's actions and carries them out for the main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.new_action = self._action("&New workbook...", QKeySequence.StandardKey.New, self.new_workbook)
        self.open_action = self._action("&Open...", QKeySequence.StandardKey.Open, self.open_dialog)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.copy_action = self._action("Save a &Copy As...", QKeySequence.StandardKey.SaveAs, self.save_copy)
        self.restore_action = QAction("Restore from &Backup...", window)
        self.restore_action.triggered.connect(lambda _=False: self.restore_backup())
        self.close_action = self._action("&Close", QKeySequence.StandardKey.Close, self.close_workbook)
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, window.close)

    def _action(self, text: str, key: QKeySequence.StandardKey, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False: slot())  # type: ignore[operator]
        return action

    def add_to_menu(self, menu: QMenu, export_action: QAction) -> None:
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(export_action)
        menu.addAction(self.copy_action)
        menu.addAction(self.restore_action)
        menu.addAction(self.close_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)

    def workbook_changed(self, workbook: Workbook | None) -> None:
        self.copy_action.setEnabled(workbook is not None)
        self.close_action.setEnabled(workbook is not None)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(f"{path.name}  ({path.parent})")
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not recent:
            self.recent_menu.addAction("No recent workbooks").setEnabled(False)

    # -- what the actions do ------------------------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open a workbook in the window; a file that will not open is explained, not thrown.

        A workbook another laadesk is editing is offered read-only (LockDialog), never opened
        for writing behind it; a crashed laadesk's lock is cleared and the person told.
        """
        session = self.window.session
        if session is not None and not session.workbook.read_only and _same_file(session.workbook.path, path):
            self.window.statusBar().showMessage(f"{path.name} is already open in this window.", 5000)
            return True
        try:
            workbook = Workbook.open(path, backup_folder=settings.backup_folder())
        except locks.WorkbookLocked as locked:
            from laadesk.ui.dialogs.lock_dialog import LockDialog  # dialogs load when first needed: a quicker start

            if not LockDialog.ask(self.window, locked):
                return False
            try:
                workbook = Workbook.open(path, read_only=True)
            except WorkbookProblem as problem:
                tell(self.window, "Cannot open workbook", str(problem))
                return False
        except WorkbookProblem as problem:
            tell(self.window, "Cannot open workbook", str(problem))
            return False
        notice = workbook.lock.notice(Path(path.name)) if workbook.lock else None
        self.window.set_workbook(workbook)
        settings.remember_file(path)
        settings.remember_folder(path.resolve().parent)
        if notice:
            inform(self.window, "Workbook lock cleared", notice)
        return True

    def open_dialog(self) -> None:
        path = ask_open_path(self.window)
        if path is not None:
            self.open_path(path)

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            settings.forget_file(path)
            self.window.start_page.refresh()
            tell(
                self.window,
                "Workbook not found",
                f"{path.name} is no longer in {path.parent}: it has been moved, renamed or deleted "
                "(or the drive it was on is not connected). It has been taken off the recent list; "
                "use Open to find it.",
            )
            return
        self.open_path(path)

    def open_demo(self) -> None:
        try:
            from laadesk.app_files import demo_workbook_path

            path = demo_workbook_path()
        except WorkbookProblem as problem:
            tell(self.window, "Cannot open the demo workbook", str(problem))
            return
        self.open_path(path)

    def new_workbook(self) -> None:
        from laadesk.ui.dialogs.new_workbook_dialog import NewWorkbookDialog

        answer = NewWorkbookDialog.ask(self.window)
        if answer is None:
            return
        name, path = answer
        area, districts, _ = area_profile(name)
        holder = locks.holder(path)
        if holder is not None:
            tell(
                self.window,
                "Cannot create workbook",
                f"{path.name} is being edited in laadesk by {holder.who()}, so it cannot be replaced; "
                "choose another name.",
            )
            return
        try:
            if path.exists():
                # The save dialog has already asked the person to confirm replacing it.
                path.unlink()
            Workbook.create(path, area, default_catalogue(), districts=districts).close()
        except (WorkbookProblem, OSError) as problem:
            tell(self.window, "Cannot create workbook", str(problem))
            return
        self.open_path(path)

    def save_copy(self) -> None:
        session = self.window.session
        if session is None:
            return
        current = session.workbook.path
        suggested = current.with_name(f"{current.stem} copy{WORKBOOK_SUFFIX}")
        target = ask_copy_path(self.window, suggested)
        if target is None:
            return
        session.settle()
        try:
            save_copy(session.workbook, target)
        except WorkbookProblem as problem:
            tell(self.window, "Copy not saved", str(problem))
            return
        self.window.statusBar().showMessage(f"Saved a copy as {target}. You are still working in {current.name}.")

    def restore_backup(self) -> None:
        """Choose a backup (of the open workbook, or of any), and restore it into a new file."""
        session = self.window.session
        current = session.workbook.path if session else None
        from laadesk.ui.dialogs.backups_dialog import BackupsDialog

        backup = BackupsDialog.ask(self.window, current.stem if current else None)
        if backup is None:
            return
        folder = current.parent if current else settings.last_folder()
        suggested = folder / f"{backup.stem} restored {backup.taken:%Y-%m-%d %H%M}{WORKBOOK_SUFFIX}"
        target = ask_restore_path(self.window, suggested)
        if target is None:
            return
        try:
            restoring.restore(backup.path, target)
        except WorkbookProblem as problem:
            tell(self.window, "Backup not restored", str(problem))
            return
        if self.open_path(target):
            kept = f" {current.name} is unchanged." if current else ""
            self.window.statusBar().showMessage(
                f"Restored the backup of {backup.stem}.laa taken {backup.taken:%d %b %Y %H:%M} as {target.name}.{kept}"
            )

    def close_workbook(self) -> None:
        self.window.set_workbook(None)
