"""The Targets page read on a 1366x768 laptop: the cabinet table's columns in sight, the better way in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox
from pytestqt.qtbot import QtBot
from support.gui import shown_page
from support.workbooks import target_in_file

from laadesk.core.catalogue import Polarity
from laadesk.ui.pages.targets.model import CODE_ROLE, column_of
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.pages.targets.view import FIRST_SCREEN, TITLE_LEAST
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture
def laptop(window: MainWindow, qtbot: QtBot) -> TargetsPage:
    """The Targets page in a window the size of a 1366x768 laptop screen."""
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.size().width() == 1366)
    page = shown_page(window, "Targets", TargetsPage)
    qtbot.waitUntil(lambda: page.view.viewport().width() > 800)
    return page


def cell(page: TargetsPage, code: str, key: str) -> QModelIndex:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(CODE_ROLE) == code)
    return page.proxy.index(row, column_of(key))


def in_sight(page: TargetsPage, index: QModelIndex) -> bool:
    """The whole cell is inside the table's visible area, unscrolled."""
    shown = page.view.visualRect(index)
    return page.view.horizontalScrollBar().value() == 0 and QRect(page.view.viewport().rect()).contains(shown)


def test_the_lead_partner_and_the_levels_are_in_sight_at_1366x768(laptop: TargetsPage) -> None:
    for key in FIRST_SCREEN:
        assert in_sight(laptop, cell(laptop, "NI 8", key)), f"{key} is off-screen"
    lead = cell(laptop, "NI 16", "lead_partner")
    assert lead.data() == "Kingsmere Constabulary"
    width = laptop.view.fontMetrics().horizontalAdvance(lead.data())
    assert laptop.view.columnWidth(lead.column()) > width  # in full, not cut
    title = laptop.view.columnWidth(column_of("title"))
    assert title >= TITLE_LEAST * laptop.view.fontMetrics().averageCharWidth()
    assert title >= laptop.view.fontMetrics().horizontalAdvance(cell(laptop, "NI 8", "title").data())


def test_the_title_takes_the_room_a_wider_window_gives(laptop: TargetsPage, window: MainWindow, qtbot: QtBot) -> None:
    narrow = laptop.view.columnWidth(column_of("title"))
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: laptop.view.columnWidth(column_of("title")) > narrow)
    assert in_sight(laptop, cell(laptop, "NI 8", "polarity"))


def test_a_cut_title_or_unit_is_whole_on_hover(laptop: TargetsPage) -> None:
    title = cell(laptop, "NI 1", "title")
    assert title.data(Qt.ItemDataRole.ToolTipRole) == title.data()
    units = cell(laptop, "NI 120", "units")
    assert units.data(Qt.ItemDataRole.ToolTipRole) == units.data() and len(units.data()) > 30


def test_the_better_way_is_said_in_words_and_its_source_on_hover(
    window: MainWindow, laptop: TargetsPage, qtbot: QtBot, demo_path: Path
) -> None:
    better = laptop.proxy.headerData(column_of("polarity"), Qt.Orientation.Horizontal)
    assert better == "Better"
    ni_16 = cell(laptop, "NI 16", "polarity")
    assert ni_16.data() == "lower is better"
    assert ni_16.data(Qt.ItemDataRole.ToolTipRole).startswith("From the catalogue: lower is better")
    assert cell(laptop, "NI 8", "polarity").data() == "higher is better"
    assert all("(catalogue)" not in str(laptop.proxy.index(r, ni_16.column()).data()) for r in range(51))
    index = cell(laptop, "NI 8", "polarity")
    laptop.view.scrollTo(index)
    laptop.view.setFocus()
    laptop.view.setCurrentIndex(index)
    qtbot.keyClick(laptop.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert combo.itemText(0) == "catalogue default: higher is better"
    combo.setCurrentIndex(combo.findText("lower is better"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: laptop.view.state() != QAbstractItemView.State.EditingState)
    assert target_in_file(demo_path, "NI 8").polarity is Polarity.LOWER
    index = cell(laptop, "NI 8", "polarity")
    assert index.data() == "lower is better"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == (
        "Set for this target: lower is better (the catalogue says higher is better)."
    )
