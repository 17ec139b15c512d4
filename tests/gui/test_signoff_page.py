"""The Sign-off and timetable page: adoptions, the recommendation and sign-off, and milestones, checked in the file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from support.gui import shown_page, type_into_cell

from laadesk.core.edits import set_fields
from laadesk.core.model import Adoption, Milestone, SignOff
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.signoff.models import OVERDUE_BACKGROUND
from laadesk.ui.pages.signoff.page import RecordTable, SignOffPage
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow) -> SignOffPage:
    return shown_page(window, "Sign-off and timetable", SignOffPage)


def adoptions_in_file(path: Path) -> dict[str, Adoption]:
    with Workbook.open(path, read_only=True) as workbook:
        return {a.body: a for a in workbook.adoptions()}


def milestones_in_file(path: Path) -> dict[str, Milestone]:
    with Workbook.open(path, read_only=True) as workbook:
        return {m.name: m for m in workbook.milestones()}


def sign_off_in_file(path: Path) -> SignOff:
    with Workbook.open(path, read_only=True) as workbook:
        return workbook.sign_off()


def cell(table: RecordTable, first_column_text: str, column: str) -> QModelIndex:
    for row in range(table.proxy.rowCount()):
        if table.proxy.index(row, 0).data() == first_column_text:
            return table.proxy.index(row, table.model.column_of(column))
    raise AssertionError(f"no row {first_column_text!r}")


def type_into_new_row(qtbot: QtBot, text: str) -> None:
    """A new row opens its name for typing: replace the suggested name."""
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text().removeprefix("&Undo ")


def test_models_pass_qt_model_tester(qtmodeltester, page: SignOffPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.adoptions.model)
    qtmodeltester.check(page.adoptions.proxy)
    qtmodeltester.check(page.milestones.model)
    qtmodeltester.check(page.milestones.proxy)


SEQUENCE = (
    "Adopted by Kingsmere County Council cabinet 12 June 2008 - 9 of 11 partner authorities agreed to all their"
    " targets - GO recommendation pending"
)


def test_progress_of_the_demo(page: SignOffPage) -> None:
    assert page.progress.text() == SEQUENCE + "."
    assert page.waiting.isHidden()
    assert [cell(page.adoptions, "Kingsmere County Council", c).data() for c in ("date", "decision_maker")] == [
        "12 Jun 2008",
        "Cabinet",
    ]
    assert page.adoptions.model.rowCount() == 1  # the districts agree to their targets; they do not adopt
    assert page.form.go_by.text() == "Simon Hartley, Deputy Regional Director, GOEM"
    assert page.form.version.text() == "3"


# -- the responsible authority's adoption ---------------------------------------------------------


def test_recording_an_adoption_date_and_refusing_a_bad_one(
    window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path
) -> None:
    county = cell(page.adoptions, "Kingsmere County Council", "date")
    type_into_cell(qtbot, page.adoptions.view, county, "next Tuesday")
    assert page.message.text() == "'next Tuesday' is not a date; type it as 30/06/2008, 30 Jun 2008 or 2008-06-30."
    assert adoptions_in_file(demo_path)["Kingsmere County Council"].date == date(2008, 6, 12)
    type_into_cell(qtbot, page.adoptions.view, cell(page.adoptions, "Kingsmere County Council", "date"), "24/6/2008")
    assert adoptions_in_file(demo_path)["Kingsmere County Council"].date == date(2008, 6, 24)
    assert undo_text(window) == "record adoption by Kingsmere County Council on 24 Jun 2008"
    assert page.progress.text().startswith("Adopted by Kingsmere County Council cabinet 24 June 2008 - ")
    page.adoptions.proxy.setData(cell(page.adoptions, "Kingsmere County Council", "date"), "")  # the text deleted
    assert page.progress.text().startswith("Not yet adopted by Kingsmere County Council - 9 of 11")
    assert cell(page.adoptions, "Kingsmere County Council", "date").data() == "not yet adopted"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert adoptions_in_file(demo_path)["Kingsmere County Council"].date == date(2008, 6, 12)
    assert page.progress.text() == SEQUENCE + "."


def test_remove_and_add_back_the_responsible_authority(
    window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path
) -> None:
    page.adoptions.view.setFocus()
    page.adoptions.view.setCurrentIndex(cell(page.adoptions, "Kingsmere County Council", "body"))
    qtbot.keyClick(page.adoptions.view, Qt.Key.Key_Delete)
    assert adoptions_in_file(demo_path) == {}
    assert page.progress.text().startswith("No responsible authority recorded yet - ")
    assert page.waiting.text() == "Add the responsible local authority (the county council in a two-tier area)."
    qtbot.mouseClick(page.adoptions.button("Add authority"), Qt.MouseButton.LeftButton)
    type_into_new_row(qtbot, "Kingsmere County Council")
    type_into_cell(qtbot, page.adoptions.view, cell(page.adoptions, "Kingsmere County Council", "date"), "30/06/2008")
    type_into_cell(
        qtbot, page.adoptions.view, cell(page.adoptions, "Kingsmere County Council", "decision_maker"), "Full council"
    )
    adoption = adoptions_in_file(demo_path)["Kingsmere County Council"]
    assert (adoption.date, adoption.decision_maker) == (date(2008, 6, 30), "Full council")
    assert page.progress.text().startswith("Adopted by Kingsmere County Council full council 30 June 2008 - ")
    for _ in range(4):
        window.undo_action.trigger()
    assert adoptions_in_file(demo_path) == {}
    window.undo_action.trigger()
    assert adoptions_in_file(demo_path)["Kingsmere County Council"].minute_reference == "CAB/2008/047"
    assert page.progress.text() == SEQUENCE + "."


# -- recommendation and sign-off -------------------------------------------------------------------


def test_set_the_go_recommendation_date(window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path) -> None:
    qtbot.mouseClick(page.form.go_date, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.form.go_date, "20/06/2008")
    qtbot.keyClick(page.form.go_date, Qt.Key.Key_Return)
    assert sign_off_in_file(demo_path).go_recommendation_date == date(2008, 6, 20)
    assert page.form.go_date.text() == "20 Jun 2008"
    assert page.progress.text() == SEQUENCE.replace("GO recommendation pending", "GO recommended on 20 June 2008.")
    assert undo_text(window) == "set the GO recommendation date to 20 Jun 2008"
    window.undo_action.trigger()
    assert sign_off_in_file(demo_path).go_recommendation_date is None
    assert page.form.go_date.text() == ""
    window.redo_action.trigger()
    assert sign_off_in_file(demo_path).go_recommendation_date == date(2008, 6, 20)


def test_secretary_of_state_sign_off_and_version(page: SignOffPage, qtbot: QtBot, demo_path: Path) -> None:
    page.form.secretary_date.setFocus()
    qtbot.keyClicks(page.form.secretary_date, "31/06/2008")
    qtbot.keyClick(page.form.secretary_date, Qt.Key.Key_Tab)
    assert page.message.text() == (
        "'31/06/2008' is not a date: June 2008 has no day 31; the Secretary of State sign-off date was not changed."
    )
    assert sign_off_in_file(demo_path).secretary_of_state_date is None
    assert QApplication.focusWidget() is page.form.version
    qtbot.mouseClick(page.form.secretary_date, Qt.MouseButton.LeftButton)
    page.form.secretary_date.selectAll()
    qtbot.keyClicks(page.form.secretary_date, "2008-06-30")
    qtbot.keyClick(page.form.secretary_date, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.form.version
    page.form.version.selectAll()
    qtbot.keyClicks(page.form.version, "3a")
    qtbot.keyClick(page.form.version, Qt.Key.Key_Return)
    written = sign_off_in_file(demo_path)
    assert (written.secretary_of_state_date, written.version) == (date(2008, 6, 30), "3a")
    assert page.progress.text().endswith("signed off by the Secretary of State on 30 June 2008 (version 3a).")


# -- the timetable -----------------------------------------------------------------------------------


def speak_as_at(page: SignOffPage, day: date | None) -> None:
    """Set the workbook's "as at" as the Area page does (one edit), so the page reads as of that day."""
    page.session.apply(set_fields(page.session.snapshot().area, "change the workbook's 'as at' date", as_at=day))


