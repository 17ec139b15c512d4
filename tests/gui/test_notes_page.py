"""The Champion notes page: adding, typing, filtering, marking and deleting notes, checked in the file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from support.gui import WRITE_WAIT_MS, assert_undo_takes_back_a_new_note, shown_page, type_a_new_note
from support.workbooks import notes_in_file

from laadesk.core.catalogue import Catalogue
from laadesk.core.model import ActionStatus, ChampionNote, NoteKind, Visibility
from laadesk.ui.pages.notes.editor import WRITE_AFTER_MS
from laadesk.ui.pages.notes.model import (
    INTERNAL_BACKGROUND,
    INTERNAL_EXPLAINED,
    SHAREABLE_EXPLAINED,
    NoteFilter,
    first_line,
    parse_indicator_list,
)
from laadesk.ui.pages.notes.page import NotesPage
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow) -> NotesPage:
    return shown_page(window, "Champion notes", NotesPage)


def select(page: NotesPage, qtbot: QtBot, text_start: str) -> ChampionNote:
    """Click the note whose text starts so, as a person would."""
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, page.model.column_of("text"))
        if str(index.data()).startswith(text_start):
            page.view.scrollTo(index)
            qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
            note = page.current_note()
            assert note is not None and note.text.startswith(text_start)
            return note
    raise AssertionError(f"no note starting {text_start!r} is shown")


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an item with the keyboard: Home, then Down until it shows."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not a choice")


def pick(qtbot: QtBot, combo: QComboBox, first_letter: str) -> None:
    """Choose from a combo box by typing the first letter of the choice, as a person does."""
    combo.setFocus()
    qtbot.keyClick(combo, first_letter)


def retype(qtbot: QtBot, line: QLineEdit, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Click into a field, select what is there, type over it and press a key."""
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, key)


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text().removeprefix("&Undo ")


# -- the table ------------------------------------------------------------------------------


def test_models_pass_qt_model_tester(qtmodeltester, page: NotesPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)


def test_every_note_is_listed_newest_first_with_internal_ones_marked(page: NotesPage) -> None:
    assert page.proxy.rowCount() == 16
    assert page.shown.text() == "16 notes"
    dates = [page.proxy.index(row, 0).data() for row in range(3)]
    assert dates == ["18 Jun 2008", "16 Jun 2008", "13 Jun 2008"]
    visibility = page.model.column_of("visibility")
    first = page.proxy.index(0, visibility)
    assert first.data() == "internal"
    assert first.data(Qt.ItemDataRole.BackgroundRole) == INTERNAL_BACKGROUND
    assert first.data(Qt.ItemDataRole.ToolTipRole) == INTERNAL_EXPLAINED
    assert page.proxy.index(1, visibility).data(Qt.ItemDataRole.BackgroundRole) is None
    assert page.proxy.index(0, page.model.column_of("indicators")).data() == "NI 20, NI 130, NI 151, NI 154, NI 155"


def test_the_editor_says_when_a_note_is_internal(page: NotesPage, qtbot: QtBot, demo_path: Path) -> None:
    note = select(page, qtbot, "Holding the employment rate flat")
    assert page.editor.internal_banner.text() == INTERNAL_EXPLAINED
    pick(qtbot, page.editor.visibility, "s")
    assert notes_in_file(demo_path)[note.id].visibility is Visibility.SHAREABLE
    assert page.editor.internal_banner.text() == SHAREABLE_EXPLAINED
    assert page.proxy.index(page.view.currentIndex().row(), page.model.column_of("visibility")).data() == "shareable"


# -- adding and typing -------------------------------------------------------------------------


