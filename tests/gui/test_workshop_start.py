"""Workshop mode opens at the target in hand, on whichever page it is, and comes back to it; the better
way reads from the back of a room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot
from support.gui import press_f5, shown_page

from laadesk.ui.pages.negotiation.page import NegotiationPage
from laadesk.ui.pages.notes.page import NotesPage
from laadesk.ui.pages.problems.page import ProblemsPage
from laadesk.ui.pages.targets.model import CODE_ROLE
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.window.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("summaries")


def leave(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.workshop.view is None


def click_row(qtbot: QtBot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def click_target(qtbot: QtBot, page: TargetsPage, code: str) -> None:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data(CODE_ROLE) == code)
    click_row(qtbot, page.view, row)
    assert page.current_code() == code


def test_f5_opens_at_the_target_selected_on_the_targets_page_and_comes_back_to_it(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = shown_page(window, "Targets", TargetsPage)
    click_target(qtbot, page, "NI 130")
    view = press_f5(window, qtbot)
    assert view.current_code == "NI 130"
    assert view.counter.text() == f"{view.codes.index('NI 130') + 1} of {len(view.codes)}"
    assert "NI 130" in view.heading.text()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    following = view.current_code
    assert following is not None and following != "NI 130"
    leave(window, qtbot)
    assert window.stack.currentWidget() is page and window.navigation.currentIndex().data() == "Targets"
    assert page.current_code() == following  # the page shows where the meeting got to
    assert press_f5(window, qtbot).current_code == following


def test_f5_opens_at_the_target_chosen_on_the_negotiation_page(window: MainWindow, qtbot: QtBot) -> None:
    page = shown_page(window, "Negotiation", NegotiationPage)
    click_row(qtbot, page.target_view, page.targets.row_of("NI 20") or 0)
    assert press_f5(window, qtbot).current_code == "NI 20"


def test_f5_opens_at_the_indicator_of_the_note_in_hand(window: MainWindow, qtbot: QtBot) -> None:
    page = shown_page(window, "Champion notes", NotesPage)
    text = page.model.column_of("text")
    row = next(r for r in range(page.proxy.rowCount()) if str(page.proxy.index(r, text).data()).startswith("Self-"))
    click_row(qtbot, page.view, row, text)
    note = page.current_note()
    assert note is not None and note.indicators == ("NI 130",)
    assert press_f5(window, qtbot).current_code == "NI 130"


def test_f5_opens_at_the_target_of_the_problem_in_hand(window: MainWindow, qtbot: QtBot) -> None:
    page = shown_page(window, "Problems", ProblemsPage)
    row = next(r for r in range(page.model.rowCount()) if page.model.problem(r).code == "NI 155")
    click_row(qtbot, page.view, row)
    assert press_f5(window, qtbot).current_code == "NI 155"


def test_on_a_page_without_targets_f5_opens_at_the_last_one_in_hand(window: MainWindow, qtbot: QtBot) -> None:
    page = shown_page(window, "Targets", TargetsPage)
    click_target(qtbot, page, "NI 47")
    window.show_page("Area")
    assert press_f5(window, qtbot).current_code == "NI 47"


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours (21 for black on white, 1 for a colour on itself)."""

    def luminance(colour: QColor) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour.getRgbF()[:3]]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_lower_is_better_reads_from_the_back_of_the_room(window: MainWindow, qtbot: QtBot) -> None:
    page = shown_page(window, "Targets", TargetsPage)
    click_target(qtbot, page, "NI 16")
    view = press_f5(window, qtbot)
    badge = view.chart.direction
    assert badge.isVisible() and badge.text() == "\u25bc Lower is better"
    assert badge.font().bold() and badge.font().pointSizeF() >= 2 * QApplication.font().pointSizeF()
    palette = badge.palette()
    assert badge.autoFillBackground()
    assert contrast(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)) >= 7
