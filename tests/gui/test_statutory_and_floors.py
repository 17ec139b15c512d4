"""Statutory levels not yet set read "set annually" on the Targets page; floor warnings on the Problems page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from support.gui import shown_page

from laadesk.core.edits import set_fields
from laadesk.core.floors import BEYOND_FLOOR
from laadesk.core.model import Role
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.problems.page import ProblemsPage
from laadesk.ui.pages.targets.model import CODE_ROLE, column_of
from laadesk.ui.pages.targets.page import TargetsPage
from laadesk.ui.widgets.workshop_view import WorkshopView
from laadesk.ui.window.main_window import MainWindow


def blank_later_years(window: MainWindow, code: str) -> None:
    assert window.session is not None
    target = window.session.snapshot().target(code)
    assert target is not None and target.role is Role.STATUTORY
    window.session.apply(set_fields(target, f"clear {code} later years", target_2009_10=None, target_2010_11=None))


def test_a_statutory_targets_later_years_read_set_annually(window: MainWindow, demo_path: Path) -> None:
    """The demo speaks as at 20 June 2008: the 2009/10 level is set in December 2008, so blank is no error."""
    page = shown_page(window, "Targets", TargetsPage)
    blank_later_years(window, "NI 72")
    with Workbook.open(demo_path, read_only=True) as workbook:
        assert workbook.target("NI 72").target_2009_10 is None  # type: ignore[union-attr]
    page.showing.setCurrentText("Statutory")
    codes = [page.proxy.index(r, 0).data(CODE_ROLE) for r in range(page.proxy.rowCount())]
    assert "NI 72" in codes and "NI 116" not in codes
    row = codes.index("NI 72")
    for key in ("target_2009_10", "target_2010_11"):
        index = page.proxy.index(row, column_of(key))
        assert index.data() == "set annually"
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        assert "set by academic year" in tip and "December" in tip
        assert index.data(Qt.ItemDataRole.BackgroundRole) is None  # no error colour
    assert page.proxy.index(row, column_of("target_2008_09")).data() == "49"
    assert window.session is not None
    assert not [p for p in window.session.problems() if p.code == "NI 72"]


def test_floor_warnings_show_on_the_problems_page(window: MainWindow) -> None:
    page = shown_page(window, "Problems", ProblemsPage)
    rows = [[page.model.index(r, c).data() for c in range(4)] for r in range(page.model.rowCount())]
    floors = [row for row in rows if BEYOND_FLOOR in row[3]]
    assert [row[1] for row in floors] == ["NI 20", "NI 130", "NI 151", "NI 154"]
    assert all(row[0] == "warning" for row in floors)
    assert floors[0][3].startswith("NI 20 (Assault with injury crime rate): 3 levels beyond government's floor")


@pytest.mark.parametrize("code", ["NI 72"])
def test_a_statutory_level_missing_for_the_current_year_is_still_an_error(window: MainWindow, code: str) -> None:
    assert window.session is not None
    target = window.session.snapshot().target(code)
    assert target is not None
    window.session.apply(set_fields(target, "clear the first year", target_2008_09=None))
    missing = [p for p in window.session.problems() if p.code == code and p.rule == "levels-missing"]
    assert len(missing) == 1 and "2008/09 academic year target" in missing[0].message


def test_workshop_mode_names_academic_years_and_levels_set_annually(window: MainWindow) -> None:
    blank_later_years(window, "NI 72")
    assert window.session is not None
    view = WorkshopView(window.session, "NI 72")
    shown = view.levels.text()
    assert "2008/09 academic year" in shown and shown.count("set annually") == 2
    view.close()


def test_the_targets_page_never_shows_a_floor(window: MainWindow) -> None:
    """It may be on a projector with the council in the room: its rows carry no floor warning,
    and nothing shown in its cells or tips speaks of one."""
    page = shown_page(window, "Targets", TargetsPage)
    model = page.model
    assert window.session is not None
    floors = [p for p in window.session.problems() if BEYOND_FLOOR in p.message]
    assert {p.code for p in floors} == {"NI 20", "NI 130", "NI 151", "NI 154"}
    for code in ("NI 20", "NI 130", "NI 151", "NI 154"):
        assert all(BEYOND_FLOOR not in p.message for p in model.problems_of(code))
    shown = [
        str(model.index(row, column).data(role) or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    ]
    assert not any("floor" in text for text in shown)
