"""A workbook open read-only: no page lets an edit start, searches and filters still work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
)
from pytestqt.qtbot import QtBot
from support.files import digest
from support.gui import shown_window

from laadesk.store.workbook import Workbook
from laadesk.ui.pages import PAGES
from laadesk.ui.pages.base import Page
from laadesk.ui.pages.indicators.page import IndicatorsPage
from laadesk.ui.pages.notes.page import NotesPage
from laadesk.ui.pages.read_only import ADDS_RECORDS
from laadesk.ui.pages.story.page import StoryPage
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.window import main_window
from laadesk.ui.window.main_window import MainWindow

Shown = TypeVar("Shown", bound=Page)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window says when an edit is refused (instead of a dialog waiting for a click)."""
    sentences: list[str] = []
    monkeypatch.setattr(main_window.QMessageBox, "warning", lambda parent, title, text: sentences.append(text))
    return sentences


@pytest.fixture
def reader(qtbot: QtBot, demo_path: Path, told: list[str]) -> Iterator[MainWindow]:
    """The main window with the demo workbook open read-only (as when another laadesk has it)."""
    main = shown_window(qtbot)
    main.set_workbook(Workbook.open(demo_path, read_only=True))
    yield main
    main.set_workbook(None)


def shown(window: MainWindow, page_class: type[Shown]) -> Shown:
    """The page of this class, brought up in the window by its title."""
    page = window.show_page(next(e.title for e in PAGES if e.page_class() is page_class))
    assert isinstance(page, page_class)
    return page


@pytest.mark.parametrize("entry", PAGES, ids=[e.title for e in PAGES])
def test_no_control_on_any_page_can_start_an_edit(reader: MainWindow, entry: object) -> None:
    page = reader.show_page(entry.title)  # type: ignore[attr-defined]
    assert page is not None
    reading = set(page.reading_controls())
    inside_reading = {child for control in reading for child in control.findChildren(QAbstractButton)}
    for view in page.findChildren(QAbstractItemView):
        if not isinstance(view.parentWidget(), QComboBox) and view.window() is reader:
            assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers, view.accessibleName()
    for line in page.findChildren(QLineEdit):
        if line.property(ADDS_RECORDS):
            assert line.isHidden(), line.accessibleName()  # "New partner's name" with nothing to add it
        elif line not in reading and not isinstance(line.parentWidget(), QComboBox):
            assert line.isReadOnly(), line.accessibleName()
    for text in page.findChildren(QPlainTextEdit):
        assert text.isReadOnly(), text.accessibleName()
    for combo in page.findChildren(QComboBox):
        if combo not in reading:
            assert combo.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents), combo.accessibleName()
            assert combo.focusPolicy() == Qt.FocusPolicy.NoFocus
    for button in page.findChildren(QAbstractButton):
        if button in reading or button in inside_reading or button.isCheckable():
            continue
        if isinstance(button.parentWidget(), (QLineEdit, QComboBox)):
            continue  # a field's own clear button
        assert button.isHidden(), f"{entry.title}: {button.accessibleName() or button.text()} is offered"  # type: ignore[attr-defined]


def test_typing_into_the_story_changes_nothing(
    reader: MainWindow, qtbot: QtBot, demo_path: Path, told: list[str]
) -> None:
    before = digest(demo_path)
    page = shown(reader, StoryPage)
    text = page.editor.toPlainText()
    qtbot.mouseClick(page.editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor, "overwritten")
    qtbot.wait(700)  # longer than the story's write-through pause
    assert page.editor.toPlainText() == text
    assert told == []  # nothing was typed, so nothing had to be refused
    assert digest(demo_path) == before


def test_a_target_cell_opens_no_editor_and_a_paste_is_refused_with_a_sentence(
    reader: MainWindow, qtbot: QtBot, demo_path: Path, told: list[str]
) -> None:
    before = digest(demo_path)
    page = shown(reader, TargetsPage)
    index = page.proxy.index(0, 4)
    page.view.setCurrentIndex(index)
    rect = page.view.visualRect(index)
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClicks(page.view, "12")
    assert page.view.state() != QAbstractItemView.State.EditingState
    QApplication.clipboard().setText("1\t2\t3")
    page.paste()
    assert told == [f"{demo_path} is open read-only; changes cannot be saved to it."]
    assert digest(demo_path) == before


def test_searches_and_filters_still_work(reader: MainWindow, qtbot: QtBot) -> None:
    indicators = shown(reader, IndicatorsPage)
    every = indicators.view.model().rowCount()
    qtbot.keyClicks(indicators.search, "poverty")
    assert 0 < indicators.view.model().rowCount() < every
    notes = shown(reader, NotesPage)
    everything = notes.view.model().rowCount()
    notes.open_actions.click()
    assert notes.view.model().rowCount() < everything
    notes.view.setCurrentIndex(notes.view.model().index(0, 0))
    assert notes.delete_button.isHidden()  # choosing a note does not bring Delete back
