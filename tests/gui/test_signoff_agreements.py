"""Partner authorities: their kind chosen on the Area page, their word on each target recorded on the
Sign-off page (one undo step per edit), and one partner's agreement to all its targets in one step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot
from support.gui import shown_page, type_into_cell

from laadesk.core.edits import remove
from laadesk.core.model import AgreementState, PartnerAgreement
from laadesk.store.workbook import Workbook
from laadesk.ui.pages.area.page import AreaPage
from laadesk.ui.pages.signoff import agreements as agreements_module
from laadesk.ui.pages.signoff.agreements import AgreedToAll, AgreeToAllDialog
from laadesk.ui.pages.signoff.page import SignOffPage
from laadesk.ui.window.main_window import MainWindow


@pytest.fixture
def page(window: MainWindow) -> SignOffPage:
    return shown_page(window, "Sign-off and timetable", SignOffPage)


def words_in_file(path: Path) -> dict[tuple[str, str], PartnerAgreement]:
    with Workbook.open(path, read_only=True) as workbook:
        return {a.key: a for a in workbook.snapshot().agreements}


def row_cell(page: SignOffPage, code: str, partner: str, column: str) -> QModelIndex:
    index = page.agreements.index_of((code, partner), column)
    assert index.isValid(), f"no row for {partner} on {code}"
    return index


def pick(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, choice: str) -> None:
    """Open the cell's combo box as a person does (F2) and pick a choice from its list."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox), combo
    row = combo.findText(choice)
    assert row >= 0, f"{choice!r} is not offered"
    combo.setCurrentIndex(row)
    combo.activated.emit(row)
    QApplication.processEvents()


def undo_text(window: MainWindow) -> str:
    return window.undo_action.text().removeprefix("&Undo ")


def test_the_agreements_model_passes_qt_model_tester(qtmodeltester, page: SignOffPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.agreements.model)
    qtmodeltester.check(page.agreements.proxy)


def test_the_demo_shows_one_row_per_target_and_partner_authority(page: SignOffPage) -> None:
    assert page.agreements.model.rowCount() == 97
    assert row_cell(page, "NI 171", "Thornwold District Council", "state").data() == "asked"
    assert row_cell(page, "NI 154", "Marlhaven Borough Council", "leads").data() == "leads"
    assert row_cell(page, "NI 154", "Thornwold District Council", "note").data().startswith("Objected on 22 May 2008")
    assert page.agreements_note.text() == (
        "Still to agree to all their targets: Easterby Fens District Council and Thornwold District Council."
    )


def test_record_an_agreement_with_its_date_and_reference_each_one_undo_step(
    window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path
) -> None:
    key = ("NI 171", "Thornwold District Council")
    pick(qtbot, page.agreements.view, row_cell(page, *key, "state"), "agreed")
    assert words_in_file(demo_path)[key].state is AgreementState.AGREED
    assert undo_text(window) == "record Thornwold District Council on NI 171 as agreed"
    type_into_cell(qtbot, page.agreements.view, row_cell(page, *key, "date"), "7/7/2008")
    type_into_cell(qtbot, page.agreements.view, row_cell(page, *key, "reference"), "EXE/08/41")
    written = words_in_file(demo_path)[key]
    assert (written.date, written.reference, written.who) == (date(2008, 7, 7), "EXE/08/41", "Chief Executive")
    assert page.progress.text().startswith(
        "Adopted by Kingsmere County Council cabinet 12 June 2008 - 10 of 11 partner authorities agreed"
    )
    window.undo_action.trigger()
    assert words_in_file(demo_path)[key].reference == ""
    window.undo_action.trigger()
    assert words_in_file(demo_path)[key].date == date(2008, 6, 2)
    window.undo_action.trigger()
    assert words_in_file(demo_path)[key].state is AgreementState.ASKED
    assert "9 of 11" in page.progress.text()


