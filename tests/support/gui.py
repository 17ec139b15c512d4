"""Driving the window as a person does: a window shown, a page brought up, a field or a table cell typed into."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from laadesk.ui.window.main_window import MainWindow

Page = TypeVar("Page", bound=QWidget)


def shown_window(qtbot: QtBot, *, active: bool = False) -> MainWindow:
    """A new main window on the screen (active too, if asked, as after a click on it); qtbot closes it."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def shown_page(window: MainWindow, title: str, kind: type[Page]) -> Page:
    """The page with this title, brought up in the window; it must be a `kind`."""
    page = window.show_page(title)
    assert isinstance(page, kind), f"{title!r} shows {page!r}"
    return page


def retype(qtbot: QtBot, line: QLineEdit, text: str) -> None:
    """Click into a field, select what is there, type over it and press Enter."""
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def type_into_cell(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Select a cell, press F2, type over what is there and press Enter, as a person edits in place."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), f"F2 opened {editor!r}"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Enter through a queued call: let it arrive.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def export_drafts(monkeypatch: pytest.MonkeyPatch, answer: bool = True) -> list[str]:
    """Answer the window's question about exporting a council pack while errors remain; the
    questions asked are listed."""
    from PySide6.QtWidgets import QMessageBox

    from laadesk.ui.window import pack_export

    asked: list[str] = []

    def question(parent: object, title: str, text: str, *rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes if answer else QMessageBox.StandardButton.No

    monkeypatch.setattr(pack_export.QMessageBox, "question", question)
    return asked
