"""The Negotiation page: typing positions per year, the gap, agreed levels, the private floor, history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QIcon
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from support.gui import shown_page
from support.workbooks import target_in_file

from laadesk.core.model import Position, PositionChange, PositionField
from laadesk.core.rules import Problem, Severity
from laadesk.store.workbook import Workbook, default_author
from laadesk.ui.pages.negotiation.models import HistoryModel, NegotiatedModel
from laadesk.ui.pages.negotiation.page import NegotiationPage
from laadesk.ui.pages.negotiation.years import COLUMN, INTERNAL, YearsModel
from laadesk.ui.window.main_window import MainWindow

YEAR_ROW = {"2008/09": 0, "2009/10": 1, "2010/11": 2}


def open_page(window: MainWindow) -> NegotiationPage:
    return shown_page(window, "Negotiation", NegotiationPage)


def choose(qtbot: QtBot, page: NegotiationPage, code: str) -> None:
    """Click a target in the list on the left."""
    row = page.targets.row_of(code)
    assert row is not None, f"{code} is not listed"
    index = page.targets.index(row, 1)
    page.target_view.scrollTo(index)
    qtbot.mouseClick(
        page.target_view.viewport(), Qt.MouseButton.LeftButton, pos=page.target_view.visualRect(index).center()
    )
    assert page.current_code() == code


def start_typing(qtbot: QtBot, page: NegotiationPage, year: str, column: str, text: str) -> QLineEdit:
    """Go to a cell, press F2 and type over what is there (Backspace for nothing), not yet pressing Enter."""
    view = page.year_view
    view.setFocus()
    view.setCurrentIndex(page.years.index(YEAR_ROW[year], COLUMN[column]))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text) if text else qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    return editor


def type_into(qtbot: QtBot, page: NegotiationPage, year: str, column: str, text: str) -> None:
    """Go to a cell, press F2, type over what is there and press Enter."""
    editor = start_typing(qtbot, page, year, column, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call: let the event loop run it.
    qtbot.waitUntil(lambda: page.year_view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def position(demo_path: Path, code: str, year: str) -> Position | None:
    with Workbook.open(demo_path, read_only=True) as workbook:
        return next((p for p in workbook.positions() if (p.code, p.year) == (code, year)), None)


def history(demo_path: Path, code: str) -> list[PositionChange]:
    with Workbook.open(demo_path, read_only=True) as workbook:
        return [c for c in workbook.position_history() if c.code == code]


def cell(page: NegotiationPage, year: str, column: str) -> str:
    return str(page.years.index(YEAR_ROW[year], COLUMN[column]).data())


def test_targets_in_negotiation_are_listed(window: MainWindow) -> None:
    page = open_page(window)
    codes = [page.targets.code_at(r) for r in range(page.targets.rowCount())]
    assert codes[:4] == ["NI 1", "NI 8", "NI 16", "NI 20"]  # designated ones, and any with positions
    assert "NI 72" not in codes and "NI 39" not in codes  # statutory and candidate: not negotiated here
    assert page.targets.index(codes.index("NI 16"), 2).data() == "agreed"
    assert page.targets.index(codes.index("NI 20"), 2).data() == "open"
    assert page.targets.index(codes.index("NI 8"), 2).data() == "no positions"
    assert page.current_code() == "NI 1"


def test_type_the_area_proposal(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 20")
    before = len(history(demo_path, "NI 20"))
    type_into(qtbot, page, "2009/10", "area", "5.9")
    assert position(demo_path, "NI 20", "2009/10") == Position(
        "NI 20", "2009/10", area_proposal=5.9, government_position=5.8, floor=6.0
    )
    changes = history(demo_path, "NI 20")
    assert len(changes) == before + 1
    latest = changes[-1]
    assert (latest.year, latest.field, latest.value, latest.who) == (
        "2009/10",
        PositionField.AREA_PROPOSAL,
        5.9,
        default_author(),
    )
    assert page.history.index(0, 3).data() == "area's proposal"  # newest first on the page
    assert page.history.index(0, 4).data() == "5.9"
    assert page.history.index(0, 1).data() == default_author()
    assert window.undo_action.text() == "&Undo change NI 20 area's proposal 2009/10"
    assert page.year_view.currentIndex().row() == 1  # the cursor stays where the person typed


def test_first_figures_create_a_position(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 8")
    assert position(demo_path, "NI 8", "2009/10") is None
    type_into(qtbot, page, "2009/10", "area", "23")
    type_into(qtbot, page, "2009/10", "government", "22.5")
    assert position(demo_path, "NI 8", "2009/10") == Position(
        "NI 8", "2009/10", area_proposal=23.0, government_position=22.5
    )
    assert [(c.field, c.value) for c in history(demo_path, "NI 8")] == [
        (PositionField.AREA_PROPOSAL, 23.0),
        (PositionField.GOVERNMENT_POSITION, 22.5),
    ]
    assert cell(page, "2009/10", "gap") == "area more ambitious by 0.5 percentage points"  # higher is better
    assert page.targets.index(page.targets.row_of("NI 8") or 0, 2).data() == "open"


def test_gap_is_signed_by_polarity(window: MainWindow, qtbot: QtBot) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 151")  # employment rate: higher is better
    assert cell(page, "2008/09", "gap") == "government more ambitious by 0.4 percentage points"
    choose(qtbot, page, "NI 20")  # assault with injury: lower is better (long units are in the heading)
    assert cell(page, "2008/09", "gap") == "government more ambitious by 0.2"
    assert "rate per 1,000 population" in page.heading.text() and "lower is better" in page.heading.text()
    type_into(qtbot, page, "2008/09", "area", "5.9")
    assert cell(page, "2008/09", "gap") == "area more ambitious by 0.2"
    type_into(qtbot, page, "2008/09", "government", "5.9")
    assert cell(page, "2008/09", "gap") == "no gap"


def test_floor_is_typed_and_undone(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 154")
    type_into(qtbot, page, "2010/11", "floor", "3,650")
    assert position(demo_path, "NI 154", "2010/11") == Position("NI 154", "2010/11", 3400, 3800, None, 3650)
    assert history(demo_path, "NI 154")[-1].field is PositionField.FLOOR
    assert page.history.index(0, 3).data() == "floor (internal)"
    assert window.undo_action.text() == "&Undo change NI 154 floor 2010/11"
    window.undo_action.trigger()
    assert position(demo_path, "NI 154", "2010/11") == Position("NI 154", "2010/11", 3400, 3800, None, 3600)
    assert cell(page, "2010/11", "floor") == "3600"
    window.redo_action.trigger()
    assert position(demo_path, "NI 154", "2010/11") == Position("NI 154", "2010/11", 3400, 3800, None, 3650)


def test_floor_is_marked_internal(window: MainWindow) -> None:
    page = open_page(window)
    model = page.years
    floor = COLUMN["floor"]
    assert "internal" in model.headerData(floor, Qt.Orientation.Horizontal)
    assert isinstance(model.headerData(floor, Qt.Orientation.Horizontal, Qt.ItemDataRole.DecorationRole), QIcon)
    assert "never leaves government" in model.headerData(floor, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    background = model.index(0, floor).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == INTERNAL
    assert model.index(0, COLUMN["area"]).data(Qt.ItemDataRole.BackgroundRole) is None
    assert page.floor_note.isVisible()


def test_agreeing_a_level_sets_the_target_in_one_step(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 20")
    assert target_in_file(demo_path, "NI 20").target_2010_11 == 5.9
    type_into(qtbot, page, "2010/11", "agreed", "5.7")
    assert position(demo_path, "NI 20", "2010/11") == Position("NI 20", "2010/11", 5.9, 5.5, 5.7, 5.7)
    assert target_in_file(demo_path, "NI 20").target_2010_11 == 5.7
    assert cell(page, "2010/11", "level") == "5.7"
    assert page.message.text() == "The 2010/11 target for NI 20 is now 5.7, as agreed."
    assert window.session is not None
    assert not [p for p in window.session.problems() if p.rule == "agreed-level-differs"]
    assert window.undo_action.text() == "&Undo agree NI 20 2010/11 at 5.7"
    window.undo_action.trigger()
    assert position(demo_path, "NI 20", "2010/11") == Position("NI 20", "2010/11", 5.9, 5.5, None, 5.7)
    assert target_in_file(demo_path, "NI 20").target_2010_11 == 5.9
    window.redo_action.trigger()
    assert target_in_file(demo_path, "NI 20").target_2010_11 == 5.7


def test_bad_figure_is_refused_with_a_sentence(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 20")
    before = history(demo_path, "NI 20")
    type_into(qtbot, page, "2008/09", "area", "abc")
    assert page.message.text() == "'abc' is not a number; the area's proposal was not changed."
    assert window.statusBar().currentMessage() == page.message.text()
    assert position(demo_path, "NI 20", "2008/09") == Position("NI 20", "2008/09", 6.3, 6.1, None, 6.2)
    assert history(demo_path, "NI 20") == before


def test_clearing_a_figure_is_recorded(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 20")
    type_into(qtbot, page, "2008/09", "floor", "")
    assert position(demo_path, "NI 20", "2008/09") == Position("NI 20", "2008/09", 6.3, 6.1, None, None)
    assert (history(demo_path, "NI 20")[-1].field, history(demo_path, "NI 20")[-1].value) == (PositionField.FLOOR, None)
    assert page.history.index(0, 4).data() == "cleared"
    page.year_view.setCurrentIndex(page.years.index(YEAR_ROW["2009/10"], COLUMN["government"]))
    qtbot.keyClick(page.year_view, Qt.Key.Key_Delete)  # Delete on a cell clears it, without opening it
    assert position(demo_path, "NI 20", "2009/10") == Position("NI 20", "2009/10", 6.1, None, None, 6.0)
    assert window.undo_action.text() == "&Undo change NI 20 government's position 2009/10"


def test_problem_jumps_to_the_agreed_level(window: MainWindow) -> None:
    page = open_page(window)
    problem = Problem("agreed-level-differs", Severity.ERROR, "differs", "NI 47", "target_2009_10")
    assert page.show_problem(problem)
    assert page.current_code() == "NI 47"
    assert (page.year_view.currentIndex().row(), page.year_view.currentIndex().column()) == (1, COLUMN["agreed"])
    assert not page.show_problem(Problem("lead-partner", Severity.ERROR, "no lead", "NI 155", "lead_partner"))


def test_models_pass_qt_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    snapshot = window.session.snapshot()
    qtmodeltester.check(NegotiatedModel(snapshot))
    years = YearsModel(window.session)
    years.show_target("NI 16")
    qtmodeltester.check(years)
    history_model = HistoryModel(snapshot)
    history_model.show_history(snapshot, "NI 16")
    assert history_model.rowCount() == 12
    qtmodeltester.check(history_model)


def test_closing_while_typing_a_figure_keeps_it(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 20")
    type_into(qtbot, page, "2008/09", "floor", "6.25")  # the undo stack is not empty
    start_typing(qtbot, page, "2009/10", "area", "5.95")
    window.files.close_action.trigger()  # the cell lets go only after the file has closed
    qtbot.wait(50)
    assert window.session is None
    assert position(demo_path, "NI 20", "2009/10") == Position("NI 20", "2009/10", 5.95, 5.8, None, 6.0)


def test_a_figure_still_being_typed_is_kept_when_a_fresh_workbook_closes(
    window: MainWindow, qtbot: QtBot, demo_path: Path, close: Callable[[MainWindow], None]
) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 20")
    assert window.session is not None and window.session.undo_stack.count() == 0
    before = len(history(demo_path, "NI 20"))
    start_typing(qtbot, page, "2010/11", "government", "6.1")
    close(window)  # at once, with nothing on the undo stack
    assert window.session is None
    qtbot.wait(50)  # the cell lets go now, and finds the file closed
    assert position(demo_path, "NI 20", "2010/11") == Position("NI 20", "2010/11", 5.9, 6.1, None, 5.7)
    assert len(history(demo_path, "NI 20")) == before + 1


def test_save_a_copy_includes_a_figure_still_being_typed(
    window: MainWindow, qtbot: QtBot, demo_path: Path, copy_path: Path
) -> None:
    page = open_page(window)
    choose(qtbot, page, "NI 20")
    editor = start_typing(qtbot, page, "2010/11", "government", "6.1")
    window.files.copy_action.trigger()
    assert position(copy_path, "NI 20", "2010/11") == Position("NI 20", "2010/11", 5.9, 6.1, None, 5.7)
    assert position(demo_path, "NI 20", "2010/11") == Position("NI 20", "2010/11", 5.9, 6.1, None, 5.7)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # finishing the cell adds nothing: the figure is in already
    qtbot.waitUntil(lambda: page.year_view.state() != QAbstractItemView.State.EditingState, timeout=2000)
    assert window.session is not None and window.session.undo_stack.count() == 1
    assert len(history(demo_path, "NI 20")) == len(history(copy_path, "NI 20"))
    window.undo_action.trigger()
    assert position(demo_path, "NI 20", "2010/11") == Position("NI 20", "2010/11", 5.9, 5.5, None, 5.7)