def test_an_objection_is_an_error_until_settled(
    window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.session is not None
    before = sum(1 for p in window.session.problems() if p.severity.value == "error")
    pick(qtbot, page.agreements.view, row_cell(page, "NI 188", "Easterby Fens District Council", "state"), "objected")
    errors = [p.message for p in window.session.problems() if p.severity.value == "error"]
    assert len(errors) == before + 1
    assert "Easterby Fens District Council objected to NI 188 (Planning to adapt to climate change)" in "\n".join(
        errors
    )
    window.undo_action.trigger()
    assert sum(1 for p in window.session.problems() if p.severity.value == "error") == before


def test_the_first_word_on_a_target_makes_the_record_and_undo_takes_it_away(
    window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.session is not None
    key = ("NI 1", "Kingsmere Constabulary")
    window.session.apply(remove(words_in_file(demo_path)[key], "forget the word"))
    assert row_cell(page, *key, "state").data() == "no word recorded"
    type_into_cell(qtbot, page.agreements.view, row_cell(page, *key, "who"), "Superintendent, Marlhaven")
    assert words_in_file(demo_path)[key] == PartnerAgreement(*key, who="Superintendent, Marlhaven")
    assert row_cell(page, *key, "state").data() == "asked"
    window.undo_action.trigger()
    assert key not in words_in_file(demo_path)


def test_a_partner_agreed_to_all_its_targets_in_one_step(
    window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(parent: object, partner: str, today: date) -> AgreedToAll:
        asked.append(partner)
        return AgreedToAll(date(2008, 6, 25), "Cabinet", "CAB 2008/33")

    monkeypatch.setattr(agreements_module.AgreeToAllDialog, "ask", answer)
    page.agreements.view.setCurrentIndex(row_cell(page, "NI 1", "Easterby Fens District Council", "code"))
    qtbot.mouseClick(page.agreements.button("Agreed to all its targets"), Qt.MouseButton.LeftButton)
    assert asked == ["Easterby Fens District Council"]
    words = words_in_file(demo_path)
    assert words[("NI 188", "Easterby Fens District Council")] == PartnerAgreement(
        "NI 188",
        "Easterby Fens District Council",
        AgreementState.AGREED,
        date(2008, 6, 25),
        "Cabinet",
        "CAB 2008/33",
        "The adaptation plan is with the portfolio holder.",
    )
    assert words[("NI 1", "Easterby Fens District Council")].date == date(2008, 6, 12)  # already agreed: kept
    assert "10 of 11 partner authorities" in page.progress.text()
    assert undo_text(window) == "record Easterby Fens District Council as agreed to all its targets"
    window.undo_action.trigger()
    assert words_in_file(demo_path)[("NI 188", "Easterby Fens District Council")].state is AgreementState.ASKED


def test_a_partners_kind_of_authority_is_chosen_on_the_area_page(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    area = shown_page(window, "Area", AreaPage)
    panel = area.partners
    rows = [r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == "Kingsmere Voluntary Action"]
    index = panel.proxy.index(rows[0], panel.model.column_of("authority_kind"))
    assert index.data() == ""
    pick(qtbot, panel.view, index, "primary care trust")
    with Workbook.open(demo_path, read_only=True) as book:
        kinds = {p.name: p.authority_kind for p in book.partners()}
    assert kinds["Kingsmere Voluntary Action"] == "primary care trust"
    assert kinds["Marlhaven Borough Council"] == "district council"
    assert undo_text(window) == "make Kingsmere Voluntary Action a primary care trust"
    window.undo_action.trigger()
    with Workbook.open(demo_path, read_only=True) as book:
        assert {p.name: p.authority_kind for p in book.partners()}["Kingsmere Voluntary Action"] == ""


def test_add_the_usual_milestones_in_one_undo_step(
    window: MainWindow, page: SignOffPage, qtbot: QtBot, demo_path: Path
) -> None:
    def names() -> list[str]:
        with Workbook.open(demo_path, read_only=True) as workbook:
            return [m.name for m in workbook.milestones()]

    before = names()
    assert "Secretary of State sign-off" in before  # the demo has it: not added twice
    qtbot.mouseClick(page.milestones.button("Add the usual milestones"), Qt.MouseButton.LeftButton)
    added = [n for n in names() if n not in before]
    assert sorted(added) == [
        "Departmental clearance of the designated targets",
        "GO quality assurance of the draft agreement",
        "GO recommendation to the Secretary of State",
    ]
    assert undo_text(window) == "add the usual milestones"
    qtbot.mouseClick(page.milestones.button("Add the usual milestones"), Qt.MouseButton.LeftButton)
    assert page.message.text() == "The timetable already holds every usual milestone."
    window.undo_action.trigger()
    assert sorted(names()) == sorted(before)


def test_the_agree_to_all_dialog_refuses_a_bad_date_and_gives_what_was_typed(qtbot: QtBot) -> None:
    dialog = AgreeToAllDialog(None, "Thornwold District Council", date(2008, 6, 20))
    qtbot.addWidget(dialog)
    assert dialog.when.text() == "20 Jun 2008"
    dialog.when.setText("next week")
    qtbot.keyClicks(dialog.who, "Executive")
    qtbot.keyClicks(dialog.reference, "EXE/08/41")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.problem.text().startswith("'next week' is not a date")
    dialog.when.setText("7/7/2008")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.answer() == AgreedToAll(date(2008, 7, 7), "Executive", "EXE/08/41")
