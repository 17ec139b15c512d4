"""View > History of This Target: a panel that follows the target in hand."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from support.gui import shown_page

from laadesk.core.edits import set_fields
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.window.main_window import MainWindow


def test_the_panel_follows_the_target_and_shows_a_level_typed(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.record_keeping.target_history
    assert panel.action.shortcut().toString() == "Ctrl+H" and panel.dock.isHidden()
    targets = shown_page(window, "Targets", TargetsPage)
    assert targets.show_target("NI 16")
    panel.action.trigger()
    qtbot.waitUntil(lambda: panel.code == "NI 16")
    assert panel.dock.windowTitle() == "History of NI 16" and panel.model is not None
    assert all(panel.model.entry(r).ni == "NI 16" for r in range(panel.model.rowCount()))
    assert window.session is not None
    target = window.session.snapshot().target("NI 16")
    assert target is not None
    window.session.apply(set_fields(target, "change NI 16 2010/11 target", target_2010_11=12.5))
    assert panel.model.index(0, 0).data() == "NI 16 2010/11 target: 11.9 -> 12.5"
    assert targets.show_target("NI 8")
    qtbot.waitUntil(lambda: panel.dock.windowTitle() == "History of NI 8")
    assert {panel.model.entry(r).ni for r in range(panel.model.rowCount())} == {"NI 8"}
    panel.action.trigger()
    assert panel.dock.isHidden() and not panel.action.isChecked()


def test_a_page_with_no_target_in_hand_says_how_to_choose_one(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.record_keeping.target_history
    window.show_page("Area")
    panel.action.trigger()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.empty)
    assert "Choose a target" in panel.empty.text()


def test_the_panel_is_off_with_no_workbook(window: MainWindow) -> None:
    window.set_workbook(None)
    assert not window.record_keeping.target_history.action.isEnabled()
