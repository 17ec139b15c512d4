"""A second window on a workbook being edited, periodic backups, and File > Restore from Backup."""

from __future__ import annotations

import getpass
import os
import shutil
import socket
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from support.files import digest
from support.gui import retype, shown_page, shown_window
from support.locks import write_lock

from laadesk.core.edits import set_fields
from laadesk.store import backups, opening
from laadesk.store.backups import list_backups, take_backup
from laadesk.store.locks import WorkbookLocked, lock_path
from laadesk.store.workbook import Workbook
from laadesk.ui import settings
from laadesk.ui.dialogs.backups_dialog import BackupsDialog
from laadesk.ui.dialogs.lock_dialog import LockDialog, explain
from laadesk.ui.dialogs.new_workbook_dialog import NewWorkbookDialog
from laadesk.ui.pages.area.page import AreaPage
from laadesk.ui.window import file_actions, main_window
from laadesk.ui.window.main_window import READ_ONLY_MESSAGE, MainWindow

DATA = Path(__file__).resolve().parent.parent / "data"
HOST = socket.gethostname()


def lsp_name(path: Path) -> str:
    with Workbook.open(path, read_only=True) as workbook:
        return workbook.area().lsp_name


def area_page(window: MainWindow) -> AreaPage:
    return shown_page(window, "Area", AreaPage)


def answer(value: object) -> Callable[..., object]:
    """A dialog's ask() that records what it was asked and answers at once."""
    asked: list[tuple[object, ...]] = []

    def ask(cls: type, *args: object) -> object:
        asked.append(args)
        return value

    ask.asked = asked  # type: ignore[attr-defined]
    return ask


# -- a second window ----------------------------------------------------------------------------


