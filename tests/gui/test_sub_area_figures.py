"""The Targets page's sub-area figures: add a row, type its name and levels, delete it; each one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from support.gui import shown_page, type_into_cell

from laadesk.core.model import SubAreaKind, SubAreaTarget
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.problems.page import ProblemsPage
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.window.main_window import MainWindow
from laadesk.ui.window.sub_area_import import SubAreaSummary
from laadesk.ui.window.table_import import ImportFileDialog

FIXTURE = Path(__file__).parents[1] / "data" / "sub_areas_kingsmere.csv"


@pytest.fixture
def page(window: MainWindow, qtbot: QtBot) -> TargetsPage:
    shown = shown_page(window, "Targets", TargetsPage)
    assert shown.select("NI 47")
    return shown


def in_file(path: Path) -> dict[str, SubAreaTarget]:
    with Workbook.open(path, read_only=True) as workbook:
        return {s.sub_area: s for s in workbook.records(SubAreaTarget) if s.code == "NI 47"}


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text().removeprefix("&Undo ")


def cell(page: TargetsPage, sub_area: str, column: str) -> QModelIndex:
    table = page.sub_areas.table
    for row in range(table.proxy.rowCount()):
        if table.proxy.index(row, 0).data() == sub_area:
            return table.proxy.index(row, table.model.column_of(column))
    raise AssertionError(f"no row {sub_area!r}")


def test_the_model_passes_qt_model_tester(qtmodeltester, page: TargetsPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.sub_areas.model)


def test_adding_editing_and_deleting_figures_with_undo(
    window: MainWindow, page: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    panel = page.sub_areas
    assert panel.box.title() == "Sub-area figures - NI 47"
    assert panel.note.text().startswith("NI 47 is not split by sub-area.")
    qtbot.mouseClick(panel.table.button("Add sub-area"), Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Marlhaven")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Marlhaven" in in_file(demo_path))
    assert undo_text(window) == "rename sub-area NI 47 New sub-area to Marlhaven"
    assert in_file(demo_path)["Marlhaven"].units == "number killed or seriously injured (calendar year)"

    type_into_cell(qtbot, panel.table.view, cell(page, "Marlhaven", "target_2008_09"), "1,160")
    type_into_cell(qtbot, panel.table.view, cell(page, "Marlhaven", "target_2009_10"), "TBC")
    type_into_cell(qtbot, panel.table.view, cell(page, "Marlhaven", "target_2010_11"), "1200")
    marlhaven = in_file(demo_path)["Marlhaven"]
    assert (marlhaven.target_2008_09, marlhaven.target_2009_10, marlhaven.target_2010_11) == (1160.0, None, 1200.0)
    assert marlhaven.target_2009_10_as_written == "TBC"
    assert cell(page, "Marlhaven", "target_2008_09").data() == "1,160"
    assert cell(page, "Marlhaven", "target_2009_10").data() == "TBC"
    assert undo_text(window) == "change 2010/11 of NI 47 Marlhaven"
    panel.table.proxy.setData(cell(page, "Marlhaven", "kind"), "partnership area")
    assert in_file(demo_path)["Marlhaven"].kind is SubAreaKind.PARTNERSHIP_AREA

    # the rules see it at once: worse from 2008/09 to 2010/11 where lower is better
    problems = shown_page(window, "Problems", ProblemsPage)
    messages = [
        problems.model.index(r, problems.model.column_of("message")).data() for r in range(problems.model.rowCount())
    ]
    assert any("Marlhaven gets worse from 2008/09 to 2010/11 (1,160 to 1,200)" in str(m) for m in messages), messages
    shown_page(window, "Targets", TargetsPage)

    panel.table.view.setCurrentIndex(cell(page, "Marlhaven", "sub_area"))
    qtbot.mouseClick(panel.table.button("Delete sub-area"), Qt.MouseButton.LeftButton)
    assert in_file(demo_path) == {}
    assert panel.model.rowCount() == 0
    window.undo_action.trigger()
    assert in_file(demo_path)["Marlhaven"] == SubAreaTarget(
        "NI 47",
        "Marlhaven",
        SubAreaKind.PARTNERSHIP_AREA,
        target_2008_09=1160.0,
        target_2010_11=1200.0,
        units="number killed or seriously injured (calendar year)",
        target_2009_10_as_written="TBC",
    )
    assert panel.model.rowCount() == 1
    for _ in range(6):  # kind, three levels, the name, the new row
        window.undo_action.trigger()
    assert in_file(demo_path) == {}


def test_a_name_already_used_is_refused(page: TargetsPage, qtbot: QtBot, demo_path: Path) -> None:
    panel = page.sub_areas
    panel.add_row()
    panel.add_row()
    assert set(in_file(demo_path)) == {"New sub-area", "New sub-area 2"}
    panel.table.proxy.setData(cell(page, "New sub-area 2", "sub_area"), "new SUB-area")
    assert panel.note.text() == "NI 47 already has figures for new SUB-area; the name was left as it was."
    assert set(in_file(demo_path)) == {"New sub-area", "New sub-area 2"}


def test_file_import_table_takes_a_sub_area_csv_as_one_undo_step(
    window: MainWindow, page: TargetsPage, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def answer(cls, parent, title, text, detail):  # type: ignore[no-untyped-def]
        asked.append((text, detail))
        return True

    monkeypatch.setattr(ImportFileDialog, "ask", classmethod(lambda cls, parent, folder: FIXTURE))
    monkeypatch.setattr(SubAreaSummary, "ask", classmethod(answer))
    window.table_import.action.trigger()
    assert asked[0][0] == "sub_areas_kingsmere.csv: sub-area rows 9 added, 0 updated, 0 unchanged."
    assert asked[0][1].splitlines()[0] == "NI 47 Colbeck Valley: sub-area figures added"
    assert len(in_file(demo_path)) == 5
    assert page.sub_areas.model.rowCount() == 5
    assert undo_text(window) == "import sub_areas_kingsmere.csv"
    window.undo_action.trigger()
    assert in_file(demo_path) == {}
