"""The Story of place page driven as an officer would, checked against what the workbook file holds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from support.gui import shown_page, shown_window, type_into_cell

from laadesk.core.model import Evidence, StorySection
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.story.editor import IDLE_MS
from laadesk.ui.pages.story.models import EvidenceModel, LinksModel, SectionsModel
from laadesk.ui.pages.story.page import StoryPage
from laadesk.ui.window.main_window import MainWindow

FIRST = "Kingsmere: a county of contrasts"
SECOND = "Changing communities in the Fens and Marlhaven"
THIRD = "Safer and stronger communities"


@pytest.fixture
def page(window: MainWindow) -> StoryPage:
    return shown_page(window, "Story of place", StoryPage)


def story(path: Path) -> list[StorySection]:
    with Workbook.open(path, read_only=True) as book:
        return list(book.story())


def titles(path: Path) -> list[str]:
    return [s.title for s in story(path)]


def section(path: Path, title: str) -> StorySection:
    return next(s for s in story(path) if s.title == title)


def evidence(path: Path, section_id: str) -> list[Evidence]:
    with Workbook.open(path, read_only=True) as book:
        return [e for e in book.evidence() if e.section_id == section_id]


def select(qtbot: QtBot, page: StoryPage, title: str) -> None:
    """Click a section in the list."""
    row = [s.title for s in page.model.sections()].index(title)
    index = page.model.index(row)
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    assert page.current_section() is not None and page.current_section().title == title


def undo_texts(window: MainWindow) -> list[str]:
    stack = window.session.undo_stack  # type: ignore[union-attr]
    return [stack.text(i) for i in range(stack.count())]


# -- sections -----------------------------------------------------------------------------


def test_add_a_section_title_it_and_write_its_text(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    qtbot.mouseClick(page.sections.add_button, Qt.MouseButton.LeftButton)
    assert titles(demo_path)[-1] == "New section"
    assert QApplication.focusWidget() is page.heading and page.heading.selectedText() == "New section"
    qtbot.keyClicks(page.heading, "Rural transport")
    qtbot.keyClick(page.heading, Qt.Key.Key_Return)
    assert titles(demo_path)[-1] == "Rural transport"
    qtbot.mouseClick(page.editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor, "Half the villages have ")
    qtbot.wait(IDLE_MS // 3)
    qtbot.keyClicks(page.editor, "no daily bus.")
    assert section(demo_path, "Rural transport").text == ""  # still typing: nothing written yet
    qtbot.waitUntil(lambda: section(demo_path, "Rural transport").text == "Half the villages have no daily bus.")
    assert undo_texts(window)[-3:] == ["add story section", "rename story section", "edit story text"]
    window.undo_action.trigger()
    assert section(demo_path, "Rural transport").text == ""
    assert page.editor.toPlainText() == ""
    window.undo_action.trigger()
    assert titles(demo_path)[-1] == "New section"
    window.undo_action.trigger()
    assert titles(demo_path) == [FIRST, SECOND, THIRD, *titles(demo_path)[3:]] and "New section" not in titles(
        demo_path
    )
    for _ in range(3):
        window.redo_action.trigger()
    assert section(demo_path, "Rural transport").text == "Half the villages have no daily bus."


def test_typing_is_one_undo_step_per_burst_and_written_on_leaving(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    select(qtbot, page, THIRD)
    original = section(demo_path, THIRD).text
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor, " More PCSOs.")
    qtbot.waitUntil(lambda: section(demo_path, THIRD).text.endswith(" More PCSOs."))
    qtbot.keyClicks(page.editor, " And CCTV.")
    select(qtbot, page, FIRST)  # leaving writes at once, without waiting for the pause
    assert section(demo_path, THIRD).text == original + " More PCSOs. And CCTV."
    assert undo_texts(window) == ["edit story text"]  # both pauses of the one burst: one step
    window.undo_action.trigger()
    assert section(demo_path, THIRD).text == original
    window.redo_action.trigger()
    assert section(demo_path, THIRD).text == original + " More PCSOs. And CCTV."


def test_a_blank_title_is_refused_with_a_sentence(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    select(qtbot, page, SECOND)
    qtbot.mouseClick(page.heading, Qt.MouseButton.LeftButton)
    page.heading.selectAll()
    qtbot.keyClick(page.heading, Qt.Key.Key_Delete)
    qtbot.keyClick(page.heading, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "A story section needs a title; the old title is kept."
    assert page.heading.text() == SECOND and SECOND in titles(demo_path)


def test_reorder_by_keys_each_move_one_undo_step(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    select(qtbot, page, THIRD)
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(demo_path)[:3] == [FIRST, THIRD, SECOND]
    assert [s.position for s in story(demo_path)] == list(range(1, 8))
    assert page.current_section().title == THIRD  # the moved section stays selected
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert titles(demo_path)[:3] == [THIRD, FIRST, SECOND]
    assert not page.sections.up_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles(demo_path)[:3] == [FIRST, THIRD, SECOND]
    assert undo_texts(window) == ["reorder story sections"] * 3
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert titles(demo_path)[:3] == [FIRST, THIRD, SECOND]
    window.undo_action.trigger()
    assert titles(demo_path)[:3] == [FIRST, SECOND, THIRD]
    assert page.model.index(2).data() == f"3. {THIRD}"
    window.redo_action.trigger()
    assert titles(demo_path)[:3] == [FIRST, THIRD, SECOND]


def test_move_buttons_reorder_too(window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path) -> None:
    select(qtbot, page, FIRST)
    qtbot.mouseClick(page.sections.down_button, Qt.MouseButton.LeftButton)
    assert titles(demo_path)[:2] == [SECOND, FIRST]


def test_drag_and_drop_reorders_in_one_step(window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path) -> None:
    before = titles(demo_path)
    data = page.model.mimeData([page.model.index(0)])
    last = page.view.visualRect(page.model.index(len(before) - 1))
    drop = QDropEvent(
        last.bottomLeft() + QPoint(5, -1),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt cannot run a real drag offscreen; the drop arrives as it would at the end of one.
    page.view.dropEvent(drop)
    assert drop.isAccepted()
    assert titles(demo_path) == [*before[1:], before[0]]
    assert undo_texts(window) == ["reorder story sections"]
    assert page.current_section().title == FIRST
    window.undo_action.trigger()
    assert titles(demo_path) == before


def test_a_drop_of_something_else_changes_nothing(window: MainWindow, page: StoryPage, demo_path: Path) -> None:
    data = QMimeData()
    data.setText("NI 116")
    drop = QDropEvent(
        QPoint(5, 5), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    page.view.dropEvent(drop)
    assert not drop.isAccepted() and undo_texts(window) == []


def test_deleting_a_section_takes_its_evidence_in_the_same_step(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    gone = section(demo_path, SECOND)
    assert len(evidence(demo_path, gone.id)) == 3
    select(qtbot, page, SECOND)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert SECOND not in titles(demo_path) and evidence(demo_path, gone.id) == []
    assert page.current_section().title == THIRD  # the next section takes its place
    assert undo_texts(window) == ["delete story section"]
    window.undo_action.trigger()
    assert section(demo_path, SECOND) == gone and len(evidence(demo_path, gone.id)) == 3


# -- evidence -------------------------------------------------------------------------------


def test_add_evidence_and_edit_it_in_place(window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path) -> None:
    select(qtbot, page, FIRST)
    first = section(demo_path, FIRST)
    qtbot.mouseClick(page.evidence.add_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the new reference opens on its source
    qtbot.keyClicks(editor, "Kingsmere Place Survey pilot")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.evidence.view.state() != QAbstractItemView.State.EditingState)
    added = [e for e in evidence(demo_path, first.id) if e.source == "Kingsmere Place Survey pilot"]
    assert len(added) == 1 and added[0].date is None
    row = page.evidence.model.row_of(added[0].id)
    type_into_cell(qtbot, page.evidence.view, page.evidence.model.index(row, 1), "62% satisfied with their area")
    type_into_cell(qtbot, page.evidence.view, page.evidence.model.index(row, 2), "1/11/2007")
    item = next(e for e in evidence(demo_path, first.id) if e.id == added[0].id)
    assert (item.figure, item.date) == ("62% satisfied with their area", date(2007, 11, 1))
    row = page.evidence.model.row_of(item.id)
    assert page.evidence.model.index(row, 2).data() == "1 Nov 2007"
    type_into_cell(qtbot, page.evidence.view, page.evidence.model.index(row, 2), "31/11/2007")
    assert window.statusBar().currentMessage() == ("'31/11/2007' is not a date: November 2007 has no day 31.")
    assert next(e for e in evidence(demo_path, first.id) if e.id == item.id).date == date(2007, 11, 1)
    assert undo_texts(window) == [
        "add evidence",
        "change evidence source",
        "change evidence figure",
        "change evidence date",
    ]
    window.undo_action.trigger()
    assert next(e for e in evidence(demo_path, first.id) if e.id == item.id).date is None
    for _ in range(3):
        window.undo_action.trigger()
    assert [e.id for e in evidence(demo_path, first.id)] and item.id not in [
        e.id for e in evidence(demo_path, first.id)
    ]
    window.redo_action.trigger()
    assert item.id in [e.id for e in evidence(demo_path, first.id)]


def test_remove_evidence_with_delete(window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path) -> None:
    select(qtbot, page, FIRST)
    first = section(demo_path, FIRST)
    doomed = page.evidence.model.item(0)
    page.evidence.view.setFocus()
    page.evidence.view.setCurrentIndex(page.evidence.model.index(0, 0))
    qtbot.keyClick(page.evidence.view, Qt.Key.Key_Delete)
    assert doomed not in evidence(demo_path, first.id) and len(evidence(demo_path, first.id)) == 2
    window.undo_action.trigger()
    assert doomed in evidence(demo_path, first.id)


def test_a_blank_source_is_refused(window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path) -> None:
    select(qtbot, page, FIRST)
    source = page.evidence.model.item(0).source
    type_into_cell(qtbot, page.evidence.view, page.evidence.model.index(0, 0), " ")
    assert window.statusBar().currentMessage().startswith("Evidence needs a source")
    assert page.evidence.model.item(0).source == source


# -- linked indicators --------------------------------------------------------------------------


# The offscreen platform cannot raise the completer's popup or let it grab the keyboard: harmless here.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


@POPUP
def test_link_an_indicator_by_code_then_unlink_it(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    select(qtbot, page, FIRST)
    assert section(demo_path, FIRST).indicators == ("NI 1", "NI 8", "NI 120", "NI 151", "NI 154")
    qtbot.keyClicks(page.links.code, "ni 16")
    qtbot.keyClick(page.links.code, Qt.Key.Key_Return)
    assert section(demo_path, FIRST).indicators == ("NI 1", "NI 8", "NI 16", "NI 120", "NI 151", "NI 154")
    assert page.links.code.text() == ""
    assert page.links.model.index(2).data() == "NI 16  Serious acquisitive crime rate"
    assert undo_texts(window) == ["link NI 16 to the story"]
    page.links.view.setFocus()
    page.links.view.setCurrentIndex(page.links.model.index(0))
    qtbot.keyClick(page.links.view, Qt.Key.Key_Delete)
    assert section(demo_path, FIRST).indicators == ("NI 8", "NI 16", "NI 120", "NI 151", "NI 154")
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert section(demo_path, FIRST).indicators == ("NI 1", "NI 8", "NI 120", "NI 151", "NI 154")
    window.redo_action.trigger()
    assert "NI 16" in section(demo_path, FIRST).indicators


@POPUP
def test_link_a_local_indicator_by_words_from_its_title(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    select(qtbot, page, FIRST)
    qtbot.keyClicks(page.links.code, "falls")
    qtbot.mouseClick(page.links.link_button, Qt.MouseButton.LeftButton)
    assert "L2" in section(demo_path, FIRST).indicators


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("NI 250", "NI 250 is not in the National Indicator Set"),
        ("31", "NI 31 was withdrawn from the National Indicator Set and cannot be linked."),
        ("L9", "L9 is not one of Kingsmere's local indicators."),
        ("NI 8", f"NI 8 is already linked to '{FIRST}'."),
    ],
)
@POPUP
def test_unknown_codes_are_refused_with_a_sentence(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path, typed: str, sentence: str
) -> None:
    select(qtbot, page, FIRST)
    before = section(demo_path, FIRST)
    qtbot.keyClicks(page.links.code, typed)
    qtbot.keyClick(page.links.code, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage().startswith(sentence)
    assert section(demo_path, FIRST) == before and page.links.code.text() == typed


def test_picking_from_chosen_targets_offers_code_and_title(page: StoryPage) -> None:
    offered = page.links.choices.stringList()
    assert "NI 116 - Proportion of children in poverty" not in offered  # not chosen by Kingsmere
    assert "L2 - Emergency hospital admissions for falls, people aged 65 and over" in offered
    assert len(offered) == 51  # 32 designated, 16 statutory, 3 local


def test_story_models_pass_qt_model_tester(qtmodeltester, window: MainWindow, page: StoryPage) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    snapshot = window.session.snapshot()
    sections = SectionsModel()
    sections.set_story(snapshot.story, snapshot.evidence)
    qtmodeltester.check(sections)
    items = EvidenceModel(window.session)
    items.set_evidence(snapshot.story[0].id, snapshot)
    qtmodeltester.check(items)
    links = LinksModel()
    links.set_links(snapshot.story[0], snapshot)
    qtmodeltester.check(links)


# -- nothing typed is lost ----------------------------------------------------------------------


def type_at_end(qtbot: QtBot, page: StoryPage, text: str) -> None:
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.editor, text)


def test_typing_is_written_when_the_window_closes_before_the_pause(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    original = section(demo_path, FIRST).text
    type_at_end(qtbot, page, " Last words.")
    window.close()
    assert section(demo_path, FIRST).text == original + " Last words."


def test_typing_is_written_when_the_workbook_is_closed_before_the_pause(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path
) -> None:
    original = section(demo_path, FIRST).text
    select(qtbot, page, THIRD)  # so the undo stack holds something for Close to clear
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    select(qtbot, page, FIRST)
    type_at_end(qtbot, page, " Closing now.")
    window.files.close_action.trigger()
    assert section(demo_path, FIRST).text == original + " Closing now."


def test_typing_newer_than_the_pause_is_kept_when_a_fresh_workbook_closes(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path, close: Callable[[MainWindow], None]
) -> None:
    original = section(demo_path, FIRST).text
    assert window.session is not None and window.session.undo_stack.count() == 0
    type_at_end(qtbot, page, " Closing now.")
    close(window)  # at once: the pause has not passed and nothing else is on the undo stack
    assert window.session is None
    assert section(demo_path, FIRST).text == original + " Closing now."
    qtbot.wait(IDLE_MS + 100)  # the editor lets go after the file closed: nothing more, no harm
    assert section(demo_path, FIRST).text == original + " Closing now."


def test_a_title_being_typed_is_kept_when_the_workbook_closes(
    window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path, close: Callable[[MainWindow], None]
) -> None:
    select(qtbot, page, THIRD)
    page.heading.setFocus()
    page.heading.selectAll()
    qtbot.keyClicks(page.heading, "Safer, stronger places")  # no Enter, no leaving the field
    close(window)
    assert window.session is None
    assert titles(demo_path)[:3] == [FIRST, SECOND, "Safer, stronger places"]


def test_save_a_copy_includes_typing_made_a_moment_before(
    window: MainWindow,
    page: StoryPage,
    qtbot: QtBot,
    demo_path: Path,
    copy_path: Path,
) -> None:
    original = section(demo_path, FIRST).text
    type_at_end(qtbot, page, " Copied.")
    window.files.copy_action.trigger()  # before the pause
    assert section(copy_path, FIRST).text == original + " Copied."
    assert section(demo_path, FIRST).text == original + " Copied."
    qtbot.keyClicks(page.editor, " And on.")  # still in the editor: the same burst, the same undo step
    select(qtbot, page, SECOND)
    assert section(demo_path, FIRST).text == original + " Copied. And on."
    assert undo_texts(window) == ["edit story text"]
    assert section(copy_path, FIRST).text == original + " Copied."
    window.undo_action.trigger()
    assert section(demo_path, FIRST).text == original


def test_switching_pages_writes_the_typing(window: MainWindow, page: StoryPage, qtbot: QtBot, demo_path: Path) -> None:
    original = section(demo_path, FIRST).text
    type_at_end(qtbot, page, " Switching.")
    window.show_page("Area")
    assert section(demo_path, FIRST).text == original + " Switching."


# -- an empty story ---------------------------------------------------------------------------------


def test_a_new_workbook_starts_its_story_with_insert(qtbot: QtBot, tmp_path: Path) -> None:
    from laadesk.core.model import AreaProfile
    from laadesk.store.reference import shipped_catalogue

    path = tmp_path / "blank.laa"
    Workbook.create(path, AreaProfile("Blankshire"), shipped_catalogue()).close()
    main = shown_window(qtbot, active=True)
    assert main.files.open_path(path)
    page = shown_page(main, "Story of place", StoryPage)
    assert not page.editor.isEnabled() and not page.evidence.isEnabled() and not page.links.isEnabled()
    assert page.heading.placeholderText() == "Add a section to start the story of place (Insert)"
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Insert)
    assert titles(path) == ["New section"]
    assert page.editor.isEnabled() and page.evidence.isEnabled()
    main.set_workbook(None)


def test_story_problems_select_the_section_linked_to_the_indicator(
    window: MainWindow, page: StoryPage, qtbot: QtBot
) -> None:
    from laadesk.core.rules import Problem, Severity

    assert page.show_problem(Problem("story-gap", Severity.WARNING, "NI 163 is not justified", "NI 163", "story"))
    assert page.current_section().title == SECOND
    assert not page.show_problem(Problem("lead-partner", Severity.ERROR, "no lead", "NI 155", "lead_partner"))