def test_overdue_milestones_stand_out_in_red_and_in_words(page: SignOffPage) -> None:
    speak_as_at(page, date(2008, 7, 4))
    sign_off = cell(page.milestones, "Secretary of State sign-off", "state")
    assert sign_off.data() == "overdue by 4 days"
    assert sign_off.data(Qt.ItemDataRole.BackgroundRole) == OVERDUE_BACKGROUND
    assert cell(page.milestones, "Secretary of State sign-off", "name").data(Qt.ItemDataRole.BackgroundRole) == (
        OVERDUE_BACKGROUND
    )
    september = cell(page.milestones, "Review submission (September 2008)", "state")
    assert september.data() == "due in 2 months"
    assert september.data(Qt.ItemDataRole.BackgroundRole) is None
    assert cell(page.milestones, "Final draft LAA to GOEM", "state").data() == "done 3 days late"
    assert page.timetable.text() == (
        "7 milestones: 3 done, 1 overdue, 3 to come (as at 4 Jul 2008). Overdue: Secretary of State sign-off."
    )
    speak_as_at(page, date(2008, 6, 20))
    assert cell(page.milestones, "Secretary of State sign-off", "state").data() == "due in 10 days"


def test_the_workbook_as_at_decides_what_is_overdue_and_the_clock_only_without_one(page: SignOffPage) -> None:
    page.clock = lambda: date(2026, 12, 7)
    page.refresh()
    assert page.session.snapshot().area.as_at == date(2008, 6, 20)  # the demo reads as in its last weeks
    assert cell(page.milestones, "Secretary of State sign-off", "state").data() == "due in 10 days"
    assert page.timetable.text().startswith("7 milestones: 3 done, 0 overdue, 4 to come (as at 20 Jun 2008)")
    speak_as_at(page, None)
    assert cell(page.milestones, "Secretary of State sign-off", "state").data() == "overdue by 18 years"
    assert "(as at 7 Dec 2026)" in page.timetable.text()