def test_a_new_note_is_dated_today_and_its_text_written_after_a_pause(
    window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.session is not None
    page.today = lambda: date(2008, 6, 20)
    before = set(notes_in_file(demo_path))
    written = type_a_new_note(page, qtbot, demo_path, "Thornwold cabinet adopts on 1 July.")
    assert written.date == date(2008, 6, 20)
    assert written.author == window.session.workbook.author
    assert written.visibility is Visibility.INTERNAL  # never into a council pack unless someone says so
    assert set(notes_in_file(demo_path)) - before == {written.id}
    assert page.proxy.index(0, page.model.column_of("text")).data() == "Thornwold cabinet adopts on 1 July."
    assert_undo_takes_back_a_new_note(window, demo_path, written.id)
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert notes_in_file(demo_path)[written.id].text == "Thornwold cabinet adopts on 1 July."


def test_new_note_has_its_own_shortcut_and_takes_the_filters(
    window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path
) -> None:
    window.show_page("Problems")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(notes_in_file(demo_path)) == 16  # the shortcut belongs to the notes page
    window.show_page("Champion notes")
    qtbot.keyClicks(page.indicator_filter, "ni 155")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    note = page.current_note()
    assert note is not None
    written = notes_in_file(demo_path)[note.id]
    assert written.indicators == ("NI 155",)
    assert written.date == date.today()
    assert page.proxy.rowCount() == 3  # the new note stays in view
    assert window.windowTitle().startswith("Kingsmere")  # Ctrl+Shift+N did not start a new workbook


def test_typing_merges_into_one_undo_step_per_burst(
    window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path
) -> None:
    note = select(page, qtbot, "Affordable housing (NI 155)")
    page.editor.text.setFocus()
    page.editor.text.moveCursor(page.editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor.text, " Wenmoor")
    qtbot.waitUntil(lambda: notes_in_file(demo_path)[note.id].text.endswith(" Wenmoor"), timeout=WRITE_WAIT_MS)
    qtbot.keyClicks(page.editor.text, " to lead.")
    page.view.setFocus()  # leaving the text writes it at once
    assert notes_in_file(demo_path)[note.id].text == note.text + " Wenmoor to lead."
    page.editor.text.setFocus()
    qtbot.keyClicks(page.editor.text, " Agreed.")
    page.view.setFocus()
    assert notes_in_file(demo_path)[note.id].text == note.text + " Wenmoor to lead. Agreed."
    window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id].text == note.text + " Wenmoor to lead."
    window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id].text == note.text
    assert page.editor.text.toPlainText() == note.text
    window.redo_action.trigger()
    assert page.editor.text.toPlainText() == note.text + " Wenmoor to lead."


def test_typing_newer_than_the_pause_is_kept_when_a_fresh_workbook_closes(
    window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path, close: Callable[[MainWindow], None]
) -> None:
    note = select(page, qtbot, "Affordable housing (NI 155)")
    assert window.session is not None and window.session.undo_stack.count() == 0
    page.editor.text.setFocus()
    page.editor.text.moveCursor(page.editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor.text, " Update: agreed.")
    close(window)  # at once: the pause has not passed and nothing else is on the undo stack
    assert window.session is None
    qtbot.wait(WRITE_AFTER_MS + 100)  # the text box lets go after the file closed: nothing more, no harm
    notes = notes_in_file(demo_path)
    assert len(notes) == 16 and notes[note.id].text == note.text + " Update: agreed."


def test_save_a_copy_includes_typing_made_a_moment_before(
    window: MainWindow,
    page: NotesPage,
    qtbot: QtBot,
    demo_path: Path,
    copy_path: Path,
) -> None:
    note = select(page, qtbot, "Affordable housing (NI 155)")
    page.editor.text.setFocus()
    page.editor.text.moveCursor(page.editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor.text, " Copied.")
    window.files.copy_action.trigger()  # before the pause
    assert notes_in_file(copy_path)[note.id].text == note.text + " Copied."
    assert notes_in_file(demo_path)[note.id].text == note.text + " Copied."
    qtbot.keyClicks(page.editor.text, " And on.")  # still in the box: the same burst, the same undo step
    page.view.setFocus()
    assert notes_in_file(demo_path)[note.id].text == note.text + " Copied. And on."
    assert notes_in_file(copy_path)[note.id].text == note.text + " Copied."
    assert undo_text(window) == "edit champion note text"
    window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id].text == note.text


