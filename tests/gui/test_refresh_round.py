"""Sign-off > Start a Refresh Round...: the Compare page then lists each change since the agreed
version with an editable Reason; freezing the agreement again ends the round."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support.gui import shown_page, type_into_cell

from laadesk.core.edits import set_fields
from laadesk.store.workbook import Workbook
from laadesk.ui.dialogs.freeze_dialog import FreezeDialog
from laadesk.ui.pages.compare.page import ComparePage
from laadesk.ui.pages.compare.round import REASON
from laadesk.ui.window import refresh_action
from laadesk.ui.window.main_window import MainWindow
from laadesk.ui.window.refresh_action import START_TEXT, RefreshLabelDialog

SIGNED = "Signed by the Secretary of State"


def reasons_in_file(path: Path) -> dict[tuple[str, str], str]:
    with Workbook.open(path, read_only=True) as workbook:
        return {(r.code, r.field): r.reason for r in workbook.snapshot().change_reasons}


def test_a_round_is_started_its_reasons_typed_and_freezing_ends_it(
    window: MainWindow, qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    assert session is not None
    session.freeze(SIGNED)
    asked: list[str] = []

    def label(cls: object, parent: object, suggestion: str) -> str:
        asked.append(suggestion)
        return "2009 refresh"

    monkeypatch.setattr(RefreshLabelDialog, "ask", classmethod(label))
    window.record_keeping.sign_off_menu.aboutToShow.emit()
    start = window.record_keeping.refresh_round
    assert start.action.text() == START_TEXT and start.action.isEnabled()
    start.action.trigger()
    assert asked == ["2008 refresh"]  # the demo speaks as at June 2008
    assert session.snapshot().refresh_round.label == "2009 refresh"
    assert "refresh round \u201c2009 refresh\u201d open" in window.windowTitle()
    assert not start.action.isEnabled() and "Under Way" in start.action.text()
    found = session.snapshot().target("NI 16")
    assert found is not None
    session.apply(set_fields(found, "change NI 16 2010/11 target", target_2010_11=12.1))

    page = shown_page(window, "Compare", ComparePage)
    assert page.round.isVisible() and not page.choices.isVisible()
    assert page.round.model.rowCount() == 1
    line = page.round.model.line(0)
    assert (line.ni, line.what, line.agreed, line.proposed) == ("NI 16", "2010/11 target", "11.9", "12.1")
    assert "1 without a reason yet" in page.round.heading.text()
    assert "refresh-reason" in {p.rule for p in session.problems()}
    type_into_cell(qtbot, page.round.view, page.round.model.index(0, REASON), "New baseline from the 2008 survey")
    assert reasons_in_file(demo_path) == {("NI 16", "target_2010_11"): "New baseline from the 2008 survey"}
    assert page.round.model.line(0).reason == "New baseline from the 2008 survey"
    assert "each with its reason" in page.round.heading.text()
    assert window.undo_action.text().startswith("&Undo give the reason for the change to NI 16")
    window.undo_action.trigger()  # a reason is one undo step
    assert reasons_in_file(demo_path).get(("NI 16", "target_2010_11"), "") == ""
    window.redo_action.trigger()

    def freeze(dialog: FreezeDialog) -> bool:
        return dialog.attempt("Refresh 2009") is None

    monkeypatch.setattr(FreezeDialog, "ask", freeze)
    window.record_keeping.freeze.action.trigger()
    assert not session.snapshot().refresh_round.open
    assert "refresh round" not in window.windowTitle()
    assert not page.round.isVisible() and page.choices.isVisible()
    assert page.choices.start.currentText() == "Refresh 2009"
    window.record_keeping.sign_off_menu.aboutToShow.emit()
    assert start.action.text() == START_TEXT and start.action.isEnabled()


def test_a_round_needs_an_agreed_version_first(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(RefreshLabelDialog, "ask", classmethod(lambda cls, parent, suggestion: suggestion))
    monkeypatch.setattr(refresh_action.QMessageBox, "warning", lambda parent, title, text: told.append(text))
    assert window.record_keeping.refresh_round.start() is None
    assert told == [
        "kingsmere.laa has no agreed version to refresh from: freeze the signed agreement first "
        "(laadesk agree, or Sign-off > Freeze as Agreed...)."
    ]
