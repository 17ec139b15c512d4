"""The Indicators page: search, filters, choosing roles in one action, local indicators, rationale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from pytestqt.qtbot import QtBot
from support.gui import shown_page

from laadesk.core.model import Role
from laadesk.core.rules import Problem, Severity
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.indicators import page as indicators_page
from laadesk.ui.pages.indicators.model import COLUMN, IndicatorsModel
from laadesk.ui.pages.indicators.page import IndicatorsPage
from laadesk.ui.pages.indicators.rationale import IDLE_MS
from laadesk.ui.window.main_window import MainWindow


def open_page(window: MainWindow) -> IndicatorsPage:
    return shown_page(window, "Indicators", IndicatorsPage)


def shown_codes(page: IndicatorsPage) -> list[str]:
    proxy = page.proxy
    return [page.model.row_at(proxy.mapToSource(proxy.index(r, 0)).row()).code for r in range(proxy.rowCount())]


def click(
    qtbot: QtBot, page: IndicatorsPage, code: str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """Click an indicator's row, as a person would (scrolling it into view first)."""
    index = page.proxy.index(shown_codes(page).index(code), COLUMN["title"])
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, modifier, page.view.visualRect(index).center())


def stored(demo_path: Path, code: str) -> tuple[Role | None, str] | None:
    with Workbook.open(demo_path, read_only=True) as workbook:
        target = workbook.target(code)
    return None if target is None else (target.role, target.rationale)


def role_in_file(demo_path: Path, code: str) -> Role | None:
    found = stored(demo_path, code)
    return None if found is None else found[0]


def test_search_filters_on_every_keystroke(window: MainWindow, qtbot: QtBot) -> None:
    page = open_page(window)
    assert page.proxy.rowCount() == 199 + 3  # the catalogue, then Kingsmere's three local indicators
    qtbot.keyClicks(page.search, "11")
    assert {"NI 11", "NI 110", "NI 116", "NI 119"} <= set(shown_codes(page))
    qtbot.keyClicks(page.search, "6")
    assert shown_codes(page) == ["NI 116"]
    page.search.clear()
    qtbot.keyClicks(page.search, "poverty")
    assert shown_codes(page) == ["NI 116", "NI 187"]
    assert "Showing 2 of 202" in page.counts.text()
    page.search.clear()
    qtbot.keyClicks(page.search, "l2")
    assert shown_codes(page) == ["L2"]


def test_filters_combine(window: MainWindow, qtbot: QtBot) -> None:
    page = open_page(window)
    qtbot.mouseClick(page.place_survey, Qt.MouseButton.LeftButton)
    assert len(shown_codes(page)) == 18
    qtbot.mouseClick(page.chosen, Qt.MouseButton.LeftButton)
    assert shown_codes(page) == ["NI 1", "NI 139"]  # Kingsmere's Place Survey choices
    page.chosen.setChecked(False)
    page.place_survey.setChecked(False)
    qtbot.mouseClick(page.statutory, Qt.MouseButton.LeftButton)
    assert len(shown_codes(page)) == 16
    page.statutory.setChecked(False)
    page.chosen.setChecked(True)
    assert len(shown_codes(page)) == 32 + 16 + 3
    page.chosen.setChecked(False)
    page.theme.setCurrentText("Local economy")
    assert len(shown_codes(page)) == 34
    page.department.setCurrentText("Defra")
    assert shown_codes(page) == []  # no Defra indicator is about the local economy
    page.theme.setCurrentText("Environmental sustainability")
    qtbot.keyClicks(page.search, "waste")
    assert shown_codes(page) == ["NI 191", "NI 192", "NI 193"]