# -- filtering ---------------------------------------------------------------------------------


def test_filters_by_kind_indicator_visibility_and_open_actions(page: NotesPage, qtbot: QtBot) -> None:
    choose(qtbot, page.kind_filter, "action")
    assert page.proxy.rowCount() == 5
    assert page.shown.text() == "5 of 16 notes shown"
    qtbot.mouseClick(page.open_actions, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 2
    choose(qtbot, page.visibility_filter, "Internal only")
    assert page.proxy.rowCount() == 1
    assert page.current_note() is not None and page.current_note().text.startswith("GO recommendation")  # type: ignore[union-attr]
    choose(qtbot, page.kind_filter, "Any kind")
    choose(qtbot, page.visibility_filter, "Shareable only")
    assert page.proxy.rowCount() == 2  # open actions shared with the area
    qtbot.mouseClick(page.open_actions, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 9
    qtbot.keyClicks(page.indicator_filter, "155")
    assert page.proxy.rowCount() == 1
    choose(qtbot, page.visibility_filter, "Internal and shareable")
    assert page.proxy.rowCount() == 2
    assert {page.model.note(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).date for r in range(2)} == {
        date(2008, 6, 9),
        date(2008, 6, 18),
    }


def test_a_bad_indicator_in_the_filter_is_explained(page: NotesPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.indicator_filter, "housing")
    assert page.proxy.rowCount() == 0
    assert page.shown.text().startswith("'housing' is not an indicator code")
    page.indicator_filter.clear()
    assert page.proxy.rowCount() == 16 and page.shown.text() == "16 notes"


# -- editing fields -----------------------------------------------------------------------------


def test_marking_an_action_done(window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path) -> None:
    qtbot.mouseClick(page.open_actions, Qt.MouseButton.LeftButton)
    note = select(page, qtbot, "Affordable housing (NI 155)")
    pick(qtbot, page.editor.action_status, "d")
    assert notes_in_file(demo_path)[note.id].action_status is ActionStatus.DONE
    assert undo_text(window) == "mark champion note action done"
    assert page.proxy.rowCount() == 4 and page.shown.text() == "4 of 16 notes shown"
    window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id].action_status is ActionStatus.OPEN
    assert page.proxy.rowCount() == 5


def test_kind_author_and_role_are_written(window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path) -> None:
    note = select(page, qtbot, "NI 187 (fuel poverty)")
    pick(qtbot, page.editor.kind, "s")
    retype(qtbot, page.editor.author, "Ruth Calloway-Hughes")
    retype(qtbot, page.editor.role, "Locality manager", Qt.Key.Key_Tab)
    written = notes_in_file(demo_path)[note.id]
    assert (written.kind, written.author, written.role) == (
        NoteKind.STICKING_POINT,
        "Ruth Calloway-Hughes",
        "Locality manager",
    )
    retype(qtbot, page.editor.author, "")
    assert page.message.text() == "A champion note needs an author; the author was left as it was."
    assert notes_in_file(demo_path)[note.id].author == "Ruth Calloway-Hughes"
    for _ in range(3):
        window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id] == note


def test_linked_indicators_are_parsed_and_bad_codes_refused(
    window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path
) -> None:
    note = select(page, qtbot, "Affordable housing (NI 155)")
    retype(qtbot, page.editor.indicators, "155; housing")
    assert page.message.text().startswith("'housing' is not an indicator code")
    assert page.message.text().endswith("the linked indicators were not changed.")
    assert window.statusBar().currentMessage() == page.message.text()
    assert notes_in_file(demo_path)[note.id].indicators == ("NI 155",)
    retype(qtbot, page.editor.indicators, "NI 999")
    assert page.message.text().startswith("NI 999 is not in the National Indicator Set")
    retype(qtbot, page.editor.indicators, "ni155, 154;L2")
    assert notes_in_file(demo_path)[note.id].indicators == ("NI 154", "NI 155", "L2")
    assert page.editor.indicators.text() == "NI 154, NI 155, L2"
    assert page.message.text() == ""
    window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id].indicators == ("NI 155",)


