"""The Targets page: levels typed, chosen and pasted into the file, copy for Excel, undo, the trajectory."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QDateEdit, QLineEdit
from pytestqt.qtbot import QtBot
from support.gui import shown_page
from support.workbooks import target_in_file

from laadesk.core.edits import set_fields
from laadesk.core.model import Status
from laadesk.core.rules import Severity
from laadesk.ui.pages.targets import page as targets_page
from laadesk.ui.pages.targets.delegates import TickList
from laadesk.ui.pages.targets.model import CODE_ROLE, PROBLEM_BACKGROUND, TargetsModel, column_of
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(window: MainWindow) -> TargetsPage:
    return shown_page(window, "Targets", TargetsPage)


def cell(page: TargetsPage, code: str, key: str) -> QModelIndex:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(CODE_ROLE) == code)
    return page.proxy.index(row, column_of(key))


def click(qtbot: QtBot, page: TargetsPage, code: str, key: str) -> None:
    """Click a cell, scrolling it into view first."""
    index = cell(page, code, key)
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    assert page.view.currentIndex() == index


def start_editing(qtbot: QtBot, page: TargetsPage, code: str, key: str) -> object:
    """Go to a cell and press F2, as a person would; the editor that opens."""
    click(qtbot, page, code, key)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.view
    return editor


def type_into(qtbot: QtBot, page: TargetsPage, code: str, key: str, text: str) -> None:
    editor = start_editing(qtbot, page, code, key)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    press_enter(qtbot, page, editor)


def press_enter(qtbot: QtBot, page: TargetsPage, editor: object) -> None:
    """Enter keeps what the editor holds (the view commits it once events are processed)."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: page.view.state() != QAbstractItemView.State.EditingState)


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text().replace("&", "")