def test_unverified_titles_are_marked(window: MainWindow) -> None:
    page = open_page(window)
    model = page.model
    index = model.index(model.row_of("NI 2") or 0, COLUMN["title"])
    assert model.data(index).endswith("(title unverified)")
    font = model.data(index, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert "recalled, not verified" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    sourced = model.index(model.row_of("NI 1") or 0, COLUMN["title"])
    assert model.data(sourced, Qt.ItemDataRole.FontRole) is None
    assert model.data(sourced, Qt.ItemDataRole.DecorationRole) is None
    assert "paperzz" in model.data(sourced, Qt.ItemDataRole.ToolTipRole)


def test_designate_by_keyboard_then_undo_and_redo(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    assert role_in_file(demo_path, "NI 4") is None
    click(qtbot, page, "NI 4")
    qtbot.keyClick(page.view, Qt.Key.Key_D)
    assert role_in_file(demo_path, "NI 4") is Role.DESIGNATED
    assert "Designated 33/35" in page.counts.text()
    assert window.undo_action.text() == "&Undo designate NI 4"
    assert page.selected_codes() == ["NI 4"]
    window.undo_action.trigger()
    assert role_in_file(demo_path, "NI 4") is None
    assert "Designated 32/35" in page.counts.text()
    window.redo_action.trigger()
    assert role_in_file(demo_path, "NI 4") is Role.DESIGNATED


def test_choosing_for_three_rows_is_one_undo_step(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 2")
    click(qtbot, page, "NI 4", Qt.KeyboardModifier.ShiftModifier)
    assert page.selected_codes() == ["NI 2", "NI 3", "NI 4"]
    steps = window.session.undo_stack.count() if window.session else 0
    page.role_actions[Role.CANDIDATE].trigger()
    assert [role_in_file(demo_path, c) for c in ("NI 2", "NI 3", "NI 4")] == [Role.CANDIDATE] * 3
    assert window.session is not None and window.session.undo_stack.count() == steps + 1
    assert window.undo_action.text() == "&Undo make NI 2, NI 3 and NI 4 candidates"
    window.undo_action.trigger()
    assert [role_in_file(demo_path, c) for c in ("NI 2", "NI 3", "NI 4")] == [None] * 3
    window.redo_action.trigger()
    assert [role_in_file(demo_path, c) for c in ("NI 2", "NI 3", "NI 4")] == [Role.CANDIDATE] * 3


def test_withdrawn_indicator_is_refused_with_a_sentence(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 30")
    click(qtbot, page, "NI 31", Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.view, Qt.Key.Key_D)
    assert page.message.text() == (
        "NI 31 (Re-offending rate of registered sex offenders) was withdrawn from the National Indicator Set "
        "and cannot be chosen. Nothing was changed."
    )
    assert window.statusBar().currentMessage() == page.message.text()
    assert role_in_file(demo_path, "NI 31") is None
    assert role_in_file(demo_path, "NI 30") is Role.DESIGNATED  # untouched


def test_not_considered_keeps_negotiated_targets(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 16")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "reject it instead" in page.message.text()
    assert role_in_file(demo_path, "NI 16") is Role.DESIGNATED
    click(qtbot, page, "NI 39")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert stored(demo_path, "NI 39") is None
    assert page.message.isHidden()
    window.undo_action.trigger()
    assert role_in_file(demo_path, "NI 39") is Role.CANDIDATE


def test_add_a_local_indicator(
    window: MainWindow, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(window)
    asked: list[str] = []

    def answer(parent: object, code: str) -> str:
        asked.append(code)
        return "Fenland bus journeys"

    monkeypatch.setattr(indicators_page, "ask_local_title", answer)
    qtbot.keyClicks(page.search, "poverty")  # the new row is hidden by the search: it is shown anyway
    qtbot.mouseClick(page.add_local_button, Qt.MouseButton.LeftButton)
    assert asked == ["L4"]
    with Workbook.open(demo_path, read_only=True) as workbook:
        target = workbook.target("L4")
    assert target is not None and (target.role, target.title) == (Role.LOCAL, "Fenland bus journeys")
    assert page.selected_codes() == ["L4"] and shown_codes(page)[-1] == "L4"
    monkeypatch.setattr(indicators_page, "ask_local_title", lambda parent, code: "fenland BUS journeys")
    page.add_local_button.click()
    assert page.message.text() == "L4 is already called 'Fenland bus journeys'."
    window.undo_action.trigger()
    assert stored(demo_path, "L4") is None


def test_rationale_is_written_as_you_type_in_one_undo_step(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 4")
    assert not page.details.rationale.isEnabled()  # no role yet: nowhere to keep a reason
    click(qtbot, page, "NI 39")
    before = stored(demo_path, "NI 39")
    assert before is not None
    editor = page.details.rationale
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "Housing pressure")
    qtbot.waitUntil(lambda: stored(demo_path, "NI 39") == (Role.CANDIDATE, "Housing pressure"), timeout=3000)
    qtbot.keyClicks(editor, " in the Fens")
    page.view.setFocus()  # leaving the box writes at once
    assert stored(demo_path, "NI 39") == (Role.CANDIDATE, "Housing pressure in the Fens")
    assert window.undo_action.text() == "&Undo change NI 39 rationale"
    window.undo_action.trigger()
    assert stored(demo_path, "NI 39") == before
    assert editor.toPlainText() == before[1]
    window.redo_action.trigger()
    assert editor.toPlainText() == "Housing pressure in the Fens"


def test_switching_indicator_writes_pending_rationale(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 8")
    page.details.rationale.selectAll()
    qtbot.keyClicks(page.details.rationale, "Sport")
    page.select(["NI 16"])
    assert stored(demo_path, "NI 8") == (Role.DESIGNATED, "Sport")
    assert page.details.code == "NI 16"


def test_problem_jumps_to_the_indicator(window: MainWindow, qtbot: QtBot) -> None:
    page = open_page(window)
    qtbot.keyClicks(page.search, "poverty")
    problem = Problem("withdrawn", Severity.ERROR, "NI 31 withdrawn", "NI 31", "role")
    assert page.show_problem(problem)
    assert page.selected_codes() == ["NI 31"] and page.search.text() == ""
    assert not page.show_problem(Problem("x", Severity.ERROR, "levels", "NI 16", "target_2009_10"))


def test_models_pass_qt_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = open_page(window)
    assert window.session is not None
    qtmodeltester.check(IndicatorsModel(window.session.snapshot()))
    page.search.setText("crime")
    qtmodeltester.check(page.proxy)


def test_closing_while_typing_a_rationale_keeps_it(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 4")
    qtbot.keyClick(page.view, Qt.Key.Key_C)  # something on the undo stack
    page.details.rationale.setFocus()
    qtbot.keyClicks(page.details.rationale, "Cohesion work in the Fens")
    window.files.close_action.trigger()  # the box loses focus only after the file has closed
    qtbot.wait(IDLE_MS + 100)
    assert window.session is None
    assert stored(demo_path, "NI 4") == (Role.CANDIDATE, "Cohesion work in the Fens")


def test_typing_newer_than_the_pause_is_kept_when_a_fresh_workbook_closes(
    window: MainWindow, qtbot: QtBot, demo_path: Path, close: Callable[[MainWindow], None]
) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 8")
    before = stored(demo_path, "NI 8")
    assert before is not None and window.session is not None and window.session.undo_stack.count() == 0
    editor = page.details.rationale
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Closing now.")
    close(window)  # at once: the pause has not passed and nothing else is on the undo stack
    assert window.session is None
    assert stored(demo_path, "NI 8") == (Role.DESIGNATED, before[1] + " Closing now.")
    qtbot.wait(IDLE_MS + 100)  # the box's timer, had it been left running, finds the file closed: no harm
    assert stored(demo_path, "NI 8") == (Role.DESIGNATED, before[1] + " Closing now.")


def test_save_a_copy_includes_a_rationale_typed_a_moment_before(
    window: MainWindow, qtbot: QtBot, demo_path: Path, copy_path: Path
) -> None:
    page = open_page(window)
    click(qtbot, page, "NI 8")
    editor = page.details.rationale
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "Sport and health")
    window.files.copy_action.trigger()  # before the pause
    assert stored(copy_path, "NI 8") == (Role.DESIGNATED, "Sport and health")
    assert stored(demo_path, "NI 8") == (Role.DESIGNATED, "Sport and health")
    qtbot.keyClicks(editor, " in Colbeck")  # still in the box: typing goes on into the same undo step
    editor.clearFocus()
    assert stored(demo_path, "NI 8") == (Role.DESIGNATED, "Sport and health in Colbeck")
    assert window.session is not None and window.session.undo_stack.count() == 1
    assert stored(copy_path, "NI 8") == (Role.DESIGNATED, "Sport and health")