def test_dates_are_typed_day_first_and_bad_ones_refused(
    window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path
) -> None:
    note = select(page, qtbot, "Affordable housing (NI 155)")
    retype(qtbot, page.editor.date, "31/02/2008")
    assert page.message.text() == "'31/02/2008' is not a date: February 2008 has no day 31."
    assert notes_in_file(demo_path)[note.id].date == date(2008, 6, 9)
    retype(qtbot, page.editor.date, "11/06/2008")
    assert notes_in_file(demo_path)[note.id].date == date(2008, 6, 11)
    assert page.editor.date.text() == "11 Jun 2008"
    assert page.current_note() is not None and page.current_note().id == note.id  # type: ignore[union-attr]
    window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id].date == date(2008, 6, 9)


# -- deleting ---------------------------------------------------------------------------------


def test_delete_a_note_and_undo_it(window: MainWindow, page: NotesPage, qtbot: QtBot, demo_path: Path) -> None:
    note = select(page, qtbot, "Serious acquisitive crime agreed")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert note.id not in notes_in_file(demo_path)
    assert page.proxy.rowCount() == 15
    assert undo_text(window) == "delete champion note (Ruth Calloway, 14 May 2008)"
    assert page.current_note() is not None  # the next note is selected
    window.undo_action.trigger()
    assert notes_in_file(demo_path)[note.id] == note
    assert page.proxy.rowCount() == 16
    window.redo_action.trigger()
    assert note.id not in notes_in_file(demo_path)


def test_delete_key_in_the_text_deletes_text_not_the_note(page: NotesPage, qtbot: QtBot, demo_path: Path) -> None:
    note = select(page, qtbot, "Serious acquisitive crime agreed")
    page.editor.text.setFocus()
    qtbot.keyClick(page.editor.text, Qt.Key.Key_Delete)
    page.view.setFocus()
    assert notes_in_file(demo_path)[note.id].text == note.text[1:]


# -- the pure parts --------------------------------------------------------------------------------


def test_indicator_lists_are_read_with_commas_or_semicolons() -> None:
    assert parse_indicator_list("NI 155, 20;ni-130 ; L2,") == ("NI 20", "NI 130", "NI 155", "L2")
    assert parse_indicator_list("155, NI 155") == ("NI 155",)
    assert parse_indicator_list("  ") == ()
    assert parse_indicator_list("155, si 14") == ("NI 155", "si 14")  # an area's own code, as written
    with pytest.raises(ValueError, match="'poverty' is not an indicator code"):
        parse_indicator_list("155, poverty")
    catalogue = Catalogue("test edition", ())
    with pytest.raises(ValueError, match=r"NI 155 is not in the National Indicator Set \(test edition\)"):
        parse_indicator_list("155", catalogue)
    assert parse_indicator_list("L3", catalogue) == ("L3",)


def test_first_line_and_filter() -> None:
    assert first_line("\n  First point.\nSecond.") == "First point."
    assert first_line("") == ""
    note = ChampionNote("n", "Ruth", "text", NoteKind.ACTION, date(2008, 6, 9), indicators=("NI 155",))
    assert NoteFilter().matches(note)
    assert NoteFilter(kind=NoteKind.ACTION, indicator="NI 155", visibility=Visibility.INTERNAL).matches(note)
    assert not NoteFilter(open_actions_only=True).matches(note)
    assert not NoteFilter(indicator="NI 15").matches(note)
    assert not NoteFilter(visibility=Visibility.SHAREABLE).matches(note)
