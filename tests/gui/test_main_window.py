"""The main window: pages, the rules summary, and the File menu's promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from laadesk.core.edits import set_fields
from laadesk.core.errors import NotAWorkbook
from laadesk.core.model import AreaProfile
from laadesk.resources import resource_path
from laadesk.store.reference import default_catalogue
from laadesk.store.workbook import Workbook
from laadesk.ui import settings
from laadesk.ui.application import ICON, FileOpenRequests
from laadesk.ui.dialogs.new_workbook_dialog import NewWorkbookDialog
from laadesk.ui.pages import PAGES
from laadesk.ui.pages.targets.model import TargetsModel
from laadesk.ui.window import file_actions
from laadesk.ui.window.main_window import MainWindow


def test_demo_opens_with_every_page_and_the_summary(window: MainWindow, demo_path: Path) -> None:
    assert window.windowTitle() == "Kingsmere - kingsmere.laa - laadesk"
    assert [p.title for p in window.pages] == [p.title for p in PAGES]
    assert window.summary.text().startswith("Designated 32/35 - Statutory 16/16 - Local 3 - Deferred 4 - 1 error")
    assert "saved in the workbook file as you make it" in window.statusBar().currentMessage()
    assert settings.recent_files() == [demo_path.resolve()]


def test_each_listed_page_builds_the_page_of_that_title(window: MainWindow) -> None:
    assert [entry.page_class().title for entry in PAGES] == [entry.title for entry in PAGES]


def test_pages_are_reached_by_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    assert len(PAGES) <= 20, "Ctrl+1 .. Ctrl+9 and Ctrl+0 reach ten pages, Ctrl+Shift+1 .. ten more"
    control, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    for number, page in enumerate(PAGES, start=1):
        if number <= 10:
            qtbot.keyClick(window, Qt.Key.Key_0 + number % 10, control)
        else:
            qtbot.keyClick(window, Qt.Key.Key_0 + (number - 10) % 10, control | shift)
        assert window.stack.currentWidget().title == page.title, page.title


def test_clicking_the_summary_shows_problems(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(window.summary, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget().title == "Problems"


def test_new_workbook_for_a_listed_area(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    target = tmp_path / "derbyshire.laa"
    monkeypatch.setattr(NewWorkbookDialog, "ask", classmethod(lambda cls, parent: ("derbyshire", target)))
    window.files.new_action.trigger()
    assert window.windowTitle() == "Derbyshire - derbyshire.laa - laadesk"
    window.set_workbook(None)
    with Workbook.open(target, read_only=True) as workbook:
        assert workbook.area().go_region == "East Midlands"
        assert len(workbook.districts()) == 8


def test_open_recent_says_plainly_when_a_file_has_moved(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(file_actions, "tell", lambda parent, title, message: told.append(message))
    window.files.close_action.trigger()
    assert window.session is None and window.windowTitle() == "laadesk"
    moved = demo_path.with_name("moved.laa")
    demo_path.rename(moved)
    window.files.open_recent(demo_path.resolve())
    assert told == [
        f"kingsmere.laa is no longer in {demo_path.parent}: it has been moved, renamed or deleted "
        "(or the drive it was on is not connected). It has been taken off the recent list; use Open to find it."
    ]
    assert settings.recent_files() == []
    assert window.files.open_path(moved)  # and reopening from its new place works
    assert settings.recent_files() == [moved.resolve()]


def test_a_file_that_will_not_open_is_explained(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(file_actions, "tell", lambda parent, title, message: told.append(message))
    window = MainWindow()
    qtbot.addWidget(window)
    bad = tmp_path / "notes.laa"
    bad.write_text("minutes of the meeting")
    assert not window.files.open_path(bad)
    assert told == [str(NotAWorkbook(f"{bad} is not a laadesk workbook (it is not an SQLite database file)."))]
    assert window.session is None


def test_save_a_copy_keeps_working_in_the_original(window: MainWindow, demo_path: Path, copy_path: Path) -> None:
    window.files.copy_action.trigger()
    assert window.session is not None and window.session.workbook.path == demo_path
    with Workbook.open(copy_path, read_only=True) as workbook:
        assert workbook.area().name == "Kingsmere"
        assert len(workbook.targets()) == len(window.session.snapshot().targets)


def test_targets_model_passes_qt_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    qtmodeltester.check(TargetsModel(window.session.snapshot()))


def test_title_follows_the_area_name(window: MainWindow) -> None:
    assert window.session is not None
    area = window.session.snapshot().area
    window.session.apply(set_fields(area, "change area name", name="Kingsmere and Wenmoor"))
    assert window.windowTitle() == "Kingsmere and Wenmoor - kingsmere.laa - laadesk"
    window.undo_action.trigger()
    assert window.windowTitle() == "Kingsmere - kingsmere.laa - laadesk"
    assert window.session.snapshot().area == area


def test_a_workbook_opened_from_the_finder_while_running_opens_in_the_window(
    window: MainWindow, qapp: QApplication, tmp_path: Path
) -> None:
    other = tmp_path / "derbyshire.laa"
    with Workbook.create(other, AreaProfile("Derbyshire"), default_catalogue()):
        pass
    opener = FileOpenRequests()
    opener.requested.connect(window.files.open_path)
    qapp.installEventFilter(opener)
    try:
        QApplication.sendEvent(qapp, QFileOpenEvent(str(other)))
    finally:
        qapp.removeEventFilter(opener)
    assert window.session is not None and window.session.workbook.path == other
    assert window.windowTitle() == "Derbyshire - derbyshire.laa - laadesk"


def test_the_application_icon_draws() -> None:
    assert not QIcon(str(resource_path(*ICON))).pixmap(32, 32).isNull()
