"""The File menu: new, open, recent, save a copy, restore a backup, close - each telling plainly what went wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from laadesk.core.errors import WorkbookProblem
from laadesk.plain_files import same_file
from laadesk.store import locks
from laadesk.store.workbook import WORKBOOK_SUFFIX, Workbook
from laadesk.ui import settings
from laadesk.ui.dialogs.workbook_files import ask_new_workbook_file, ask_open_workbook, named_beside
from laadesk.ui.window.host import Host


def ask_open_path(parent: QWidget) -> Path | None:
    return ask_open_workbook(parent, settings.last_folder())


def ask_region_folder(parent: QWidget) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Open a region folder", str(settings.last_folder()))
    return Path(chosen) if chosen else None


def ask_copy_path(parent: QWidget, suggested: Path) -> Path | None:
    return ask_new_workbook_file(parent, "Save a copy as", suggested, may_replace=True)


def ask_restore_path(parent: QWidget, suggested: Path) -> Path | None:
    # Restoring never replaces a file, so the dialog must not ask "replace it?" only to be refused.
    return ask_new_workbook_file(parent, "Restore the backup as", suggested)


def tell(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def inform(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


class FileActions:
    """Owns the File menu's actions and carries them out for the main window."""

    def __init__(self, host: Host) -> None:
        self.host = host
        window = host.dialog_parent()
        self.new_action = self._action("&New workbook...", QKeySequence.StandardKey.New, self.new_workbook)
        self.open_action = self._action("&Open...", QKeySequence.StandardKey.Open, self.open_dialog)
        self.region_action = QAction("Open Re&gion Folder...", window)
        self.region_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.region_action.triggered.connect(lambda _=False: self.open_region_folder())
        self.region_windows: list[QWidget] = []  # the region desks opened from this window, kept alive
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.copy_action = self._action("Save a &Copy As...", QKeySequence.StandardKey.SaveAs, self.save_copy)
        self.restore_action = QAction("Restore from &Backup...", window)
        self.restore_action.triggered.connect(lambda _=False: self.restore_backup())
        self.close_action = self._action("&Close", QKeySequence.StandardKey.Close, self.close_workbook)
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, host.close)

    def _action(self, text: str, key: QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.host.dialog_parent())
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False: slot())
        return action

    def add_to_menu(self, menu: QMenu, export_action: QAction) -> None:
        menu.addAction(self.new_action)
        menu.addAction(self.open_action)
        menu.addMenu(self.recent_menu)
        menu.addAction(self.region_action)
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
        session = self.host.session
        if session is not None and not session.workbook.read_only and same_file(session.workbook.path, path):
            self.host.say(f"{path.name} is already open in this window.", 5000)
            return True
        window = self.host.dialog_parent()
        try:
            # An older format is backed up to backups.backup_folder() first. Changes are recorded
            # in the history under the officer's name (File > Your Name for the History...).
            workbook = Workbook.open(path, author=settings.your_name() or None)
        except locks.WorkbookLocked as locked:
            from laadesk.ui.dialogs.lock_dialog import LockDialog  # dialogs load when first needed: a quicker start

            if not LockDialog.ask(window, locked):
                return False
            try:
                workbook = Workbook.open(path, read_only=True, author=settings.your_name() or None)
            except WorkbookProblem as problem:
                tell(window, "Cannot open workbook", str(problem))
                return False
        except WorkbookProblem as problem:
            tell(window, "Cannot open workbook", str(problem))
            return False
        notice = workbook.lock.notice(Path(path.name)) if workbook.lock else None
        self.host.show_workbook(workbook)
        settings.remember_opened(path)
        if notice:
            inform(window, "Workbook lock cleared", notice)
        return True

    def open_dialog(self) -> None:
        path = ask_open_path(self.host.dialog_parent())
        if path is not None:
            self.open_path(path)

    def open_region_folder(self, folder: Path | None = None) -> QWidget | None:
        """The region desk on a folder of workbooks (asked for when not given), read-only, in a window of its own."""
        from laadesk.ui.region.window import open_region_window  # the region desk loads when first asked for

        window = self.host.dialog_parent()
        folder = folder or ask_region_folder(window)
        if folder is None:
            return None
        # An editor for a workbook opened from the desk is a window like this one (file_actions cannot
        # import MainWindow: main_window imports file_actions).
        desk = open_region_window(folder, lambda: type(window)(), window, home=window)
        if desk is not None:
            self.region_windows.append(desk)
            desk.destroyed.connect(lambda _=None: self.region_windows.remove(desk))
        return desk

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            settings.forget_file(path)
            self.host.refresh_start_page()
            tell(
                self.host.dialog_parent(),
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
            tell(self.host.dialog_parent(), "Cannot open the demo workbook", str(problem))
            return
        self.open_path(path)

    def new_workbook(self) -> None:
        from laadesk.ui.dialogs.new_workbook_dialog import NewWorkbookDialog

        window = self.host.dialog_parent()
        answer = NewWorkbookDialog.ask(window)
        if answer is None:
            return
        name, path = answer
        from laadesk.store.reference import area_profile, default_catalogue

        area, districts, _ = area_profile(name)
        holder = locks.holder(path)
        if holder is not None:
            tell(
                window,
                "Cannot create workbook",
                f"{path.name} is being edited in laadesk by {holder.who()}, so it cannot be replaced; "
                "choose another name.",
            )
            return
        try:
            if path.exists():
                # The save dialog has already asked the person to confirm replacing it.
                path.unlink()
            author = settings.your_name() or None
            Workbook.create(path, area, default_catalogue(), districts=districts, author=author).close()
        except (WorkbookProblem, OSError) as problem:
            tell(window, "Cannot create workbook", str(problem))
            return
        self.open_path(path)

    def save_copy(self) -> None:
        session = self.host.session
        if session is None:
            return
        current = session.workbook.path
        target = ask_copy_path(self.host.dialog_parent(), named_beside(current, " copy"))
        if target is None:
            return
        session.settle()
        from laadesk.store.copies import save_copy

        try:
            save_copy(session.workbook, target)
        except WorkbookProblem as problem:
            tell(self.host.dialog_parent(), "Copy not saved", str(problem))
            return
        self.host.say(f"Saved a copy as {target}. You are still working in {current.name}.")

    def restore_backup(self) -> None:
        """Choose a backup (of the open workbook, or of any), and restore it into a new file."""
        session = self.host.session
        current = session.workbook.path if session else None
        window = self.host.dialog_parent()
        from laadesk.store import restoring
        from laadesk.ui.dialogs.backups_dialog import BackupsDialog

        backup = BackupsDialog.ask(window, current.stem if current else None)
        if backup is None:
            return
        folder = current.parent if current else settings.last_folder()
        suggested = folder / f"{backup.stem} restored {backup.taken:%Y-%m-%d %H%M}{WORKBOOK_SUFFIX}"
        target = ask_restore_path(window, suggested)
        if target is None:
            return
        try:
            restoring.restore(backup.path, target)
        except WorkbookProblem as problem:
            tell(window, "Backup not restored", str(problem))
            return
        if self.open_path(target):
            kept = f" {current.name} is unchanged." if current else ""
            self.host.say(
                f"Restored the backup of {backup.stem}.laa taken {backup.taken:%d %b %Y %H:%M} as {target.name}.{kept}"
            )

    def close_workbook(self) -> None:
        self.host.show_workbook(None)
