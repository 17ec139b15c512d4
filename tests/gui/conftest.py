"""GUI fixtures: settings in a temporary folder, a window on a copy of the demo, the ways it closes, a copy's path,
the workshop summaries shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from support.files import copy_closed
from support.gui import shown_window

from laadesk.ui.dialogs.workshop_summary_dialog import WorkshopSummaryDialog
from laadesk.ui.window import file_actions
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def qt_settings(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tests never touch the real user's settings."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("laadesk-tests")
    QCoreApplication.setApplicationName("laadesk-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings().clear()
    return folder


@pytest.fixture(autouse=True)
def no_unanswered_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box no test answers would wait for a click for ever (a hung run, not a failure):
    it fails the test at once, saying what it asked. A test that expects one patches it after this."""

    def unanswered(kind: str):  # type: ignore[no-untyped-def]
        def ask(parent: object, title: str, text: str, *rest: object) -> QMessageBox.StandardButton:
            raise AssertionError(f"an unanswered QMessageBox.{kind} asked: {title} - {text}")

        return staticmethod(ask)

    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, unanswered(kind))


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo workbook: kingsmere.laa in its tmp_path."""
    return copy_closed(demo_master, tmp_path / "kingsmere.laa")


@pytest.fixture
def window(qtbot: QtBot, demo_path: Path) -> Iterator[MainWindow]:
    """The main window with a fresh copy of the demo workbook open."""
    main = shown_window(qtbot)
    assert main.files.open_path(demo_path)
    yield main
    main.set_workbook(None)


CLOSINGS: dict[str, Callable[[MainWindow], None]] = {
    "File > Close": lambda window: window.files.close_action.trigger(),
    "opening another": lambda window: window.set_workbook(None),
}


@pytest.fixture(params=list(CLOSINGS.values()), ids=list(CLOSINGS))
def close(request: pytest.FixtureRequest) -> Callable[[MainWindow], None]:
    """Each way the window lets go of its workbook at once: File > Close, and opening another."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def copy_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """for-council.laa in tmp_path: the answer Save a Copy As gets from its file dialog."""
    copy = tmp_path / "for-council.laa"
    monkeypatch.setattr(file_actions, "ask_copy_path", lambda parent, suggested: copy)
    return copy


@pytest.fixture
def summaries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of every workshop summary the window presents on leaving workshop mode, instead of the dialog."""
    shown: list[str] = []
    present = classmethod(lambda cls, parent, text, path: shown.append(text))
    monkeypatch.setattr(WorkshopSummaryDialog, "present", present)
    return shown