def test_add_a_milestone_and_mark_it_done(window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path) -> None:
    speak_as_at(page, date(2008, 7, 10))
    qtbot.mouseClick(page.milestones.button("Add milestone"), Qt.MouseButton.LeftButton)
    type_into_new_row(qtbot, "Hub data entry checked")
    type_into_cell(qtbot, page.milestones.view, cell(page.milestones, "Hub data entry checked", "due"), "7/7/08")
    assert milestones_in_file(demo_path)["Hub data entry checked"].due == date(2008, 7, 7)
    assert cell(page.milestones, "Hub data entry checked", "state").data() == "overdue by 3 days"
    page.milestones.view.setCurrentIndex(cell(page.milestones, "Hub data entry checked", "name"))
    qtbot.mouseClick(page.milestones.button("Mark done today"), Qt.MouseButton.LeftButton)
    assert milestones_in_file(demo_path)["Hub data entry checked"].done == date(2008, 7, 10)
    assert cell(page.milestones, "Hub data entry checked", "state").data() == "done 3 days late"
    assert undo_text(window) == "mark milestone Hub data entry checked done"
    window.undo_action.trigger()
    assert milestones_in_file(demo_path)["Hub data entry checked"].done is None
    type_into_cell(qtbot, page.milestones.view, cell(page.milestones, "Hub data entry checked", "done"), "8 July 2008")
    assert milestones_in_file(demo_path)["Hub data entry checked"].done == date(2008, 7, 8)


def test_remove_a_milestone_and_undo(window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path) -> None:
    page.milestones.view.setFocus()
    page.milestones.view.setCurrentIndex(cell(page.milestones, "Review submission (December 2008)", "due"))
    qtbot.keyClick(page.milestones.view, Qt.Key.Key_Delete)
    assert "Review submission (December 2008)" not in milestones_in_file(demo_path)
    assert page.milestones.proxy.rowCount() == 6
    window.undo_action.trigger()
    assert milestones_in_file(demo_path)["Review submission (December 2008)"].due == date(2008, 12, 19)
    assert page.milestones.proxy.rowCount() == 7


def test_a_milestone_cannot_lose_its_name(page: SignOffPage, qtbot: QtBot, demo_path: Path) -> None:
    type_into_cell(qtbot, page.milestones.view, cell(page.milestones, "First draft LAA to GOEM", "name"), "   ")
    assert page.message.text() == "A milestone needs a name; the name was left as it was."
    assert "First draft LAA to GOEM" in milestones_in_file(demo_path)