def test_a_second_window_is_told_who_has_the_workbook_and_may_only_read_it(
    window: MainWindow, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask = answer(True)
    monkeypatch.setattr(LockDialog, "ask", classmethod(ask))
    told: list[str] = []
    monkeypatch.setattr(main_window.QMessageBox, "warning", lambda parent, title, text: told.append(text))
    other = shown_window(qtbot)
    before = digest(demo_path)
    assert other.files.open_path(demo_path)

    [(_, locked)] = ask.asked  # type: ignore[attr-defined]
    assert isinstance(locked, WorkbookLocked) and locked.owner is not None
    assert (locked.owner.user, locked.owner.host, locked.owner.pid) == (getpass.getuser(), HOST, os.getpid())
    headline, details = explain(locked)
    assert headline.startswith("kingsmere.laa is already open for editing in another laadesk window, since ")
    assert "open it read-only" in details
    assert other.windowTitle() == "Kingsmere - kingsmere.laa (read-only) - laadesk"
    assert other.statusBar().currentMessage() == READ_ONLY_MESSAGE

    # The read-only window's fields take no typing, and the file is untouched.
    lsp = area_page(other).profile.lsp_name
    retype(qtbot, lsp, "Somebody Else's Partnership")
    assert lsp.isReadOnly() and lsp.text() == "Kingsmere Together"
    # An edit that still reaches the session (a shortcut) is refused with a sentence.
    other.session.apply(set_fields(other.session.snapshot().area, "rename", lsp_name="Somebody Else"))  # type: ignore[union-attr]
    assert told == [f"{demo_path} is open read-only; changes cannot be saved to it."]
    assert digest(demo_path) == before
    assert other.session is not None and not other.session.undo_stack.canUndo()
    assert other.backup_timer is not None and not other.backup_timer.timer.isActive()  # nothing changed

    # The first window goes on editing.
    retype(qtbot, area_page(window).profile.lsp_name, "Kingsmere Partnership")
    assert lsp_name(demo_path) == "Kingsmere Partnership"
    other.set_workbook(None)
    assert lock_path(demo_path).exists()  # still the first window's
    window.set_workbook(None)
    assert not lock_path(demo_path).exists()


def test_cancel_leaves_the_workbook_to_whoever_is_editing_it(
    window: MainWindow, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LockDialog, "ask", classmethod(answer(False)))
    other = shown_window(qtbot)
    assert not other.files.open_path(demo_path)
    assert other.session is None and other.windowTitle() == "laadesk"


def test_reopening_the_workbook_in_its_own_window_is_not_a_lock(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LockDialog, "ask", classmethod(answer(True)))
    session = window.session
    assert window.files.open_path(demo_path)
    assert window.session is session and not session.workbook.read_only  # type: ignore[union-attr]
    assert window.statusBar().currentMessage() == "kingsmere.laa is already open in this window."


def test_a_crashed_laadesks_lock_is_cleared_and_the_person_told(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_lock(demo_path, user=getpass.getuser(), host=HOST, pid=999_999_999)  # a laadesk here that crashed
    informed: list[str] = []
    monkeypatch.setattr(file_actions, "inform", lambda parent, title, text: informed.append(text))
    window = shown_window(qtbot)
    assert window.files.open_path(demo_path)
    assert informed == [
        "laadesk on this computer stopped unexpectedly while editing kingsmere.laa at 14:02 on 3 June 2008; "
        "its lock has been cleared. Every change made before then is in the file."
    ]
    assert window.windowTitle() == "Kingsmere - kingsmere.laa - laadesk"
    retype(qtbot, area_page(window).profile.lsp_name, "Kingsmere Partnership")
    assert lsp_name(demo_path) == "Kingsmere Partnership"
    window.set_workbook(None)


def test_the_lock_dialog_explains_another_computers_lock_and_offers_read_only(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    window.set_workbook(None)
    write_lock(demo_path)  # alice.smith's laadesk on GO-LAPTOP-7
    chosen: list[str] = []

    def press_read_only() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LockDialog)
        chosen.append(dialog.text())
        chosen.append(dialog.informativeText())
        dialog.read_only_button.click()

    QTimer.singleShot(0, press_read_only)
    assert window.files.open_path(demo_path)  # the real dialog, answered by a click
    assert chosen[0] == "kingsmere.laa is being edited by alice.smith on GO-LAPTOP-7, since 14:02 on 3 June 2008."
    assert "open the workbook on GO-LAPTOP-7 once to clear its lock" in chosen[1]
    assert "delete the file .kingsmere.laa.lock beside it" in chosen[1]
    assert window.session is not None and window.session.workbook.read_only
    assert window.windowTitle().endswith("(read-only) - laadesk")


# -- periodic backups -----------------------------------------------------------------------------


def test_a_periodic_backup_follows_a_change_and_undo_still_works(
    window: MainWindow, qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    chosen = tmp_path / "my backups"
    chosen.mkdir()
    settings.remember_backup_folder(chosen)
    timer = window.backup_timer
    assert timer is not None
    timer.set_interval(100)
    qtbot.wait(300)
    assert list_backups(chosen) == []  # nothing changed, nothing backed up

    retype(qtbot, area_page(window).profile.lsp_name, "Kingsmere Partnership")
    qtbot.waitUntil(lambda: len(list_backups(chosen, "kingsmere")) == 1, timeout=5000)
    [backup] = list_backups(chosen, "kingsmere")
    assert backup.reason == backups.PERIODIC and backup == timer.last_backup
    assert lsp_name(backup.path) == "Kingsmere Partnership"
    assert timer.last_seconds is not None and timer.last_seconds < 0.5
    qtbot.wait(300)
    assert len(list_backups(chosen, "kingsmere")) == 1  # no change since: no second backup

    # The backup left the undo history alone.
    window.undo_action.trigger()
    assert lsp_name(demo_path) == "Kingsmere Together"
    window.redo_action.trigger()
    assert lsp_name(demo_path) == "Kingsmere Partnership"
    qtbot.waitUntil(lambda: len(list_backups(chosen, "kingsmere")) == 2, timeout=5000)


def test_a_backup_that_fails_is_told_in_the_status_bar(window: MainWindow, qtbot: QtBot, user_data: Path) -> None:
    (user_data / "backups").write_text("a file where the backups folder should be")
    timer = window.backup_timer
    assert timer is not None
    timer.set_interval(50)
    retype(qtbot, area_page(window).profile.lsp_name, "Kingsmere Partnership")
    qtbot.waitUntil(lambda: "Could not back up" in window.statusBar().currentMessage(), timeout=5000)
    assert (
        window.statusBar()
        .currentMessage()
        .endswith(
            "not a directory. Your work is safe in the workbook itself; laadesk tries again after the next change."
        )
    )


def test_opening_an_older_format_backs_it_up_into_the_chosen_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    settings.remember_backup_folder(chosen)
    old = tmp_path / "old.laa"
    shutil.copyfile(DATA / "workbook-format-1.laa", old)
    window = shown_window(qtbot)
    assert window.files.open_path(old)
    [backup] = list_backups(chosen, "old")
    assert backup.reason == backups.BEFORE_MIGRATION and opening.inspect_header(backup.path) == 1
    window.set_workbook(None)


# -- restoring -----------------------------------------------------------------------------------


def test_restore_from_backup_opens_a_new_file_and_leaves_the_workbook_alone(
    window: MainWindow, qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.session is not None
    backup = take_backup(window.session.workbook, backups.PERIODIC, settings.backup_folder())
    retype(qtbot, area_page(window).profile.lsp_name, "Kingsmere Partnership")
    before = digest(demo_path)
    chosen = answer(backup)
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(chosen))
    target = tmp_path / "restored" / "kingsmere as it was.laa"
    target.parent.mkdir()
    suggested: list[Path] = []
    monkeypatch.setattr(file_actions, "ask_restore_path", lambda parent, path: suggested.append(path) or target)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.files.restore_action in file_menu.actions()  # type: ignore[union-attr]

    window.files.restore_action.trigger()
    assert chosen.asked == [(window, "kingsmere")]  # type: ignore[attr-defined]
    assert suggested == [demo_path.parent / f"kingsmere restored {backup.taken:%Y-%m-%d %H%M}.laa"]
    assert window.windowTitle() == "Kingsmere - kingsmere as it was.laa - laadesk"
    assert window.session is not None and window.session.workbook.path == target
    assert lsp_name(target) == "Kingsmere Together"  # the workbook as it was backed up
    assert digest(demo_path) == before and lsp_name(demo_path) == "Kingsmere Partnership"
    assert "kingsmere.laa is unchanged" in window.statusBar().currentMessage()


def test_restore_never_overwrites_a_file(
    window: MainWindow, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.session is not None
    backup = take_backup(window.session.workbook, backups.PERIODIC, settings.backup_folder())
    existing = tmp_path / "existing.laa"
    existing.write_text("somebody's file")
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(answer(backup)))
    monkeypatch.setattr(file_actions, "ask_restore_path", lambda parent, path: existing)
    told: list[str] = []
    monkeypatch.setattr(file_actions, "tell", lambda parent, title, text: told.append(text))
    window.files.restore_action.trigger()
    assert told == [f"{existing} already exists; laadesk restores only into a new file. Choose a new name."]
    assert existing.read_text() == "somebody's file"
    assert window.session.workbook.path == demo_path


def test_the_backups_dialog_lists_newest_first_with_a_summary(
    qtbot: QtBot,
    qtmodeltester,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    assert window.session is not None
    workbook = window.session.workbook
    older = take_backup(workbook, backups.BEFORE_IMPORT, backups.default_folder(), now=datetime(2008, 6, 3, 9, 0))
    chosen = tmp_path / "chosen"
    monkeypatch.setattr(
        "laadesk.ui.dialogs.backups_dialog.ask_backup_folder", lambda parent, current: chosen.mkdir() or chosen
    )
    dialog = BackupsDialog(window, "kingsmere")
    qtbot.addWidget(dialog)
    assert dialog.model.backups == [older]
    [change] = [b for b in dialog.findChildren(QPushButton) if b.accessibleName() == "Change backup folder"]
    change.click()
    assert settings.backup_folder() == chosen
    assert backups.backup_folder() == chosen  # where `laadesk import` backs up too
    newer = take_backup(workbook, backups.PERIODIC, chosen, now=datetime(2008, 6, 3, 9, 30))
    dialog.refresh()
    assert dialog.model.backups == [newer, older]  # from both folders, newest first
    model = dialog.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Taken",
        "Workbook",
        "Why",
        "What it holds",
    ]
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert rows[0] == [
        "Tue 03 Jun 2008, 09:30:00",
        "kingsmere.laa",
        "while editing",
        "Kingsmere: 51 targets chosen, 16 champion notes",
    ]
    assert rows[1][2] == "before an import"
    assert dialog.chosen() == newer
    qtmodeltester.check(model)


def test_the_backups_dialog_answers_with_the_chosen_backup(qtbot: QtBot, window: MainWindow) -> None:
    assert window.session is not None
    backup = take_backup(window.session.workbook, backups.PERIODIC, settings.backup_folder())

    def restore_first() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BackupsDialog)
        dialog.restore_button.click()

    QTimer.singleShot(0, restore_first)
    assert BackupsDialog.ask(window, "kingsmere") == backup


def test_the_backups_dialog_says_when_there_are_none(qtbot: QtBot, window: MainWindow) -> None:
    dialog = BackupsDialog(window, "kingsmere")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0
    assert dialog.empty.isVisible() and dialog.empty.text().startswith("No backups yet")
    assert not dialog.restore_button.isEnabled() and dialog.chosen() is None


def test_a_new_workbook_never_replaces_one_being_edited(
    window: MainWindow, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(demo_path)
    monkeypatch.setattr(NewWorkbookDialog, "ask", classmethod(lambda cls, parent: ("Derbyshire", demo_path)))
    told: list[str] = []
    monkeypatch.setattr(file_actions, "tell", lambda parent, title, text: told.append(text))
    other = shown_window(qtbot)
    other.files.new_action.trigger()
    assert told == [
        f"kingsmere.laa is being edited in laadesk by {getpass.getuser()} on this computer ({HOST}), "
        "so it cannot be replaced; choose another name."
    ]
    assert digest(demo_path) == before and other.session is None


def test_a_backup_folder_chosen_before_settings_version_2_moves_where_the_command_line_reads_it(
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QSettings

    chosen = tmp_path / "stick backups"
    chosen.mkdir()
    stored = QSettings()
    stored.setValue("settings_version", 1)
    stored.setValue("files/backup_folder", str(chosen))
    assert backups.backup_folder() == backups.default_folder()
    settings.upgrade()
    assert backups.backup_folder() == chosen.resolve() == settings.backup_folder()
    assert not QSettings().contains("files/backup_folder")
    settings.remember_backup_folder(None)
    assert backups.backup_folder() == backups.default_folder()