def test_typing_a_level_writes_it_and_undo_and_redo_follow(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    type_into(qtbot, page, "NI 117", "target_2009_10", "5.5%")
    assert target_in_file(demo_path, "NI 117").target_2009_10 == 5.5
    assert cell(page, "NI 117", "target_2009_10").data() == "5.5"
    assert undo_text(window) == "Undo change NI 117 2009/10 target"
    window.undo_action.trigger()
    assert target_in_file(demo_path, "NI 117").target_2009_10 == 5.9
    assert undo_text(window) == "Undo" and window.redo_action.text() == "&Redo change NI 117 2009/10 target"
    window.redo_action.trigger()
    assert target_in_file(demo_path, "NI 117").target_2009_10 == 5.5
    assert page.view.currentIndex().data(CODE_ROLE) == "NI 117"  # the current cell stays where it was


def test_text_in_a_number_cell_is_refused_with_a_message_and_nothing_written(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    before = target_in_file(demo_path, "NI 117")
    type_into(qtbot, page, "NI 117", "baseline", "TBC with GO")
    assert target_in_file(demo_path, "NI 117") == before
    message = "NI 117 Baseline: 'TBC with GO' is not a number; nothing was changed."
    assert page.notice.text() == message
    assert window.statusBar().currentMessage() == message
    assert not window.undo_action.isEnabled()


def test_the_lead_partner_is_chosen_from_the_areas_partners(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    assert "1 error" in window.summary.text()  # NI 155 has no lead partner in the demo
    combo = start_editing(qtbot, page, "NI 155", "lead_partner")
    assert isinstance(combo, QComboBox)
    assert combo.itemText(0) == "(none)" and combo.count() == 1 + 14
    qtbot.keyClicks(combo, "Marlhaven")
    press_enter(qtbot, page, combo)
    assert target_in_file(demo_path, "NI 155").lead_partner == "Marlhaven Borough Council"
    assert undo_text(window) == "Undo change NI 155 lead partner"
    assert "0 errors" in window.summary.text()
    assert cell(page, "NI 155", "code").data(Qt.ItemDataRole.DecorationRole) is None


def test_a_new_kind_moves_the_row_and_the_current_cell_follows_it(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    combo = start_editing(qtbot, page, "NI 117", "role")
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "l")
    press_enter(qtbot, page, combo)
    assert target_in_file(demo_path, "NI 117").role.value == "local"
    assert page.view.currentIndex() == cell(page, "NI 117", "role")
    assert cell(page, "NI 117", "role").row() > cell(page, "NI 72", "role").row()  # now listed after the statutory
    assert undo_text(window) == "Undo change NI 117 kind"
    assert "national indicator recorded as a local target" in cell(page, "NI 117", "role").data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_partners_are_ticked_from_the_areas_list(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    before = target_in_file(demo_path, "NI 155").partners
    editor = start_editing(qtbot, page, "NI 155", "partners")
    assert isinstance(editor, TickList)
    names = [text for _, text in editor.choice_model.choices]
    assert set(before) <= set(editor.ticked())
    for _ in range(names.index("Kingsmere Constabulary")):
        qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Space)  # tick by keyboard
    untick = editor.choice_model.index(names.index(before[0]))
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=editor.visualRect(untick).center())
    press_enter(qtbot, page, editor)
    after = target_in_file(demo_path, "NI 155").partners
    assert set(after) == set(before) - {before[0]} | {"Kingsmere Constabulary"}
    assert list(after) == [n for n in names if n in after]  # in the area's order
    assert undo_text(window) == "Undo change NI 155 partners signed up"


def test_the_spatial_level_is_whole_area_or_ticked_districts(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    editor = start_editing(qtbot, page, "NI 155", "districts")
    assert isinstance(editor, TickList)
    assert editor.choice_model.choices[0] == ("whole area", "")
    wenmoor = editor.choice_model.index([t for _, t in editor.choice_model.choices].index("Wenmoor"))
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=editor.visualRect(wenmoor).center())
    press_enter(qtbot, page, editor)
    assert target_in_file(demo_path, "NI 155").districts == ("Wenmoor",)
    assert cell(page, "NI 155", "districts").data() == "Wenmoor"
    editor = start_editing(qtbot, page, "NI 155", "districts")
    assert isinstance(editor, TickList)
    qtbot.keyClick(editor, Qt.Key.Key_Space)  # the first row: whole area
    press_enter(qtbot, page, editor)
    assert target_in_file(demo_path, "NI 155").districts == ()


def test_a_deferral_reason_defers_the_target_in_one_step(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    before = target_in_file(demo_path, "NI 117")
    combo = start_editing(qtbot, page, "NI 117", "deferral_reason")
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "econ")
    press_enter(qtbot, page, combo)
    after = target_in_file(demo_path, "NI 117")
    assert (after.status, after.deferral_reason) == (Status.DEFERRED, "economic downturn")
    assert cell(page, "NI 117", "status").data() == "deferred"
    assert undo_text(window) == "Undo defer NI 117"
    editor = start_editing(qtbot, page, "NI 117", "revisit_date")
    assert isinstance(editor, QDateEdit)
    editor.setDate(editor.date().fromString("2009-09-30", Qt.DateFormat.ISODate))
    press_enter(qtbot, page, editor)
    assert target_in_file(demo_path, "NI 117").revisit_date == date(2009, 9, 30)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert target_in_file(demo_path, "NI 117") == before


def test_a_pasted_block_is_one_undo_step(window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path) -> None:
    codes = ("NI 8", "NI 16", "NI 20")
    before = [target_in_file(demo_path, c) for c in codes]
    QApplication.clipboard().setText("20\t2006/07\t21\t22\r\n13,000\t2006\t12.5%\t\r\n(1)\t2007\t£6\t5.5\r\n")
    click(qtbot, page, "NI 8", "baseline")
    qtbot.keyClick(page.view, Qt.Key.Key_V, CTRL)
    after = {c: target_in_file(demo_path, c) for c in codes}
    assert [(t.baseline, t.baseline_period, t.target_2008_09, t.target_2009_10) for t in after.values()] == [
        (20, "2006/07", 21, 22),
        (13000, "2006", 12.5, None),
        (-1, "2007", 6, 5.5),
    ]
    assert undo_text(window) == "Undo paste 12 cells into targets"
    assert page.notice.text() == "12 cells pasted."
    assert len(page.view.selectionModel().selectedIndexes()) == 12
    window.undo_action.trigger()
    assert [target_in_file(demo_path, c) for c in codes] == before
    window.redo_action.trigger()
    assert {c: target_in_file(demo_path, c) for c in codes} == after


def test_pasted_cells_that_cannot_be_taken_are_reported_and_the_rest_applied(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(
        targets_page, "report_paste", lambda parent, summary, problems: reported.append((summary, problems))
    )
    QApplication.clipboard().setText("abc\t5\r\n6\t7\r\n")
    click(qtbot, page, "NI 117", "target_2009_10")
    page.paste_action.trigger()
    assert reported == [("3 cells pasted; 1 could not be taken.", ["row 1 (NI 117), 2009/10: 'abc' is not a number"])]
    assert target_in_file(demo_path, "NI 117").levels == (6.4, 5.9, 5)
    assert target_in_file(demo_path, "NI 120").levels[1:] == (6, 7)
    assert page.notice.text().startswith("3 cells pasted; 1 could not be taken. row 1 (NI 117)")
    assert undo_text(window) == "Undo paste 3 cells into targets"


def test_copy_gives_tab_separated_text_excel_takes(page: TargetsPage, qtbot: QtBot) -> None:
    selection = QItemSelection(cell(page, "NI 8", "baseline"), cell(page, "NI 16", "target_2008_09"))
    page.view.setFocus()
    page.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(page.view, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "21.2\t2007/08\t22\r\n13.2\t2007/08\t12.8\r\n"
    selection = QItemSelection(cell(page, "NI 1", "code"), cell(page, "NI 1", "target_2008_09"))
    page.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    page.copy_action.trigger()
    row = QApplication.clipboard().text().rstrip("\r\n").split("\t")
    assert row[0] == "NI 1" and row[2:] == ["Kingsmere County Council", "", "", ""]  # deferred blanks copy as blanks


def test_delete_blanks_the_selected_levels_in_one_step(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    before = target_in_file(demo_path, "NI 8")
    selection = QItemSelection(cell(page, "NI 8", "target_2008_09"), cell(page, "NI 8", "target_2010_11"))
    page.view.setFocus()
    page.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert target_in_file(demo_path, "NI 8").levels == (None, None, None)
    assert undo_text(window) == "Undo blank 3 cells in targets"
    window.undo_action.trigger()
    assert target_in_file(demo_path, "NI 8") == before


def test_the_chart_shows_the_selected_targets_trajectory(page: TargetsPage, qtbot: QtBot) -> None:
    page.view.setCurrentIndex(cell(page, "NI 20", "code"))
    # The area proposes the recorded target: one line says so; government's differs.
    assert page.chart.series() == {
        "Target": [(0, 6.4), (1, 6.3), (2, 6.1), (3, 5.9)],
        "Government's position": [(0, 6.4), (1, 6.1), (2, 5.8), (3, 5.5)],
    }
    drawn = {s.name(): [(p.x(), p.y()) for p in s.points()] for s in page.chart.chart_series()}
    assert drawn == {
        "Target (= area's proposal)": [(0, 6.4), (1, 6.3), (2, 6.1), (3, 5.9)],
        "Government's position": [(0, 6.4), (1, 6.1), (2, 5.8), (3, 5.5)],
    }
    page.view.setCurrentIndex(cell(page, "NI 16", "code"))  # agreed between the two positions: three lines
    assert page.chart.series() == {
        "Target": [(0, 13.2), (1, 12.8), (2, 12.3), (3, 11.9)],
        "Area's proposal": [(0, 13.2), (1, 12.9), (2, 12.5), (3, 12.2)],
        "Government's position": [(0, 13.2), (1, 12.6), (2, 12.1), (3, 11.7)],
    }
    assert page.chart.direction.text() == "\u25bc Lower is better"
    page.view.setCurrentIndex(cell(page, "NI 8", "code"))
    assert list(page.chart.series()) == ["Target"]  # no positions recorded: one line
    assert page.chart.direction.text() == "\u25b2 Higher is better"
    page.view.setCurrentIndex(cell(page, "NI 1", "code"))
    assert page.chart.chart_series() == []
    assert page.chart.message_text().startswith("NI 1 is deferred: Place Survey pending, revisit 30 Sep 2009.")


def test_the_chart_follows_an_edit(page: TargetsPage, qtbot: QtBot) -> None:
    type_into(qtbot, page, "NI 8", "target_2010_11", "25")
    assert page.chart.series()["Target"][-1] == (3, 25)


def test_find_and_show_filter_the_table(page: TargetsPage, qtbot: QtBot) -> None:
    assert page.count.text() == "51 targets"
    qtbot.keyClicks(page.search, "constabulary")
    assert 0 < page.proxy.rowCount() < 51 and "targets shown" in page.count.text()
    page.search.clear()
    page.showing.setCurrentText("Statutory")
    assert page.proxy.rowCount() == 16
    page.showing.setCurrentText("Deferred")
    assert {page.proxy.index(r, 0).data(CODE_ROLE) for r in range(page.proxy.rowCount())} >= {"NI 1"}


def test_deferred_blanks_read_as_deliberate_and_unverified_titles_are_marked(page: TargetsPage) -> None:
    level = cell(page, "NI 1", "target_2008_09")
    assert level.data() == "deferred" and level.data(Qt.ItemDataRole.EditRole) == ""
    assert level.data(Qt.ItemDataRole.ToolTipRole).startswith("Deliberately blank: the target is deferred")
    assert cell(page, "NI 33", "title").data().endswith("(title unverified)")


def test_a_level_written_in_words_is_shown_as_written_flagged_and_settled_by_a_figure(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    target = target_in_file(demo_path, "NI 40")  # no level of it is agreed in the negotiation yet
    words = {"target_2009_10": None, "target_2009_10_as_written": "maintain the 2.2% gap with the national rate"}
    window.session.apply(set_fields(target, "as a council table gave it", **words))  # type: ignore[union-attr]
    level = cell(page, "NI 40", "target_2009_10")
    assert level.data() == "as written: maintain the 2.2% gap with the national rate"
    assert level.data(Qt.ItemDataRole.FontRole).italic()
    assert level.data(Qt.ItemDataRole.BackgroundRole) == PROBLEM_BACKGROUND[Severity.WARNING]
    assert "is written as 'maintain the 2.2% gap with the national rate', not a number" in level.data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert level.data(Qt.ItemDataRole.EditRole) == ""  # the editor opens for the figure
    type_into(qtbot, page, "NI 40", "target_2009_10", "1,255")
    settled = target_in_file(demo_path, "NI 40")
    assert (settled.target_2009_10, settled.target_2009_10_as_written) == (1255.0, "")
    assert cell(page, "NI 40", "target_2009_10").data(Qt.ItemDataRole.BackgroundRole) is None
    window.undo_action.trigger()
    assert target_in_file(demo_path, "NI 40").target_2009_10_as_written == words["target_2009_10_as_written"]


def test_a_problem_is_shown_on_its_row_and_jumped_to(window: MainWindow, page: TargetsPage) -> None:
    assert cell(page, "NI 155", "code").data(Qt.ItemDataRole.DecorationRole) is not None
    assert "NI 155" in cell(page, "NI 155", "code").data(Qt.ItemDataRole.ToolTipRole)
    problem = next(p for p in window.session.problems() if p.code == "NI 155")  # type: ignore[union-attr]
    page.showing.setCurrentText("Statutory")  # the row is filtered out; the jump brings it back
    window.show_page("Problems")
    window.show_problem(problem)
    assert window.stack.currentWidget() is page
    assert page.view.currentIndex() == cell(page, "NI 155", "lead_partner")


def test_sorting_by_a_level_puts_blanks_last(page: TargetsPage) -> None:
    page.view.sortByColumn(column_of("baseline"), Qt.SortOrder.AscendingOrder)
    baselines = [page.proxy.index(r, column_of("baseline")).data(Qt.ItemDataRole.EditRole) for r in range(51)]
    numbers = [float(b) for b in baselines if b]
    assert numbers == sorted(numbers) and baselines[-1] == ""


def test_models_pass_qt_model_tester(qtmodeltester, window: MainWindow, page: TargetsPage) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    qtmodeltester.check(TargetsModel(window.session.snapshot(), window.session))
    qtmodeltester.check(page.proxy)


def test_the_ni_stays_in_sight_when_the_table_scrolls_right(page: TargetsPage, qtbot: QtBot) -> None:
    rows = page.view.verticalHeader()
    assert not rows.isVisible()
    page.view.scrollTo(cell(page, "NI 155", "revisit_date"))
    assert rows.isVisible()
    row = cell(page, "NI 155", "code").row()
    assert page.proxy.headerData(row, Qt.Orientation.Vertical) == "NI 155"
    assert page.proxy.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DecorationRole) is not None
    page.view.horizontalScrollBar().setValue(0)
    assert not rows.isVisible()


def test_qtcharts_loads_only_when_a_chart_is_drawn() -> None:
    code = (
        "import sys, laadesk.ui.window.main_window, laadesk.ui.pages.targets.page; "
        "print('PySide6.QtCharts' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_agreeing_a_deferred_target_under_the_deferred_filter_keeps_the_filter(
    page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    page.showing.setCurrentText("Deferred")
    assert page.proxy.rowCount() == 4
    combo = start_editing(qtbot, page, "NI 1", "status")
    qtbot.keyClicks(combo, "a")
    press_enter(qtbot, page, combo)
    qtbot.wait(50)  # the queued end of the edit
    target = target_in_file(demo_path, "NI 1")
    assert (target.status, target.deferral_reason, target.revisit_date) == (Status.AGREED, "", None)
    assert page.proxy.rowCount() == 3 and page.showing.currentText() == "Deferred"
