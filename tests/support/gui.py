"""Driving the window as a person does: a window shown, a page brought up, a field or a table cell typed into."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from laadesk.core.model import ChampionNote
from laadesk.ui.pages.notes.page import NotesPage
from laadesk.ui.widgets.workshop_view import WorkshopView
from laadesk.ui.window.main_window import MainWindow
from support.workbooks import notes_in_file

Page = TypeVar("Page", bound=QWidget)

WRITE_WAIT_MS = 3000  # typing is written after a pause of 600 ms


def shown_window(qtbot: QtBot, *, active: bool = False) -> MainWindow:
    """A new main window on the screen (active too, if asked, as after a click on it); qtbot closes it."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # The menus fill just after the window first paints, as a person first sees it: their keys work from then.
    qtbot.waitUntil(lambda: bool(window.go_menu.actions()))
    if active:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def shown_page(window: MainWindow, title: str, kind: type[Page]) -> Page:
    """The page with this title, brought up in the window; it must be a `kind`."""
    page = window.show_page(title)
    assert isinstance(page, kind), f"{title!r} shows {page!r}"
    return page


def press_f5(window: MainWindow, qtbot: QtBot) -> WorkshopView:
    """Press F5 in the window: workshop mode's view, showing."""
    qtbot.keyClick(window, Qt.Key.Key_F5)
    view = window.workshop.view
    assert view is not None and window.stack.currentWidget() is view
    return view


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


def type_a_new_note(page: NotesPage, qtbot: QtBot, path: Path, text: str) -> ChampionNote:
    """New on the notes page, and text typed into the new, empty note where New leaves the cursor: the note
    as the workbook file at path holds it once the text is written, after its pause."""
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    note = page.current_note()
    assert note is not None and note.text == ""
    assert QApplication.focusWidget() is page.editor.text
    qtbot.keyClicks(page.editor.text, text)
    qtbot.waitUntil(lambda: notes_in_file(path)[note.id].text == text, timeout=WRITE_WAIT_MS)
    return notes_in_file(path)[note.id]


def assert_undo_takes_back_a_new_note(window: MainWindow, path: Path, note_id: str) -> None:
    """Undo takes a new note typed into (type_a_new_note) back in two steps: its text, then the note."""
    assert window.undo_action.text() == "&Undo edit champion note text"
    window.undo_action.trigger()
    assert notes_in_file(path)[note_id].text == ""
    assert window.undo_action.text() == "&Undo add champion note"
    window.undo_action.trigger()
    assert note_id not in notes_in_file(path)
