"""The Problems page: the rules' live result, the readiness line, and going to a problem's field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support.gui import shown_page

from laadesk.core.edits import set_fields
from laadesk.core.labels import field_words
from laadesk.core.rules import Problem, Severity
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.problems.model import ProblemsModel
from laadesk.ui.pages.problems.page import ProblemsPage, readiness
from laadesk.ui.window.main_window import MainWindow

NO_LEAD = "NI 155 (Number of affordable homes delivered (gross)) has no lead partner."


@pytest.fixture
def page(window: MainWindow) -> ProblemsPage:
    return shown_page(window, "Problems", ProblemsPage)


def give_ni_155_a_lead(window: MainWindow) -> None:
    assert window.session is not None
    target = window.session.snapshot().target("NI 155")
    assert target is not None
    window.session.apply(set_fields(target, "change NI 155 lead partner", lead_partner="Marlhaven Borough Council"))


def test_model_passes_qt_model_tester(qtmodeltester, page: ProblemsPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)


def test_an_empty_model_passes_too(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.session is not None
    qtmodeltester.check(ProblemsModel(window.session.snapshot(), []))


def errors_shown(page: ProblemsPage) -> int:
    """The error rows (errors come first; the demo's warnings, such as its floor warnings, follow)."""
    rows = range(page.model.rowCount())
    return sum(1 for row in rows if page.model.problem(row).severity is Severity.ERROR)


def test_the_demo_has_one_error(window: MainWindow, page: ProblemsPage) -> None:
    assert errors_shown(page) == 1
    assert page.stack.currentWidget() is page.view
    assert [page.model.index(0, c).data() for c in range(4)] == ["error", "NI 155", "lead partner", NO_LEAD]
    assert not page.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert page.readiness.text() == "Not ready: 1 error"
    assert page.summary.text() == window.summary.text()
    assert "1 error" in page.summary.text()


def test_the_list_follows_every_edit_and_undo(window: MainWindow, page: ProblemsPage, demo_path: Path) -> None:
    give_ni_155_a_lead(window)
    with Workbook.open(demo_path, read_only=True) as workbook:
        assert workbook.target("NI 155").lead_partner == "Marlhaven Borough Council"  # type: ignore[union-attr]
    assert errors_shown(page) == 0
    assert page.readiness.text().startswith("Ready for sign-off")
    assert " - 0 errors - " in window.summary.text()
    assert page.summary.text() == window.summary.text()
    window.undo_action.trigger()
    with Workbook.open(demo_path, read_only=True) as workbook:
        assert workbook.target("NI 155").lead_partner == ""  # type: ignore[union-attr]
    assert errors_shown(page) == 1 and page.stack.currentWidget() is page.view
    assert page.readiness.text() == "Not ready: 1 error"
    window.redo_action.trigger()
    assert errors_shown(page) == 0


def test_errors_come_before_warnings(window: MainWindow, page: ProblemsPage) -> None:
    assert window.session is not None
    target = window.session.snapshot().target("NI 155")
    assert target is not None
    window.session.apply(set_fields(target, "sign nobody up to NI 155", partners=()))
    severities = [page.model.problem(row).severity for row in range(page.model.rowCount())]
    assert severities[0] is Severity.ERROR and set(severities[1:]) <= {Severity.WARNING}
    ni_155 = [r for r in range(page.model.rowCount()) if page.model.index(r, 1).data() == "NI 155"]
    assert len(ni_155) == 1  # no partners is a warning only once a lead is named
    give_ni_155_a_lead(window)
    rows = [[page.model.index(r, c).data() for c in range(3)] for r in range(page.model.rowCount())]
    assert ["warning", "NI 155", "partners signed up"] in rows
    assert page.readiness.text() == f"Ready for sign-off ({len(rows)} warnings to look at)"


def test_double_click_or_enter_goes_to_the_problem(
    window: MainWindow, page: ProblemsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Problem] = []
    monkeypatch.setattr(window, "show_problem", shown.append)
    index = page.model.index(0, 3)
    rect = page.view.visualRect(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [p.message for p in shown] == [NO_LEAD]
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert len(shown) == 2 and shown[1].code == "NI 155" and shown[1].field == "lead_partner"


def test_selection_stays_on_the_problem_across_refreshes(window: MainWindow, page: ProblemsPage) -> None:
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert window.session is not None
    target = window.session.snapshot().target("NI 116")
    assert target is not None
    window.session.apply(set_fields(target, "change NI 116 comment", comment="Checked with the PCT."))
    assert page.current_problem() is not None and page.current_problem().code == "NI 155"  # type: ignore[union-attr]


def test_readiness_and_field_words() -> None:
    error = Problem("lead-partner", Severity.ERROR, "x")
    warning = Problem("partners", Severity.WARNING, "y")
    assert readiness([]) == "Ready for sign-off"
    assert readiness([warning, warning]) == "Ready for sign-off (2 warnings to look at)"
    assert readiness([error, error, warning]) == "Not ready: 2 errors"
    assert field_words("target_2009_10") == "2009/10 target"
    assert field_words("deferral_reason") == "deferral reason"
    assert field_words(None) == "whole agreement"
    assert field_words("something_new") == "something new"


def test_enter_on_a_problem_lands_on_its_page(window: MainWindow, page: ProblemsPage, qtbot: QtBot) -> None:
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert window.stack.currentWidget().title == "Targets"  # the Targets page holds the lead partner
